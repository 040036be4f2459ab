/**
 * Immutable, fluent layer descriptors ({@code Layers}, {@code Sequential}) compiled into nn-core
 * networks.
 *
 * <p>Exports {@code io.github.nndsl.dsl} only; the compiler in {@code io.github.nndsl.dsl.internal}
 * is not API and is not exported. nn-core's types ({@code Network}, {@code Tensor}, ...) appear in
 * this module's API, so a module that requires this one reads nn-core too. At run time it needs
 * only Jackson's streaming core ({@code tools.jackson.core}, no dependencies of its own), which reads
 * and writes the JSON of model files and appears in no API.
 *
 * @since 0.1.0
 */
module io.github.nndsl.dsl {
  requires transitive io.github.nndsl.core;
  requires static transitive org.jspecify;
  requires tools.jackson.core;

  exports io.github.nndsl.dsl;
  exports io.github.nndsl.dsl.file;
}
