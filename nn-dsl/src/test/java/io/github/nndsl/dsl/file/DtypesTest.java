package io.github.nndsl.dsl.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The exact widening of F16, BF16 and F32 to double: hand-worked values at every edge of each
 * format, and all 65536 bit patterns of F16 and of BF16 against what torch computes (a SHA-256
 * that torch_state_dicts.py wrote into torch/expected.txt).
 */
class DtypesTest {

  private static double f16(int bits) {
    return Dtypes.f16((short) bits);
  }

  private static double bf16(int bits) {
    return Dtypes.bf16((short) bits);
  }

  private static void assertSame(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> what + ": expected " + expected + ", was " + actual);
  }

  /** Every pattern in signed-int16 order, widened, little-endian, NaNs canonical: the script's digest. */
  private static String sha256(IntToDoubleFunction widen) throws NoSuchAlgorithmException {
    ByteBuffer all = ByteBuffer.allocate(65536 * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int bits = -32768; bits < 32768; bits++) {
      all.putLong(Double.doubleToLongBits(widen.applyAsDouble(bits))); // doubleToLongBits: canonical NaN
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.array()));
  }

  @Nested
  class Float16 {

    @Test
    void zerosKeepTheirSign() {
      assertSame(0.0, f16(0x0000), "+0");
      assertSame(-0.0, f16(0x8000), "-0");
    }

    @Test
    void subnormalsAreMultiplesOfTwoToTheMinus24() {
      assertSame(0x1p-24, f16(0x0001), "smallest subnormal");
      assertSame(0x2p-24, f16(0x0002), "second subnormal");
      assertSame(0x1p-14 - 0x1p-24, f16(0x03ff), "largest subnormal");
      assertSame(-0x1p-24, f16(0x8001), "negative smallest subnormal");
    }

    @Test
    void normalsFromTheSmallestToTheLargest() {
      assertSame(0x1p-14, f16(0x0400), "smallest normal");
      assertSame(1.0, f16(0x3c00), "one");
      assertSame(1.0 + 0x1p-10, f16(0x3c01), "one plus an ulp");
      assertSame(-2.0, f16(0xc000), "minus two");
      assertSame(0.333251953125, f16(0x3555), "the float16 nearest a third");
      assertSame(65504.0, f16(0x7bff), "largest finite");
      assertSame(-65504.0, f16(0xfbff), "most negative finite");
    }

    @Test
    void infinitiesAndNaNsStayNonFinite() {
      assertSame(Double.POSITIVE_INFINITY, f16(0x7c00), "+inf");
      assertSame(Double.NEGATIVE_INFINITY, f16(0xfc00), "-inf");
      assertTrue(Double.isNaN(f16(0x7e00)), "quiet NaN");
      assertTrue(Double.isNaN(f16(0x7c01)), "signalling NaN");
      assertTrue(Double.isNaN(f16(0xffff)), "negative NaN");
    }

    @Test
    void finitePatternsIncreaseWithTheirBits() {
      for (int bits = 1; bits <= 0x7bff; bits++) {
        assertTrue(f16(bits) > f16(bits - 1), "pattern " + Integer.toHexString(bits));
        assertSame(-f16(bits), f16(bits | 0x8000), "sign of " + Integer.toHexString(bits));
      }
    }

    @Test
    void everyPatternAsTorchWidensIt() throws NoSuchAlgorithmException {
      assertEquals(TorchGolden.patternsSha256("F16"), sha256(DtypesTest::f16));
    }
  }

  @Nested
  class BFloat16 {

    @Test
    void isTheTopHalfOfAFloat() {
      assertSame(1.0, bf16(0x3f80), "one");
      assertSame(-0.0, bf16(0x8000), "-0");
      assertSame(0x1p-133, bf16(0x0001), "smallest subnormal");
      assertSame(0x1p-126, bf16(0x0080), "smallest normal");
      assertSame(0x1.fep127, bf16(0x7f7f), "largest finite");
      assertSame(Double.NEGATIVE_INFINITY, bf16(0xff80), "-inf");
      assertTrue(Double.isNaN(bf16(0x7fc0)), "NaN");
    }

    @Test
    void everyPatternAsTorchWidensIt() throws NoSuchAlgorithmException {
      assertEquals(TorchGolden.patternsSha256("BF16"), sha256(DtypesTest::bf16));
    }
  }

  @Test
  void widensLittleEndianBuffersOfEachDtype() {
    ByteBuffer f32 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
        .putFloat(Float.MIN_VALUE).putFloat(-Float.MAX_VALUE).putFloat(0.1f).flip();
    double[] out = new double[3];
    Dtypes.widen("F32", f32, 3, out);
    assertArrayEquals(new double[] {0x1p-149, -0x1.fffffep127, 0.10000000149011612}, out, 0.0);

    ByteBuffer f16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3c00)
        .putShort((short) 0x0001).flip();
    Dtypes.widen("F16", f16, 2, out);
    assertArrayEquals(new double[] {1.0, 0x1p-24}, new double[] {out[0], out[1]}, 0.0);

    ByteBuffer bf16 = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xc040).flip();
    Dtypes.widen("BF16", bf16, 1, out);
    assertEquals(-3.0, out[0], 0.0);

    ByteBuffer f64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI).flip();
    Dtypes.widen("F64", f64, 1, out);
    assertEquals(Math.PI, out[0], 0.0);
  }

  @Test
  void knowsEachWidth() {
    assertEquals(8, Dtypes.width("F64"));
    assertEquals(8, Dtypes.width("I64"));
    assertEquals(4, Dtypes.width("F32"));
    assertEquals(2, Dtypes.width("F16"));
    assertEquals(2, Dtypes.width("BF16"));
  }
}
