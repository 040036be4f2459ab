package io.github.nndsl.dsl;


import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Rules across both modules: the direction of dependencies, internals, and immutable descriptors. */
@AnalyzeClasses(packages = "io.github.nndsl", importOptions = ImportOption.DoNotIncludeTests.class)
class BoundariesTest {

  @ArchTest
  static final ArchRule core_never_uses_the_dsl =
      noClasses().that().resideInAPackage("io.github.nndsl.core..")
          .should().dependOnClassesThat().resideInAPackage("io.github.nndsl.dsl..")
          .because("nn-dsl depends on nn-core, never the reverse");

  @ArchTest
  static final ArchRule core_internals_are_used_only_inside_core =
      classes().that().resideInAPackage("io.github.nndsl.core.internal..")
          .should().onlyBeAccessed().byAnyPackage("io.github.nndsl.core..")
          .because("internal packages carry no stability promise outside their module");

  @ArchTest
  static final ArchRule dsl_internals_are_used_only_inside_the_dsl =
      classes().that().resideInAPackage("io.github.nndsl.dsl.internal..")
          .should().onlyBeAccessed().byAnyPackage("io.github.nndsl.dsl..")
          .because("internal packages carry no stability promise outside their module");

  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("io.github.nndsl.(**)").should().beFreeOfCycles();

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
