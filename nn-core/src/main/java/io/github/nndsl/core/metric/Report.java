package io.github.nndsl.core.metric;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Lays out scikit-learn's classification_report, character for character. */
final class Report {

  private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
  private static final String LONGEST_AVERAGE = "weighted avg";
  private static final int DIGITS = 2;
  private static final int COLUMN = 9;

  private Report() {}

  static String of(Counts counts, List<String> names) {
    int width = Math.max(LONGEST_AVERAGE.length(), DIGITS);
    for (String name : names) {
      width = Math.max(width, name.codePointCount(0, name.length()));
    }
    StringBuilder s = new StringBuilder();
    s.append(right("", width)).append(' ');
    for (String header : HEADERS) {
      s.append(' ').append(right(header, COLUMN));
    }
    s.append("\n\n");
    double[] p = counts.precision();
    double[] r = counts.recall();
    double[] f = counts.f1();
    boolean allPresent = true;
    for (int c = 0; c < counts.classes(); c++) {
      row(s, names.get(c), p[c], r[c], f[c], counts.support(c), width);
      allPresent &= counts.present(c);
    }
    s.append('\n');
    double accuracy = (double) counts.correct() / counts.rows();
    if (allPresent) {
      // scikit-learn prints the micro average as "accuracy" when it equals it: every label seen
      s.append(right("accuracy", width)).append(' ');
      s.append(' ').append(right("", COLUMN)).append(' ').append(right("", COLUMN));
      s.append(' ').append(right(fixed(accuracy), COLUMN));
      s.append(' ').append(right(Integer.toString(counts.rows()), COLUMN)).append('\n');
    } else {
      row(s, "micro avg", accuracy, accuracy, Counts.harmonic(accuracy, accuracy), counts.rows(), width);
    }
    row(s, "macro avg", Counts.mean(p), Counts.mean(r), Counts.mean(f), counts.rows(), width);
    row(s, "weighted avg", counts.weighted(p), counts.weighted(r), counts.weighted(f), counts.rows(), width);
    return s.toString();
  }

  private static void row(StringBuilder s, String name, double p, double r, double f, int support, int width) {
    s.append(right(name, width)).append(' ');
    s.append(' ').append(right(fixed(p), COLUMN));
    s.append(' ').append(right(fixed(r), COLUMN));
    s.append(' ').append(right(fixed(f), COLUMN));
    s.append(' ').append(right(Integer.toString(support), COLUMN)).append('\n');
  }

  /** Python's {@code "{:.2f}"}: the exact binary value rounded half to even, not Java's HALF_UP. */
  static String fixed(double value) {
    return new BigDecimal(value).setScale(DIGITS, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String right(String text, int width) {
    int length = text.codePointCount(0, text.length());
    return length >= width ? text : " ".repeat(width - length) + text;
  }
}
