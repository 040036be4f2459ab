/**
 * The nn-dsl engine: tensors, the functional operations, the network and its parameter store,
 * losses and optimisers ({@code io.github.nndsl.core}); NumPy's random generator ({@code
 * io.github.nndsl.core.random}); the trainer, its history, listeners and diagnostics ({@code
 * io.github.nndsl.core.train}).
 *
 * <p>{@code io.github.nndsl.core.metric} holds the metrics. The plan, the kernels and the bridge
 * between the packages in {@code io.github.nndsl.core.internal} are not API and are not exported.
 * The JSpecify annotations are needed to compile against this
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
  exports io.github.nndsl.core.random;
  exports io.github.nndsl.core.train;
  exports io.github.nndsl.core.metric;
}
