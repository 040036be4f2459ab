package io.github.nndsl.dsl.file;


import io.github.nndsl.dsl.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from a parsed JSON tree that turn every surprise into a {@link ModelFileException}
 * naming where in the file it was ({@code where}, e.g. "tensor '0.weight'").
 */
final class JsonFields {

  private JsonFields() {}

  static Map<String, Json.Value> object(Json.Value v, String where) {
    if (!(v instanceof Json.Obj)) {
      throw new ModelFileException(where + " must be a JSON object, but was " + kind(v));
    }
    return ((Json.Obj) v).members();
  }

  /** Checks that the object has exactly the required keys, plus any of the optional ones. */
  static void keys(Map<String, Json.Value> obj, String where, Set<String> required, Set<String> optional) {
    for (String key : new TreeSet<>(required)) { // sorted: the same missing key named on every run
      if (!obj.containsKey(key)) {
        throw new ModelFileException(where + " lacks the key '" + key + "'; expected keys " + new TreeSet<>(required));
      }
    }
    for (String key : obj.keySet()) {
      if (!required.contains(key) && !optional.contains(key)) {
        throw new ModelFileException(
            where + " has the unknown key '" + key + "'; expected keys " + new TreeSet<>(required));
      }
    }
  }

  static List<Json.Value> array(Json.Value v, String where) {
    if (!(v instanceof Json.Arr)) {
      throw new ModelFileException(where + " must be a JSON array, but was " + kind(v));
    }
    return ((Json.Arr) v).elements();
  }

  static String string(Json.Value v, String where) {
    if (!(v instanceof Json.Str)) {
      throw new ModelFileException(where + " must be a string, but was " + kind(v));
    }
    return ((Json.Str) v).value();
  }

  static boolean bool(Json.Value v, String where) {
    if (!(v instanceof Json.Bool)) {
      throw new ModelFileException(where + " must be true or false, but was " + kind(v));
    }
    return ((Json.Bool) v).value();
  }

  /** Reads an integer in [min, max]. */
  static long integer(Json.Value v, String where, long min, long max) {
    OptionalLong n = v instanceof Json.Num ? ((Json.Num) v).toLong() : OptionalLong.empty();
    if (n.isEmpty() || n.getAsLong() < min || n.getAsLong() > max) {
      throw new ModelFileException(
          where + " must be an integer in [" + min + ", " + max + "], but was " + shown(v));
    }
    return n.getAsLong();
  }

  static double finiteDouble(Json.Value v, String where) {
    OptionalDouble d = v instanceof Json.Num ? ((Json.Num) v).toDouble() : OptionalDouble.empty();
    if (d.isEmpty()) {
      throw new ModelFileException(where + " must be a finite number, but was " + shown(v));
    }
    return d.getAsDouble();
  }

  /** The value as it would be written, cut short; for messages. */
  static String shown(Json.Value v) {
    String s = Json.write(v);
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  static String kind(Json.Value v) {
    if (v instanceof Json.Obj) {
      return "an object";
    } else if (v instanceof Json.Arr) {
      return "an array";
    } else if (v instanceof Json.Str) {
      return "the string " + shown(v);
    } else if (v instanceof Json.Num) {
      return "the number " + shown(v);
    } else if (v instanceof Json.Bool) {
      return shown(v);
    }
    return "null";
  }
}
