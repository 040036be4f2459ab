package io.github.nndsl.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every metric against scikit-learn's own numbers (src/test/python/gen_metrics.py writes
 * golden/metrics.txt); the report must match classification_report character for character.
 */
class MetricsGoldenTest {

  /** Sums run in another order than NumPy's pairwise sums: a few ulps apart at most. */
  private static final double TOLERANCE = 1e-12;

  /** One case: its header line's fields and its key-value lines. */
  record Case(String[] head, Map<String, String> fields) {
    String name() {
      return head[1];
    }

    Tensor tensor(String key, int rows, int cols) {
      double[] v = Arrays.stream(fields.get(key).split(" ")).mapToDouble(Double::parseDouble).toArray();
      return Tensor.fromArray(v, rows, cols);
    }

    double[] doubles(String key) {
      return Arrays.stream(fields.get(key).split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    double scalar(String key) {
      return Double.parseDouble(fields.get(key));
    }
  }

  static List<Case> cases(String kind) throws IOException {
    InputStream in = MetricsGoldenTest.class.getResourceAsStream("/golden/metrics.txt");
    List<Case> cases = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Case current = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        int space = line.indexOf(' ');
        String key = line.substring(0, space);
        String value = line.substring(space + 1);
        if (key.equals("class") || key.equals("regress")) {
          current = key.equals(kind) ? new Case(value.split(" ", -1), new HashMap<>()) : null;
          if (current != null) {
            String[] head = new String[current.head().length + 1];
            head[0] = key;
            System.arraycopy(current.head(), 0, head, 1, current.head().length);
            current = new Case(head, current.fields());
            cases.add(current);
          }
        } else if (current != null) {
          current.fields().put(key, value);
        }
      }
    }
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> classificationMatchesScikitLearn() throws IOException {
    List<Case> cases = cases("class");
    assertEquals(8, cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      int k = Integer.parseInt(c.head()[2]);
      int rows = Integer.parseInt(c.head()[3]);
      int cols = Integer.parseInt(c.head()[4]);
      Tensor p = c.tensor("pred", rows, cols);
      Tensor t = c.tensor("target", rows, cols);
      assertEquals(c.scalar("accuracy"), Metrics.accuracy(p, t), TOLERANCE, "accuracy");
      int[] confusion = Arrays.stream(c.fields().get("confusion").split(" ")).mapToInt(Integer::parseInt).toArray();
      int[][] m = Metrics.confusionMatrix(p, t);
      assertEquals(k, m.length);
      assertArrayEquals(confusion, Arrays.stream(m).flatMapToInt(Arrays::stream).toArray(), "confusion");
      assertArrayEquals(c.doubles("precision"), Metrics.precision(p, t), TOLERANCE, "precision");
      assertArrayEquals(c.doubles("recall"), Metrics.recall(p, t), TOLERANCE, "recall");
      assertArrayEquals(c.doubles("f1"), Metrics.f1(p, t), TOLERANCE, "f1");
      double[] macro = c.doubles("macro");
      assertEquals(macro[0], Metrics.macroPrecision(p, t), TOLERANCE, "macro precision");
      assertEquals(macro[1], Metrics.macroRecall(p, t), TOLERANCE, "macro recall");
      assertEquals(macro[2], Metrics.macroF1(p, t), TOLERANCE, "macro F1");
      String report = c.fields().get("report").replace("\\n", "\n");
      String names = c.fields().get("names");
      assertEquals(report, names.equals("-")
          ? Metrics.classificationReport(p, t)
          : Metrics.classificationReport(p, t, List.of(names.split("\\|"))));
    }));
  }

  @TestFactory
  Stream<DynamicTest> regressionMatchesScikitLearn() throws IOException {
    List<Case> cases = cases("regress");
    assertEquals(7, cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      int rows = Integer.parseInt(c.head()[2]);
      int cols = Integer.parseInt(c.head()[3]);
      Tensor p = c.tensor("pred", rows, cols);
      Tensor t = c.tensor("target", rows, cols);
      assertEquals(c.scalar("rmse"), Metrics.rmse(p, t), TOLERANCE, "rmse");
      assertEquals(c.scalar("mae"), Metrics.mae(p, t), TOLERANCE, "mae");
      assertEquals(c.scalar("r2"), Metrics.r2(p, t), TOLERANCE, "r2");
      if (cols == 1) {
        Tensor pv = Tensor.vector(p.toArray());
        Tensor tv = Tensor.vector(t.toArray());
        assertEquals(c.scalar("r2"), Metrics.r2(pv, tv), TOLERANCE, "a vector reads as one column");
      }
    }));
  }

  @Test
  void theGoldenFileSaysWhichScikitLearnMadeIt() throws IOException {
    InputStream in = MetricsGoldenTest.class.getResourceAsStream("/golden/metrics.txt");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      assertEquals(true, r.readLine().startsWith("# scikit-learn "));
    }
  }
}
