package io.github.nndsl.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's boundaries inside nn-core: its kernels stay plain and it never prints. That nn-core
 * never uses nn-dsl is checked in the samples module's BoundariesTest, which sees every module's classes.
 */
@AnalyzeClasses(packages = "io.github.nndsl.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule kernels_use_no_vavr_and_no_boxing =
      noClasses().that().resideInAPackage("io.github.nndsl.core.internal..")
          // the Vector API spells its element type VectorSpecies<Double> (<Float>): a type argument, no boxing
          .and().doNotHaveSimpleName("VectorMatMul")
          .and().doNotHaveSimpleName("FloatVectorMatMul")
          .should().dependOnClassesThat().resideInAPackage("io.vavr..")
          .orShould().dependOnClassesThat().haveFullyQualifiedName(Double.class.getName())
          .orShould().dependOnClassesThat().haveFullyQualifiedName(Integer.class.getName())
          .orShould().dependOnClassesThat().haveFullyQualifiedName(Long.class.getName())
          .orShould().dependOnClassesThat().haveFullyQualifiedName(Float.class.getName())
          .orShould().dependOnClassesThat().haveFullyQualifiedName(Boolean.class.getName())
          .because("hot loops work on primitive arrays: no allocation, no indirection");

  @ArchTest
  static final ArchRule kernels_do_not_reach_back_into_the_api =
      noClasses().that().resideInAPackage("io.github.nndsl.core.internal..")
          .should().dependOnClassesThat().resideInAPackage("io.github.nndsl.core")
          .because("kernels are the bottom layer: flat arrays in, flat arrays out");

  @ArchTest
  static final ArchRule packages_are_free_of_cycles =
      slices().matching("io.github.nndsl.core.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule library_code_does_not_print =
      NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because("a library reports through return values and exceptions");
}
