package io.github.nndsl.core.internal;

/**
 * Computes rows [r0, r1) of a product c = A · b, A read with row stride {@code ars} and column
 * stride {@code acs} (so Aᵀ needs no copy); every element the same fma chain in increasing k.
 */
interface RowKernel {

  void rows(
      double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
      int r0, int r1, int k, int n);
}
