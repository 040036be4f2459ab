package io.github.nndsl.core.internal;

/**
 * A counter-based generator for dropout masks: each draw is a pure function of a key and an
 * index, so a mask is reproduced from {@code (seed, step, layer)} alone and no generator state has
 * to be kept, saved or restored. The engine may not use {@code core.random} (an ArchUnit rule),
 * and needs no stream: the forward and backward passes of a step recompute the same mask.
 *
 * <p>The mixing function is SplitMix64's (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014; the finaliser is Stafford's "variant 13"): draw {@code i} under
 * key {@code k} is {@code mix(k + (i + 1) * 0x9E3779B97F4A7C15)}, the {@code i}-th output of the
 * SplitMix64 stream seeded with {@code k}. A uniform double is its top 53 bits times 2^-53, in
 * [0, 1), as {@code NumPyRandom.random()} forms one.
 */
final class CounterRandom {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private CounterRandom() {}

  /** SplitMix64's finaliser: a bijection of the 64-bit words that mixes every bit into every bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The key of one dropout layer at one training step: {@code seed}, {@code step} and {@code
   * layer} each mixed in turn, so that neighbouring steps and layers get unrelated masks.
   */
  static long key(long seed, long step, int layer) {
    long k = mix(seed + GOLDEN_GAMMA);
    k = mix(k ^ mix(step + 2 * GOLDEN_GAMMA));
    return mix(k ^ mix(layer + 3 * GOLDEN_GAMMA));
  }

  /** Draw {@code index} under {@code key}: uniform in [0, 1), 53 random bits. */
  static double uniform(long key, long index) {
    return (mix(key + (index + 1) * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
  }
}
