package io.github.nndsl.spark;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * Rows bound for one shard, packed into arrays: what the shuffle that deals the rows moves, a few
 * arrays per shard and input partition instead of an object per row. Which rows travel together
 * changes nothing: a shard sorts its rows by content ({@link Shard#of}).
 */
final class RowBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A block holds at most about this many feature values (512 KB), however wide the rows. */
  static final int VALUES = 1 << 16;

  private final int inputs;
  private int rows;
  private double[] x;
  private double[] labels;
  private long[] hashes;

  private RowBlock(int inputs) {
    this.inputs = inputs;
    this.x = new double[16 * inputs];
    this.labels = new double[16];
    this.hashes = new long[16];
  }

  int rows() {
    return rows;
  }

  private void add(ShardRow row) {
    if (rows == labels.length) {
      int capacity = Math.max(16, 2 * rows);
      x = Arrays.copyOf(x, capacity * inputs);
      labels = Arrays.copyOf(labels, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
    }
    System.arraycopy(row.features(), 0, x, rows * inputs, inputs);
    labels[rows] = row.label();
    hashes[rows] = row.hash();
    rows++;
  }

  /** This block with its arrays cut to its rows, so that no spare capacity is serialised. */
  private RowBlock trimmed() {
    x = Arrays.copyOf(x, rows * inputs);
    labels = Arrays.copyOf(labels, rows);
    hashes = Arrays.copyOf(hashes, rows);
    return this;
  }

  /** Adds this block's rows to {@code out}, as they were before packing. */
  void unpackInto(List<ShardRow> out) {
    for (int r = 0; r < rows; r++) {
      out.add(new ShardRow(Arrays.copyOfRange(x, r * inputs, (r + 1) * inputs), labels[r], hashes[r]));
    }
  }

  /**
   * The rows of {@code rows}, each of {@code inputs} features, packed by shard: (shard, block)
   * pairs, a block handed on as soon as it holds {@code maxRows} rows, the rest when the rows run
   * out, so at most {@code shards} blocks are being filled at a time.
   */
  static Iterator<Tuple2<Integer, RowBlock>> pack(Iterator<ShardRow> rows, int inputs, int shards, int maxRows) {
    return new Iterator<>() {
      private final RowBlock[] open = new RowBlock[shards];
      private final ArrayDeque<Tuple2<Integer, RowBlock>> ready = new ArrayDeque<>();
      private int flushed; // once the rows have run out: the shards whose blocks were handed on

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && rows.hasNext()) {
          ShardRow row = rows.next();
          int s = Shard.shardOf(row.hash(), shards);
          if (open[s] == null) {
            open[s] = new RowBlock(inputs);
          }
          open[s].add(row);
          if (open[s].rows == maxRows) {
            ready.add(new Tuple2<>(s, open[s].trimmed()));
            open[s] = null;
          }
        }
        while (ready.isEmpty() && !rows.hasNext() && flushed < shards) {
          if (open[flushed] != null) {
            ready.add(new Tuple2<>(flushed, open[flushed].trimmed()));
            open[flushed] = null;
          }
          flushed++;
        }
        return !ready.isEmpty();
      }

      @Override
      public Tuple2<Integer, RowBlock> next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more blocks");
        }
        return ready.poll();
      }
    };
  }

  /** The rows a block holds at most for rows of {@code inputs} features: about {@link #VALUES} values. */
  static int maxRows(int inputs) {
    return Math.max(1, VALUES / Math.max(1, inputs));
  }
}
