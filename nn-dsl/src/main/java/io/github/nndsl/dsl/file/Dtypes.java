package io.github.nndsl.dsl.file;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The safetensors dtypes this package reads, their element widths, and the exact widening of each
 * floating-point one to {@code double}: every F16, BF16 and F32 value is a double, so widening
 * never rounds. Non-finite values widen to the double infinity or NaN of the same sign; callers
 * decide whether to accept them.
 */
final class Dtypes {

  /**
   * The dtypes one kind of file may hold, with their widths in bytes, and how an error names them.
   *
   * @param widths dtype (as safetensors spells it) to bytes per element
   * @param expected the accepted dtypes in words, for "dtype must be ..., but was X"
   */
  record Accepted(Map<String, Integer> widths, String expected) {}

  /** Model files and checkpoints: F64 parameters, I64 counters and orders. */
  static final Accepted NN_DSL = new Accepted(Map.of("F64", 8, "I64", 8), "F64 (or I64 in a checkpoint)");

  /** PyTorch state dicts: floating-point parameters, as {@code torch.nn.Linear} holds them. */
  static final Accepted TORCH = new Accepted(Map.of("F64", 8, "F32", 4, "F16", 2, "BF16", 2), "F32, F16, BF16 or F64");

  private static final Map<String, Integer> WIDTHS = Map.of("F64", 8, "I64", 8, "F32", 4, "F16", 2, "BF16", 2);

  private Dtypes() {}

  /** The bytes per element of a dtype that one of the {@link Accepted} sets holds. */
  static int width(String dtype) {
    Integer w = WIDTHS.get(dtype);
    if (w == null) {
      throw new AssertionError("dtype " + dtype + " passed the reader's check but has no width");
    }
    return w;
  }

  /**
   * Widens {@code n} little-endian elements of a floating-point dtype from {@code bytes} (from its
   * position) into {@code out}, in file order.
   */
  static void widen(String dtype, ByteBuffer bytes, int n, double[] out) {
    switch (dtype) {
      case "F64":
        bytes.asDoubleBuffer().get(out, 0, n);
        break;
      case "F32":
        for (int i = 0; i < n; i++) {
          out[i] = bytes.getFloat(); // float to double is exact
        }
        break;
      case "F16":
        for (int i = 0; i < n; i++) {
          out[i] = f16(bytes.getShort());
        }
        break;
      case "BF16":
        for (int i = 0; i < n; i++) {
          out[i] = bf16(bytes.getShort());
        }
        break;
      default:
        throw new AssertionError("not a floating-point dtype: " + dtype);
    }
  }

  /**
   * The IEEE 754 binary16 value of {@code bits} as a double, exactly: 1 sign bit, 5 exponent bits
   * (bias 15), 10 fraction bits. JDK 17 has no {@code Float.float16ToFloat} (JDK 20), so this is the
   * definition: subnormals are {@code fraction * 2^-24}, normals {@code (1024 + fraction) *
   * 2^(exponent - 25)}, exponent 31 is infinity (fraction 0) or NaN.
   */
  static double f16(short bits) {
    int exponent = (bits >>> 10) & 0x1f;
    int fraction = bits & 0x3ff;
    double magnitude;
    if (exponent == 0) {
      magnitude = Math.scalb((double) fraction, -24);
    } else if (exponent == 31) {
      magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      magnitude = Math.scalb((double) (1024 + fraction), exponent - 25);
    }
    return bits < 0 ? -magnitude : magnitude;
  }

  /** The bfloat16 value of {@code bits} as a double, exactly: the top half of a float's bits. */
  static double bf16(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
