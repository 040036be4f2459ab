package io.github.nndsl.samples;

import io.github.nndsl.dsl.internal.NetworkCompiler;

/** A planted violation (see PlantedViolationsTest): code outside nn-dsl using its compiler. */
final class PlantedSampleUsesTheCompiler {
  static String name() {
    return NetworkCompiler.class.getName();
  }
}
