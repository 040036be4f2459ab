package io.github.nndsl.core.metric;

import io.github.nndsl.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures predictions against targets, with scikit-learn's definitions and conventions, so the
 * numbers can be compared with a Python run.
 *
 * <p><b>Classification.</b> Predictions and targets have shape {@code (rows, k)}: with {@code k > 1}
 * columns (scores, logits or probabilities; one-hot targets) a row's class is its argmax, the first
 * largest column winning as in NumPy's {@code argmax}; with one column (a probability), the
 * predicted class is 1 when the prediction is {@code >= 0.5}, and the target must be 0 or 1. There
 * are then {@code k} classes, or 2 for one column, all of them reported even when a class appears
 * in neither targets nor predictions (scikit-learn with {@code labels=range(k)}). A precision or
 * recall whose denominator is 0 is 0, and so is the F1 of a class whose precision and recall are
 * both 0: scikit-learn's {@code zero_division=0} (its default {@code "warn"} gives the same numbers
 * and a warning).
 *
 * <p><b>Regression.</b> Predictions and targets have shape {@code (rows, k)} or {@code (rows,)};
 * with several columns each metric is computed per column and then averaged, as scikit-learn's
 * {@code multioutput="uniform_average"}.
 *
 * <pre>{@code
 * Tensor p = net.predict(test.features());
 * double acc = Metrics.accuracy(p, test.targets());
 * int[][] cm = Metrics.confusionMatrix(p, test.targets());   // cm[actual][predicted]
 * System.out.println(Metrics.classificationReport(p, test.targets(), test.classes()));
 * }</pre>
 *
 * <p>Every method checks its arguments first: not null, the same shape, rank 1 or 2, at least one
 * row and one column, finite values; otherwise {@link IllegalArgumentException} naming the
 * argument, and for a bad value its row and column.
 *
 * @since 0.1.0
 */
public final class Metrics {

  private Metrics() {}

  /**
   * Returns the fraction of rows whose predicted class is the actual class, as scikit-learn's
   * {@code accuracy_score(argmax(targets), argmax(predictions))}.
   *
   * <pre>{@code
   * Metrics.accuracy(Tensor.of(new double[][] {{0.9, 0.1}, {0.2, 0.8}}),
   *                  Tensor.of(new double[][] {{1, 0}, {1, 0}}));   // 0.5
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape: one-hot rows, or 0/1 for one column
   * @return a value in [0, 1]
   * @throws IllegalArgumentException if the arguments are invalid (see the class comment)
   * @since 0.1.0
   */
  public static double accuracy(Tensor predictions, Tensor targets) {
    Inputs in = Inputs.of(predictions, targets);
    int[] actual = in.actualClasses();
    int[] predicted = in.predictedClasses();
    int right = 0;
    for (int r = 0; r < in.rows; r++) {
      if (actual[r] == predicted[r]) {
        right++;
      }
    }
    return (double) right / in.rows;
  }

  /**
   * Counts the rows of each (actual, predicted) pair of classes, as scikit-learn's {@code
   * confusion_matrix(y_true, y_pred, labels=range(k))}: {@code m[a][p]} rows of class {@code a}
   * were predicted as {@code p}, so the diagonal holds the right answers.
   *
   * <pre>{@code
   * int[][] m = Metrics.confusionMatrix(p, y);
   * m[3][5];   // rows of class 3 predicted as 5
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return a new {@code k x k} matrix (2 x 2 for one column), {@code [actual][predicted]}
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static int[][] confusionMatrix(Tensor predictions, Tensor targets) {
    Inputs in = Inputs.of(predictions, targets);
    return Counts.of(in).matrix();
  }

  /**
   * Returns each class's precision, {@code tp / (tp + fp)}: of the rows predicted as the class, the
   * share that are; 0 for a class never predicted.
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return one value per class, in class order
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double[] precision(Tensor predictions, Tensor targets) {
    return Counts.of(Inputs.of(predictions, targets)).precision();
  }

  /**
   * Returns each class's recall, {@code tp / (tp + fn)}: of the rows of the class, the share
   * predicted as it; 0 for a class with no rows.
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return one value per class, in class order
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double[] recall(Tensor predictions, Tensor targets) {
    return Counts.of(Inputs.of(predictions, targets)).recall();
  }

  /**
   * Returns each class's F1 score, {@code 2 * precision * recall / (precision + recall)}, 0 when
   * both are 0.
   *
   * <pre>{@code
   * double[] f1 = Metrics.f1(p, y);   // f1[c] for class c
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return one value per class, in class order
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double[] f1(Tensor predictions, Tensor targets) {
    return Counts.of(Inputs.of(predictions, targets)).f1();
  }

  /**
   * Returns the unweighted mean of the per-class precisions (scikit-learn's {@code
   * average="macro"}).
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return a value in [0, 1]
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double macroPrecision(Tensor predictions, Tensor targets) {
    return Counts.mean(precision(predictions, targets));
  }

  /**
   * Returns the unweighted mean of the per-class recalls (scikit-learn's {@code average="macro"}).
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return a value in [0, 1]
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double macroRecall(Tensor predictions, Tensor targets) {
    return Counts.mean(recall(predictions, targets));
  }

  /**
   * Returns the unweighted mean of the per-class F1 scores (scikit-learn's {@code
   * f1_score(average="macro")}; not the F1 of the macro precision and recall).
   *
   * <pre>{@code
   * double macro = Metrics.macroF1(p, y);
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return a value in [0, 1]
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double macroF1(Tensor predictions, Tensor targets) {
    return Counts.mean(f1(predictions, targets));
  }

  /**
   * Returns the root-mean-square error, {@code sqrt(mean((p - t)^2))}, per column and averaged
   * over the columns (scikit-learn's {@code mean_squared_error(squared=False)}).
   *
   * <pre>{@code
   * Metrics.rmse(Tensor.vector(1, 2), Tensor.vector(1, 4));   // sqrt(2)
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)} or {@code (rows,)}
   * @param targets the same shape
   * @return a non-negative value
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double rmse(Tensor predictions, Tensor targets) {
    Inputs in = Inputs.of(predictions, targets);
    double total = 0.0;
    for (int c = 0; c < in.cols; c++) {
      double sum = 0.0;
      for (int r = 0; r < in.rows; r++) {
        double d = in.predictions[r * in.cols + c] - in.targets[r * in.cols + c];
        sum += d * d;
      }
      total += Math.sqrt(sum / in.rows);
    }
    return total / in.cols;
  }

  /**
   * Returns the mean absolute error, {@code mean(|p - t|)}, per column and averaged over the
   * columns (scikit-learn's {@code mean_absolute_error}).
   *
   * @param predictions shape {@code (rows, k)} or {@code (rows,)}
   * @param targets the same shape
   * @return a non-negative value
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static double mae(Tensor predictions, Tensor targets) {
    Inputs in = Inputs.of(predictions, targets);
    double total = 0.0;
    for (int c = 0; c < in.cols; c++) {
      double sum = 0.0;
      for (int r = 0; r < in.rows; r++) {
        sum += Math.abs(in.predictions[r * in.cols + c] - in.targets[r * in.cols + c]);
      }
      total += sum / in.rows;
    }
    return total / in.cols;
  }

  /**
   * Returns the coefficient of determination R², {@code 1 - sum((t - p)^2) / sum((t - mean(t))^2)},
   * per column and averaged, as scikit-learn's {@code r2_score}: for a constant target column
   * (denominator 0) it is 1 when the predictions are exact and 0 otherwise.
   *
   * <pre>{@code
   * Metrics.r2(Tensor.vector(1, 2, 3), Tensor.vector(1, 2, 4));   // 1 - 1 / 4.667 = 0.7857...
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)} or {@code (rows,)}, at least two rows
   * @param targets the same shape
   * @return at most 1; negative for predictions worse than the mean
   * @throws IllegalArgumentException if the arguments are invalid or there is one row (R² is not
   *     defined for one sample)
   * @since 0.1.0
   */
  public static double r2(Tensor predictions, Tensor targets) {
    Inputs in = Inputs.of(predictions, targets);
    if (in.rows < 2) {
      throw new IllegalArgumentException("r2 needs at least two rows, but predictions have 1");
    }
    double total = 0.0;
    for (int c = 0; c < in.cols; c++) {
      double mean = 0.0;
      for (int r = 0; r < in.rows; r++) {
        mean += in.targets[r * in.cols + c];
      }
      mean /= in.rows;
      double residual = 0.0;
      double spread = 0.0;
      for (int r = 0; r < in.rows; r++) {
        double t = in.targets[r * in.cols + c];
        double d = t - in.predictions[r * in.cols + c];
        residual += d * d;
        spread += (t - mean) * (t - mean);
      }
      if (residual == 0.0) {
        total += 1.0;
      } else if (spread != 0.0) {
        total += 1.0 - residual / spread;
      }
    }
    return total / in.cols;
  }

  /**
   * Returns a text report of precision, recall, F1 and support per class, then accuracy and the
   * macro and support-weighted averages, laid out exactly as scikit-learn's {@code
   * classification_report(y_true, y_pred, labels=range(k), digits=2, zero_division=0)}; classes
   * are named {@code 0, 1, ...}.
   *
   * <pre>{@code
   * System.out.println(Metrics.classificationReport(p, y));
   * //               precision    recall  f1-score   support
   * //
   * //            0       1.00      0.67      0.80         3
   * //            1       0.50      1.00      0.67         1
   * //
   * //     accuracy                           0.75         4
   * //    macro avg       0.75      0.83      0.73         4
   * // weighted avg       0.88      0.75      0.77         4
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @return the report, lines ending in {@code \n}
   * @throws IllegalArgumentException if the arguments are invalid
   * @since 0.1.0
   */
  public static String classificationReport(Tensor predictions, Tensor targets) {
    Inputs in = Inputs.of(predictions, targets);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < in.classes(); c++) {
      names.add(Integer.toString(c));
    }
    return Report.of(Counts.of(in), names);
  }

  /**
   * Returns the report of {@link #classificationReport(Tensor, Tensor)} with the classes named, as
   * scikit-learn's {@code target_names}.
   *
   * <pre>{@code
   * Metrics.classificationReport(p, test.targets(), test.classes());
   * }</pre>
   *
   * @param predictions shape {@code (rows, k)}, or one column of probabilities
   * @param targets the same shape
   * @param classNames one name per class, in class order
   * @return the report, lines ending in {@code \n}
   * @throws IllegalArgumentException if the arguments are invalid or classNames is null, holds null
   *     or does not have one name per class
   * @since 0.1.0
   */
  public static String classificationReport(Tensor predictions, Tensor targets, List<String> classNames) {
    Inputs in = Inputs.of(predictions, targets);
    Inputs.notNull(classNames, "classNames");
    if (classNames.size() != in.classes()) {
      throw new IllegalArgumentException(
          "classNames must hold one name per class (" + in.classes() + "), but holds " + classNames.size());
    }
    for (int i = 0; i < classNames.size(); i++) {
      Inputs.notNull(classNames.get(i), "classNames[" + i + "]");
    }
    return Report.of(Counts.of(in), classNames);
  }
}
