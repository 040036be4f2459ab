package io.github.nndsl.dsl.data;

import io.github.nndsl.core.random.NumPyRandom;
import java.util.Arrays;

/**
 * The train/validation split of {@link Dataset#split}, step by step (nn-dsl's
 * {@code src/test/python/split_reference.py} does the same with NumPy and gives the same rows):
 *
 * <ol>
 *   <li>{@code n = rows}, {@code v = floor(fraction * n + 0.5)} validation rows; {@code v} must be
 *       in {@code [1, n - 1]}. One {@code rng = NumPyRandom.defaultRng(seed)} serves every draw.
 *   <li>Without classes: {@code p = rng.permutation(n)}; rows {@code p[0 .. v)} are validation.
 *   <li>With classes, stratified: a row's class is the first largest column of its target (one-hot:
 *       its class). Class {@code c} has {@code n_c} rows and a quota {@code q_c = fraction * n_c};
 *       it gets {@code floor(q_c)} validation rows, and the {@code v - sum(floor(q_c))} rows left
 *       go one each to the classes with the largest {@code q_c - floor(q_c)} (ties: the lower class
 *       first). Then for each class in order, {@code p = rng.permutation(n_c)}, and the class's
 *       rows (ascending) at positions {@code p[0 .. v_c)} are validation.
 *   <li>Both sets list their rows in ascending (file) order.
 * </ol>
 *
 * A class whose quota rounds up to all its rows (a class of one row, say) is all in validation.
 */
final class Splits {

  private Splits() {}

  /** Returns {train rows, validation rows}, each ascending. */
  static int[][] split(Dataset data, double fraction, long seed) {
    if (!(fraction > 0.0 && fraction < 1.0)) {
      throw new IllegalArgumentException("validationFraction must be in (0, 1), but was " + fraction);
    }
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, but was " + seed);
    }
    int n = data.rows();
    int v = (int) Math.floor(fraction * n + 0.5);
    if (v < 1 || v > n - 1) {
      throw new IllegalArgumentException(
          "validationFraction " + fraction + " of " + n + (n == 1 ? " row" : " rows") + " gives " + v
              + " validation rows and " + (n - v) + " training rows; each set needs at least one");
    }
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    boolean[] validation = new boolean[n];
    if (data.classes().isEmpty()) {
      int[] p = rng.permutation(n);
      for (int i = 0; i < v; i++) {
        validation[p[i]] = true;
      }
    } else {
      stratify(data, fraction, v, rng, validation);
    }
    int[] train = new int[n - v];
    int[] held = new int[v];
    int t = 0;
    int h = 0;
    for (int r = 0; r < n; r++) {
      if (validation[r]) {
        held[h++] = r;
      } else {
        train[t++] = r;
      }
    }
    return new int[][] {train, held};
  }

  private static void stratify(Dataset data, double fraction, int v, NumPyRandom rng, boolean[] validation) {
    int k = data.targets().dim(1);
    int n = data.rows();
    int[] classOf = new int[n];
    int[] count = new int[k];
    for (int r = 0; r < n; r++) {
      classOf[r] = argmax(data, r, k);
      count[classOf[r]]++;
    }
    int[] take = new int[k];
    double[] remainder = new double[k];
    int given = 0;
    for (int c = 0; c < k; c++) {
      double quota = fraction * count[c];
      take[c] = (int) Math.floor(quota);
      remainder[c] = quota - take[c];
      given += take[c];
    }
    Integer[] byRemainder = new Integer[k];
    for (int c = 0; c < k; c++) {
      byRemainder[c] = c;
    }
    // a stable sort, as NumPy's argsort(-remainder, kind="stable"): ties keep the lower class first
    Arrays.sort(byRemainder, (a, b) -> Double.compare(remainder[b], remainder[a]));
    int left = Math.max(0, Math.min(k, v - given));
    for (int i = 0; i < left; i++) {
      take[byRemainder[i]]++;
    }
    for (int c = 0; c < k; c++) {
      int[] members = new int[count[c]];
      int m = 0;
      for (int r = 0; r < n; r++) {
        if (classOf[r] == c) {
          members[m++] = r;
        }
      }
      int[] p = rng.permutation(members.length);
      for (int i = 0; i < take[c]; i++) {
        validation[members[p[i]]] = true;
      }
    }
  }

  private static int argmax(Dataset data, int row, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (data.targets().get(row, c) > data.targets().get(row, best)) {
        best = c;
      }
    }
    return best;
  }
}
