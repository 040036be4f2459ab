/**
 * Metrics: how good a model's predictions are, computed as scikit-learn computes them
 * ({@link Metrics}: accuracy, confusion matrix, precision, recall, F1, RMSE, MAE, R², a printable
 * classification report).
 *
 * <pre>{@code
 * double acc = Metrics.accuracy(net.predict(x), y);
 * System.out.println(Metrics.classificationReport(net.predict(x), y));
 * }</pre>
 */
@NullMarked
package io.github.nndsl.core.metric;

import org.jspecify.annotations.NullMarked;
