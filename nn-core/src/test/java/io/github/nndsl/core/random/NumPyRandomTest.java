package io.github.nndsl.core.random;

import io.github.nndsl.core.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NumPyRandom against golden vectors from numpy.random.default_rng (written by
 * src/test/python/gen_numpy_random.py): every comparison is exact, bit for bit.
 */
class NumPyRandomTest {

  private static final List<SeedCase> GOLDEN = SeedCase.load("/golden/numpy-random.txt");
  private static final String SEEDS = "io.github.nndsl.core.random.NumPyRandomTest#seeds";

  static Stream<SeedCase> seeds() {
    return GOLDEN.stream();
  }

  static void assertBits(double expected, double actual, String where) {
    assertEquals(
        Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
        () -> where + ": expected " + expected + " but was " + actual);
  }

  @Nested
  class Seeding {

    @Test
    void coversTheSeedsTheGoldenFileWasWrittenFor() {
      assertEquals(32, GOLDEN.size());
      assertTrue(GOLDEN.stream().anyMatch(c -> c.seed == Long.MAX_VALUE));
      assertTrue(GOLDEN.stream().anyMatch(c -> c.seed == 0));
    }

    @ParameterizedTest
    @MethodSource(SEEDS)
    void matchesNumpyStateAfterSeeding(SeedCase c) {
      long[] expected = java.util.Arrays.copyOf(c.state, 6); // no buffered 32-bit half yet
      assertArrayEquals(expected, NumPyRandom.defaultRng(c.seed).state(), "seed " + c.seed);
    }

    @ParameterizedTest
    @MethodSource(SEEDS)
    void matchesNumpyRawOutputs(SeedCase c) {
      NumPyRandom rng = NumPyRandom.defaultRng(c.seed);
      for (int i = 0; i < c.raw.length; i++) {
        assertEquals(c.raw[i], rng.nextLong(), "seed " + c.seed + ", raw " + i);
      }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -42, Long.MIN_VALUE})
    void rejectsNegativeSeed(long seed) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NumPyRandom.defaultRng(seed));
      assertEquals("seed must be non-negative, but was " + seed, e.getMessage());
    }

    @Test
    void splitsSeedsIntoThirtyTwoBitWordsWithZeroAsOneWord() {
      assertArrayEquals(new int[] {0}, SeedSequence.entropyWords(0));
      assertArrayEquals(new int[] {-1}, SeedSequence.entropyWords(0xFFFFFFFFL));
      assertArrayEquals(new int[] {0, 1}, SeedSequence.entropyWords(1L << 32));
      assertArrayEquals(new int[] {-1, 0x7FFFFFFF}, SeedSequence.entropyWords(Long.MAX_VALUE));
    }

    @Test
    void multipliesUnsigned128BitLikeBigInteger() {
      long[] values = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x4385DF649FCCF645L, -2, 3};
      BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
      for (long x : values) {
        for (long y : values) {
          BigInteger product = unsigned(x).multiply(unsigned(y));
          long expected = product.shiftRight(64).and(mask).longValue();
          assertEquals(expected, Pcg64.unsignedMultiplyHigh(x, y), x + " * " + y);
        }
      }
    }

    private BigInteger unsigned(long x) {
      return new BigInteger(Long.toUnsignedString(x));
    }
  }

  @Nested
  class Uniform {

    @ParameterizedTest
    @MethodSource(SEEDS)
    void matchesNumpyRandom(SeedCase c) {
      NumPyRandom rng = NumPyRandom.defaultRng(c.seed);
      for (int i = 0; i < c.random.length; i++) {
        assertBits(c.random[i], rng.random(), "seed " + c.seed + ", random " + i);
      }
    }

    @Test
    void usesTheTopFiftyThreeBitsOfOneRawOutput() {
      NumPyRandom rng = NumPyRandom.defaultRng(7);
      for (int i = 0; i < 100; i++) {
        long raw = rng.copy().nextLong();
        double u = rng.random();
        assertBits((raw >>> 11) / 9007199254740992.0, u, "draw " + i);
        assertTrue(u >= 0 && u < 1);
      }
    }
  }

  @Nested
  class StandardNormal {

    @ParameterizedTest
    @MethodSource(SEEDS)
    void matchesNumpyStandardNormalIncludingTail(SeedCase c) {
      NumPyRandom rng = NumPyRandom.defaultRng(c.seed);
      for (int i = 0; i < c.normal.length; i++) {
        assertBits(c.normal[i], rng.standardNormal(), "seed " + c.seed + ", normal " + i);
      }
    }

    @Test
    void goldenStreamsReachTheTailAndTheWedgeBranches() {
      int tailFirstTry = 0;
      int wedgeFirstTry = 0;
      int tailValues = 0;
      int draws = 0;
      for (SeedCase c : GOLDEN) {
        NumPyRandom rng = NumPyRandom.defaultRng(c.seed);
        for (double expected : c.normal) {
          // The first raw output of a draw decides its branch, with the same bit layout as NumPy.
          long r = rng.copy().nextLong();
          int idx = (int) (r & 0xFF);
          long rabs = (r >>> 9) & 0x000FFFFFFFFFFFFFL;
          if (rabs >= Ziggurat.KI[idx]) {
            if (idx == 0) {
              tailFirstTry++;
            } else {
              wedgeFirstTry++;
            }
          }
          // Only the tail branch can return |z| >= NOR_R; every other branch stays inside.
          if (Math.abs(expected) >= Ziggurat.NOR_R) {
            tailValues++;
          }
          assertBits(expected, rng.standardNormal(), "seed " + c.seed + ", normal " + draws++);
        }
      }
      assertTrue(tailFirstTry >= 3, "tail branch reached first try " + tailFirstTry + " times");
      assertTrue(tailValues >= tailFirstTry, tailValues + " tail values for " + tailFirstTry);
      assertTrue(wedgeFirstTry >= 100, "wedge branch reached " + wedgeFirstTry + " times");
    }

    @Test
    void matchesNumpyOverMillionDrawStreamsWithHundredsOfTailSamples() {
      int tailSamples = 0;
      for (SeedCase c : GOLDEN) {
        if (c.streamLength == 0) {
          continue;
        }
        NumPyRandom rng = NumPyRandom.defaultRng(c.seed);
        long xor = 0;
        long sum = 0;
        int next = 0;
        for (int i = 0; i < c.streamLength; i++) {
          double z = rng.standardNormal();
          long bits = Double.doubleToRawLongBits(z);
          xor ^= bits;
          sum += bits;
          if (next < c.tailIndex.length && c.tailIndex[next] == i) {
            assertBits(c.tailValue[next++], z, "seed " + c.seed + ", tail sample at " + i);
          } else {
            assertTrue(Math.abs(z) < Ziggurat.NOR_R, "seed " + c.seed + ": " + z + " at " + i);
          }
        }
        assertEquals(c.tailIndex.length, next, "seed " + c.seed + ": tail samples seen");
        assertEquals(c.streamXor, xor, "seed " + c.seed + ": xor of all bit patterns");
        assertEquals(c.streamSum, sum, "seed " + c.seed + ": sum of all bit patterns");
        tailSamples += next;
      }
      assertTrue(tailSamples >= 500, "only " + tailSamples + " tail samples");
    }

    @ParameterizedTest
    @MethodSource(SEEDS)
    void fillsATensorRowMajorLikeNumpyShape(SeedCase c) {
      Tensor t = NumPyRandom.defaultRng(c.seed).standardNormal(c.shape);
      assertArrayEquals(c.shape, t.shape());
      double[] actual = t.toArray();
      for (int i = 0; i < c.shaped.length; i++) {
        assertBits(c.shaped[i], actual[i], "seed " + c.seed + ", element " + i);
      }
    }

    @Test
    void fillsAVectorWithSuccessiveDraws() {
      NumPyRandom rng = NumPyRandom.defaultRng(42);
      NumPyRandom same = rng.copy();
      double[] actual = rng.standardNormal(7).toArray();
      for (int i = 0; i < actual.length; i++) {
        assertBits(same.standardNormal(), actual[i], "element " + i);
      }
    }

    @Test
    void drawsNothingForAnEmptyShape() {
      NumPyRandom rng = NumPyRandom.defaultRng(1);
      long[] before = rng.state();
      assertArrayEquals(new int[] {0, 4}, rng.standardNormal(0, 4).shape());
      assertArrayEquals(before, rng.state());
    }

    @Test
    void rejectsBadShapesBeforeDrawing() {
      NumPyRandom rng = NumPyRandom.defaultRng(1);
      long[] before = rng.state();
      assertShapeRejected(rng, "shape must have 1 or 2 dimensions, but was []");
      assertShapeRejected(rng, "shape must have 1 or 2 dimensions, but was [1, 2, 3]", 1, 2, 3);
      assertShapeRejected(rng, "shape dimensions must be non-negative, but was [3, -1]", 3, -1);
      assertShapeRejected(
          rng, "shape [65536, 65536] has 4294967296 elements, more than an array can hold",
          65536, 65536);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> rng.standardNormal((int[]) null));
      assertEquals("shape is null", e.getMessage());
      assertArrayEquals(before, rng.state());
    }

    private void assertShapeRejected(NumPyRandom rng, String message, int... shape) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> rng.standardNormal(shape));
      assertEquals(message, e.getMessage());
    }
  }

  @Nested
  class MixedCalls {

    @ParameterizedTest
    @MethodSource(SEEDS)
    void matchesNumpyWhenDistributionsAreInterleaved(SeedCase c) {
      NumPyRandom rng = NumPyRandom.defaultRng(c.seed);
      for (int i = 0; i < c.mixed.size(); i++) {
        String kind = c.mixed.get(i)[0];
        String value = c.mixed.get(i)[1];
        String where = "seed " + c.seed + ", mixed " + i + " (" + kind + ")";
        switch (kind) {
          case "random" -> assertBits(Double.parseDouble(value), rng.random(), where);
          case "normal" -> assertBits(Double.parseDouble(value), rng.standardNormal(), where);
          case "raw" -> assertEquals(SeedCase.hex64(value), rng.nextLong(), where);
          default -> throw new IllegalStateException("unknown kind " + kind);
        }
      }
    }
  }

  @Nested
  class StateAndCopy {

    @Test
    void fromStateContinuesTheSameStream() {
      NumPyRandom rng = NumPyRandom.defaultRng(12345);
      rng.standardNormal(1000);
      NumPyRandom resumed = NumPyRandom.fromState(rng.state());
      for (int i = 0; i < 1000; i++) {
        assertEquals(rng.nextLong(), resumed.nextLong(), "raw " + i);
        assertBits(rng.standardNormal(), resumed.standardNormal(), "normal " + i);
      }
      assertArrayEquals(rng.state(), resumed.state());
    }

    @Test
    void copyContinuesTheSameStreamIndependently() {
      NumPyRandom rng = NumPyRandom.defaultRng(2);
      rng.random();
      NumPyRandom fork = rng.copy();
      double[] first = {rng.random(), rng.standardNormal(), rng.random()};
      assertNotEquals(fork.state()[1], rng.state()[1], "drawing from rng must not move fork");
      double[] second = {fork.random(), fork.standardNormal(), fork.random()};
      for (int i = 0; i < first.length; i++) {
        assertBits(first[i], second[i], "draw " + i);
      }
    }

    @Test
    void stateAndFromStateDoNotShareArrays() {
      NumPyRandom rng = NumPyRandom.defaultRng(0);
      long[] saved = rng.state();
      saved[1] ^= 1;
      assertArrayEquals(GOLDEN.get(0).state, java.util.Arrays.copyOf(rng.state(), 4));
      long[] words = GOLDEN.get(0).state.clone();
      NumPyRandom restored = NumPyRandom.fromState(words);
      words[1] ^= 1;
      assertEquals(GOLDEN.get(0).raw[0], restored.nextLong());
    }

    @Test
    void rejectsStateOfWrongLengthOrWithEvenIncrement() {
      IllegalArgumentException e = assertThrows(
          IllegalArgumentException.class, () -> NumPyRandom.fromState(new long[] {1, 2, 3}));
      assertEquals("state must have length 4 or 6, but had length 3", e.getMessage());
      e = assertThrows(
          IllegalArgumentException.class, () -> NumPyRandom.fromState(new long[] {1, 2, 3, 5, 2, 0}));
      assertEquals("state[4], hasUint32, must be 0 or 1, but was 2", e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> NumPyRandom.fromState(new long[] {1, 2, 3, 5, 1, 1L << 32}));
      assertEquals("state[5], uinteger, must be an unsigned 32-bit value, but was 4294967296", e.getMessage());
      e = assertThrows(
          IllegalArgumentException.class, () -> NumPyRandom.fromState(new long[] {1, 2, 3, -2}));
      assertEquals(
          "state[3], the low word of the increment, must be odd, but was 18446744073709551614",
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> NumPyRandom.fromState(null));
      assertEquals("state is null", e.getMessage());
    }
  }

  /** One seed's section of the golden file; each list starts from a freshly seeded generator. */
  static final class SeedCase {

    long seed;
    long[] state = new long[4];
    long[] raw = {};
    double[] random = {};
    double[] normal = {};
    int[] shape = {};
    double[] shaped = {};
    final List<String[]> mixed = new ArrayList<>();
    /** A long standard_normal stream, summarised; length 0 when the seed has none. */
    int streamLength;
    long streamXor;
    long streamSum;
    long[] tailIndex = {};
    double[] tailValue = {};

    @Override
    public String toString() {
      return "seed " + seed;
    }

    static List<SeedCase> load(String resource) {
      InputStream in = NumPyRandomTest.class.getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      List<SeedCase> cases = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        SeedCase c = new SeedCase();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split(" ");
          switch (f[0]) {
            case "seed" -> c.seed = Long.parseLong(f[1]);
            case "state" -> c.state = new long[] {hi(f[1]), lo(f[1]), hi(f[2]), lo(f[2])};
            case "raw" -> c.raw = readLines(r, f[1]).mapToLong(SeedCase::hex64).toArray();
            case "random" -> c.random = doubles(r, f[1]);
            case "normal" -> c.normal = doubles(r, f[1]);
            case "shape" -> {
              c.shape = new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])};
              c.shaped = doubles(r, Integer.toString(c.shape[0] * c.shape[1]));
            }
            case "mixed" -> c.mixed.addAll(readLines(r, f[1]).map(s -> s.split(" ")).toList());
            case "stream" -> {
              c.streamLength = Integer.parseInt(f[1]);
              c.streamXor = hex64(f[2]);
              c.streamSum = hex64(f[3]);
              List<String[]> tail = readLines(r, f[4]).map(s -> s.split(" ")).toList();
              c.tailIndex = tail.stream().mapToLong(t -> Long.parseLong(t[0])).toArray();
              c.tailValue = tail.stream().mapToDouble(t -> Double.parseDouble(t[1])).toArray();
            }
            case "end" -> {
              cases.add(c);
              c = new SeedCase();
            }
            default -> throw new IllegalStateException("unexpected golden line: " + line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return cases;
    }

    private static Stream<String> readLines(BufferedReader r, String count) throws IOException {
      int n = Integer.parseInt(count);
      List<String> lines = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        lines.add(r.readLine());
      }
      return lines.stream();
    }

    private static double[] doubles(BufferedReader r, String count) throws IOException {
      return readLines(r, count).mapToDouble(Double::parseDouble).toArray();
    }

    static long hex64(String hex) {
      return Long.parseUnsignedLong(hex, 16);
    }

    private static long hi(String hex128) {
      return hex64(hex128.substring(0, 16));
    }

    private static long lo(String hex128) {
      return hex64(hex128.substring(16));
    }
  }
}
