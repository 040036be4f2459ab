package io.github.nndsl.dsl.internal;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * JSON for file headers that may be hostile: a small value tree read and written by Jackson's
 * streaming core, configured strictly (RFC 8259 and nothing more). Internal: not API.
 *
 * <p>{@link #parse(String)} accepts exactly one value surrounded by optional whitespace and
 * rejects, with a {@link JsonException} that names the character offset, anything Jackson rejects
 * in its strict mode (comments, single quotes, unquoted keys, NaN and Infinity, leading zeros or
 * plus signs, trailing commas, unescaped control characters, bad escapes), duplicate object keys,
 * trailing tokens after the root value, nesting deeper than {@link #MAX_DEPTH}, numbers of more
 * than {@link #MAX_NUMBER_LENGTH} digits and documents, strings or keys longer than {@link
 * #MAX_DOCUMENT_LENGTH} characters. Numbers are kept as their text and converted on demand, so no
 * input makes the tree allocate more than a small multiple of its own length.
 */
public final class Json {

  /** The deepest nesting of arrays and objects the reader accepts. */
  public static final int MAX_DEPTH = 32;

  /**
   * The most digits a number may have (Jackson counts the digits of the integer part, the fraction
   * and the exponent, not the signs, point or 'e'), so a number's text is at most 4 characters longer.
   */
  public static final int MAX_NUMBER_LENGTH = 64;

  /** The longest document (and so string or key), in characters, the reader accepts. */
  public static final int MAX_DOCUMENT_LENGTH = 16 << 20;

  /**
   * The one factory: thread-safe, and sharing no symbol table between documents, so one hostile
   * file leaves nothing behind for the next. Every lenient JsonReadFeature is off by default in
   * Jackson 3; they are named here so that the strictness is visible and a changed default cannot
   * loosen it.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxDocumentLength(MAX_DOCUMENT_LENGTH)
          .maxStringLength(MAX_DOCUMENT_LENGTH)
          .maxNameLength(MAX_DOCUMENT_LENGTH)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES)
      // a token quoted in a message ("unrecognized token 'xyz...'") is cut after 40 characters
      .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(40).build())
      .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS,
          JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES,
          JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
          JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS,
          JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
          JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_HEXADECIMAL_NUMBERS,
          JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_RS_CONTROL_CHAR,
          JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_MISSING_VALUES,
          JsonReadFeature.ALLOW_TRAILING_COMMA)
      // Double.toString, as the files have always been written: it reads back as the same bits
      .disable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      // a writer that repeats a key has a bug: fail rather than write a file the reader rejects
      .enable(StreamWriteFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private Json() {}

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
   * A number, kept as its text.
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
      if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
        return OptionalLong.empty();
      }
      try {
        return OptionalLong.of(Long.parseLong(text));
      } catch (NumberFormatException beyondTheLongRange) {
        return OptionalLong.empty();
      }
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
    if (text.length() > MAX_DOCUMENT_LENGTH) {
      // Jackson checks a String's length before it has a parser to say where: say it here
      throw new JsonException("document longer than " + MAX_DOCUMENT_LENGTH + " characters", MAX_DOCUMENT_LENGTH);
    }
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      try {
        JsonToken first = parser.nextToken();
        if (first == null) {
          throw new JsonException("unexpected end of input, expected a value", text.length());
        }
        Value root = value(parser, first);
        if (parser.nextToken() != null) {
          int at = (int) parser.currentTokenLocation().getCharOffset();
          // a token starts with one of {["tfn-0123456789: printable, so quoted as it is
          throw new JsonException("unexpected '" + text.charAt(at) + "' after the end of the document", at);
        }
        return root;
      } catch (JacksonException e) {
        throw JsonErrors.translate(e, parser, text);
      }
    }
  }

  /** Builds the value that starts with {@code token}; Jackson bounds the depth of this recursion. */
  private static Value value(JsonParser parser, JsonToken token) {
    if (token == null) {
      throw new AssertionError("Jackson ended the input inside an array or object without an error");
    }
    switch (token) {
      case START_OBJECT:
        Map<String, Value> members = new LinkedHashMap<>();
        for (String key = parser.nextName(); key != null; key = parser.nextName()) {
          if (members.putIfAbsent(key, value(parser, parser.nextToken())) != null) {
            throw new AssertionError("duplicate key '" + key + "' passed STRICT_DUPLICATE_DETECTION");
          }
        }
        return new Obj(Collections.unmodifiableMap(members));
      case START_ARRAY:
        List<Value> elements = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          elements.add(value(parser, t));
        }
        return new Arr(Collections.unmodifiableList(elements));
      case VALUE_STRING:
        return new Str(parser.getString());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Num(parser.getString()); // the number as written, at most MAX_NUMBER_LENGTH digits
      case VALUE_TRUE:
        return new Bool(true);
      case VALUE_FALSE:
        return new Bool(false);
      case VALUE_NULL:
        return Null.INSTANCE;
      default:
        throw new AssertionError("token " + token + " where a value starts");
    }
  }

  /**
   * Writes JSON compactly (no whitespace) with Jackson's generator: strings escaped as RFC 8259
   * requires (quote, backslash and control characters), doubles as {@link Double#toString(double)}.
   *
   * <pre>{@code
   * String s = Json.write(g -> g.writeStartObject().writeNumberProperty("version", 1).writeEndObject());
   * }</pre>
   *
   * @param body writes exactly one value
   * @return the JSON text
   */
  public static String write(Consumer<JsonGenerator> body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      body.accept(generator);
    }
    return out.toString();
  }

  /**
   * Writes a value compactly, members in their map order.
   *
   * @param value the value
   * @return the JSON text
   */
  public static String write(Value value) {
    return write(generator -> write(value, generator));
  }

  private static void write(Value value, JsonGenerator g) {
    if (value instanceof Obj) {
      g.writeStartObject();
      for (Map.Entry<String, Value> e : ((Obj) value).members().entrySet()) {
        g.writeName(e.getKey());
        write(e.getValue(), g);
      }
      g.writeEndObject();
    } else if (value instanceof Arr) {
      g.writeStartArray();
      for (Value v : ((Arr) value).elements()) {
        write(v, g);
      }
      g.writeEndArray();
    } else if (value instanceof Str) {
      g.writeString(((Str) value).value());
    } else if (value instanceof Num) {
      g.writeNumber(((Num) value).text());
    } else if (value instanceof Bool) {
      g.writeBoolean(((Bool) value).value());
    } else if (value instanceof Null) {
      g.writeNull();
    } else {
      throw new AssertionError(value);
    }
  }

  /**
   * Writes a finite double as a property, so that it reads back as the same bits.
   *
   * @param g the generator, inside an object
   * @param name the key
   * @param value a finite double
   * @throws IllegalArgumentException if the value is NaN or infinite (Jackson would write a string)
   */
  public static void writeFinite(JsonGenerator g, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, but was " + value);
    }
    g.writeNumberProperty(name, value);
  }
}
