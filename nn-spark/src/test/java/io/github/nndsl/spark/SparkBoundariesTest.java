package io.github.nndsl.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * nn-spark is a thin distribution of the library's public API: it reaches neither module's
 * internals. Each rule holds on the production classes and fails on the planted {@code
 * PlantedSparkUsesThePlan} of the test tree.
 */
class SparkBoundariesTest {

  static final ArchRule spark_code_uses_no_internals =
      noClasses().that().resideInAPackage("io.github.nndsl.spark..")
          .should().dependOnClassesThat().resideInAnyPackage("io.github.nndsl.core.internal..",
              "io.github.nndsl.dsl.internal..")
          .because("internal packages carry no stability promise outside their module");

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(new ImportOption.DoNotIncludeTests())
      .importPackages("io.github.nndsl.spark");

  private static final JavaClasses PLANTED = new ClassFileImporter()
      .withImportOption(location -> new ImportOption.DoNotIncludeTests().includes(location)
          || location.contains("/Planted"))
      .importPackages("io.github.nndsl.spark");

  @Test
  void theSparkModuleReachesNoInternals() {
    assertFalse(spark_code_uses_no_internals.evaluate(PRODUCTION).hasViolation(),
        () -> spark_code_uses_no_internals.evaluate(PRODUCTION).getFailureReport().toString());
  }

  @Test
  void aPlantedUseOfThePlanBreaksTheRule() {
    String report = spark_code_uses_no_internals.evaluate(PLANTED).getFailureReport().toString();
    assertTrue(report.contains("PlantedSparkUsesThePlan"), report);
  }
}
