package io.github.nndsl.spark;

import io.github.nndsl.core.internal.Plan;

/** A planted violation (see SparkBoundariesTest): Spark code reaching into nn-core's plan. */
final class PlantedSparkUsesThePlan {
  static int inputs(Plan plan) {
    return plan.inputs();
  }
}
