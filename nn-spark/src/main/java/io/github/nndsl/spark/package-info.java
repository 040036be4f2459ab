/**
 * nn-dsl models trained and scored on Apache Spark: {@link io.github.nndsl.spark.SparkTrainer}
 * (deterministic, data-parallel training whose result does not depend on partitioning or row
 * order), {@link io.github.nndsl.spark.SparkPredict} (batch scoring) and a Spark ML {@code
 * Estimator}/{@code Model} pair for pipelines.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.nndsl.spark;

import org.jspecify.annotations.NullMarked;
