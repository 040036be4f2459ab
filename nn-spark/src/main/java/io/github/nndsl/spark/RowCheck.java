package io.github.nndsl.spark;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** The checks every training row passes before training starts: width, finite values, label range. */
final class RowCheck {

  /** Rows are quoted with at most this many values. */
  private static final int QUOTED = 8;

  private RowCheck() {}

  /**
   * What is wrong with a row, naming the column, or null if nothing is: the features must be
   * {@code inputs} finite values; the label finite, and a class index in [0, outputs) when the
   * model has more than one output.
   */
  static @Nullable String problem(
      double @Nullable [] features, double label, int inputs, int outputs, String featuresColumn,
      String labelColumn) {
    String problem = featuresProblem(features, inputs, featuresColumn, label);
    if (problem != null || features == null) {
      return problem;
    }
    if (!Double.isFinite(label)) {
      return "column '" + labelColumn + "' must be finite, but the row " + quote(features, label) + " has " + label;
    }
    if (outputs > 1 && (label < 0 || label >= outputs || label != Math.rint(label))) {
      return "column '" + labelColumn + "' must hold class indices 0.." + (outputs - 1) + " (the model's "
          + outputs + " outputs), but the row " + quote(features, label) + " has " + label;
    }
    return null;
  }

  /**
   * What is wrong with a row's features, or null; the row is quoted with its label unless the
   * label is NaN (scoring has none).
   */
  static @Nullable String featuresProblem(double @Nullable [] features, int inputs, String column, double label) {
    if (features == null) {
      return "column '" + column + "' must not be null, but a row holds null";
    }
    if (features.length != inputs) {
      return "column '" + column + "' must hold " + inputs + " values (the model's inputs), but the row "
          + quote(features, label) + " has " + features.length;
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        return "column '" + column + "' must hold finite values, but value " + i + " of the row "
            + quote(features, label) + " is " + features[i];
      }
    }
    return null;
  }

  /** A row as {@code [1.0, 2.0, ...] label 1.0}, its features cut after {@link #QUOTED} values. */
  static String quote(double[] features, double label) {
    String values = features.length <= QUOTED
        ? Arrays.toString(features)
        : Arrays.toString(Arrays.copyOf(features, QUOTED)).replace("]", ", ... (" + features.length + " values)]");
    return Double.isNaN(label) ? values : values + " label " + label;
  }
}
