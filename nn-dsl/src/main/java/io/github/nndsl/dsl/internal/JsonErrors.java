package io.github.nndsl.dsl.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Turns Jackson's read errors into {@link JsonException}s that say what is wrong in the words of a
 * file, not of Jackson's configuration, and at which character.
 *
 * <p>The limits and duplicate keys, which the hostile-file tests name, get this project's own words
 * ("nesting deeper than 32 levels"); Jackson tells them apart only in its message, which names the
 * {@code StreamReadConstraints} getter of the limit. Every other error keeps Jackson's message (it
 * names the character found and what was expected) without the hints on how to configure Jackson.
 */
final class JsonErrors {

  /** Hints for programmers that configure Jackson; a reader of a file needs none of them. */
  private static final Pattern[] HINTS = {
      // "(start marker at [Source: REDACTED (`...` disabled); byte offset: #UNKNOWN])"
      Pattern.compile(" \\(start marker at \\[Source: .*?\\]\\)"),
      // ": enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
      Pattern.compile(": enable `[^`]*` to allow"),
      // "hexadecimal number literals require enabling `JsonReadFeature.ALLOW_HEXADECIMAL_NUMBERS`"
      Pattern.compile(" require enabling `[^`]*`"),
      // " (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)"
      Pattern.compile(" \\(not recognized as one since Feature '\\w+' not enabled for parser\\)"),
      // ", from `StreamReadConstraints.getMaxStringLength()`"
      Pattern.compile(", from `[^`]*`"),
  };

  /** "(for Object starting at [Source: ...])": keeps what was open, drops the redacted source. */
  private static final Pattern OPEN_CONTAINER = Pattern.compile(" \\(for (\\w+) starting at \\[Source: .*?\\]\\)");

  /** "Non-standard token 'NaN': ...", the words of the literals RFC 8259 leaves out. */
  private static final Pattern NON_STANDARD_TOKEN = Pattern.compile("Non-standard token '([^']*)'");

  /** Jackson 3.3 glues some details to "end-of-input" with no separator. */
  private static final Pattern GLUED = Pattern.compile("end-of-input(?=\\w)");

  private JsonErrors() {}

  static JsonException translate(JacksonException e, JsonParser parser, String text) {
    String message = e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      // Jackson gives these no location, and its token location may still be the key before the
      // value; the parser has just read the bracket or number that broke the limit
      int end = offset(parser.currentLocation());
      if (message.contains("getMaxNestingDepth")) {
        return new JsonException("nesting deeper than " + Json.MAX_DEPTH + " levels", end - 1);
      }
      if (message.contains("getMaxNumberLength")) {
        int start = end;
        while (start > 0 && "0123456789+-.eE".indexOf(text.charAt(start - 1)) >= 0) {
          start--;
        }
        return new JsonException("number longer than " + Json.MAX_NUMBER_LENGTH + " digits", start);
      }
      return new JsonException(clean(message), offset(parser.currentTokenLocation()));
    }
    int at = offset(e.getLocation() != null ? e.getLocation() : parser.currentLocation());
    if (message.startsWith("Duplicate Object property")) {
      // STRICT_DUPLICATE_DETECTION: the key has been read, so it is the parser's current name;
      // Jackson stands just after it, so point at its opening quote (if it was written unescaped)
      String key = parser.currentName();
      return new JsonException("duplicate key '" + key + "'", startOf("\"" + key + "\"", text, at));
    }
    Matcher token = NON_STANDARD_TOKEN.matcher(message);
    if (token.lookingAt()) {
      // Jackson stands just after the token (NaN, Infinity): point at its first character
      at = startOf(token.group(1), text, at);
    }
    return new JsonException(clean(message), at);
  }

  /** Where {@code written} starts if it ends at {@code end} in the text, else {@code end}. */
  private static int startOf(String written, String text, int end) {
    int start = end - written.length();
    return start >= 0 && text.startsWith(written, start) ? start : end;
  }

  /** Jackson's message without its configuration hints, lower case as this project's are. */
  static String clean(String message) {
    String s = message;
    for (Pattern hint : HINTS) {
      s = hint.matcher(s).replaceAll("");
    }
    s = OPEN_CONTAINER.matcher(s).replaceAll(" (for $1)");
    s = GLUED.matcher(s).replaceAll("end-of-input: ");
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static int offset(TokenStreamLocation location) {
    return (int) Math.max(0, location.getCharOffset());
  }
}
