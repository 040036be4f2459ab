package io.github.nndsl.spark;

import io.github.nndsl.core.random.NumPyRandom;

import io.github.nndsl.core.Tensor;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One logical shard of the training rows: the rows whose content hashes to it, sorted by content,
 * so that a shard holds the same rows in the same order however the data was partitioned or
 * ordered when it arrived. Each epoch it permutes its rows with a generator seeded by (shuffling
 * seed, shard, epoch) alone and cuts them into the epoch's steps; nothing depends on which task or
 * machine holds it.
 */
final class Shard implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Orders rows by content: the hash, then the feature bits, then the label bits. */
  static final Comparator<ShardRow> CONTENT_ORDER = (a, b) -> {
    int c = Long.compareUnsigned(a.hash(), b.hash());
    if (c != 0) {
      return c;
    }
    for (int i = 0; i < a.features().length; i++) {
      c = Long.compare(Double.doubleToRawLongBits(a.features()[i]), Double.doubleToRawLongBits(b.features()[i]));
      if (c != 0) {
        return c;
      }
    }
    return Long.compare(Double.doubleToRawLongBits(a.label()), Double.doubleToRawLongBits(b.label()));
  };

  final int index;
  final int rows;
  private final int inputs;
  private final int outputs;
  private final double[] x; // (rows, inputs), content order
  private final double[] y; // (rows, outputs), content order
  // the last permutation drawn, kept for the epoch's other steps: one draw per shard and epoch,
  // not one per step (transient: a deserialised shard draws it again, to the same values)
  private transient int @Nullable [] order;
  private transient long orderSeed;
  private transient int orderEpoch;

  private Shard(int index, int rows, int inputs, int outputs, double[] x, double[] y) {
    this.index = index;
    this.rows = rows;
    this.inputs = inputs;
    this.outputs = outputs;
    this.x = x;
    this.y = y;
  }

  /**
   * A shard of the given rows (sorted here, the list is left as it is), whose targets are one-hot
   * rows of the class index when {@code outputs > 1}, else the label itself.
   */
  static Shard of(int index, List<ShardRow> rows, int inputs, int outputs) {
    ShardRow[] sorted = rows.toArray(new ShardRow[0]);
    Arrays.sort(sorted, CONTENT_ORDER);
    double[] x = new double[Math.multiplyExact(sorted.length, inputs)];
    double[] y = new double[Math.multiplyExact(sorted.length, outputs)];
    for (int r = 0; r < sorted.length; r++) {
      System.arraycopy(sorted[r].features(), 0, x, r * inputs, inputs);
      if (outputs == 1) {
        y[r] = sorted[r].label();
      } else {
        y[r * outputs + (int) sorted[r].label()] = 1.0;
      }
    }
    return new Shard(index, sorted.length, inputs, outputs, x, y);
  }

  /** Which of {@code shards} a row belongs to, by its content hash. */
  static int shardOf(long hash, int shards) {
    return (int) Long.remainderUnsigned(hash, shards);
  }

  /** The rows this shard trains on at one step; two tensors of {@code rows} rows each. */
  record Batch(Tensor x, Tensor y, int rows) {}

  /**
   * The rows of step {@code step} (of {@code steps}) of epoch {@code epoch}, or null if the shard
   * has none then. Step t takes rows [t n / steps, (t + 1) n / steps) of the epoch's order, so every
   * row is used once per epoch; the order is the content order when {@code shuffle} is false.
   */
  @Nullable Batch batch(boolean shuffle, long shuffleSeed, int epoch, int step, int steps) {
    int from = (int) ((long) step * rows / steps);
    int to = (int) ((long) (step + 1) * rows / steps);
    int n = to - from;
    if (n == 0) {
      return null;
    }
    int[] permutation = shuffle ? order(shuffleSeed, epoch) : null;
    double[] bx = new double[n * inputs];
    double[] by = new double[n * outputs];
    for (int r = 0; r < n; r++) {
      int src = permutation == null ? from + r : permutation[from + r];
      System.arraycopy(x, src * inputs, bx, r * inputs, inputs);
      System.arraycopy(y, src * outputs, by, r * outputs, outputs);
    }
    return new Batch(Tensor.fromArray(bx, n, inputs), Tensor.fromArray(by, n, outputs), n);
  }

  /** The permutation of this shard's rows in {@code epoch}; a retried task may run beside the first. */
  private synchronized int[] order(long shuffleSeed, int epoch) {
    if (order == null || orderSeed != shuffleSeed || orderEpoch != epoch) {
      order = NumPyRandom.defaultRng(seed(shuffleSeed, index, epoch)).permutation(rows);
      orderSeed = shuffleSeed;
      orderEpoch = epoch;
    }
    return order;
  }

  /**
   * The seed of shard {@code shard}'s permutation in epoch {@code epoch}: SplitMix64's finaliser
   * over the three numbers, made non-negative, so each (seed, shard, epoch) has its own stream.
   */
  static long seed(long shuffleSeed, int shard, int epoch) {
    long h = mix(shuffleSeed);
    h = mix(h ^ shard);
    h = mix(h ^ epoch);
    return h >>> 1;
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood 2014): every input bit reaches every output bit. */
  static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
