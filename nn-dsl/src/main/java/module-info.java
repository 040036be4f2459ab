/**
 * Immutable, fluent layer descriptors ({@code Layers}, {@code Sequential}) compiled into nn-core
 * networks.
 *
 * <p>Exports {@code io.github.nndsl.dsl} and {@code io.github.nndsl.dsl.file} only; the compiler in {@code io.github.nndsl.dsl.internal}
 * is not API and is not exported. nn-core's types ({@code Network}, {@code Tensor}, ...) appear in
 * this module's API, so a module that requires this one reads nn-core too. Vavr's {@code
 * Validation}, {@code Seq} and {@code Try} appear in the API as well ({@code Sequential.validate},
 * {@code ModelFile.tryLoad}), so Vavr is read transitively too; it needs nothing else at run time.
 *
 * @since 0.1.0
 */
module io.github.nndsl.dsl {
  requires transitive io.github.nndsl.core;
  requires static transitive org.jspecify;
  // Validation<Seq<String>, Sequential> and Try<ModelFile.Loaded> are in the API; io.vavr in turn
  // requires io.vavr.match (annotations only), which comes with it
  requires transitive io.vavr;

  exports io.github.nndsl.dsl;
  exports io.github.nndsl.dsl.file;
}
