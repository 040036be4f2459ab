package io.github.nndsl.dsl.file;


import static io.github.nndsl.dsl.file.ModelFiling.bytes;
import static io.github.nndsl.dsl.file.ModelFiling.replaceInHeader;
import static io.github.nndsl.dsl.file.ModelFiling.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nndsl.dsl.internal.Json;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact words of the loader's messages: where a defect is (file byte, tensor, layer) and what
 * was expected. HostileFileTest checks that each defect is caught; this checks the details a user
 * reads, byte offsets included.
 */
class HostileFileMessagesTest {

  @TempDir Path dir;
  byte[] valid;

  @BeforeEach
  void saveAValidFile() {
    Path file = dir.resolve("valid.safetensors");
    ModelFile.save(file, small(), small().compile(0));
    valid = bytes(file);
  }

  String rejection(byte[] file) {
    Path p = ModelFiling.write(dir.resolve("hostile.safetensors"), file);
    return assertThrows(ModelFileException.class, () -> ModelFile.load(p)).getMessage();
  }

  String rejection(String from, String to) {
    return rejection(replaceInHeader(valid, from, to));
  }

  @Test
  void anUnknownKeyInALayerOrAnInit() {
    assertEquals("architecture layer 1 (relu) has the unknown key 'x'; expected keys [kind]",
        rejection("{\\\"kind\\\":\\\"relu\\\"}", "{\\\"kind\\\":\\\"relu\\\",\\\"x\\\":1}"));
    assertEquals("architecture layer 0 (linear) weight_init (normal) has the unknown key 'x'; expected keys [kind, std]",
        rejection("\\\"std\\\":0.5", "\\\"std\\\":0.5,\\\"x\\\":1"));
    assertEquals("architecture layer 2 (linear) weight_init (auto) has the unknown key 'x'; expected keys [kind]",
        rejection("{\\\"kind\\\":\\\"auto\\\"}", "{\\\"kind\\\":\\\"auto\\\",\\\"x\\\":1}"));
    assertEquals("tensor '0.weight' has the unknown key 'x'; expected keys [data_offsets, dtype, shape]",
        rejection("\"shape\":[2,3]", "\"shape\":[2,3],\"x\":1"));
  }

  @Test
  void aValueOfTheWrongType() {
    assertEquals("architecture layer 0 (linear) weight_init (normal) std must be a finite number, but was \"0.5\"",
        rejection("\\\"std\\\":0.5", "\\\"std\\\":\\\"0.5\\\""));
  }

  @Test
  void theByteOffsetsOfADataDefect() {
    assertEquals("data section has unclaimed bytes [0, 8) before tensor '0.weight' (file bytes 744 to 752)",
        rejection("\"data_offsets\":[0,48]", "\"data_offsets\":[8,56]"));
    assertEquals("tensor '0.weight': data_offsets [0, 48] span 48 bytes, but shape [0, 3] of F64 needs 0",
        rejection("\"shape\":[2,3]", "\"shape\":[0,3]"));
    assertEquals("tensor '2.bias': data_offsets [96, 104] must satisfy begin <= end <= 101, the size of the data"
        + " section (from byte 744) (is the file truncated?)", rejection(Arrays.copyOf(valid, valid.length - 3)));
  }

  @Test
  void aFileTooShortForItsHeader() {
    assertEquals("file is 7 bytes long, too short for the 8-byte header length", rejection(Arrays.copyOf(valid, 7)));
    assertEquals("header length at byte 0 is 736, but must be in [2, 0] for a file of 8 bytes (at most 16777216)",
        rejection(Arrays.copyOf(valid, 8)));
  }

  @Test
  void aJsonDefectInTheHeaderOrTheArchitectureByItsCharacter() {
    String h = ModelFiling.header(valid);
    int dtype = h.indexOf("\"dtype\":\"F64\"");
    assertEquals("header (from byte 8) is not well-formed JSON: duplicate key 'dtype' at character " + (dtype + 14),
        rejection("\"dtype\":\"F64\"", "\"dtype\":\"F64\",\"dtype\":\"F64\""));
    assertEquals("header (from byte 8) is not well-formed JSON: non-standard token 'NaN' at character "
        + (h.indexOf("\"shape\":[2,3]") + 11), rejection("\"shape\":[2,3]", "\"shape\":[2,NaN]"));
    assertEquals("header (from byte 8) is not well-formed JSON: unexpected end-of-input: expected close marker"
        + " for Object at character " + (h.trim().length() - 1),
        rejection(ModelFiling.assemble(h.trim().substring(0, h.trim().length() - 1), ModelFiling.data(valid))));
    String architecture = ArchitectureJson.encode(small());
    assertEquals("architecture is not well-formed JSON: non-standard token 'Infinity' at character "
        + (architecture.indexOf("\"std\":0.5") + 6), rejection("\\\"std\\\":0.5", "\\\"std\\\":Infinity"));
    assertEquals("architecture is not well-formed JSON: number longer than 64 digits at character "
        + (architecture.indexOf("\"std\":0.5") + 6), rejection("\\\"std\\\":0.5", "\\\"std\\\":0." + "5".repeat(64)));
  }

  @Test
  void describesEachKindOfJsonValue() {
    assertEquals("an object", JsonFields.kind(new Json.Obj(Map.of())));
    assertEquals("an array", JsonFields.kind(new Json.Arr(List.of())));
    assertEquals("the string \"s\"", JsonFields.kind(new Json.Str("s")));
    assertEquals("the number 12", JsonFields.kind(new Json.Num("12")));
    assertEquals("true", JsonFields.kind(new Json.Bool(true)));
    assertEquals("null", JsonFields.kind(Json.Null.INSTANCE));
    assertEquals("\"" + "a".repeat(59) + "...", JsonFields.shown(new Json.Str("a".repeat(100))));
    assertEquals("\"" + "a".repeat(58) + "\"", JsonFields.shown(new Json.Str("a".repeat(58))));
  }
}
