package io.github.nndsl.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.metric.Metrics;
import io.github.nndsl.dsl.data.Dataset;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-data samples run headless on the committed CSV files and learn them. */
class RealDataSamplesTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static BufferedImage png(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertTrue(image != null, file + " is not a readable image");
    return image;
  }

  private static int argmin(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }

  @Nested
  class DigitsMain {

    @Test
    void learnsTheDigitsInAShortRunAndWritesItsPictures(@TempDir Path dir) throws IOException {
      Digits.Result r = Digits.run(new SampleOptions(dir, 15), out);
      assertTrue(r.accuracy() > 0.93, "validation accuracy " + r.accuracy() + "\n" + printed());
      assertEquals(640, png(dir.resolve("digits-loss.png")).getWidth());
      assertEquals(760, png(dir.resolve("digits-confusion.png")).getWidth());
      assertEquals(690, png(dir.resolve("digits-confusion.png")).getHeight());
      BufferedImage grid = png(dir.resolve("digits-misclassified.png"));
      assertEquals(0, (grid.getHeight() - 30) % DataCharts.TILE_HEIGHT, "whole rows of tiles");
      assertTrue(printed().contains("validation accuracy "), printed());
      assertTrue(printed().contains("weighted avg"), printed());
      assertTrue(printed().contains("confusion matrix (rows: actual, columns: predicted)"), printed());
    }

    @Test
    void stopsEarlyAndKeepsTheBestEpochWithTheDefaultSettings(@TempDir Path dir) {
      Digits.Result r = Digits.run(new SampleOptions(dir, 200), out);
      assertTrue(r.accuracy() >= 0.95, "validation accuracy " + r.accuracy() + "\n" + printed());
      double[] v = r.validationLosses();
      assertEquals(argmin(v), r.bestEpoch());
      assertTrue(r.epochsRun() < 200, "stopped early: " + r.epochsRun());
      assertEquals(r.bestEpoch() + 1 + Digits.PATIENCE, r.epochsRun(), "patience epochs after the best, then stop");
      // the network left behind is the best epoch's: its validation loss is that epoch's, bit for bit
      assertEquals(v[r.bestEpoch()], r.bestValidationLoss());
      assertTrue(printed().contains("stopped early after 10 epochs without improvement"), printed());
    }

    @Test
    void listsEveryMisclassifiedRowOfTheConfusionMatrix() {
      Dataset d = Dataset.of(Tensor.of(new double[][] {{1}, {2}, {3}}),
          Tensor.of(new double[][] {{1, 0}, {0, 1}, {0, 1}}));
      Tensor p = Tensor.of(new double[][] {{0.9, 0.1}, {0.8, 0.2}, {0.3, 0.7}});
      List<DataCharts.Mistake> m = Digits.mistakes(d, p, List.of("zero", "one"));
      int[][] cm = Metrics.confusionMatrix(p, d.targets());
      assertEquals(cm[0][1] + cm[1][0], m.size());
      assertEquals(new DataCharts.Mistake(m.get(0).pixels(), "one", "zero"), m.get(0));
      assertArrayEquals(new double[] {2}, m.get(0).pixels());
    }

    @Test
    void printsTheConfusionMatrixWithActualClassesDown() {
      assertEquals("confusion matrix (rows: actual, columns: predicted)\n"
              + "         a    b\n"
              + "    a    3    1\n"
              + "    b    0    2\n",
          Digits.table(new int[][] {{3, 1}, {0, 2}}, List.of("a", "b")));
    }
  }

  @Nested
  class IrisMain {
    @Test
    void learnsTheIrisFromKotlinAndWritesItsPictures(@TempDir Path dir) throws IOException {
      IrisRun r = Iris.trainIris(dir, 300, out);
      assertTrue(r.getAccuracy() >= 0.9, "validation accuracy " + r.getAccuracy() + "\n" + printed());
      assertTrue(r.getBestEpoch() >= 0 && r.getBestEpoch() < r.getEpochsRun(), printed());
      assertEquals(List.of(dir.resolve("iris-loss.png"), dir.resolve("iris-confusion.png")), r.getPictures());
      assertEquals(640, png(dir.resolve("iris-loss.png")).getWidth());
      assertEquals(480, png(dir.resolve("iris-confusion.png")).getWidth());
      assertTrue(printed().contains("versicolor"), printed());
    }
  }

  @Test
  void labelsTheEpochAxisInRoundSteps() {
    assertEquals(1, DataCharts.niceStep(9));
    assertEquals(2, DataCharts.niceStep(11));
    assertEquals(10, DataCharts.niceStep(92));
    assertEquals(20, DataCharts.niceStep(200));
    assertEquals(50, DataCharts.niceStep(201));
  }

  @Test
  void namesAMissingDataFile() {
    assertEquals("no data file nope.csv on the class path (expected /data/nope.csv)",
        assertThrows(IllegalArgumentException.class, () -> SampleData.path("nope.csv")).getMessage());
  }
}
