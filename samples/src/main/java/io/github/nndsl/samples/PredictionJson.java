package io.github.nndsl.samples;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON of the prediction service, through Jackson's streaming core: a request {@code {"rows":
 * [[x, ...], ...]}} read straight into one flat row-major array, a response {@code {"outputs":
 * [[y, ...], ...]}} written with {@code Double.toString}, so every double reads back as the same
 * bits. Strict JSON only (no NaN or Infinity, no comments, no duplicate keys).
 *
 * <pre>{@code
 * double[] rows = PredictionJson.readRows(body, 2);          // {"rows": [[0, 1], [1, 1]]}
 * byte[] json = PredictionJson.writeOutputs(outputs, 1);     // {"outputs":[[0.98],[0.01]]}
 * }</pre>
 *
 * @since 0.1.0
 */
final class PredictionJson {

  /** The deepest nesting a request may have: the object, the rows, a row. */
  private static final int MAX_DEPTH = 3;

  /** The most digits a number may have. */
  private static final int MAX_NUMBER_LENGTH = 64;

  /** One factory, thread-safe; Jackson 3 has every lenient reading feature off by default. */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      // Double.toString: reads back as the same bits
      .disable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();

  private PredictionJson() {}

  /** A request the service refuses: answered with 400 and this message. */
  static final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads {@code {"rows": [[...], ...]}} with {@code width} finite numbers per row into one flat
   * array, row after row.
   *
   * @throws BadRequestException if the body is not JSON, or not that shape (the message says where)
   */
  static double[] readRows(InputStream body, int width) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object {\"rows\": [[...], ...]}");
      double @Nullable [] rows = null;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        if (!"rows".equals(name)) {
          throw new BadRequestException("unknown field \"" + name + "\"; the body is {\"rows\": [[...], ...]}");
        }
        p.nextToken();
        rows = readArrayOfRows(p, width);
      }
      expect(p.nextToken() == null, "the body must hold one JSON object and nothing after it");
      if (rows == null) {
        throw new BadRequestException("missing field \"rows\"; the body is {\"rows\": [[...], ...]}");
      }
      return rows;
    } catch (JacksonException e) {
      // Jackson's hint to the programmer (": enable `JsonReadFeature...` to allow") means nothing to a client
      String message = e.getOriginalMessage().replaceAll(": enable `[^`]*` to allow", "");
      throw new BadRequestException("not JSON: " + message + where(e.getLocation()));
    }
  }

  private static String where(@Nullable TokenStreamLocation location) {
    if (location == null) {
      return "";
    }
    long at = location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    return at >= 0 ? " (near byte " + at + ")" : "";
  }

  private static double[] readArrayOfRows(JsonParser p, int width) {
    expect(p.currentToken() == JsonToken.START_ARRAY, "\"rows\" must be an array of rows");
    double[] values = new double[16 * width];
    int count = 0;
    int row = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), row++) {
      expect(t == JsonToken.START_ARRAY, "rows[" + row + "] must be an array of " + width + " numbers");
      int col = 0;
      for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken(), col++) {
        int at = col;
        expect(v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT,
            "rows[" + row + "][" + at + "] must be a number, but is " + v);
        if (col >= width) {
          continue; // counted, reported below with the row's length
        }
        double x = p.getDoubleValue();
        if (!Double.isFinite(x)) {
          throw new BadRequestException(
              "rows[" + row + "][" + col + "] must be finite, but " + p.getString() + " is out of range");
        }
        if (count == values.length) {
          values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = x;
      }
      if (col != width) {
        throw new BadRequestException(
            "rows[" + row + "] must have " + width + " values (the model's inputs), but has " + col);
      }
    }
    return Arrays.copyOf(values, count);
  }

  private static void expect(boolean condition, String message) {
    if (!condition) {
      throw new BadRequestException(message);
    }
  }

  /** Writes {@code {"outputs": [[...], ...]}}, {@code width} values per row. */
  static byte[] writeOutputs(double[] outputs, int width) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + outputs.length * 24);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), bytes)) {
      g.writeStartObject();
      g.writeName("outputs");
      g.writeStartArray();
      for (int r = 0; r < outputs.length; r += width) {
        g.writeStartArray();
        for (int j = r; j < r + width; j++) {
          g.writeNumber(outputs[j]);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }

  /** Writes {@code {"error": message}}. */
  static byte[] writeError(String message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + message.length());
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), bytes)) {
      g.writeStartObject();
      g.writeStringProperty("error", message);
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }
}
