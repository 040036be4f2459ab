package io.github.nndsl.samples;

import io.github.nndsl.core.Tensor;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.jspecify.annotations.Nullable;

/**
 * Draws the samples' pictures with XChart and writes them as PNG, headless: no window, no display
 * needed (the class sets {@code java.awt.headless=true} unless the caller chose otherwise).
 *
 * @since 0.1.0
 */
final class Charts {

  static {
    // before any AWT class loads: the samples only ever draw into images
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Strong colours for the data points, pale ones for the regions, per class. */
  private static final Color[] POINTS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

  private static final Color[] REGIONS = {new Color(0xc6dbef), new Color(0xfdd0a2), new Color(0xc7e9c0)};

  /** At most this many points per curve: a 5000-step curve drawn at 640 pixels loses nothing. */
  private static final int MAX_CURVE_POINTS = 1000;

  private Charts() {}

  /** Writes the loss per step (or epoch) on a log scale to {@code file}. */
  static Path lossCurve(double[] losses, String title, String xTitle, Path file) {
    XYChart chart = new XYChartBuilder().width(640).height(400).title(title)
        .xAxisTitle(xTitle).yAxisTitle("loss (log scale)").build();
    style(chart);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisDecimalPattern("#");
    chart.getStyler().setYAxisLogarithmic(losses.length > 0 && min(losses) > 0);
    int stride = Math.max(1, (losses.length + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
    int n = Math.max(1, (losses.length + stride - 1) / stride);
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      int k = Math.min(i * stride, Math.max(losses.length - 1, 0));
      xs[i] = k + 1;
      ys[i] = losses.length == 0 ? 1 : losses[k];
    }
    XYSeries s = chart.addSeries("loss", xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(POINTS[0]);
    return write(chart, file);
  }

  /**
   * Writes the decision regions of {@code classify} over {@code [lo, hi]²} with the data points on
   * top to {@code file}. {@code classify} maps a (rows, 2) tensor of points to one class per row.
   */
  static Path decisionBoundary(String title, double lo, double hi, Function<Tensor, int[]> classify,
      Tensor points, int[] labels, Path file) {
    XYChart chart = new XYChartBuilder().width(560).height(560).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
    style(chart);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setMarkerSize(8);
    chart.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(lo).setYAxisMax(hi);
    int cells = 60;
    double[][] grid = new double[cells * cells][];
    for (int i = 0; i < cells; i++) {
      for (int j = 0; j < cells; j++) {
        grid[i * cells + j] = new double[] {lo + (hi - lo) * (j + 0.5) / cells, lo + (hi - lo) * (i + 0.5) / cells};
      }
    }
    int[] regions = classify.apply(Tensor.of(grid));
    int classes = 0;
    for (int c : labels) {
      classes = Math.max(classes, c + 1);
    }
    for (int c : regions) {
      classes = Math.max(classes, c + 1);
    }
    for (int c = 0; c < classes; c++) {
      XYSeries region = addPoints(chart, "region " + c, grid, regions, c);
      if (region != null) {
        region.setMarker(SeriesMarkers.SQUARE).setMarkerColor(REGIONS[c % REGIONS.length]);
        region.setShowInLegend(false);
      }
    }
    double[][] data = points.toRows();
    for (int c = 0; c < classes; c++) {
      XYSeries series = addPoints(chart, "class " + c, data, labels, c);
      if (series != null) {
        series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(POINTS[c % POINTS.length]);
      }
    }
    return write(chart, file);
  }

  /** Writes measured and predicted curves y(x) to {@code file}. */
  static Path fit(String title, double[] x, double[] measured, double[] predicted, Path file) {
    XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("x").yAxisTitle("y").build();
    style(chart);
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setXAxisDecimalPattern("0.0");
    XYSeries data = chart.addSeries("target", x, measured);
    data.setMarker(SeriesMarkers.NONE);
    data.setLineColor(POINTS[0]);
    data.setLineWidth(4);
    XYSeries net = chart.addSeries("network", x, predicted);
    net.setMarker(SeriesMarkers.NONE);
    net.setLineColor(POINTS[1]);
    return write(chart, file);
  }

  private static @Nullable XYSeries addPoints(XYChart chart, String name, double[][] rows, int[] classes, int c) {
    int n = 0;
    for (int k : classes) {
      n += k == c ? 1 : 0;
    }
    if (n == 0) {
      return null;
    }
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0, k = 0; i < rows.length; i++) {
      if (classes[i] == c) {
        xs[k] = rows[i][0];
        ys[k++] = rows[i][1];
      }
    }
    return chart.addSeries(name, xs, ys);
  }

  static void style(XYChart chart) {
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBorderVisible(false);
    chart.getStyler().setLegendBorderColor(Color.WHITE);
  }

  private static double min(double[] values) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  static Path write(Chart<?, ?> chart, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
