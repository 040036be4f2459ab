package io.github.nndsl.spark;

import java.io.Serializable;

/**
 * One training row: its features, its label and the hash of both, which decides its shard and its
 * place in the shard. The hash reads the raw bits of every value, so equal rows hash equally
 * wherever and in whatever order they arrive.
 *
 * @param features the feature values (owned by the row)
 * @param label the label: a class index, or the target value
 * @param hash the content hash of features and label
 */
record ShardRow(double[] features, double label, long hash) implements Serializable {

  /** A row with its content hash computed. */
  static ShardRow of(double[] features, double label) {
    long h = Shard.mix(features.length);
    for (double v : features) {
      h = Shard.mix(h ^ Double.doubleToRawLongBits(v));
    }
    h = Shard.mix(h ^ Double.doubleToRawLongBits(label));
    return new ShardRow(features, label, h);
  }
}
