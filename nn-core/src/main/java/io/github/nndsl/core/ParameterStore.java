package io.github.nndsl.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All parameters of a {@link Network} in one contiguous {@code double[]}, all their gradients in
 * another of the same layout, with a named {@link Tensor} view on each parameter.
 *
 * <p>Names follow PyTorch's {@code Sequential}: {@code "<layer index>.weight"} and {@code "<layer
 * index>.bias"}, the index counting every layer (activations too), so a Linear-ReLU-Linear network
 * has {@code 0.weight, 0.bias, 2.weight, 2.bias}. The views write through: setting an element of
 * {@code get("0.weight")} changes the network. One flat array makes an optimiser step a single loop.
 *
 * <pre>{@code
 * ParameterStore store = network.parameters();
 * Tensor w = store.get("0.weight");          // shape (in, out), a live view
 * double[] saved = store.snapshot();         // copy every value
 * store.restore(saved);                      // and put them back
 * }</pre>
 *
 * <p>Not thread-safe, like the network that owns it.
 *
 * @since 0.1.0
 */
public final class ParameterStore {

  private final double[] values;
  private final double[] gradients;
  private final Map<String, Tensor> valueViews;
  private final Map<String, Tensor> gradientViews;
  private final List<String> names;

  private ParameterStore(List<String> names, List<int[]> shapes) {
    int total = 0;
    for (int[] s : shapes) {
      total = Math.addExact(total, s.length == 1 ? s[0] : Math.multiplyExact(s[0], s[1]));
    }
    this.values = new double[total];
    this.gradients = new double[total];
    this.valueViews = new LinkedHashMap<>();
    this.gradientViews = new LinkedHashMap<>();
    int offset = 0;
    for (int i = 0; i < names.size(); i++) {
      Tensor v = Tensor.view(values, offset, shapes.get(i));
      valueViews.put(names.get(i), v);
      gradientViews.put(names.get(i), Tensor.view(gradients, offset, shapes.get(i)));
      offset += v.size();
    }
    this.names = Collections.unmodifiableList(new ArrayList<>(names));
  }

  /** Collects named shapes in order; package-private: only networks create stores. */
  static final class Layout {
    private final List<String> names = new ArrayList<>();
    private final List<int[]> shapes = new ArrayList<>();

    /** Reserves a parameter and returns its offset in the flat arrays. */
    int add(String name, int... shape) {
      int offset = 0;
      for (int[] s : shapes) {
        offset += s.length == 1 ? s[0] : s[0] * s[1];
      }
      names.add(name);
      shapes.add(shape.clone());
      return offset;
    }

    ParameterStore build() {
      return new ParameterStore(names, shapes);
    }
  }

  /**
   * Returns the total number of scalar parameters.
   *
   * @return the length of the flat arrays
   * @since 0.1.0
   */
  public int size() {
    return values.length;
  }

  /**
   * Returns the parameter names in storage order.
   *
   * @return an unmodifiable list, for example {@code [0.weight, 0.bias, 2.weight, 2.bias]}
   * @since 0.1.0
   */
  public List<String> names() {
    return names;
  }

  /**
   * Tells whether a parameter of this name exists.
   *
   * @param name a parameter name
   * @return true if {@link #get(String)} would succeed
   * @since 0.1.0
   */
  public boolean contains(String name) {
    return valueViews.containsKey(name);
  }

  /**
   * Returns a live view on one parameter: reads see the current values, writes change the network.
   *
   * @param name for example {@code "0.weight"}
   * @return the view; the same object on every call
   * @throws IllegalArgumentException if there is no such parameter
   * @since 0.1.0
   */
  public Tensor get(String name) {
    return lookup(valueViews, name);
  }

  /**
   * Returns a live view on the gradient of one parameter, as the last backward pass left it.
   *
   * @param name for example {@code "0.weight"}
   * @return the view; the same object on every call
   * @throws IllegalArgumentException if there is no such parameter
   * @since 0.1.0
   */
  public Tensor gradient(String name) {
    return lookup(gradientViews, name);
  }

  private Tensor lookup(Map<String, Tensor> views, String name) {
    Checks.notNull(name, "name");
    Tensor t = views.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; the parameters are " + names);
    }
    return t;
  }

  /**
   * Returns a copy of every parameter value, in storage order.
   *
   * @return a new array of length {@link #size()}
   * @since 0.1.0
   */
  public double[] snapshot() {
    return values.clone();
  }

  /**
   * Returns a copy of every gradient, in storage order.
   *
   * @return a new array of length {@link #size()}
   * @since 0.1.0
   */
  public double[] gradientSnapshot() {
    return gradients.clone();
  }

  /**
   * Overwrites every parameter value with a snapshot taken from a store of the same layout.
   *
   * @param snapshot the values, of length {@link #size()}
   * @throws IllegalArgumentException if the length differs (nothing is changed then)
   * @since 0.1.0
   */
  public void restore(double[] snapshot) {
    Checks.notNull(snapshot, "snapshot");
    if (snapshot.length != values.length) {
      throw new IllegalArgumentException(
          "snapshot must have " + values.length + " values, but has " + snapshot.length);
    }
    System.arraycopy(snapshot, 0, values, 0, values.length);
  }

  double[] values() {
    return values;
  }

  double[] gradients() {
    return gradients;
  }

  /**
   * Lists the parameters with their shapes, for example {@code ParameterStore(0.weight (2, 4), 0.bias (4,))}.
   *
   * @return a readable description
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ParameterStore(");
    int i = 0;
    for (Map.Entry<String, Tensor> e : valueViews.entrySet()) {
      sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().shapeString());
    }
    return sb.append(')').toString();
  }
}
