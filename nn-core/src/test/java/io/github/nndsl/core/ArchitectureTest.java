package io.github.nndsl.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

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
          .orShould(useWrapperClassesOnlyForBitConversions())
          .because("hot loops work on primitive arrays: no allocation, no indirection");

  private static final Set<String> WRAPPERS = Set.of(Double.class.getName(), Integer.class.getName(),
      Long.class.getName(), Float.class.getName(), Boolean.class.getName());

  /**
   * The static conversions between a floating-point value and its bits allocate nothing and are
   * intrinsics (ReLU's backward builds its factor from the bits); any other use of a wrapper class
   * (a field, a parameter, valueOf, doubleValue, ...) is boxing or invites it.
   */
  private static final Set<String> BIT_CONVERSIONS = Set.of(
      "calls method <java.lang.Double.doubleToRawLongBits(double)>",
      "calls method <java.lang.Double.longBitsToDouble(long)>",
      "calls method <java.lang.Float.floatToRawIntBits(float)>",
      "calls method <java.lang.Float.intBitsToFloat(int)>");

  private static ArchCondition<JavaClass> useWrapperClassesOnlyForBitConversions() {
    return new ArchCondition<>("depend on wrapper classes (Double, Integer, Long, Float, Boolean) other than"
        + " through their static bit conversions") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (Dependency d : type.getDirectDependenciesFromSelf()) {
          String description = d.getDescription();
          if (WRAPPERS.contains(d.getTargetClass().getName())
              && BIT_CONVERSIONS.stream().noneMatch(description::contains)) {
            events.add(SimpleConditionEvent.satisfied(d, description));
          }
        }
      }
    };
  }

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
