package io.github.nndsl.dsl;

/**
 * Describes the rectifier activation, created by {@link Layers#relu()} and printed as {@code ReLU}.
 *
 * <p>Applies {@code max(0, x)} to every element. It has no parameters and keeps the width of its
 * input.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), relu(), linear(4, 1));
 * relu().toString();   // "ReLU"
 * }</pre>
 *
 * @since 0.1.0
 */
public record Relu() implements Layer {

  /**
   * Returns the factory-call form, {@code ReLU}.
   *
   * @return {@code "ReLU"}
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "ReLU";
  }
}
