/**
 * Immutable, fluent layer descriptors ({@code Layers}, {@code Sequential}) compiled into nn-core
 * networks.
 *
 * <p>Exports {@code io.github.nndsl.dsl} and {@code io.github.nndsl.dsl.file}; the compiler and the
 * codecs in {@code io.github.nndsl.dsl.internal} are not API and are not exported. nn-core's types
 * ({@code Network}, {@code Tensor}, ...) appear in this module's API, so a module that requires this
 * one reads nn-core too. At run time it also needs protobuf-java (module {@code com.google.protobuf},
 * the name in that jar's {@code Automatic-Module-Name}), which writes ONNX files; no protobuf type
 * appears in this module's API.
 *
 * @since 0.1.0
 */
@SuppressWarnings("requires-automatic") // protobuf-java has a stable Automatic-Module-Name, no module-info
module io.github.nndsl.dsl {
  requires transitive io.github.nndsl.core;
  requires com.google.protobuf;
  requires static transitive org.jspecify;

  exports io.github.nndsl.dsl;
  exports io.github.nndsl.dsl.file;
}
