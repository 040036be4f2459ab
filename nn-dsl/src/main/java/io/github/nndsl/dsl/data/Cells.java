package io.github.nndsl.dsl.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How a cell's text becomes a number, and how a bad cell is described. */
final class Cells {

  /** Spellings of a missing value, besides the empty cell (pandas reads these as NaN too). */
  private static final Set<String> MISSING = Set.of("NA", "N/A", "null", "NULL");

  /** Spellings of NaN and infinity that NumPy, pandas or Java write. */
  private static final Set<String> NON_FINITE =
      Set.of("nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

  private static final int LISTED_COLUMNS = 20;

  private static final int QUOTED_LENGTH = 40;

  private Cells() {}

  /**
   * Parses a cell with {@link Double#parseDouble} (surrounding spaces allowed), or returns NaN
   * when it is not a number; Java's float suffixes ({@code 1d}, {@code 2f}) are not numbers here.
   */
  static double parse(char[] buf, int offset, int len) {
    if (len == 0) {
      return Double.NaN;
    }
    char last = buf[offset + len - 1];
    if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(new String(buf, offset, len));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A finite number, as {@link #parse} reads it, or NaN. */
  static double parse(String text) {
    return parse(text.toCharArray(), 0, text.length());
  }

  /** Whether a cell is empty (or blank) or spells a missing value. */
  static boolean isMissing(String text) {
    return text.isBlank() || MISSING.contains(text.strip());
  }

  /** The reason for a missing cell, for a problem message. */
  static String describeMissing(String text) {
    return text.isEmpty() ? "missing value (empty cell)" : "missing value " + quote(text);
  }

  /** The reason a numeric cell was rejected: missing, not finite, or not a number. */
  static String describeBadNumber(String text) {
    if (isMissing(text)) {
      return describeMissing(text);
    }
    if (NON_FINITE.contains(text.strip().toLowerCase(Locale.ROOT))
        || !Double.isFinite(parseLenient(text))) {
      return "non-finite value " + quote(text) + "; every value must be a finite number";
    }
    return "expected a number, but was " + quote(text);
  }

  /** Double.parseDouble's reading, NaN and infinities included, or 0 for text it rejects. */
  private static double parseLenient(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return 0.0;
    }
  }

  /** A cell's text in double quotes, line breaks shown as \\n and \\r, cut after 40 characters. */
  static String quote(String text) {
    String shown = text.length() > QUOTED_LENGTH ? text.substring(0, QUOTED_LENGTH) + "..." : text;
    return "\"" + shown.replace("\r", "\\r").replace("\n", "\\n") + "\"";
  }

  /** The header names, quoted, at most 20 of them. */
  static String listColumns(List<String> header) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < header.size() && i < LISTED_COLUMNS; i++) {
      s.append(i == 0 ? "" : ", ").append('"').append(header.get(i)).append('"');
    }
    if (header.size() > LISTED_COLUMNS) {
      s.append(", ... (").append(header.size()).append(" in all)");
    }
    return s.toString();
  }

  /** Sorts labels numerically when every label is a number (ties as strings), else as strings. */
  static List<String> sortLabels(List<String> labels) {
    List<String> sorted = new ArrayList<>(labels);
    boolean numeric = true;
    for (String label : labels) {
      numeric &= Double.isFinite(parse(label));
    }
    if (numeric) {
      Comparator<String> byValue = Comparator.comparingDouble(Cells::parse);
      sorted.sort(byValue.thenComparing(Comparator.naturalOrder()));
    } else {
      sorted.sort(Comparator.naturalOrder());
    }
    return List.copyOf(sorted);
  }
}
