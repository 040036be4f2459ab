package io.github.nndsl.core.train;

import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.random.NumPyRandom;
import org.jspecify.annotations.Nullable;

/**
 * The batches of a training run: the whole of x and y at every step, or mini-batches gathered in
 * an order shuffled afresh each epoch (NumPy's {@code rng.permutation(rows)}) into reused buffers.
 * After {@link #next} the batch is {@code x}, {@code y} from {@code xOff}, {@code yOff}.
 */
final class Batches {

  final double[] sourceX;
  final int sourceXOff;
  final double[] sourceY;
  final int sourceYOff;
  final boolean shuffled;
  double[] x;
  int xOff;
  double[] y;
  int yOff;
  private final int rows;
  private final int xCols;
  private final int yCols;
  private final int size;
  private final @Nullable NumPyRandom rng;

  private Batches(Tensor x, Tensor y, int size, @Nullable NumPyRandom rng) {
    this.sourceX = Engine.CORE.data(x);
    this.sourceXOff = Engine.CORE.offset(x);
    this.sourceY = Engine.CORE.data(y);
    this.sourceYOff = Engine.CORE.offset(y);
    this.rows = x.dim(0);
    this.xCols = x.dim(1);
    this.yCols = y.dim(1);
    this.size = size;
    this.rng = rng;
    this.shuffled = rng != null;
    if (rng == null) {
      this.x = sourceX;
      this.xOff = sourceXOff;
      this.y = sourceY;
      this.yOff = sourceYOff;
    } else {
      this.x = new double[size * xCols];
      this.y = new double[size * yCols];
    }
  }

  static Batches full(Tensor x, Tensor y) {
    return new Batches(x, y, x.dim(0), null);
  }

  static Batches shuffled(Tensor x, Tensor y, int size, NumPyRandom rng) {
    return new Batches(x, y, size, rng);
  }

  int rows() {
    return rows;
  }

  /** Makes the next batch current and returns its row count. */
  int next(TrainingState state) {
    NumPyRandom shuffler = rng;
    if (shuffler == null) {
      return rows;
    }
    int[] order = state.order;
    if (order == null || order.length != rows || state.cursor >= rows) {
      if (order == null || order.length != rows) {
        order = new int[rows];
        state.order = order;
      }
      // a fresh permutation each epoch: arange(rows), then NumPy's in-place shuffle
      for (int i = 0; i < rows; i++) {
        order[i] = i;
      }
      shuffler.shuffle(order);
      state.cursor = 0;
    }
    int n = Math.min(size, rows - state.cursor);
    for (int r = 0; r < n; r++) {
      int src = order[state.cursor + r];
      System.arraycopy(sourceX, sourceXOff + src * xCols, x, r * xCols, xCols);
      System.arraycopy(sourceY, sourceYOff + src * yCols, y, r * yCols, yCols);
    }
    state.cursor += n;
    return n;
  }

  /** Whether the batch just taken ended an epoch: always for the full batch. */
  boolean epochDone(TrainingState state) {
    return rng == null || state.cursor == rows;
  }
}
