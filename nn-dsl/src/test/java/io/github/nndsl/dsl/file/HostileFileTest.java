package io.github.nndsl.dsl.file;


import static io.github.nndsl.dsl.file.ModelFiling.assemble;
import static io.github.nndsl.dsl.file.ModelFiling.bytes;
import static io.github.nndsl.dsl.file.ModelFiling.data;
import static io.github.nndsl.dsl.file.ModelFiling.header;
import static io.github.nndsl.dsl.file.ModelFiling.replaceInHeader;
import static io.github.nndsl.dsl.file.ModelFiling.small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made hostile files: each defect is a ModelFileException that says what and where. */
class HostileFileTest {

  @TempDir Path dir;
  byte[] valid;

  @BeforeEach
  void saveAValidFile() {
    Path file = dir.resolve("valid.safetensors");
    ModelFile.save(file, small(), small().compile(0));
    valid = bytes(file);
  }

  /** Loads the bytes and returns the message of the ModelFileException it must throw. */
  String rejection(byte[] file) {
    Path p = ModelFiling.write(dir.resolve("hostile.safetensors"), file);
    return assertThrows(ModelFileException.class, () -> ModelFile.load(p)).getMessage();
  }

  void assertRejected(byte[] file, String fragment) {
    String message = rejection(file);
    assertTrue(message.contains(fragment), () -> "message '" + message + "' lacks '" + fragment + "'");
  }

  static byte[] withLength(byte[] file, long n) {
    byte[] out = file.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
    return out;
  }

  @Nested
  class Container {

    @Test
    void anEmptyFile() {
      assertEquals("file is 0 bytes long, too short for the 8-byte header length", rejection(new byte[0]));
    }

    @Test
    void aFileShorterThanTheLengthPrefix() {
      assertRejected(Arrays.copyOf(valid, 7), "file is 7 bytes long");
    }

    @Test
    void aHeaderLengthBeyondTheFile() {
      assertRejected(withLength(valid, valid.length), "header length at byte 0 is " + valid.length);
    }

    @Test
    void aHeaderLengthWithTheTopBitSet() {
      assertRejected(withLength(valid, -1), "header length at byte 0 is 18446744073709551615");
    }

    @Test
    void aHeaderLengthAboveTheCap() {
      byte[] big = Arrays.copyOf(valid, (int) SafeTensorsReader.MAX_HEADER + 64);
      assertRejected(withLength(big, SafeTensorsReader.MAX_HEADER + 1), "(at most 16777216)");
    }

    @Test
    void aTruncatedDataSection() {
      assertRejected(Arrays.copyOf(valid, valid.length - 1),
          "tensor '2.bias': data_offsets [96, 104] must satisfy begin <= end <= 103, the size of the data"
              + " section (from byte ");
      assertRejected(Arrays.copyOf(valid, valid.length - 1), "(is the file truncated?)");
    }

    @Test
    void trailingBytesAfterTheData() {
      assertRejected(Arrays.copyOf(valid, valid.length + 8), "has 112 bytes, but the tensors cover 104");
    }

    @Test
    void aHeaderThatIsNotUtf8() {
      byte[] file = valid.clone();
      file[20] = (byte) 0xC0; // never valid in UTF-8
      assertRejected(file, "header is not valid UTF-8 at byte 20");
    }

    @Test
    void aHeaderThatDoesNotStartWithABrace() {
      assertRejected(assemble(" " + header(valid).trim(), data(valid)), "must start with '{'");
    }

    @Test
    void malformedJson() {
      assertRejected(replaceInHeader(valid, "\"shape\":[2,3]", "\"shape\":[2,3"), "not well-formed JSON");
    }

    @Test
    void aDuplicateKey() {
      assertRejected(replaceInHeader(valid, "\"dtype\":\"F64\"", "\"dtype\":\"F64\",\"dtype\":\"F64\""),
          "duplicate key 'dtype'");
    }

    @Test
    void deepNesting() {
      String deep = "[".repeat(100_000) + "]".repeat(100_000);
      assertRejected(assemble("{\"x\":" + deep + "}", new byte[0]), "nesting deeper than 32 levels");
    }

    @Test
    void aHugeNumber() {
      assertRejected(replaceInHeader(valid, "[2,3]", "[2," + "9".repeat(100) + "]"), "number longer than 64");
    }

    @Test
    void metadataThatIsNotAStringMap() {
      assertRejected(replaceInHeader(valid, "\"format_version\":\"1\"", "\"format_version\":1"),
          "__metadata__ 'format_version' must be a string");
    }
  }

  @Nested
  class Tensors {

    @Test
    void anotherDtype() {
      assertRejected(replaceInHeader(valid, "\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]",
          "\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,48]"), "tensor '0.weight': dtype must be F64");
    }

    @Test
    void anI64ParameterInAModelFile() {
      assertRejected(replaceInHeader(valid, "\"dtype\":\"F64\",\"shape\":[2,3]", "\"dtype\":\"I64\",\"shape\":[2,3]"),
          "tensor '0.weight': dtype must be F64, but was I64");
    }

    @Test
    void aShapeThatDiffersFromTheArchitecture() {
      assertEquals("tensor '0.weight': shape must be [2, 3] (from the architecture), but was [3, 2]",
          rejection(replaceInHeader(valid, "\"shape\":[2,3]", "\"shape\":[3,2]")));
    }

    @Test
    void aShapeThatDoesNotMatchItsOffsets() {
      assertRejected(replaceInHeader(valid, "\"shape\":[2,3]", "\"shape\":[2,4]"),
          "data_offsets [0, 48] span 48 bytes, but shape [2, 4] of F64 needs 64");
    }

    @Test
    void aShapeWhoseProductOverflows() {
      assertRejected(replaceInHeader(valid, "\"shape\":[2,3]", "\"shape\":[2147483647,2147483647,2147483647]"),
          "needs more than the data section");
    }

    @Test
    void aNegativeDimension() {
      assertRejected(replaceInHeader(valid, "\"shape\":[2,3]", "\"shape\":[-2,-3]"),
          "tensor '0.weight' shape[0] must be an integer in [0, 2147483647], but was -2");
    }

    @Test
    void overlappingOffsets() {
      byte[] file = replaceInHeader(valid, "\"data_offsets\":[48,72]", "\"data_offsets\":[40,64]");
      assertRejected(file, "overlap");
    }

    @Test
    void offsetsBeyondTheData() {
      assertRejected(replaceInHeader(valid, "\"data_offsets\":[96,104]", "\"data_offsets\":[96,112]"),
          "tensor '2.bias': data_offsets [96, 112] must satisfy begin <= end <= 104");
    }

    @Test
    void offsetsThatDoNotFitALong() {
      assertRejected(replaceInHeader(valid, "\"data_offsets\":[96,104]", "\"data_offsets\":[96,9223372036854775808]"),
          "must be an integer");
    }

    @Test
    void aGapInTheData() {
      byte[] file = replaceInHeader(valid, "\"data_offsets\":[0,48]", "\"data_offsets\":[8,56]");
      assertRejected(file, "data section has unclaimed bytes [0, 8) before tensor '0.weight'");
    }

    @Test
    void aMissingTensor() {
      String h = header(valid);
      String bias = ",\"2.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[96,104]}";
      assertTrue(h.contains(bias));
      assertRejected(assemble(h.replace(bias, ""), Arrays.copyOf(data(valid), 96)), "tensor '2.bias' is missing");
    }

    @Test
    void anExtraTensor() {
      String h = header(valid).trim();
      String extra = ",\"adam.m\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[104,112]}}";
      byte[] data = Arrays.copyOf(data(valid), 112);
      assertRejected(assemble(h.substring(0, h.length() - 1) + extra, data),
          "tensor 'adam.m' is not a parameter of the architecture");
    }
  }

  @Nested
  class Metadata {

    @Test
    void aMissingFormat() {
      assertRejected(replaceInHeader(valid, "\"format\":\"nn-dsl.model\",", ""), "__metadata__ lacks 'format'");
    }

    @Test
    void aCheckpointGivenToTheModelLoader() {
      assertRejected(replaceInHeader(valid, "nn-dsl.model", "nn-dsl.checkpoint"), "load checkpoints with Checkpoint.load");
    }

    @Test
    void anotherFormatVersion() {
      assertEquals("__metadata__ 'format_version' is '2', but this library reads version '1'",
          rejection(replaceInHeader(valid, "\"format_version\":\"1\"", "\"format_version\":\"2\"")));
    }

    @Test
    void anotherArchitectureVersion() {
      assertRejected(replaceInHeader(valid, "{\\\"version\\\":1,", "{\\\"version\\\":2,"),
          "architecture version 2 is not supported");
    }

    @Test
    void anUnknownLayerKind() {
      assertRejected(replaceInHeader(valid, "{\\\"kind\\\":\\\"relu\\\"}", "{\\\"kind\\\":\\\"conv2d\\\"}"),
          "architecture layer 1 has the unknown kind 'conv2d'");
    }

    @Test
    void anUnknownInitKind() {
      assertRejected(replaceInHeader(valid, "\\\"kind\\\":\\\"normal\\\"", "\\\"kind\\\":\\\"orthogonal\\\""),
          "architecture layer 0 (linear) weight_init has the unknown kind 'orthogonal'");
    }

    @Test
    void anInvalidDescriptor() {
      assertRejected(replaceInHeader(valid, "\\\"std\\\":0.5", "\\\"std\\\":-0.5"),
          "weight_init (normal) is not valid: std must be finite and non-negative, but was -0.5");
    }

    @Test
    void layersThatDoNotFit() {
      assertRejected(replaceInHeader(valid, "\\\"inputs\\\":3", "\\\"inputs\\\":4"), "architecture is not a valid model");
    }

    @Test
    void anArchitectureThatIsNotJson() {
      assertRejected(replaceInHeader(valid, "\"architecture\":\"{", "\"architecture\":\"x{"),
          "architecture is not well-formed JSON");
    }
  }
}
