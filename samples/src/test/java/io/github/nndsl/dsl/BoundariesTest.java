package io.github.nndsl.dsl;


import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Rules across the modules: the direction of dependencies, internals, and immutable descriptors.
 * They live in the samples module, whose tests see nn-core, nn-dsl and the samples on one class
 * path. {@link PlantedViolationsTest} shows each dependency rule failing on a planted violation.
 */
@AnalyzeClasses(packages = "io.github.nndsl", importOptions = ImportOption.DoNotIncludeTests.class)
class BoundariesTest {

  @ArchTest
  static final ArchRule the_engine_depends_on_no_other_package_but_its_internals =
      noClasses().that().resideInAPackage("io.github.nndsl.core")
          .should().dependOnClassesThat(resideInAPackage("io.github.nndsl..")
              .and(not(resideInAnyPackage("io.github.nndsl.core", "io.github.nndsl.core.internal"))))
          .because("the engine is the bottom of the flow: training, randomness, metrics and the DSL"
              + " build on it, never the reverse");

  @ArchTest
  static final ArchRule nn_core_depends_on_nothing_but_the_jdk_and_jspecify =
      classes().that().resideInAPackage("io.github.nndsl.core..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "io.github.nndsl.core..", "java..", "jdk.incubator.vector..", "org.jspecify..")
          .because("nn-core is a dependency-free engine that any JVM program can take");

  @ArchTest
  static final ArchRule nn_dsl_never_uses_spark =
      noClasses().that().resideInAnyPackage("io.github.nndsl.core..", "io.github.nndsl.dsl..")
          .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
          .because("only nn-spark sees Spark, as a provided dependency of that module alone");

  @ArchTest
  static final ArchRule core_never_uses_the_dsl =
      noClasses().that().resideInAPackage("io.github.nndsl.core..")
          .should().dependOnClassesThat().resideInAPackage("io.github.nndsl.dsl..")
          .because("nn-dsl depends on nn-core, never the reverse");

  @ArchTest
  // dependOn, not onlyBeAccessed: an access is a call or a field read, so a class literal or a
  // parameter type would slip through (PlantedSampleUsesTheCompiler did)
  static final ArchRule core_internals_are_used_only_inside_core =
      noClasses().that().resideOutsideOfPackage("io.github.nndsl.core..")
          .should().dependOnClassesThat().resideInAPackage("io.github.nndsl.core.internal..")
          .because("internal packages carry no stability promise outside their module");

  @ArchTest
  static final ArchRule dsl_internals_are_used_only_inside_the_dsl =
      noClasses().that().resideOutsideOfPackage("io.github.nndsl.dsl..")
          .should().dependOnClassesThat().resideInAPackage("io.github.nndsl.dsl.internal..")
          .because("internal packages carry no stability promise outside their module");

  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("io.github.nndsl.(**)").should().beFreeOfCycles()
          .because("each package is one stage of the flow, read and changed on its own");

  @ArchTest
  static final ArchRule layer_descriptors_are_records =
      classes().that().implement(Layer.class).should().beRecords()
          .because("descriptors are immutable values");

  @ArchTest
  static final ArchRule descriptor_fields_are_final =
      fields().that().areDeclaredInClassesThat().implement(Layer.class)
          .or().areDeclaredInClassesThat().implement(Init.class)
          .should().beFinal()
          .because("descriptors are immutable values, shareable between threads");
}
