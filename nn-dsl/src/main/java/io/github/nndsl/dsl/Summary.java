package io.github.nndsl.dsl;

import java.util.List;

/** Formats {@link Sequential#summary()}: a plain-text table with aligned columns. */
final class Summary {

  private static final String[] HEADER = {"#", "layer", "output shape", "params"};

  /** Columns whose values are numbers are right-aligned. */
  private static final boolean[] RIGHT = {true, false, false, true};

  private static final String GAP = "  ";

  private Summary() {}

  static String of(List<Layer> layers, int inputs) {
    String[][] rows = new String[layers.size()][];
    int width = inputs;
    long total = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      width = layer.outputWidth(width);
      total += layer.parameterCount();
      rows[i] =
          new String[] {
            Integer.toString(i),
            layer.toString(),
            "(batch, " + width + ")",
            Long.toString(layer.parameterCount())
          };
    }
    int[] widths = new int[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      widths[c] = HEADER[c].length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    String[] rule = new String[HEADER.length];
    for (int c = 0; c < HEADER.length; c++) {
      rule[c] = "-".repeat(widths[c]);
    }
    StringBuilder s = new StringBuilder();
    line(s, HEADER, widths);
    line(s, rule, widths);
    for (String[] row : rows) {
      line(s, row, widths);
    }
    line(s, rule, widths);
    return s.append("total params: ").append(total).toString();
  }

  /** Appends one row; the last column is right-aligned, so no line ends in spaces. */
  private static void line(StringBuilder s, String[] cells, int[] widths) {
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        s.append(GAP);
      }
      String pad = " ".repeat(widths[c] - cells[c].length());
      if (RIGHT[c]) {
        s.append(pad).append(cells[c]);
      } else {
        s.append(cells[c]).append(pad);
      }
    }
    s.append('\n');
  }
}
