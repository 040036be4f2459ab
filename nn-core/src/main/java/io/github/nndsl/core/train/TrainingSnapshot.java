package io.github.nndsl.core.train;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizer;
import io.github.nndsl.core.random.NumPyRandom;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An immutable copy of what a {@link Network} remembers between {@code fit} calls: the optimiser
 * and its state (momentum, Adam moments and step count), the mini-batch shuffling generator's
 * state, the current epoch's order, the position in it, the epoch count and the number of updates
 * taken (which keys the dropout masks, see {@link Trainer#withShuffleSeed}). Restoring it with
 * {@link #restore(Network)} makes training resume exactly where it stopped: the same trainer then
 * ends bit-identical to one that never stopped.
 *
 * <pre>{@code
 * trainer.fit(net, x, y, 700);
 * TrainingSnapshot s = TrainingSnapshot.take(net);      // null before the first fit
 * double[] weights = net.parameters().snapshot();
 * ...
 * other.parameters().restore(weights);
 * s.restore(other);
 * trainer.fit(other, x, y, 300);                         // as if net had trained 1000 steps
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TrainingSnapshot {

  private final Optimizer optimizer;
  private final double[] optimizerState;
  private final long shuffleSeed;
  private final long[] shufflerState;
  private final int[] order;
  private final int cursor;
  private final int epoch;
  private final long steps;

  private TrainingSnapshot(
      Optimizer optimizer, double[] optimizerState, long shuffleSeed, long[] shufflerState, int[] order,
      int cursor, int epoch, long steps) {
    this.optimizer = optimizer;
    this.optimizerState = optimizerState;
    this.shuffleSeed = shuffleSeed;
    this.shufflerState = shufflerState;
    this.order = order;
    this.cursor = cursor;
    this.epoch = epoch;
    this.steps = steps;
  }

  /**
   * Creates a snapshot from its parts, as a checkpoint reader does; every array is copied and
   * checked for consistency (whether it fits a particular network is checked on restore).
   *
   * <pre>{@code
   * TrainingSnapshot s = TrainingSnapshot.of(Optimizers.adam(0.01), state, 7, rngState, order, 3, 2);
   * }</pre>
   *
   * @param optimizer the optimiser the state belongs to
   * @param optimizerState its flattened state, as {@link #optimizerState()} returns it
   * @param shuffleSeed the trainer's shuffling seed, or -1 if no mini-batch training happened
   * @param shufflerState the shuffling generator's six words ({@link NumPyRandom#state()}), or
   *     empty if no mini-batch training happened
   * @param order the current epoch's row order, a permutation of {@code 0 .. rows-1}, or empty
   * @param cursor how many rows of {@code order} were used, in {@code [0, order.length]}
   * @param epoch the number of completed epochs, non-negative
   * @return the snapshot
   * @throws IllegalArgumentException if an argument is null or inconsistent: a shuffle seed below
   *     -1, a shuffler state of another length than 0 or 6 (or one {@link
   *     NumPyRandom#fromState(long[])} rejects), a seed without a state or the reverse, an order
   *     that is not a permutation, a cursor outside the order, a negative epoch
   * @since 0.1.0
   */
  public static TrainingSnapshot of(
      Optimizer optimizer, double[] optimizerState, long shuffleSeed, long[] shufflerState, int[] order,
      int cursor, int epoch) {
    return of(optimizer, optimizerState, shuffleSeed, shufflerState, order, cursor, epoch, 0);
  }

  /**
   * Creates a snapshot from its parts as {@link #of(Optimizer, double[], long, long[], int[], int,
   * int)} does, with the number of updates taken: the step count that, with the trainer's shuffle
   * seed, keys the next dropout masks.
   *
   * <pre>{@code
   * TrainingSnapshot s = TrainingSnapshot.of(Optimizers.sgd(0.1), new double[0], -1, new long[0], new int[0], 0, 40, 40);
   * }</pre>
   *
   * @param optimizer the optimiser the state belongs to
   * @param optimizerState its flattened state, as {@link #optimizerState()} returns it
   * @param shuffleSeed the trainer's shuffling seed, or -1 if no mini-batch training happened
   * @param shufflerState the shuffling generator's six words, or empty
   * @param order the current epoch's row order, or empty
   * @param cursor how many rows of {@code order} were used
   * @param epoch the number of completed epochs, non-negative
   * @param steps the number of updates taken, non-negative
   * @return the snapshot
   * @throws IllegalArgumentException as the shorter {@code of} does, or if {@code steps} is negative
   * @since 0.1.0
   */
  public static TrainingSnapshot of(
      Optimizer optimizer, double[] optimizerState, long shuffleSeed, long[] shufflerState, int[] order,
      int cursor, int epoch, long steps) {
    Engine.notNull(optimizer, "optimizer");
    Engine.notNull(optimizerState, "optimizerState");
    Engine.notNull(shufflerState, "shufflerState");
    Engine.notNull(order, "order");
    if (shuffleSeed < -1) {
      throw new IllegalArgumentException("shuffleSeed must be -1 (none) or non-negative, but was " + shuffleSeed);
    }
    if (shufflerState.length != 0 && shufflerState.length != 6) {
      throw new IllegalArgumentException(
          "shufflerState must have length 0 or 6, but has length " + shufflerState.length);
    }
    if ((shuffleSeed == -1) != (shufflerState.length == 0)) {
      throw new IllegalArgumentException(
          "shuffleSeed and shufflerState must both be set or both be absent, but shuffleSeed was " + shuffleSeed
              + " and shufflerState has length " + shufflerState.length);
    }
    if (shufflerState.length == 6) {
      NumPyRandom.fromState(shufflerState); // validates the words
    }
    checkPermutation(order);
    if (cursor < 0 || cursor > order.length) {
      throw new IllegalArgumentException(
          "cursor must be in [0, " + order.length + "] (the order's length), but was " + cursor);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be non-negative, but was " + epoch);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be non-negative, but was " + steps);
    }
    return new TrainingSnapshot(
        optimizer, optimizerState.clone(), shuffleSeed, shufflerState.clone(), order.clone(), cursor, epoch, steps);
  }

  private static void checkPermutation(int[] order) {
    boolean[] seen = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      int v = order[i];
      if (v < 0 || v >= order.length || seen[v]) {
        throw new IllegalArgumentException(
            "order must be a permutation of 0.." + (order.length - 1) + ", but order[" + i + "] is " + v
                + (v >= 0 && v < order.length ? ", seen before" : ""));
      }
      seen[v] = true;
    }
  }

  /**
   * Takes a copy of the training state a network carries between {@code fit} calls (the
   * optimiser's state, the shuffling generator and the position in the epoch), or null if it has
   * not been trained since it was built or {@link #forget(Network)} was called.
   *
   * <pre>{@code
   * TrainingSnapshot s = TrainingSnapshot.take(net);
   * }</pre>
   *
   * @param network the network
   * @return an independent snapshot, or null
   * @throws IllegalArgumentException if network is null
   * @since 0.1.0
   */
  public static @Nullable TrainingSnapshot take(Network network) {
    Engine.notNull(network, "network");
    TrainingState state = TrainingState.of(network);
    return state == null ? null : of(state);
  }

  /**
   * Replaces a network's training state with this snapshot's, so that the next {@code fit} with an
   * equal optimiser and shuffling seed continues exactly where the snapshot was taken. Parameters
   * are not touched: restore them with {@link io.github.nndsl.core.ParameterStore#restore(double[])}.
   *
   * <pre>{@code
   * other.parameters().restore(net.parameters().snapshot());
   * TrainingSnapshot.take(net).restore(other);
   * }</pre>
   *
   * @param network a network of the layout the snapshot was taken from
   * @throws IllegalArgumentException if network is null or the optimiser state does not fit its
   *     parameter count (nothing is changed then)
   * @since 0.1.0
   */
  public void restore(Network network) {
    Engine.notNull(network, "network");
    TrainingState state = toState(network.parameters().size());
    Engine.CORE.trainingState(network, state);
  }

  /**
   * Makes a network forget its optimiser's state (momentum, Adam moments) and the shuffling
   * position, so the next {@code fit} starts fresh; parameters are kept.
   *
   * <pre>{@code
   * TrainingSnapshot.forget(net);
   * }</pre>
   *
   * @param network the network
   * @throws IllegalArgumentException if network is null
   * @since 0.1.0
   */
  public static void forget(Network network) {
    Engine.notNull(network, "network");
    Engine.CORE.trainingState(network, null);
  }

  /** Captures a live state. */
  static TrainingSnapshot of(TrainingState state) {
    NumPyRandom shuffler = state.shuffler;
    int[] order = state.order;
    return new TrainingSnapshot(
        state.optimizer,
        state.optimizerState.save(),
        shuffler == null ? -1 : state.shuffleSeed,
        shuffler == null ? new long[0] : shuffler.state(),
        order == null ? new int[0] : order.clone(),
        order == null ? 0 : state.cursor,
        state.epoch,
        state.steps);
  }

  /** Builds the live state for a network of {@code size} parameters, or explains the misfit. */
  TrainingState toState(int size) {
    TrainingState state = new TrainingState(optimizer, size);
    int expected = state.optimizerState.save().length;
    if (optimizerState.length != expected) {
      throw new IllegalArgumentException(
          "optimizerState must have " + expected + " values for " + optimizer + " on " + size
              + " parameters, but has " + optimizerState.length);
    }
    state.optimizerState.load(optimizerState);
    if (shufflerState.length == 6) {
      state.shuffler = NumPyRandom.fromState(shufflerState);
      state.shuffleSeed = shuffleSeed;
    }
    state.order = order.length == 0 ? null : order.clone();
    state.cursor = cursor;
    state.epoch = epoch;
    state.steps = steps;
    return state;
  }

  /**
   * Returns the optimiser this state belongs to; training continues from it only with an equal one.
   *
   * @return the optimiser
   * @since 0.1.0
   */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Returns the optimiser's state, flattened: empty for plain SGD, the velocity for momentum, and
   * for Adam the first moments, the second moments, then {@code beta1^t}, {@code beta2^t} and t.
   *
   * @return a copy
   * @since 0.1.0
   */
  public double[] optimizerState() {
    return optimizerState.clone();
  }

  /**
   * Returns the shuffling seed of the trainer that made this state, or -1 if there was no
   * mini-batch training.
   *
   * @return the seed, or -1
   * @since 0.1.0
   */
  public long shuffleSeed() {
    return shuffleSeed;
  }

  /**
   * Returns the shuffling generator's six words (see {@link NumPyRandom#state()}), or an empty
   * array if there was no mini-batch training.
   *
   * @return a copy, of length 6 or 0
   * @since 0.1.0
   */
  public long[] shufflerState() {
    return shufflerState.clone();
  }

  /**
   * Returns the current epoch's row order, or an empty array if there is none.
   *
   * @return a copy
   * @since 0.1.0
   */
  public int[] order() {
    return order.clone();
  }

  /**
   * Returns how many rows of the current epoch's order have been used.
   *
   * @return the position in {@link #order()}
   * @since 0.1.0
   */
  public int cursor() {
    return cursor;
  }

  /**
   * Returns the number of completed epochs.
   *
   * @return the epoch count
   * @since 0.1.0
   */
  public int epoch() {
    return epoch;
  }

  /**
   * Returns the number of updates taken with this state ({@code fit}'s steps and {@code
   * Trainer.step}'s): with the trainer's shuffle seed, the key of the next step's dropout masks.
   *
   * @return the update count
   * @since 0.1.0
   */
  public long steps() {
    return steps;
  }

  /**
   * Tells whether {@code other} is a snapshot of the same state (arrays compared by value, doubles
   * by their bits).
   *
   * @param other any object
   * @return whether equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof TrainingSnapshot)) {
      return false;
    }
    TrainingSnapshot o = (TrainingSnapshot) other;
    return optimizer.equals(o.optimizer) && Arrays.equals(optimizerState, o.optimizerState)
        && shuffleSeed == o.shuffleSeed && Arrays.equals(shufflerState, o.shufflerState)
        && Arrays.equals(order, o.order) && cursor == o.cursor && epoch == o.epoch && steps == o.steps;
  }

  /**
   * Returns a hash of the state.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.hashCode(optimizerState) * 31 + Arrays.hashCode(order) + 17 * epoch + cursor
        + Long.hashCode(steps) * 7;
  }

  /**
   * Summarises the snapshot, for example {@code TrainingSnapshot(adam(...), epoch=2, cursor=3/10)}.
   *
   * @return a readable summary
   */
  @Override
  public String toString() {
    return "TrainingSnapshot(" + optimizer + ", epoch=" + epoch + ", cursor=" + cursor + "/" + order.length + ")";
  }
}
