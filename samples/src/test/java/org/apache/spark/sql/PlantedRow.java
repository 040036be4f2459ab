package org.apache.spark.sql;

/**
 * A stand-in for a Spark type in Spark's package, for a planted violation (see
 * io.github.nndsl.dsl.PlantedViolationsTest): nn-dsl's test class path has no Spark, by design.
 */
public final class PlantedRow {}
