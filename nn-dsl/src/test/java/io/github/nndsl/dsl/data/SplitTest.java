package io.github.nndsl.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Dataset.split against the NumPy reference (src/test/python/split_reference.py, the same
 * algorithm on NumPy's own Generator), and its properties.
 */
class SplitTest {

  /** Row r has the single feature r, so the features of a split name its rows. */
  static Dataset indexed(int[] labels, int k) {
    int n = labels.length;
    Tensor x = Tensor.zeros(n, 1);
    Tensor y = Tensor.zeros(n, k);
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      classes.add(Integer.toString(c));
    }
    for (int r = 0; r < n; r++) {
      x.set(r, 0, r);
      y.set(r, labels[r], 1.0);
    }
    return Dataset.owning(x, y, List.of("row"), classes);
  }

  static Dataset plain(int n) {
    Tensor x = Tensor.zeros(n, 1);
    for (int r = 0; r < n; r++) {
      x.set(r, 0, r);
    }
    return Dataset.of(x, Tensor.zeros(n, 1));
  }

  static int[] rowsOf(Dataset d) {
    return Arrays.stream(d.features().toArray()).mapToInt(v -> (int) v).toArray();
  }

  static int[] ints(String line, String key) {
    assertEquals(key, line.split(" ")[0]);
    return Arrays.stream(line.split(" ")).skip(1).mapToInt(Integer::parseInt).toArray();
  }

  @Test
  void givesTheNumPyReferenceRowsForEveryCase() throws IOException {
    InputStream in = SplitTest.class.getResourceAsStream("/golden/split.txt");
    int cases = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.startsWith("case ")) {
          continue;
        }
        String[] head = line.split(" ");
        double fraction = Double.parseDouble(head[2]);
        long seed = Long.parseLong(head[3]);
        int k = Integer.parseInt(head[4]);
        int[] labels = ints(r.readLine(), "labels");
        Dataset d = k == 0 ? plain(labels[0]) : indexed(labels, k);
        Dataset.Split split = d.split(fraction, seed);
        assertArrayEquals(ints(r.readLine(), "train"), rowsOf(split.train()), head[1] + " train");
        assertArrayEquals(ints(r.readLine(), "validation"), rowsOf(split.validation()), head[1] + " validation");
        cases++;
      }
    }
    assertEquals(8, cases);
  }

  @Nested
  class Properties {

    final int[] labels = IntStream.range(0, 103).map(i -> i % 7 == 0 ? 2 : i % 3 == 0 ? 1 : 0).toArray();
    final Dataset data = indexed(labels, 3);

    @Test
    void isDisjointAndCoversEveryRowOnce() {
      Dataset.Split s = data.split(0.3, 9);
      int[] all = IntStream.concat(Arrays.stream(rowsOf(s.train())), Arrays.stream(rowsOf(s.validation())))
          .sorted().toArray();
      assertArrayEquals(IntStream.range(0, 103).toArray(), all);
    }

    @Test
    void keepsEachClassShareWithinOneRow() {
      Dataset.Split s = data.split(0.3, 9);
      int[] held = new int[3];
      int[] total = new int[3];
      for (int r : rowsOf(s.validation())) {
        held[labels[r]]++;
      }
      for (int label : labels) {
        total[label]++;
      }
      for (int c = 0; c < 3; c++) {
        assertEquals(0.3 * total[c], held[c], 1.0, "class " + c);
      }
      assertEquals(31, s.validation().rows(), "round(0.3 * 103) = round(30.9)");
    }

    @Test
    void keepsNamesClassesAndTargets() {
      Dataset.Split s = data.split(0.3, 9);
      assertEquals(data.classes(), s.train().classes());
      assertEquals(data.featureNames(), s.validation().featureNames());
      int r = rowsOf(s.validation())[0];
      assertEquals(1.0, s.validation().targets().get(0, labels[r]));
    }

    @Test
    void isTheSameForASeedAndDiffersAcrossSeeds() {
      assertArrayEquals(rowsOf(data.split(0.3, 9).validation()), rowsOf(data.split(0.3, 9).validation()));
      assertNotEquals(
          Arrays.toString(rowsOf(data.split(0.3, 9).validation())),
          Arrays.toString(rowsOf(data.split(0.3, 10).validation())));
    }

    @Test
    void roundsTheValidationCountHalfUp() {
      assertEquals(3, plain(10).split(0.25, 0).validation().rows(), "2.5 rounds up");
      assertEquals(2, plain(10).split(0.24, 0).validation().rows());
      assertEquals(3, plain(10).split(0.3, 0).validation().rows(), "0.3 * 10 is 3.0000000000000004");
      assertEquals(359, plain(1797).split(0.2, 0).validation().rows(), "359.4");
    }

    @Test
    void destructuresForKotlin() {
      Dataset.Split s = data.split(0.5, 1);
      assertEquals(s.train(), s.component1());
      assertEquals(s.validation(), s.component2());
    }
  }

  @Nested
  class Rejects {

    @Test
    void fractionsOutsideTheOpenUnitInterval() {
      for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain(10).split(f, 0));
        assertEquals("validationFraction must be in (0, 1), but was " + f, e.getMessage());
      }
    }

    @Test
    void splitsThatLeaveASetEmpty() {
      assertEquals(
          "validationFraction 0.01 of 10 rows gives 0 validation rows and 10 training rows; each set needs at least one",
          assertThrows(IllegalArgumentException.class, () -> plain(10).split(0.01, 0)).getMessage());
      assertEquals(
          "validationFraction 0.96 of 10 rows gives 10 validation rows and 0 training rows; each set needs at least one",
          assertThrows(IllegalArgumentException.class, () -> plain(10).split(0.96, 0)).getMessage());
    }

    @Test
    void negativeSeeds() {
      assertEquals("seed must be non-negative, but was -1",
          assertThrows(IllegalArgumentException.class, () -> plain(10).split(0.5, -1)).getMessage());
    }
  }
}
