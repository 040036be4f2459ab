package io.github.nndsl.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  static Json.Value parse(String s) {
    return Json.parse(s);
  }

  @Nested
  class Accepts {

    @Test
    void everyKindOfValue() {
      Json.Value v = parse(" {\"a\": [1, -2.5e-3, true, false, null, \"x\\n\\u00e9\\ud83d\\ude00\"], \"b\": {}} ");
      Map<String, Json.Value> m = ((Json.Obj) v).members();
      List<Json.Value> a = ((Json.Arr) m.get("a")).elements();
      assertEquals(new Json.Num("1"), a.get(0));
      assertEquals(-2.5e-3, ((Json.Num) a.get(1)).toDouble().getAsDouble());
      assertEquals(new Json.Bool(true), a.get(2));
      assertEquals(Json.Null.INSTANCE, a.get(4));
      assertEquals("x\n\u00e9\ud83d\ude00", ((Json.Str) a.get(5)).value());
      assertEquals(Map.of(), ((Json.Obj) m.get("b")).members());
    }

    @Test
    void everyEscapeWhitespaceAroundEveryTokenAndSignedExponents() {
      Json.Value v = parse("\t{ \"a\" :\n[ 1 , 2e+2 ,\r3E-1 ] , \"b\" : \"\\b\\f\\r\\t\\/\" , \"c\" : { } }\n");
      Map<String, Json.Value> m = ((Json.Obj) v).members();
      List<Json.Value> a = ((Json.Arr) m.get("a")).elements();
      assertEquals(3, a.size());
      assertEquals(200.0, ((Json.Num) a.get(1)).toDouble().getAsDouble());
      assertEquals(0.3, ((Json.Num) a.get(2)).toDouble().getAsDouble());
      assertEquals("\b\f\r\t/", ((Json.Str) m.get("b")).value());
      assertEquals(Map.of(), ((Json.Obj) m.get("c")).members());
      assertEquals(List.of(), ((Json.Arr) parse("[ ]")).elements());
    }

    @Test
    void rawSurrogatePairsAndNamesUnprintableCharactersInMessages() {
      assertEquals("\ud83d\ude00", ((Json.Str) parse("\"\ud83d\ude00\"")).value());
      assertMessage("unpaired surrogate U+D83D in a string", "\"\ud83d\"");
      assertMessage("unpaired surrogate U+DE00 in a string", "\"\ude00\ud83d\"");
      assertMessage("unpaired surrogate U+D83D in a string", "\"\ud83d");
      assertMessage("unexpected 'U+0001', expected a value", "[\u0001]");
      assertMessage("unexpected 'U+007F', expected a value", "[\u007f]");
      assertMessage("unexpected '~', expected a value", "[~]");
    }

    private void assertMessage(String fragment, String text) {
      String message = assertThrows(JsonException.class, () -> parse(text)).getMessage();
      assertTrue(message.contains(fragment), message);
    }

    @Test
    void writesWhatItReads() {
      String text = "{\"k\":[1,2.5,\"q\\\"\\\\\\u0001\",true,null],\"e\":{}}";
      assertEquals(text, JsonWriter.write(parse(text)));
    }

    @Test
    void doublesRoundTripBitForBit() {
      for (double d : new double[] {0.1, -0.0, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3}) {
        Json.Num n = JsonWriter.number(d);
        assertEquals(Double.doubleToRawLongBits(d),
            Double.doubleToRawLongBits(((Json.Num) parse(n.text())).toDouble().getAsDouble()));
      }
    }

    @Test
    void integersUpToTheLongRange() {
      assertEquals(OptionalLong.of(Long.MAX_VALUE), new Json.Num("9223372036854775807").toLong());
      assertEquals(OptionalLong.of(Long.MIN_VALUE), new Json.Num("-9223372036854775808").toLong());
      assertEquals(OptionalLong.empty(), new Json.Num("9223372036854775808").toLong());
      assertEquals(OptionalLong.empty(), new Json.Num("-9223372036854775809").toLong());
      assertEquals(OptionalLong.empty(), new Json.Num("1.0").toLong());
      assertEquals(OptionalLong.empty(), new Json.Num("1e3").toLong());
      assertEquals(OptionalDouble.empty(), new Json.Num("1e400").toDouble());
    }
  }

  @Nested
  class Rejects {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-",
        "1e", "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12G4\"", "\"\\u12\"", "\"\t\"",
        "\"\ud800\"", "\"\udc00x\"", "[1] 2", "{\"a\":1}}", "'a'"})
    void malformedDocuments(String text) {
      assertThrows(JsonException.class, () -> parse(text));
    }

    @Test
    void duplicateKeysNamingTheKeyAndOffset() {
      JsonException e = assertThrows(JsonException.class, () -> parse("{\"a\":1,\"a\":2}"));
      assertEquals("duplicate key 'a' at character 7", e.getMessage());
      assertEquals(7, e.offset());
    }

    @Test
    void nestingBeyondTheLimitWithoutOverflowingTheStack() {
      parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH));
      String deep = "[".repeat(1_000_000);
      JsonException e = assertThrows(JsonException.class, () -> parse(deep));
      assertTrue(e.getMessage().startsWith("nesting deeper than 32 levels"), e.getMessage());
    }

    @Test
    void numbersLongerThanTheLimit() {
      parse("1".repeat(Json.MAX_NUMBER_LENGTH));
      assertThrows(JsonException.class, () -> parse("1".repeat(Json.MAX_NUMBER_LENGTH + 1)));
    }

    @Test
    void nonFiniteDoublesOnWrite() {
      assertThrows(IllegalArgumentException.class, () -> JsonWriter.number(Double.NaN));
      assertThrows(IllegalArgumentException.class, () -> JsonWriter.number(Double.NEGATIVE_INFINITY));
    }
  }
}
