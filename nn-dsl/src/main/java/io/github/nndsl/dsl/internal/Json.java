package io.github.nndsl.dsl.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A minimal, strict JSON reader and writer (RFC 8259) for file headers that may be hostile.
 *
 * <p>The reader accepts exactly one value surrounded by optional whitespace and rejects, with a
 * {@link JsonException} that names the character offset: nesting deeper than {@link #MAX_DEPTH},
 * numbers longer than {@link #MAX_NUMBER_LENGTH} characters or outside the JSON grammar, duplicate
 * object keys, unescaped control characters, bad escapes and unpaired surrogates. Numbers are kept
 * as their text and converted on demand, so no input can make it allocate more than a small
 * multiple of its own length or recurse more than {@link #MAX_DEPTH} frames.
 *
 * <p>{@link JsonWriter} writes the same values back. Internal: not API.
 */
public final class Json {

  /** The deepest nesting of arrays and objects the reader accepts. */
  public static final int MAX_DEPTH = 32;

  /** The longest number, in characters, the reader accepts. */
  public static final int MAX_NUMBER_LENGTH = 64;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** A JSON value. */
  public sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {}

  /**
   * An object, its members in document order.
   *
   * @param members the members, unmodifiable
   */
  public record Obj(Map<String, Value> members) implements Value {}

  /**
   * An array.
   *
   * @param elements the elements, unmodifiable
   */
  public record Arr(List<Value> elements) implements Value {}

  /**
   * A string.
   *
   * @param value the decoded string
   */
  public record Str(String value) implements Value {}

  /**
   * A number, kept as its validated text.
   *
   * @param text the number as written, matching the JSON grammar
   */
  public record Num(String text) implements Value {

    /**
     * Returns the value if the text is an integer (no fraction, no exponent) that fits a long.
     *
     * @return the value, or empty
     */
    public OptionalLong toLong() {
      boolean negative = text.startsWith("-");
      int start = negative ? 1 : 0;
      if (text.length() - start > 19) {
        return OptionalLong.empty();
      }
      long value = 0;
      for (int i = start; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return OptionalLong.empty();
        }
        // accumulate negatively so that Long.MIN_VALUE fits, and detect overflow exactly
        if (value < (Long.MIN_VALUE + (c - '0')) / 10) {
          return OptionalLong.empty();
        }
        value = value * 10 - (c - '0');
      }
      if (!negative) {
        if (value == Long.MIN_VALUE) {
          return OptionalLong.empty();
        }
        value = -value;
      }
      return OptionalLong.of(value);
    }

    /**
     * Returns the value as the nearest double, if that is finite.
     *
     * @return the value, or empty when it overflows to infinity
     */
    public OptionalDouble toDouble() {
      double d = Double.parseDouble(text); // safe: the text matched the JSON number grammar
      return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }
  }

  /**
   * {@code true} or {@code false}.
   *
   * @param value the value
   */
  public record Bool(boolean value) implements Value {}

  /** {@code null}. */
  public enum Null implements Value {
    /** The only null. */
    INSTANCE
  }

  /**
   * Parses one JSON document.
   *
   * @param text the document
   * @return its value
   * @throws JsonException if the text is not exactly one well-formed value within the limits
   */
  public static Value parse(String text) {
    Json p = new Json(text);
    p.skipWhitespace();
    Value v = p.value(0);
    p.skipWhitespace();
    if (p.pos != text.length()) {
      throw p.error("unexpected '" + printable(text.charAt(p.pos)) + "' after the end of the document");
    }
    return v;
  }

  private Value value(int depth) {
    if (pos >= text.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return new Str(string());
      case 't':
        literal("true");
        return new Bool(true);
      case 'f':
        literal("false");
        return new Bool(false);
      case 'n':
        literal("null");
        return Null.INSTANCE;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected '" + printable(c) + "', expected a value");
    }
  }

  private Obj object(int depth) {
    checkDepth(depth);
    pos++; // '{'
    Map<String, Value> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return new Obj(Collections.unmodifiableMap(members));
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      int keyAt = pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Value v = value(depth);
      if (members.putIfAbsent(key, v) != null) {
        throw new JsonException("duplicate key '" + key + "'", keyAt);
      }
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return new Obj(Collections.unmodifiableMap(members));
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in an object");
      }
    }
  }

  private Arr array(int depth) {
    checkDepth(depth);
    pos++; // '['
    List<Value> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new Arr(Collections.unmodifiableList(elements));
    }
    while (true) {
      skipWhitespace();
      elements.add(value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return new Arr(Collections.unmodifiableList(elements));
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in an array");
      }
    }
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private String string() {
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      } else if (c == '\\') {
        sb.append(escape());
      } else if (c < 0x20) {
        pos--;
        throw error("unescaped control character U+" + hex4(c) + " in a string");
      } else if (Character.isSurrogate(c)) {
        pos--;
        surrogatePair(sb, c);
      } else {
        sb.append(c);
      }
    }
  }

  private void surrogatePair(StringBuilder sb, char high) {
    if (Character.isHighSurrogate(high)
        && pos + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(pos + 1))) {
      sb.append(high).append(text.charAt(pos + 1));
      pos += 2;
      return;
    }
    throw error("unpaired surrogate U+" + hex4(high) + " in a string");
  }

  private char escape() {
    if (pos >= text.length()) {
      throw error("unterminated escape");
    }
    char c = text.charAt(pos++);
    switch (c) {
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        // escaped surrogates are kept as they are: strings are compared, never re-encoded
        if (pos + 4 > text.length()) {
          throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
          int d = Character.digit(text.charAt(pos + i), 16);
          if (d < 0) {
            throw error("bad hex digit in \\u escape");
          }
          v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
      default:
        pos--;
        throw error("bad escape '\\" + printable(c) + "'");
    }
  }

  private Num number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("expected a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      digits();
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      throw new JsonException("number longer than " + MAX_NUMBER_LENGTH + " characters", start);
    }
    return new Num(text.substring(start, pos));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw error("expected '" + word + "'");
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  /** The current character, or U+0000 at the end (never valid where a token is expected). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private JsonException error(String message) {
    return new JsonException(message, pos);
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? "U+" + hex4(c) : String.valueOf(c);
  }

  private static String hex4(char c) {
    return String.format("%04X", (int) c);
  }
}
