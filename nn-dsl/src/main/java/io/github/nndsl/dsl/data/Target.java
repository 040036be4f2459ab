package io.github.nndsl.dsl.data;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names the column of a CSV file that holds what a model should predict, and says how to read it:
 * as class labels ({@link #classes(String)}) or as a number ({@link #values(String)}).
 *
 * <pre>{@code
 * Dataset iris = Dataset.readCsv(Path.of("iris.csv"), Target.classes("class"));
 * Dataset houses = Dataset.readCsv(Path.of("houses.csv"), Target.values("price"));
 * }</pre>
 *
 * <p>Targets are values: two targets of the same kind and column are equal.
 *
 * @since 0.1.0
 */
public final class Target {

  private final String column;
  private final boolean classes;

  private Target(String column, boolean classes) {
    this.column = column;
    this.classes = classes;
  }

  /**
   * Reads {@code column} as class labels: each distinct label (a number or any text) is a class,
   * and a row's target is the one-hot row of its class, of shape {@code (rows, classes)}.
   *
   * <p>The classes are sorted numerically when every label is a number ({@code "2" < "10"}), else
   * as strings; {@link Dataset#classes()} lists them in that order, which is the order of the
   * target columns. Labels are compared as written: {@code "1"} and {@code "1.0"} are two classes.
   * An empty cell, {@code NA}, {@code N/A} or {@code null} is a missing label.
   *
   * <pre>{@code
   * Target.classes("label")   // labels 0..9 -> targets of shape (rows, 10)
   * }</pre>
   *
   * @param column the header name of the column, as written in the file
   * @return the target
   * @throws IllegalArgumentException if column is null
   * @since 0.1.0
   */
  public static Target classes(String column) {
    return new Target(checkColumn(column), true);
  }

  /**
   * Reads {@code column} as a number: the targets have shape {@code (rows, 1)}, for regression.
   *
   * <pre>{@code
   * Target.values("price")   // targets of shape (rows, 1)
   * }</pre>
   *
   * @param column the header name of the column, as written in the file
   * @return the target
   * @throws IllegalArgumentException if column is null
   * @since 0.1.0
   */
  public static Target values(String column) {
    return new Target(checkColumn(column), false);
  }

  private static String checkColumn(@Nullable String column) {
    if (column == null) {
      throw new IllegalArgumentException("column is null");
    }
    return column;
  }

  /**
   * Returns the name of the target column.
   *
   * @return the header name given to the factory
   * @since 0.1.0
   */
  public String column() {
    return column;
  }

  /**
   * Tells whether the column holds class labels ({@link #classes(String)}) rather than numbers.
   *
   * @return true for a classes target
   * @since 0.1.0
   */
  public boolean isClasses() {
    return classes;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Target
        && ((Target) other).classes == classes
        && ((Target) other).column.equals(column);
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, classes);
  }

  /** Returns the factory call, such as {@code Target.classes("label")}. */
  @Override
  public String toString() {
    return "Target." + (classes ? "classes" : "values") + "(\"" + column + "\")";
  }
}
