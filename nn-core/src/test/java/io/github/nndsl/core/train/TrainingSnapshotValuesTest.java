package io.github.nndsl.core.train;

import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.random.NumPyRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Snapshots are values: equal parts make equal snapshots with equal hash codes; limits are inclusive where documented. */
class TrainingSnapshotValuesTest {

  private static final long[] STATE = NumPyRandom.defaultRng(4).state();

  private static TrainingSnapshot snapshot(long seed, long[] state, int cursor, int epoch) {
    return TrainingSnapshot.of(Optimizers.adam(0.01), new double[] {1, 2, 3}, seed, state, new int[] {2, 0, 1},
        cursor, epoch);
  }

  @Test
  void equalPartsMakeEqualSnapshots() {
    TrainingSnapshot a = snapshot(4, STATE, 1, 2);
    TrainingSnapshot b = snapshot(4, STATE, 1, 2);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, snapshot(4, STATE, 1, 3));
    assertNotEquals(a.hashCode(), snapshot(4, STATE, 1, 3).hashCode());
    assertNotEquals(a.hashCode(), snapshot(4, STATE, 2, 2).hashCode());
    assertNotEquals(a, null);
    assertNotEquals(a, "a snapshot");
    assertEquals("TrainingSnapshot(adam(0.01, 0.9, 0.999, 1.0E-8), epoch=2, cursor=1/3)", a.toString());
  }

  @Test
  void acceptsTheEdgesOfEveryRange() {
    assertEquals(-1, snapshot(-1, new long[0], 0, 0).shuffleSeed());
    assertEquals(3, snapshot(0, STATE, 3, 0).cursor());
    assertEquals("shuffleSeed must be -1 (none) or non-negative, but was -2",
        assertThrows(IllegalArgumentException.class, () -> snapshot(-2, new long[0], 0, 0)).getMessage());
    assertEquals("cursor must be in [0, 3] (the order's length), but was 4",
        assertThrows(IllegalArgumentException.class, () -> snapshot(0, STATE, 4, 0)).getMessage());
    assertEquals("cursor must be in [0, 3] (the order's length), but was -1",
        assertThrows(IllegalArgumentException.class, () -> snapshot(0, STATE, -1, 0)).getMessage());
    assertEquals("epoch must be non-negative, but was -1",
        assertThrows(IllegalArgumentException.class, () -> snapshot(0, STATE, 0, -1)).getMessage());
    assertEquals("order must be a permutation of 0..1, but order[1] is 2", assertThrows(IllegalArgumentException.class,
        () -> TrainingSnapshot.of(Optimizers.sgd(1), new double[0], -1, new long[0], new int[] {0, 2}, 0, 0))
        .getMessage());
    assertEquals("order must be a permutation of 0..1, but order[1] is 0, seen before", assertThrows(
        IllegalArgumentException.class,
        () -> TrainingSnapshot.of(Optimizers.sgd(1), new double[0], -1, new long[0], new int[] {0, 0}, 0, 0))
        .getMessage());
  }

  @Test
  void namesANullPart() {
    assertEquals("optimizerState is null", assertThrows(IllegalArgumentException.class,
        () -> TrainingSnapshot.of(Optimizers.sgd(1), null, -1, new long[0], new int[0], 0, 0)).getMessage());
    assertEquals("shufflerState is null", assertThrows(IllegalArgumentException.class,
        () -> TrainingSnapshot.of(Optimizers.sgd(1), new double[0], -1, null, new int[0], 0, 0)).getMessage());
    assertEquals("order is null", assertThrows(IllegalArgumentException.class,
        () -> TrainingSnapshot.of(Optimizers.sgd(1), new double[0], -1, new long[0], null, 0, 0)).getMessage());
  }
}
