package io.github.nndsl.dsl.file;

import io.github.nndsl.dsl.Sequential;

import io.github.nndsl.core.Network;
import io.github.nndsl.dsl.internal.AtomicFile;
import io.vavr.control.Try;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Saves a model to one {@code .safetensors} file and loads it back: the weights as little-endian
 * F64 tensors named as in the parameter store ({@code 0.weight}, {@code 0.bias}, ...), and in the
 * header's {@code __metadata__} the format ({@code "format": "nn-dsl.model"}, {@code
 * "format_version": "1"}), the architecture (the {@link Sequential} as versioned JSON) and who
 * wrote it ({@code created_by}, {@code library_version}).
 *
 * <p>The file is plain safetensors: NumPy reads it with {@code np.frombuffer} and nothing else (see
 * {@code nn-dsl/src/test/python/safetensors_interop.py}), and a file written that way for the
 * same architecture loads here. Loading rebuilds an equal {@code Sequential} and a {@link Network}
 * whose predictions are bit-identical to the saved one's.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
 * Network net = model.compile(0);
 * Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(net, x, y, 5000);
 * ModelFile.save(Path.of("xor.safetensors"), model, net);
 *
 * ModelFile.Loaded loaded = ModelFile.load(Path.of("xor.safetensors"));
 * loaded.network().predict(x);   // the same bits as net.predict(x)
 * }</pre>
 *
 * <p><b>Writes are atomic.</b> {@code save} writes a temporary file in the target's directory,
 * forces it to disk and renames it over the target; if anything fails, the temporary file is
 * removed and a previous file of that name is left intact. Missing parent directories are not
 * created. A target that is a symbolic link is replaced by the new file (the rename acts on the
 * link's own path, as {@code mv} does); the file the link pointed to is left as it was.
 *
 * <p><b>Loading treats the file as hostile.</b> Every defect (a header length beyond the file or
 * 16 MiB, malformed UTF-8 or JSON, duplicate keys, a dtype
 * other than F64, shapes that differ from the architecture's parameters, overlapping or gapped
 * offsets, a data section of the wrong size, an unknown layer kind, another format version) is a
 * {@link ModelFileException} that says what and where; no model is returned then. Weights that are
 * NaN or infinite are loaded as they are (bit for bit): a diverged model can be saved and
 * inspected, and the file format has no reason to refuse them.
 *
 * <p>Optimiser state is not saved here: see {@link Checkpoint}, which writes separate files.
 *
 * @since 0.1.0
 */
public final class ModelFile {

  /** The {@code format} metadata of a model file. */
  static final String FORMAT = "nn-dsl.model";

  /** The {@code format_version} written, and the only one read. */
  static final String VERSION = "1";

  private ModelFile() {}

  /**
   * Saves a model and its network's parameters to one safetensors file, atomically.
   *
   * <pre>{@code
   * ModelFile.save(Path.of("xor.safetensors"), model, net);
   * }</pre>
   *
   * @param file the file to create or replace; its directory must exist
   * @param model the architecture
   * @param network a network compiled from {@code model} (its parameters are saved)
   * @throws IllegalArgumentException if an argument is null or the network's parameters do not
   *     match the model's (names and shapes)
   * @throws UncheckedIOException if the file cannot be written (the directory is missing, the
   *     target is a directory, the disk is full); a previous file is then intact
   * @since 0.1.0
   */
  public static void save(Path file, Sequential model, Network network) {
    save(file, model, network, AtomicFile.Hook.NONE);
  }

  /** {@link #save(Path, Sequential, Network)} with a test hook that can fail a stage. */
  static void save(Path file, Sequential model, Network network, AtomicFile.Hook hook) {
    ModelFiles.checkArguments(file, model, network);
    ModelFiles.writer(FORMAT, model, network).write(file, hook);
  }

  /**
   * Loads a model file: rebuilds the architecture, compiles it and overwrites every parameter with
   * the file's values.
   *
   * <pre>{@code
   * ModelFile.Loaded loaded = ModelFile.load(Path.of("xor.safetensors"));
   * Sequential model = loaded.model();
   * Tensor p = loaded.network().predict(x);
   * }</pre>
   *
   * @param file the file to read
   * @return the model and a network holding the saved parameters
   * @throws IllegalArgumentException if {@code file} is null
   * @throws ModelFileException if the file is malformed, truncated or hostile (the message says
   *     what and where)
   * @throws UncheckedIOException if the file cannot be read (it is missing, or a directory)
   * @see #tryLoad(Path)
   * @since 0.1.0
   */
  public static Loaded load(Path file) {
    return tryLoad(file).get();
  }

  /**
   * Loads a model file as {@link #load(Path)} does, but returns a failure as a value instead of
   * throwing it: {@code load} is {@code tryLoad(file).get()}, so the two never disagree.
   *
   * <p>A {@code Failure} holds the very exception {@code load} throws: {@link ModelFileException}
   * for a malformed, truncated or hostile file, {@link UncheckedIOException} if the file cannot be
   * read, {@link IllegalArgumentException} ({@code "file is null"}) for a null path. An {@link Error}
   * (such as {@link OutOfMemoryError}) is thrown rather than returned.
   *
   * <pre>{@code
   * Try<ModelFile.Loaded> loaded = ModelFile.tryLoad(Path.of("xor.safetensors"));
   * Tensor p = loaded.map(l -> l.network().predict(x)).getOrElse(fallback);
   * String status = loaded.fold(e -> "unusable: " + e.getMessage(), l -> "loaded " + l.model());
   * }</pre>
   *
   * @param file the file to read
   * @return {@code Success} with the model and a network holding the saved parameters, or {@code
   *     Failure} with the exception {@code load} would throw
   * @since 0.1.0
   */
  public static Try<Loaded> tryLoad(Path file) {
    // what Try.of(() -> read(file)) does for the exceptions read throws (all unchecked), without
    // spinning a lambda class: the first load of a process pays for that (BENCHMARKS.md)
    try {
      return Try.success(read(file));
    } catch (RuntimeException e) {
      return Try.failure(e);
    }
  }

  /** The one way a model file is read, for load and tryLoad. */
  private static Loaded read(Path file) {
    Checks.notNull(file, "file");
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      Sequential model = ModelFiles.checkHeader(reader, FORMAT);
      Network network = ModelFiles.compileAndFill(reader, model, java.util.Set.of());
      return new Loaded(model, network);
    }
  }

  /**
   * A loaded model: the architecture and a network holding the saved parameters.
   *
   * <pre>{@code
   * val (model, network) = ModelFile.load(path)   // Kotlin destructuring
   * }</pre>
   *
   * @param model the architecture, equal to the one saved
   * @param network a new network with the saved parameters (and no optimiser state)
   * @since 0.1.0
   */
  public record Loaded(Sequential model, Network network) {

    /**
     * Creates the pair.
     *
     * @param model the architecture
     * @param network the network
     * @throws IllegalArgumentException if an argument is null
     * @since 0.1.0
     */
    public Loaded {
      Checks.notNull(model, "model");
      Checks.notNull(network, "network");
    }

    /**
     * Returns the model, so that Kotlin can destructure the record.
     *
     * @return {@link #model()}
     * @since 0.1.0
     */
    public Sequential component1() {
      return model;
    }

    /**
     * Returns the network, so that Kotlin can destructure the record.
     *
     * @return {@link #network()}
     * @since 0.1.0
     */
    public Network component2() {
      return network;
    }
  }
}
