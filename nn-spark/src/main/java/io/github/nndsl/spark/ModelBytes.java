package io.github.nndsl.spark;

import io.github.nndsl.core.Network;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.file.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A model as the bytes of its {@link ModelFile}, the form in which it travels to executors, and a
 * per-JVM pool of networks built from such bytes: a network is not thread-safe, so each task
 * borrows one and gives it back, and a JVM builds at most one per task running at once.
 */
final class ModelBytes {

  /** Pools of at most this many broadcasts are kept; more, and the pools start afresh. */
  private static final int MAX_POOLS = 16;

  private static final Map<Long, Deque<Network>> POOLS = new ConcurrentHashMap<>();

  private ModelBytes() {}

  /** The ModelFile bytes of a model and its network (checked to match, as ModelFile.save does). */
  static byte[] of(Sequential model, Network network) {
    Path file = null;
    try {
      file = Files.createTempFile("nn-spark-", ".safetensors");
      ModelFile.save(file, model, network);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the model to a temporary file: " + e.getMessage(), e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** Loads ModelFile bytes. */
  static ModelFile.Loaded load(byte[] bytes) {
    Path file = null;
    try {
      file = Files.createTempFile("nn-spark-", ".safetensors");
      Files.write(file, bytes);
      return ModelFile.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the model from a temporary file: " + e.getMessage(), e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** A network built from the bytes of broadcast {@code id}: from the pool, or loaded now. */
  static Network borrow(long id, byte[] bytes) {
    Deque<Network> pool = POOLS.get(id);
    Network network = pool == null ? null : pool.pollFirst();
    return network != null ? network : load(bytes).network();
  }

  /** Gives a borrowed network back to the pool of broadcast {@code id}. */
  static void giveBack(long id, Network network) {
    if (POOLS.size() >= MAX_POOLS && !POOLS.containsKey(id)) {
      POOLS.clear(); // old broadcasts' networks; a running task only loses its reuse
    }
    POOLS.computeIfAbsent(id, k -> new ConcurrentLinkedDeque<>()).offerFirst(network);
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
