package io.github.nndsl.dsl;

import io.github.nndsl.core.internal.Plan;

/** A planted violation (see PlantedViolationsTest): the DSL reaching into nn-core's internals. */
final class PlantedDslUsesThePlan {
  static int inputs(Plan plan) {
    return plan.inputs();
  }
}
