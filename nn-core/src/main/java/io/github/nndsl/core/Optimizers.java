package io.github.nndsl.core;

import io.github.nndsl.core.internal.Elementwise;
import io.github.nndsl.core.internal.OptimizerState;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The optimisers: plain SGD (the exercise's), SGD with momentum (optionally Nesterov), Adam and
 * AdamW (Adam with decoupled weight decay). Hyper-parameters are checked here, when the optimiser
 * is created, not later in training. A trainer's learning-rate schedule changes the rate given
 * here from epoch to epoch (see {@code io.github.nndsl.core.train.Schedules}).
 *
 * <pre>{@code
 * Optimizers.sgd(0.5);                 // p -= lr * g
 * Optimizers.sgd(0.1, 0.9);            // PyTorch's SGD(momentum=0.9)
 * Optimizers.nesterov(0.1, 0.9);       // PyTorch's SGD(momentum=0.9, nesterov=True)
 * Optimizers.adam(1e-3);               // betas (0.9, 0.999), eps 1e-8
 * Optimizers.adamW(1e-3, 0.01);        // PyTorch's AdamW(lr=1e-3, weight_decay=0.01)
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Optimizers {

  private Optimizers() {}

  /**
   * Returns plain stochastic gradient descent: {@code p -= lr * g}, element for element as the
   * exercise's {@code sgd_step}.
   *
   * @param lr the learning rate, finite and non-negative (0 leaves the parameters unchanged)
   * @return the optimiser
   * @throws IllegalArgumentException if lr is negative, NaN or infinite
   * @since 0.1.0
   */
  public static Optimizer sgd(double lr) {
    return new Sgd(checkLearningRate(lr), 0.0, false);
  }

  /**
   * Returns SGD with momentum, as PyTorch's {@code SGD(lr, momentum)}: {@code v = momentum * v + g;
   * p -= lr * v}, v starting at zero.
   *
   * @param lr the learning rate, finite and non-negative
   * @param momentum in [0, 1)
   * @return the optimiser
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static Optimizer sgd(double lr, double momentum) {
    return new Sgd(checkLearningRate(lr), checkUnit(momentum, "momentum"), false);
  }

  /**
   * Returns SGD with Nesterov momentum, as PyTorch's {@code SGD(lr, momentum, nesterov=True)}:
   * {@code v = momentum * v + g; p -= lr * (g + momentum * v)}.
   *
   * @param lr the learning rate, finite and non-negative
   * @param momentum in [0, 1)
   * @return the optimiser
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static Optimizer nesterov(double lr, double momentum) {
    return new Sgd(checkLearningRate(lr), checkUnit(momentum, "momentum"), true);
  }

  /**
   * Returns Adam with the usual betas (0.9, 0.999) and epsilon 1e-8.
   *
   * @param lr the learning rate, finite and non-negative
   * @return the optimiser
   * @throws IllegalArgumentException if lr is out of range
   * @since 0.1.0
   * @see #adam(double, double, double, double)
   */
  public static Optimizer adam(double lr) {
    return adam(lr, 0.9, 0.999, 1e-8);
  }

  /**
   * Returns Adam (Kingma and Ba, Algorithm 1): at step t, {@code m = b1 m + (1 - b1) g; v = b2 v +
   * (1 - b2) g²; p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}, the powers kept as
   * running products.
   *
   * @param lr the learning rate, finite and non-negative
   * @param beta1 the first-moment decay, in [0, 1)
   * @param beta2 the second-moment decay, in [0, 1)
   * @param epsilon added to the denominator, finite and positive
   * @return the optimiser
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static Optimizer adam(double lr, double beta1, double beta2, double epsilon) {
    checkLearningRate(lr);
    checkUnit(beta1, "beta1");
    checkUnit(beta2, "beta2");
    checkEpsilon(epsilon);
    return Adam.create(lr, beta1, beta2, epsilon, 0.0, false);
  }

  /**
   * Returns AdamW as PyTorch's {@code AdamW(lr, weight_decay=weightDecay)}, with the usual betas
   * (0.9, 0.999) and epsilon 1e-8.
   *
   * <pre>{@code
   * Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adamW(1e-3, 0.01));
   * }</pre>
   *
   * @param lr the learning rate, finite and non-negative
   * @param weightDecay the decoupled decay per unit of learning rate, finite and non-negative
   * @return the optimiser
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   * @see #adamW(double, double, double, double, double)
   */
  public static Optimizer adamW(double lr, double weightDecay) {
    return adamW(lr, weightDecay, 0.9, 0.999, 1e-8);
  }

  /**
   * Returns AdamW (Loshchilov and Hutter), in the order of PyTorch's {@code AdamW}: at step t
   * the parameters first decay, {@code p *= 1 - lr * weightDecay}, then take {@link
   * #adam(double, double, double, double) Adam}'s step, with this library's arithmetic for it. The
   * decay is decoupled from the gradient: it never enters the moments. With a schedule, lr is the
   * epoch's rate in both places, as in PyTorch. {@code adamW(lr, 0)} trains bit for bit as
   * {@code adam(lr)} (the decay factor is exactly 1), though the two are different values: they
   * print, parse and compare as what they were made as.
   *
   * <p>Against PyTorch 1.13 in float64 the parameters agree bit for bit most of the time and
   * otherwise within a few ulps (measured: at most 3 over six steps): PyTorch computes Adam's
   * step as {@code p - (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)} with {@code b^t} a
   * power, where this library keeps the textbook form of {@link #adam(double, double, double,
   * double)} with running products (and so Adam's bits); the two round apart now and then.
   *
   * <pre>{@code
   * Optimizers.adamW(1e-3, 0.01, 0.9, 0.98, 1e-6);
   * }</pre>
   *
   * @param lr the learning rate, finite and non-negative
   * @param weightDecay the decoupled decay per unit of learning rate, finite and non-negative
   * @param beta1 the first-moment decay, in [0, 1)
   * @param beta2 the second-moment decay, in [0, 1)
   * @param epsilon added to the denominator, finite and positive
   * @return the optimiser
   * @throws IllegalArgumentException if an argument is out of range
   * @since 0.1.0
   */
  public static Optimizer adamW(double lr, double weightDecay, double beta1, double beta2, double epsilon) {
    checkLearningRate(lr);
    if (!(weightDecay >= 0.0) || weightDecay == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("weightDecay must be finite and non-negative, but was " + weightDecay);
    }
    checkUnit(beta1, "beta1");
    checkUnit(beta2, "beta2");
    checkEpsilon(epsilon);
    return Adam.create(lr, beta1, beta2, epsilon, weightDecay + 0.0, true);
  }

  private static void checkEpsilon(double epsilon) {
    if (!(epsilon > 0.0) || epsilon == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("epsilon must be finite and positive, but was " + epsilon);
    }
  }

  /** Compiled on first use: a program that never parses an optimiser does not pay for it. */
  private static final class Number {
    /** A double as {@link Double#toString(double)} writes it, or a plain decimal. */
    static final java.util.regex.Pattern PATTERN =
        java.util.regex.Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,20})?(E-?[0-9]{1,3})?");
  }

  /**
   * Returns the optimiser that prints as {@code description}: the inverse of {@code toString()}, so
   * a checkpoint can name its optimiser in text. Doubles print in a form that reads back as the
   * same bits, so {@code parse(o.toString()).equals(o)} for every optimiser.
   *
   * <pre>{@code
   * Optimizers.parse("adam(0.001, 0.9, 0.999, 1.0E-8)");   // Optimizers.adam(1e-3)
   * Optimizers.parse("sgd(0.5)");                          // Optimizers.sgd(0.5)
   * Optimizers.parse("adamW(0.001, 0.01)");                // Optimizers.adamW(1e-3, 0.01)
   * }</pre>
   *
   * @param description {@code sgd(lr)}, {@code sgd(lr, momentum)}, {@code nesterov(lr, momentum)}
   *     {@code adam(lr, beta1, beta2, epsilon)}, {@code adamW(lr, weightDecay)} or {@code adamW(lr,
   *     weightDecay, beta1, beta2, epsilon)}
   * @return the optimiser
   * @throws IllegalArgumentException if description is null, not of those forms, or has
   *     hyper-parameters out of range
   * @since 0.1.0
   */
  public static Optimizer parse(String description) {
    Checks.notNull(description, "description");
    int open = description.indexOf('(');
    if (open < 0 || !description.endsWith(")") || description.length() > 200) {
      throw new IllegalArgumentException(
          "description must look like sgd(lr), sgd(lr, momentum), nesterov(lr, momentum), adam(lr, beta1,"
              + " beta2, epsilon) or adamW(lr, weightDecay, beta1, beta2, epsilon), but was '"
              + shorten(description) + "'");
    }
    String name = description.substring(0, open);
    String[] parts = description.substring(open + 1, description.length() - 1).split(", ", -1);
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!Number.PATTERN.matcher(parts[i]).matches()) {
        throw new IllegalArgumentException(
            "description '" + shorten(description) + "' has '" + shorten(parts[i]) + "' where a number belongs");
      }
      v[i] = Double.parseDouble(parts[i]);
    }
    if (name.equals("sgd") && v.length == 1) {
      return sgd(v[0]);
    } else if (name.equals("sgd") && v.length == 2) {
      return sgd(v[0], v[1]);
    } else if (name.equals("nesterov") && v.length == 2) {
      return nesterov(v[0], v[1]);
    } else if (name.equals("adam") && v.length == 4) {
      return adam(v[0], v[1], v[2], v[3]);
    } else if (name.equals("adamW") && v.length == 2) {
      return adamW(v[0], v[1]);
    } else if (name.equals("adamW") && v.length == 5) {
      return adamW(v[0], v[1], v[2], v[3], v[4]);
    }
    throw new IllegalArgumentException(
        "description '" + shorten(description) + "' names no optimiser; expected sgd with 1 or 2 numbers,"
            + " nesterov with 2, adam with 4 or adamW with 2 or 5");
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  private static double checkLearningRate(double lr) {
    if (!(lr >= 0.0) || lr == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("lr must be finite and non-negative, but was " + lr);
    }
    return lr;
  }

  private static double checkUnit(double value, String name) {
    if (!(value >= 0.0 && value < 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), but was " + value);
    }
    return value + 0.0; // -0.0 becomes 0.0: equal optimisers print alike and parse back equal
  }

  private static final class Sgd extends Optimizer {
    private final double lr;
    private final double momentum;
    private final boolean nesterov;

    Sgd(double lr, double momentum, boolean nesterov) {
      this.lr = lr;
      this.momentum = momentum;
      this.nesterov = nesterov;
    }

    @Override
    OptimizerState newState(int size) {
      if (momentum == 0.0) {
        return new PlainState();
      }
      return MomentumState.create(this, size); // typed as State: plain SGD never loads the class
    }

    private final class PlainState extends OptimizerState {
      PlainState() {
        super(lr);
      }

      @Override
      public double fusedRate() {
        return rate;
      }

      @Override
      public void step(double[] p, double[] g) {
        double r = rate;
        for (int i = 0; i < p.length; i++) {
          p[i] -= r * g[i];
        }
      }

      @Override
      public double[] save() {
        return new double[0];
      }

      @Override
      public void load(double[] saved) {}
    }

    private final class MomentumState extends OptimizerState {
      private final double[] velocity;

      static OptimizerState create(Sgd sgd, int size) {
        return sgd.new MomentumState(size);
      }

      MomentumState(int size) {
        super(lr);
        velocity = new double[size];
      }

      @Override
      public void step(double[] p, double[] g) {
        double[] v = velocity;
        double lr = rate;
        if (nesterov) {
          for (int i = 0; i < p.length; i++) {
            double vi = momentum * v[i] + g[i];
            v[i] = vi;
            p[i] -= lr * (g[i] + momentum * vi);
          }
        } else {
          for (int i = 0; i < p.length; i++) {
            double vi = momentum * v[i] + g[i];
            v[i] = vi;
            p[i] -= lr * vi;
          }
        }
      }

      @Override
      public double[] save() {
        return velocity.clone();
      }

      @Override
      public void load(double[] saved) {
        System.arraycopy(saved, 0, velocity, 0, velocity.length);
      }
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Sgd
          && Double.compare(((Sgd) o).lr, lr) == 0
          && Double.compare(((Sgd) o).momentum, momentum) == 0
          && ((Sgd) o).nesterov == nesterov;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(new double[] {lr, momentum, nesterov ? 1 : 0});
    }

    @Override
    public String toString() {
      if (momentum == 0.0) {
        return "sgd(" + lr + ")";
      }
      return (nesterov ? "nesterov(" : "sgd(") + lr + ", " + momentum + ")";
    }
  }

  private static final class Adam extends Optimizer {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay; // 0 for Adam
    private final boolean decoupled; // AdamW: prints and compares as adamW, even with decay 0

    /**
     * Typed as Optimizer, so that verifying {@code Optimizers} does not load this class: a process
     * that never uses Adam never loads it (each class costs start-up time).
     */
    static Optimizer create(
        double lr, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
      return new Adam(lr, beta1, beta2, epsilon, weightDecay, decoupled);
    }

    private Adam(double lr, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
      this.lr = lr;
      this.beta1 = beta1;
      this.beta2 = beta2;
      this.epsilon = epsilon;
      this.weightDecay = weightDecay;
      this.decoupled = decoupled;
    }

    @Override
    OptimizerState newState(int size) {
      return new AdamState(size);
    }

    private final class AdamState extends OptimizerState {
      private final double[] m;
      private final double[] v;
      private double beta1Power = 1.0;
      private double beta2Power = 1.0;
      private long steps;

      AdamState(int size) {
        super(lr);
        m = new double[size];
        v = new double[size];
      }

      @Override
      public void step(double[] p, double[] g) {
        steps++;
        beta1Power *= beta1;
        beta2Power *= beta2;
        double c1 = 1.0 - beta1Power;
        double c2 = 1.0 - beta2Power;
        double lr = rate;
        // AdamW's decay first, as PyTorch's p.mul_(1 - lr * weight_decay); for Adam it is exactly
        // 1, and p * 1.0 is p, so one loop serves both with Adam's bits
        double decay = 1.0 - lr * weightDecay;
        Elementwise.adam(p, g, m, v, beta1, beta2, c1, c2, lr, decay, epsilon);
      }

      @Override
      public double[] save() {
        double[] out = new double[m.length * 2 + 3];
        System.arraycopy(m, 0, out, 0, m.length);
        System.arraycopy(v, 0, out, m.length, v.length);
        out[2 * m.length] = beta1Power;
        out[2 * m.length + 1] = beta2Power;
        out[2 * m.length + 2] = steps;
        return out;
      }

      @Override
      public void load(double[] saved) {
        System.arraycopy(saved, 0, m, 0, m.length);
        System.arraycopy(saved, m.length, v, 0, v.length);
        beta1Power = saved[2 * m.length];
        beta2Power = saved[2 * m.length + 1];
        steps = (long) saved[2 * m.length + 2];
      }
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Adam)) {
        return false;
      }
      Adam a = (Adam) o;
      return Double.compare(a.lr, lr) == 0
          && Double.compare(a.beta1, beta1) == 0
          && Double.compare(a.beta2, beta2) == 0
          && Double.compare(a.epsilon, epsilon) == 0
          && Double.compare(a.weightDecay, weightDecay) == 0
          && a.decoupled == decoupled;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(new double[] {lr, beta1, beta2, epsilon, weightDecay, decoupled ? 1 : 0});
    }

    @Override
    public String toString() {
      if (decoupled) {
        return "adamW(" + lr + ", " + weightDecay + ", " + beta1 + ", " + beta2 + ", " + epsilon + ")";
      }
      return "adam(" + lr + ", " + beta1 + ", " + beta2 + ", " + epsilon + ")";
    }
  }
}
