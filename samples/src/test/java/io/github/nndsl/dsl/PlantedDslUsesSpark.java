package io.github.nndsl.dsl;

import org.apache.spark.sql.PlantedRow;

/** A planted violation (see PlantedViolationsTest): the DSL using a Spark type. */
final class PlantedDslUsesSpark {
  static PlantedRow row() {
    return new PlantedRow();
  }
}
