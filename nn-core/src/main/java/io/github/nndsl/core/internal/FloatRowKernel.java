package io.github.nndsl.core.internal;

/**
 * A float32 product {@code c = a · b} (a (m, k) from an offset, b (k, n), c (m, n) from 0), every
 * element the float fma chain in increasing k from {@code +0f}: what {@link FloatMatMul} computes,
 * behind an interface so that the Vector API kernel can be loaded by name.
 */
interface FloatRowKernel {

  /** b {@link FloatMatMul#pack packed}: {@code b[blk][p]} is row p's part in column block blk. */
  void rows(float[] a, int aOff, float[][][] b, float[] c, int m, int k, int n);
}
