package io.github.nndsl.dsl.file;

import io.github.nndsl.core.train.TrainingSnapshot;

import io.github.nndsl.dsl.Sequential;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.dsl.internal.AtomicFile;
import io.vavr.control.Try;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Saves a training run so that it can be resumed bit for bit: the model and its parameters, as in
 * a {@link ModelFile}, plus the optimiser's state (momentum, Adam moments and step count), the
 * mini-batch shuffling generator's state, the current epoch's row order, the position in it, the
 * epoch count and the update count (with the trainer's shuffle seed, the key of dropout's masks, so
 * a resumed run drops the same units as one that never stopped). A checkpoint is a separate file from a model file ({@code "format":
 * "nn-dsl.checkpoint"}), also safetensors, so that a model file stays exactly the parameters.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.of(Losses.mse(), Optimizers.adam(0.01)).withBatchSize(32).withShuffleSeed(7);
 * trainer.fitEpochs(net, x, y, 10);
 * Checkpoint.save(Path.of("run.ckpt.safetensors"), model, net);
 *
 * // later, perhaps in another process: the same trainer continues as if it never stopped
 * ModelFile.Loaded resumed = Checkpoint.load(Path.of("run.ckpt.safetensors"));
 * trainer.fitEpochs(resumed.network(), x, y, 10);
 * }</pre>
 *
 * <p>Resuming is exact when the trainer is equal (the same loss, an equal optimiser, the same batch
 * size and shuffling seed) and the data are the same: a different optimiser or seed starts its
 * state afresh, as {@code fit} always does. The file layout: parameters as F64 tensors named as in
 * the store; {@code training.optimizer_state} (F64), {@code training.shuffler_state} (I64, six
 * words) and {@code training.order} (I64) when there is something to store; in {@code
 * __metadata__}, {@code training.optimizer} (as {@link Optimizers#parse(String)} reads it), {@code
 * training.shuffle_seed}, {@code training.cursor}, {@code training.epoch} and {@code
 * training.steps} (the update count that keys dropout's masks; read as 0 when absent). Writes are atomic and
 * loading is as strict as {@link ModelFile#load(Path)}.
 *
 * @since 0.1.0
 */
public final class Checkpoint {

  private static final String OPTIMIZER_STATE = "training.optimizer_state";
  private static final String SHUFFLER_STATE = "training.shuffler_state";
  private static final String ORDER = "training.order";

  private Checkpoint() {}

  /**
   * Saves a model, its network's parameters and its training state, atomically.
   *
   * <pre>{@code
   * Checkpoint.save(Path.of("run.ckpt.safetensors"), model, net);
   * }</pre>
   *
   * @param file the file to create or replace; its directory must exist
   * @param model the architecture
   * @param network a network compiled from {@code model}; if it has not been trained, only its
   *     parameters are saved and a resumed run starts its optimiser afresh
   * @throws IllegalArgumentException if an argument is null or the network does not match the model
   * @throws UncheckedIOException if the file cannot be written; a previous file is then intact
   * @since 0.1.0
   */
  public static void save(Path file, Sequential model, Network network) {
    save(file, model, network, AtomicFile.Hook.NONE);
  }

  static void save(Path file, Sequential model, Network network, AtomicFile.Hook hook) {
    ModelFiles.checkArguments(file, model, network);
    SafeTensorsWriter writer = ModelFiles.writer(ModelFiles.CHECKPOINT_FORMAT, model, network);
    TrainingSnapshot s = TrainingSnapshot.take(network);
    if (s != null) {
      writer.metadata("training.optimizer", s.optimizer().toString())
          .metadata("training.shuffle_seed", Long.toString(s.shuffleSeed()))
          .metadata("training.cursor", Integer.toString(s.cursor()))
          .metadata("training.epoch", Integer.toString(s.epoch()))
          .metadata("training.steps", Long.toString(s.steps()));
      double[] state = s.optimizerState();
      writer.f64(OPTIMIZER_STATE, new int[] {state.length}, state);
      if (s.shufflerState().length > 0) {
        writer.i64(SHUFFLER_STATE, new int[] {6}, s.shufflerState());
      }
      int[] order = s.order();
      if (order.length > 0) {
        long[] wide = new long[order.length];
        for (int i = 0; i < order.length; i++) {
          wide[i] = order[i];
        }
        writer.i64(ORDER, new int[] {order.length}, wide);
      }
    }
    writer.write(file, hook);
  }

  /**
   * Loads a checkpoint: the model, and a network holding the saved parameters and training state.
   *
   * <pre>{@code
   * ModelFile.Loaded resumed = Checkpoint.load(Path.of("run.ckpt.safetensors"));
   * trainer.fit(resumed.network(), x, y, 1000);
   * }</pre>
   *
   * @param file the checkpoint
   * @return the model and the network, ready to continue training
   * @throws IllegalArgumentException if {@code file} is null
   * @throws ModelFileException if the file is malformed, truncated or hostile, or is a model file
   * @throws UncheckedIOException if the file cannot be read
   * @see #tryLoad(Path)
   * @since 0.1.0
   */
  public static ModelFile.Loaded load(Path file) {
    return tryLoad(file).get();
  }

  /**
   * Loads a checkpoint as {@link #load(Path)} does, but returns a failure as a value instead of
   * throwing it: {@code load} is {@code tryLoad(file).get()}, so the two never disagree.
   *
   * <p>A {@code Failure} holds the very exception {@code load} throws: {@link ModelFileException}
   * for a malformed, truncated or hostile file or a model file, {@link UncheckedIOException} if the
   * file cannot be read, {@link IllegalArgumentException} ({@code "file is null"}) for a null path.
   * An {@link Error} (such as {@link OutOfMemoryError}) is thrown rather than returned.
   *
   * <pre>{@code
   * Network net = Checkpoint.tryLoad(Path.of("run.ckpt.safetensors"))
   *     .map(ModelFile.Loaded::network)
   *     .getOrElse(() -> model.compile(0));   // resume if there is a usable checkpoint, else start
   * trainer.fit(net, x, y, 1000);
   * }</pre>
   *
   * @param file the checkpoint
   * @return {@code Success} with the model and the network, ready to continue training, or {@code
   *     Failure} with the exception {@code load} would throw
   * @since 0.1.0
   */
  public static Try<ModelFile.Loaded> tryLoad(Path file) {
    // what Try.of(() -> read(file)) does for the exceptions read throws (all unchecked), without
    // spinning a lambda class: the first load of a process pays for that (BENCHMARKS.md)
    try {
      return Try.success(read(file));
    } catch (RuntimeException e) {
      return Try.failure(e);
    }
  }

  /** The one way a checkpoint is read, for load and tryLoad. */
  private static ModelFile.Loaded read(Path file) {
    Checks.notNull(file, "file");
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      Sequential model = ModelFiles.checkHeader(reader, ModelFiles.CHECKPOINT_FORMAT);
      Network network =
          ModelFiles.compileAndFill(reader, model, Set.of(OPTIMIZER_STATE, SHUFFLER_STATE, ORDER));
      TrainingSnapshot snapshot = snapshot(reader, network.parameters().size());
      if (snapshot != null) {
        try {
          snapshot.restore(network);
        } catch (IllegalArgumentException e) {
          throw new ModelFileException("training state does not fit the model: " + e.getMessage(), e);
        }
      }
      return new ModelFile.Loaded(model, network);
    }
  }

  private static TrainingSnapshot snapshot(SafeTensorsReader reader, int size) {
    Map<String, String> meta = reader.metadata();
    Map<String, SafeTensorsReader.Entry> entries = reader.entries();
    String description = meta.get("training.optimizer");
    if (description == null) {
      if (entries.containsKey(OPTIMIZER_STATE) || entries.containsKey(SHUFFLER_STATE) || entries.containsKey(ORDER)) {
        throw new ModelFileException("training tensors are present, but __metadata__ lacks 'training.optimizer'");
      }
      return null;
    }
    Optimizer optimizer;
    try {
      optimizer = Optimizers.parse(description);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("__metadata__ 'training.optimizer' is not an optimiser: " + e.getMessage(), e);
    }
    long seed = integer(meta, "training.shuffle_seed", -1, Long.MAX_VALUE);
    int cursor = (int) integer(meta, "training.cursor", 0, Integer.MAX_VALUE);
    int epoch = (int) integer(meta, "training.epoch", 0, Integer.MAX_VALUE);
    // written since dropout keys its masks by the update count; a file without it resumes from 0
    long steps = meta.containsKey("training.steps") ? integer(meta, "training.steps", 0, Long.MAX_VALUE) : 0;
    double[] state = new double[0];
    SafeTensorsReader.Entry e = entries.get(OPTIMIZER_STATE);
    if (e != null) {
      checkVector(e, "F64");
      state = new double[(int) e.elements()];
      reader.readF64(e, state, 0);
    }
    long[] shuffler = new long[0];
    e = entries.get(SHUFFLER_STATE);
    if (e != null) {
      checkVector(e, "I64");
      shuffler = reader.readI64(e);
    }
    int[] order = new int[0];
    e = entries.get(ORDER);
    if (e != null) {
      checkVector(e, "I64");
      long[] wide = reader.readI64(e);
      order = new int[wide.length];
      for (int i = 0; i < wide.length; i++) {
        if (wide[i] < 0 || wide[i] >= wide.length) {
          throw new ModelFileException(
              "tensor '" + ORDER + "' must hold a permutation of 0.." + (wide.length - 1) + ", but element " + i
                  + " is " + wide[i]);
        }
        order[i] = (int) wide[i];
      }
    }
    try {
      return TrainingSnapshot.of(optimizer, state, seed, shuffler, order, cursor, epoch, steps);
    } catch (IllegalArgumentException ex) {
      throw new ModelFileException("training state is inconsistent: " + ex.getMessage(), ex);
    }
  }

  private static void checkVector(SafeTensorsReader.Entry e, String dtype) {
    if (!e.dtype().equals(dtype) || e.shape().length != 1) {
      throw new ModelFileException(
          "tensor '" + e.name() + "' must be a vector of " + dtype + ", but is " + e.dtype() + " of shape "
              + e.shapeString());
    }
  }

  private static long integer(Map<String, String> meta, String key, long min, long max) {
    String text = meta.get(key);
    if (text == null) {
      throw new ModelFileException("__metadata__ lacks '" + key + "'");
    }
    long value;
    try {
      value = text.matches("-?[0-9]{1,19}") ? Long.parseLong(text) : Long.MIN_VALUE;
    } catch (NumberFormatException overflow) {
      value = Long.MIN_VALUE;
    }
    if (value < min || value > max) {
      throw new ModelFileException(
          "__metadata__ '" + key + "' must be an integer in [" + min + ", " + max + "], but was '"
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
    return value;
  }
}
