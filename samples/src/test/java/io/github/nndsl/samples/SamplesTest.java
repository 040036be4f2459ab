package io.github.nndsl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sample runs headless with small settings, prints its timing and writes its pictures. */
class SamplesTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void assertPng(Path file, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertTrue(image != null, file + " is not a readable image");
    assertEquals(width, image.getWidth(), file.toString());
    assertEquals(height, image.getHeight(), file.toString());
  }

  @Test
  void runsHeadless() {
    assertTrue(GraphicsEnvironment.isHeadless(), "surefire sets java.awt.headless=true");
  }

  @Nested
  class XorMain {
    @Test
    void writesTheLossCurveAndTheDecisionBoundary(@TempDir Path dir) throws IOException {
      assertTrue(Main.run(new SampleOptions(dir.resolve("made/by/the/sample"), 200), out), printed());
      assertPng(dir.resolve("made/by/the/sample/xor-loss.png"), 640, 400);
      assertPng(dir.resolve("made/by/the/sample/xor-boundary.png"), 560, 560);
      assertTrue(printed().contains("trained 200 steps in "), printed());
    }
  }

  @Nested
  class SpiralsMain {
    @Test
    void writesItsPicturesAfterAShortRun(@TempDir Path dir) throws IOException {
      double accuracy = Spirals.run(new SampleOptions(dir, 3), out);
      assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
      assertPng(dir.resolve("spirals-loss.png"), 640, 400);
      assertPng(dir.resolve("spirals-boundary.png"), 560, 560);
      assertTrue(printed().contains("trained 3 epochs (30 steps of 32) in "), printed());
    }

    @Test
    void learnsTheSpiralsWithTheDefaultSettings(@TempDir Path dir) {
      assertTrue(Spirals.run(new SampleOptions(dir, 200), out) >= 0.95, printed());
    }

    @Test
    void drawsThreeArmsOfOneHundredPointsFromTheSeededGenerator() {
      assertEquals(300, Spirals.points(io.github.nndsl.core.random.NumPyRandom.defaultRng(0)).dim(0));
      assertEquals(Spirals.points(io.github.nndsl.core.random.NumPyRandom.defaultRng(0)),
          Spirals.points(io.github.nndsl.core.random.NumPyRandom.defaultRng(0)));
      assertEquals(2, Spirals.labels()[299]);
    }

    @Test
    void softmaxRowsArePositiveAndSumToOne() {
      io.github.nndsl.core.Tensor p =
          Spirals.softmax(io.github.nndsl.core.Tensor.of(new double[][] {{1000, 0, -1000}, {1, 2, 3}}));
      assertEquals(1.0, p.get(0, 0));
      assertEquals(1.0, p.get(1, 0) + p.get(1, 1) + p.get(1, 2), 1e-15);
      assertTrue(p.get(1, 2) > p.get(1, 1));
    }
  }

  @Nested
  class SineMain {
    @Test
    void writesItsPicturesAfterAShortRun(@TempDir Path dir) throws IOException {
      double mse = Sine.run(new SampleOptions(dir, 3), out);
      assertTrue(Double.isFinite(mse), "mse " + mse);
      assertPng(dir.resolve("sine-loss.png"), 640, 400);
      assertPng(dir.resolve("sine-fit.png"), 640, 400);
      assertTrue(printed().contains("trained 3 epochs (30 steps of 20) in "), printed());
    }

    @Test
    void fitsTheSineWithTheDefaultSettings(@TempDir Path dir) {
      assertTrue(Sine.run(new SampleOptions(dir, 300), out) < 1e-3, printed());
    }
  }

  @Nested
  class Options {
    @Test
    void defaultsToTargetSamples() {
      assertEquals(new SampleOptions(Path.of("target", "samples"), 5000),
          SampleOptions.parse(new String[0], "steps", 5000));
    }

    @Test
    void readsOutAndLength() {
      assertEquals(new SampleOptions(Path.of("pics"), 7),
          SampleOptions.parse(new String[] {"--epochs", "7", "--out", "pics"}, "epochs", 200));
    }

    @Test
    void rejectsUnknownOptionsWithTheUsage() {
      assertEquals("unknown option --steps; options: --out DIR (default target/samples), --epochs N (default 200)",
          assertThrows(IllegalArgumentException.class,
              () -> SampleOptions.parse(new String[] {"--steps", "3"}, "epochs", 200)).getMessage());
    }

    @Test
    void rejectsANonPositiveLength() {
      assertThrows(IllegalArgumentException.class, () -> SampleOptions.parse(new String[] {"--steps", "0"}, "steps", 9));
      assertThrows(IllegalArgumentException.class, () -> SampleOptions.parse(new String[] {"--steps", "x"}, "steps", 9));
      assertThrows(IllegalArgumentException.class, () -> SampleOptions.parse(new String[] {"--out"}, "steps", 9));
    }
  }

  @Test
  void progressPrintsOneLinePerQuarterInALog() {
    Progress progress = Progress.to(out, "training", 1000);
    for (int step = 1; step <= 1000; step++) {
      progress.onStep(step, 1.0 / step);
    }
    assertEquals(5, printed().lines().count(), printed());
    assertTrue(printed().lines().reduce((a, b) -> b).orElseThrow()
        .equals("training [##############################] 1000/1000  loss 0.001000"), printed());
  }
}
