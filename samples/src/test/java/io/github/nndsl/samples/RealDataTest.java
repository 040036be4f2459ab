package io.github.nndsl.samples;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.metric.Metrics;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.data.Dataset;
import io.github.nndsl.dsl.data.Target;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The committed real data (src/main/resources/data, converted from scikit-learn's files) reads
 * with Dataset.readCsv into the sizes and class counts that scikit-learn's loaders give.
 */
class RealDataTest {

  static Path resource(String name) {
    try {
      return Path.of(RealDataTest.class.getResource("/data/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static int[] classCounts(Dataset d) {
    int k = d.classes().size();
    int[] counts = new int[k];
    for (int r = 0; r < d.rows(); r++) {
      for (int c = 0; c < k; c++) {
        counts[c] += (int) d.targets().get(r, c);
      }
    }
    return counts;
  }

  @Nested
  class Digits {

    final Dataset digits = Dataset.readCsv(resource("digits.csv"), Target.classes("label"));

    @Test
    void has1797RowsOf64PixelsAndTenClasses() {
      assertEquals(1797, digits.rows());
      assertEquals(64, digits.featureNames().size());
      assertEquals("pixel_0_0", digits.featureNames().get(0));
      assertEquals("pixel_7_7", digits.featureNames().get(63));
      assertEquals(IntStream.range(0, 10).mapToObj(Integer::toString).toList(), digits.classes());
      assertArrayEquals(new int[] {1797, 10}, digits.targets().shape());
    }

    @Test
    void holdsTheUciTestSetClassCounts() {
      // optdigits.tes as documented by UCI: 178 182 177 183 181 182 181 179 174 180
      assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, classCounts(digits));
    }

    @Test
    void startsWithScikitLearnsFirstImageAZero() {
      double[] first = new double[64];
      for (int j = 0; j < 64; j++) {
        first[j] = digits.features().get(0, j);
      }
      assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0}, java.util.Arrays.copyOf(first, 8));
      assertEquals(1.0, digits.targets().get(0, 0));
    }

    @Test
    void aSmallNetworkLearnsThemWellAboveChance() {
      Dataset.Split split = digits.split(0.2, 42);
      Tensor x = split.train().features().times(1.0 / 16);
      Network net = Sequential.of(linear(64, 32), relu(), linear(32, 10)).compile(0);
      Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.adam(1e-2))
          .withBatchSize(32)
          .fitEpochs(net, x, split.train().targets(), 10);
      Tensor p = net.predict(split.validation().features().times(1.0 / 16));
      double accuracy = Metrics.accuracy(p, split.validation().targets());
      assertTrue(accuracy > 0.9, "accuracy " + accuracy);
      String report = Metrics.classificationReport(p, split.validation().targets(), digits.classes());
      assertTrue(report.contains("    accuracy "), report);
      assertEquals(359, split.validation().rows(), "round(0.2 * 1797) = 359");
    }
  }

  @Test
  void irisHasThreeNamedClassesOfFifty() {
    Dataset iris = Dataset.readCsv(resource("iris.csv"), Target.classes("class"));
    assertEquals(150, iris.rows());
    assertEquals(List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"),
        iris.featureNames());
    assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classes());
    assertArrayEquals(new int[] {50, 50, 50}, classCounts(iris));
  }

  @Test
  void wineHas178RowsOf13Features() {
    Dataset wine = Dataset.readCsv(resource("wine.csv"), Target.classes("class"));
    assertEquals(178, wine.rows());
    assertEquals(13, wine.featureNames().size());
    assertEquals(List.of("class_0", "class_1", "class_2"), wine.classes());
    assertArrayEquals(new int[] {59, 71, 48}, classCounts(wine));
    assertEquals(1065.0, wine.features().get(0, 12), "proline of the first wine");
  }
}
