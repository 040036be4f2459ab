package io.github.nndsl.dsl;


import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "io.github.nndsl.dsl",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dsl_uses_only_the_public_api_of_core =
      noClasses()
          .that()
          .resideInAPackage("io.github.nndsl.dsl..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.github.nndsl.core.internal..")
          .because("nn-core's internal package carries no stability promise");

  @ArchTest
  static final ArchRule only_sequential_and_lowering_reach_the_compiler =
      noClasses()
          .that()
          .resideInAPackage("io.github.nndsl.dsl")
          .and()
          .doNotHaveSimpleName("Sequential")
          .and()
          .doNotHaveSimpleName("Lowering")
          .should()
          .dependOnClassesThat()
          .haveSimpleNameStartingWith("NetworkCompiler")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleNameStartingWith("LayerPlan")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleNameStartingWith("InitPlan")
          .because(
              "the descriptors are plain values; compile(seed) is the one way into the compiler");

  // the persistence classes use dsl.internal's JSON reader and atomic file writer, which are
  // infrastructure, not the compiler; the layer descriptors themselves stay free of internals
  @ArchTest
  static final ArchRule descriptors_do_not_use_internals =
      noClasses()
          .that()
          .implement(Layer.class)
          .or()
          .implement(Init.class)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.github.nndsl.dsl.internal..")
          .because("descriptors are plain values with no dependencies beyond the JDK");

  @ArchTest
  static final ArchRule the_compiler_never_sees_descriptors =
      noClasses()
          .that()
          .resideInAPackage("io.github.nndsl.dsl.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.github.nndsl.dsl")
          .because("it works on lowered plans, so dsl and dsl.internal form no cycle");

  @ArchTest
  static final ArchRule library_code_does_not_print =
      NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
          "a library reports through return values and exceptions");
}
