package io.github.nndsl.dsl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Every dependency rule of {@link BoundariesTest} seen failing: the rule is evaluated on the
 * production classes (it holds) and on those classes plus the planted violations of the test tree,
 * the classes named {@code Planted...} (it fails, naming the planted class). A rule that cannot
 * fail would pass here twice.
 */
class PlantedViolationsTest {

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(new ImportOption.DoNotIncludeTests())
      .importPackages("io.github.nndsl");

  private static final JavaClasses PLANTED = new ClassFileImporter()
      .withImportOption(location -> new ImportOption.DoNotIncludeTests().includes(location)
          || location.contains("/Planted"))
      .importPackages("io.github.nndsl", "org.apache.spark");

  private static void failsOnlyWithThePlant(ArchRule rule, String planted) {
    assertFalse(rule.evaluate(PRODUCTION).hasViolation(), () -> rule.evaluate(PRODUCTION).getFailureReport().toString());
    EvaluationResult result = rule.evaluate(PLANTED);
    assertTrue(result.hasViolation(), () -> "no violation of: " + rule.getDescription());
    String report = result.getFailureReport().toString();
    assertTrue(report.contains(planted), report);
  }

  @Test
  void anEngineClassUsingTheTrainerBreaksTheEngineRule() {
    failsOnlyWithThePlant(BoundariesTest.the_engine_depends_on_no_other_package_but_its_internals,
        "PlantedEngineUsesTheTrainer");
  }

  @Test
  void anEngineClassUsingTheTrainerMakesACycle() {
    failsOnlyWithThePlant(BoundariesTest.no_package_cycles, "PlantedEngineUsesTheTrainer");
  }

  @Test
  void aDslClassUsingTheEnginesPlanBreaksTheCoreInternalsRule() {
    failsOnlyWithThePlant(BoundariesTest.core_internals_are_used_only_inside_core, "PlantedDslUsesThePlan");
  }

  @Test
  void aSampleUsingTheCompilerBreaksTheDslInternalsRule() {
    failsOnlyWithThePlant(BoundariesTest.dsl_internals_are_used_only_inside_the_dsl, "PlantedSampleUsesTheCompiler");
  }

  @Test
  void anEngineClassUsingJunitBreaksTheDependencyFreeRule() {
    failsOnlyWithThePlant(BoundariesTest.nn_core_depends_on_nothing_but_the_jdk_and_jspecify,
        "PlantedRandomUsesJunit");
  }

  @Test
  void aDslClassUsingSparkBreaksTheNoSparkRule() {
    failsOnlyWithThePlant(BoundariesTest.nn_dsl_never_uses_spark, "PlantedDslUsesSpark");
  }

  @Test
  void theEngineUsingTheDslBreaksTheDirection() {
    failsOnlyWithThePlant(BoundariesTest.core_never_uses_the_dsl, "PlantedRandomUsesJunit");
  }
}
