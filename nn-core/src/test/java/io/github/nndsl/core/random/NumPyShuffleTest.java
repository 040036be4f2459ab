package io.github.nndsl.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link NumPyRandom#shuffle} and {@link NumPyRandom#permutation} against NumPy's Generator. */
class NumPyShuffleTest {

  static Stream<String[]> records(String kind) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        NumPyShuffleTest.class.getResourceAsStream("/golden/numpy-shuffle.txt"), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(kind + " ")) {
          out.add(line.substring(kind.length() + 1).split(" \\| "));
        }
      }
    }
    assertTrue(out.size() >= 6);
    return out.stream();
  }

  static Stream<Arguments> permutations() throws IOException {
    return records("perm").map(r -> Arguments.of((Object) r));
  }

  static Stream<Arguments> mixed() throws IOException {
    return records("mixed").map(r -> Arguments.of((Object) r));
  }

  private static int[] ints(String text, int skip) {
    return Arrays.stream(text.trim().split(" ")).skip(skip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt)
        .toArray();
  }

  @ParameterizedTest
  @MethodSource("permutations")
  void permutationMatchesNumpy(String[] record) {
    String[] head = record[0].split(" ");
    long seed = Long.parseUnsignedLong(head[0]);
    int n = Integer.parseInt(head[1]);
    assertArrayEquals(ints(record[0], 2), NumPyRandom.defaultRng(seed).permutation(n), "seed " + seed + ", n " + n);
  }

  @ParameterizedTest
  @MethodSource("mixed")
  void keepsNumpysBuffered32BitHalfAcrossOtherDraws(String[] record) {
    long seed = Long.parseUnsignedLong(record[0].split(" ")[0]);
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    assertArrayEquals(ints(record[0], 1), rng.permutation(5));
    assertEquals(Double.parseDouble(record[1]), rng.random());
    assertArrayEquals(ints(record[2], 0), rng.permutation(7));
    String[] st = record[3].split(" ");
    BigInteger state = new BigInteger(st[0]);
    BigInteger inc = new BigInteger(st[1]);
    long[] expected = {state.shiftRight(64).longValue(), state.longValue(), inc.shiftRight(64).longValue(),
        inc.longValue(), Long.parseLong(st[2]), Long.parseLong(st[3])};
    assertArrayEquals(expected, rng.state());
    NumPyRandom resumed = NumPyRandom.fromState(rng.state());
    assertArrayEquals(rng.permutation(20), resumed.permutation(20), "the buffered half survives state/fromState");
    NumPyRandom fork = rng.copy();
    assertArrayEquals(rng.permutation(9), fork.permutation(9), "and copy");
  }

  @Test
  void shuffleIsAPermutationInPlace() {
    int[] values = {10, 20, 30, 40, 50, 60};
    NumPyRandom.defaultRng(3).shuffle(values);
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    assertArrayEquals(new int[] {10, 20, 30, 40, 50, 60}, sorted);
  }

  @Test
  void rejectsBadArguments() {
    assertEquals("n must be non-negative, but was -1",
        assertThrows(IllegalArgumentException.class, () -> NumPyRandom.defaultRng(0).permutation(-1)).getMessage());
    assertEquals("values is null",
        assertThrows(IllegalArgumentException.class, () -> NumPyRandom.defaultRng(0).shuffle(null)).getMessage());
  }
}
