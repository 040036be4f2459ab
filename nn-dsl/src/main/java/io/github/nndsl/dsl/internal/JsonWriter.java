package io.github.nndsl.dsl.internal;

import java.util.Map;

/**
 * Writes {@link Json} values compactly (no whitespace, members in map order) and makes number
 * values that read back as the same bits. Internal: not API.
 */
public final class JsonWriter {

  private JsonWriter() {}

  /**
   * Writes a value compactly: no whitespace, strings escaped as RFC 8259 requires (quote,
   * backslash and control characters), members in their map order.
   *
   * @param value the value
   * @return the JSON text
   */
  public static String write(Json.Value value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Json.Value value, StringBuilder sb) {
    if (value instanceof Json.Obj) {
      sb.append('{');
      int i = 0;
      for (Map.Entry<String, Json.Value> e : ((Json.Obj) value).members().entrySet()) {
        sb.append(i++ == 0 ? "" : ",");
        quote(e.getKey(), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof Json.Arr) {
      sb.append('[');
      int i = 0;
      for (Json.Value v : ((Json.Arr) value).elements()) {
        sb.append(i++ == 0 ? "" : ",");
        write(v, sb);
      }
      sb.append(']');
    } else if (value instanceof Json.Str) {
      quote(((Json.Str) value).value(), sb);
    } else if (value instanceof Json.Num) {
      sb.append(((Json.Num) value).text());
    } else if (value instanceof Json.Bool) {
      sb.append(((Json.Bool) value).value());
    } else if (value instanceof Json.Null) {
      sb.append("null");
    } else {
      throw new AssertionError(value);
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04X", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /**
   * Makes a number value from an integer.
   *
   * @param value the integer
   * @return the number
   */
  public static Json.Num number(long value) {
    return new Json.Num(Long.toString(value));
  }

  /**
   * Makes a number value from a finite double, written so that it reads back as the same bits.
   *
   * @param value a finite double
   * @return the number
   * @throws IllegalArgumentException if the value is NaN or infinite
   */
  public static Json.Num number(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, but was " + value);
    }
    return new Json.Num(Double.toString(value)); // "1.0E-8" is valid JSON; parseDouble round-trips it
  }
}
