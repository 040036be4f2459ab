/**
 * Immutable, fluent layer descriptors ({@code Layers}, {@code Sequential}) compiled into nn-core
 * networks, the files they are saved in, and datasets read from CSV files.
 *
 * <p>Exports {@code io.github.nndsl.dsl}, {@code io.github.nndsl.dsl.file} and {@code
 * io.github.nndsl.dsl.data}; the compiler in {@code io.github.nndsl.dsl.internal} is not API and
 * is not exported. nn-core's types ({@code Network}, {@code Tensor}, ...) and Vavr's ({@code
 * Validation}, {@code Seq}, {@code Try}) appear in this module's API, so a module that requires this one reads
 * both. FastCSV reads the CSV files, Jackson's streaming core ({@code tools.jackson.core}) the
 * JSON of model files and protobuf-java ({@code com.google.protobuf}, the name in that jar's
 * {@code Automatic-Module-Name}) writes ONNX files; none of them appears in the API.
 *
 * @since 0.1.0
 */
@SuppressWarnings("requires-automatic") // protobuf-java has a stable Automatic-Module-Name, no module-info
module io.github.nndsl.dsl {
  requires transitive io.github.nndsl.core;
  requires de.siegmar.fastcsv;
  requires com.google.protobuf;
  requires static transitive org.jspecify;
  // Validation<Seq<String>, Sequential> and Try<ModelFile.Loaded> are in the API; io.vavr in turn
  // requires io.vavr.match (annotations only), which comes with it
  requires transitive io.vavr;
  requires tools.jackson.core;

  exports io.github.nndsl.dsl;
  exports io.github.nndsl.dsl.data;
  exports io.github.nndsl.dsl.file;
}
