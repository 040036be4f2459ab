/**
 * The nn-dsl engine: tensors, NumPy's random generator, the functional operations, the parameter
 * store, losses, optimisers and the trainer.
 *
 * <p>Exports {@code io.github.nndsl.core} and {@code io.github.nndsl.core.metric} (the metrics); the kernels in {@code io.github.nndsl.core.internal}
 * are not API and are not exported. The JSpecify annotations are needed to compile against this
 * module but not at run time, hence {@code requires static transitive}. The incubating Vector API
 * is not required: its kernel is loaded by name only when the JVM was started with {@code
 * --add-modules jdk.incubator.vector} (the module then reads it at run time); without it the
 * plain-loop kernels give the same bits.
 *
 * @since 0.1.0
 */
module io.github.nndsl.core {
  requires static transitive org.jspecify;

  exports io.github.nndsl.core;
  exports io.github.nndsl.core.metric;
}
