package io.github.nndsl.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Central finite-difference gradient checks: the oracle for anyone writing a new layer, loss or
 * kernel. {@code (f(x + eps) - f(x - eps)) / (2 eps)} per element, compared with the analytic
 * gradient by the relative error {@code |a - n| / max(1, |a|, |n|)}.
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.check(net, x, y, Losses.mse());
 * assert r.maxError() < 1e-6 : r;
 *
 * Tensor numeric = GradientCheck.numericGradient(t -> myLoss(t), input, 1e-5);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GradientCheck {

  /** The step used when none is given: 1e-5, the exercise series' choice. */
  public static final double DEFAULT_EPSILON = 1e-5;

  private GradientCheck() {}

  /**
   * Estimates the gradient of a scalar function by central differences, perturbing each element of
   * {@code at} in turn (and putting it back).
   *
   * @param f the function; it may read {@code at} but must not keep or modify it
   * @param at the point, modified temporarily and restored exactly
   * @param epsilon the step, finite and positive
   * @return a new tensor of at's shape
   * @throws IllegalArgumentException if an argument is null or epsilon is not positive and finite
   * @since 0.1.0
   */
  public static Tensor numericGradient(ToDoubleFunction<Tensor> f, Tensor at, double epsilon) {
    Checks.notNull(f, "f");
    Checks.notNull(at, "at");
    if (!(epsilon > 0.0) || epsilon == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("epsilon must be finite and positive, but was " + epsilon);
    }
    Tensor grad = Tensor.zeros(at.shape());
    for (int i = 0; i < at.size(); i++) {
      double saved = at.get(i);
      at.set(i, saved + epsilon);
      double plus = f.applyAsDouble(at);
      at.set(i, saved - epsilon);
      double minus = f.applyAsDouble(at);
      at.set(i, saved);
      grad.set(i, (plus - minus) / (2 * epsilon));
    }
    return grad;
  }

  /**
   * Checks every parameter gradient of a network (backpropagation through {@link
   * Network#computeGradients}) against central differences of the loss.
   *
   * @param network the network; its parameters are perturbed and restored exactly
   * @param x the inputs, shape (batch, inputs)
   * @param y the targets, shape (batch, outputs)
   * @param loss the loss
   * @return the largest relative error, overall and per parameter
   * @throws IllegalArgumentException if a shape does not fit
   * @since 0.1.0
   */
  public static Result check(Network network, Tensor x, Tensor y, Loss loss) {
    Checks.notNull(network, "network");
    network.computeGradients(x, y, loss);
    ParameterStore store = network.parameters();
    double[] analytic = store.gradientSnapshot();
    Map<String, Double> errors = new LinkedHashMap<>();
    double worst = 0;
    int offset = 0;
    for (String name : store.names()) {
      Tensor p = store.get(name);
      Tensor numeric = numericGradient(t -> network.computeGradients(x, y, loss), p, DEFAULT_EPSILON);
      double max = 0;
      for (int i = 0; i < p.size(); i++) {
        double a = analytic[offset + i];
        double n = numeric.get(i);
        max = Math.max(max, Math.abs(a - n) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(n))));
      }
      errors.put(name, max);
      worst = Math.max(worst, max);
      offset += p.size();
    }
    network.computeGradients(x, y, loss); // leave the analytic gradients in the store
    return new Result(worst, Map.copyOf(errors));
  }

  /**
   * The outcome of {@link #check}: the largest relative error, and the largest per parameter.
   *
   * @param maxError the largest relative error over all parameters
   * @param errors the largest relative error of each parameter, by name
   * @since 0.1.0
   */
  public record Result(double maxError, Map<String, Double> errors) {}
}
