package io.github.nndsl.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The real-data samples' pictures, drawn with XChart like {@link Charts}: training and validation
 * loss with the early-stopping epoch marked, a confusion-matrix heat map, and a grid of
 * misclassified 8x8 digit images.
 *
 * @since 0.1.0
 */
final class DataCharts {

  /** A misclassified digit: its 64 pixels (row-major, 0..16), the true and the predicted class. */
  record Mistake(double[] pixels, String actual, String predicted) {}

  static final int TILE_WIDTH = 150;
  static final int TILE_HEIGHT = 170;
  static final int TILES_PER_ROW = 6;

  private DataCharts() {}

  /**
   * Writes the training and validation loss per epoch, with a vertical line at {@code bestEpoch}
   * (0-based; the parameters kept by early stopping), to {@code file}.
   */
  static Path losses(String title, double[] training, double[] validation, int bestEpoch, Path file) {
    XYChart chart = new XYChartBuilder().width(640).height(400).title(title)
        .xAxisTitle("epoch").yAxisTitle("mean cross-entropy (log scale)").build();
    Charts.style(chart);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setXAxisDecimalPattern("#");
    // with an explicit range XChart picks round ticks; without one it labels every integer epoch
    int step = niceStep(training.length);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) ((training.length + step - 1) / step * step));
    double[] epochs = new double[training.length];
    double max = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < epochs.length; i++) {
      epochs[i] = i + 1;
      max = Math.max(max, Math.max(training[i], validation[i]));
      min = Math.min(min, Math.min(training[i], validation[i]));
    }
    chart.getStyler().setYAxisLogarithmic(min > 0);
    XYSeries t = chart.addSeries("training", epochs, training);
    t.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0x1f77b4));
    XYSeries v = chart.addSeries("validation", epochs, validation);
    v.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0xff7f0e));
    if (bestEpoch >= 0) {
      XYSeries best = chart.addSeries("best epoch " + (bestEpoch + 1) + " (kept)",
          new double[] {bestEpoch + 1, bestEpoch + 1}, new double[] {min, max});
      best.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0x2ca02c));
    }
    return Charts.write(chart, file);
  }

  /** The smallest of 1, 2, 5, 10, 20, 50, ... of which ten cover {@code n} epochs. */
  static int niceStep(int n) {
    for (int step = 1; ; step *= 10) {
      for (int k : new int[] {1, 2, 5}) {
        if ((long) n <= 10L * k * step) {
          return k * step;
        }
      }
    }
  }

  /** Writes {@code matrix[actual][predicted]} as a heat map with the counts in the cells to {@code file}. */
  static Path confusion(String title, int[][] matrix, List<String> classes, Path file) {
    int k = classes.size();
    HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(480, 60 * k + 160)).height(Math.max(440, 55 * k + 140))
        .title(title).xAxisTitle("predicted").yAxisTitle("actual").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setShowValue(true);
    chart.getStyler().setValueFontColor(Color.BLACK);
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xc6dbef), new Color(0x4292c6)});
    chart.getStyler().setDrawBorder(true);
    // the y axis runs upwards: list the actual classes from the last, so class 0 is the top row
    List<String> rows = new ArrayList<>();
    for (int a = k - 1; a >= 0; a--) {
      rows.add(classes.get(a));
    }
    List<Number[]> cells = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int p = 0; p < k; p++) {
        cells.add(new Number[] {p, k - 1 - a, matrix[a][p]});
      }
    }
    chart.addSeries("counts", classes, rows, cells);
    return Charts.write(chart, file);
  }

  /**
   * Writes up to {@code limit} misclassified digits as a grid of 8x8 grey images, each titled
   * with its true and predicted class, to {@code file}; with none, one tile says so.
   */
  static Path mistakes(String title, List<Mistake> mistakes, int limit, Path file) {
    int n = Math.min(mistakes.size(), limit);
    int columns = Math.max(1, Math.min(TILES_PER_ROW, n));
    int rows = Math.max(1, (n + TILES_PER_ROW - 1) / TILES_PER_ROW);
    int header = 30;
    BufferedImage grid = new BufferedImage(columns * TILE_WIDTH, header + rows * TILE_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
      g.setColor(Color.BLACK);
      g.drawString(n == 0 ? title + ": none" : title + " (" + n + " of " + mistakes.size() + ")", 8, 20);
      for (int i = 0; i < n; i++) {
        Mistake m = mistakes.get(i);
        BufferedImage tile = BitmapEncoder.getBufferedImage(digit("true " + m.actual() + ", said " + m.predicted(), m.pixels()));
        g.drawImage(tile, (i % TILES_PER_ROW) * TILE_WIDTH, header + (i / TILES_PER_ROW) * TILE_HEIGHT, null);
      }
    } finally {
      g.dispose();
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(grid, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** One 8x8 image (pixels row-major, 0 white .. 16 black) as a heat map without axes. */
  private static HeatMapChart digit(String title, double[] pixels) {
    HeatMapChart chart = new HeatMapChartBuilder().width(TILE_WIDTH).height(TILE_HEIGHT).title(title).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setAxisTicksVisible(false);
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setPlotBorderVisible(false);
    chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f));
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, Color.BLACK});
    chart.getStyler().setMin(0).setMax(16);
    List<Integer> axis = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      axis.add(i);
    }
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 8; c++) {
        cells.add(new Number[] {c, 7 - r, pixels[8 * r + c]}); // y runs upwards: image row 0 on top
      }
    }
    chart.addSeries("pixels", axis, axis, cells);
    return chart;
  }
}
