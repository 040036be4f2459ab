package io.github.nndsl.core.internal;

/**
 * Products so small (the XOR network's 4x2x4, 4x4x1, ...) that any set-up costs more than the
 * arithmetic: one dot-product chain per element, no blocking, no fill, no scratch.
 */
final class SmallMatMul {

  private SmallMatMul() {}

  // each element is summed in a local in increasing p and stored once: for these sizes a loop
  // around a register is cheaper than the vectorised i-k-j form, and the chain is the same

  static void ab(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * k;
      int ci = cOff + i * n;
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[ai + p], b[bOff + p * n + j], s);
        }
        c[ci + j] = s;
      }
    }
  }

  static void abPlusRow(
      double[] a, int aOff, double[] b, int bOff, double[] bias, int biasOff, double[] c, int cOff,
      int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * k;
      int ci = cOff + i * n;
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[ai + p], b[bOff + p * n + j], s);
        }
        c[ci + j] = s + bias[biasOff + j]; // the product rounded, then the bias added: addRow's order
      }
    }
  }

  static void atb(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[aOff + p * m + i], b[bOff + p * n + j], s);
        }
        c[ci + j] = s;
      }
    }
  }

  static void abt(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * k;
      int ci = cOff + i * n;
      for (int j = 0; j < n; j++) {
        int bj = bOff + j * k;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[ai + p], b[bj + p], s);
        }
        c[ci + j] = s;
      }
    }
  }
}
