package io.github.nndsl.core.random;

/**
 * NumPy's {@code SeedSequence} (numpy/random/bit_generator.pyx), reduced to what {@code
 * default_rng(int)} needs: turning one non-negative integer into the 64-bit words that seed PCG64.
 *
 * <p>All arithmetic is on 32-bit words. Java {@code int} multiplication, subtraction and xor wrap
 * modulo 2^32 exactly like NumPy's {@code uint32_t}, and {@code >>>} is the unsigned shift, so the
 * sign of an {@code int} never shows.
 */
final class SeedSequence {

  /** NumPy's DEFAULT_POOL_SIZE: a 128-bit entropy pool. */
  private static final int POOL_SIZE = 4;

  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;

  /** Half the bits of a 32-bit word. */
  private static final int XSHIFT = 16;

  private SeedSequence() {}

  /**
   * Returns {@code SeedSequence(seed).generate_state(words, np.uint64)}.
   *
   * @param seed a non-negative seed, checked by the caller
   * @param words how many 64-bit words to produce
   */
  static long[] generateState64(long seed, int words) {
    int[] state32 = generateState32(mixEntropy(entropyWords(seed)), 2 * words);
    long[] state64 = new long[words];
    for (int i = 0; i < words; i++) {
      // NumPy views the 32-bit words as little-endian 64-bit ones: the even word is the low half.
      state64[i] = (state32[2 * i] & 0xFFFFFFFFL) | ((long) state32[2 * i + 1] << 32);
    }
    return state64;
  }

  /**
   * {@code _int_to_uint32_array}: the seed as 32-bit words, least significant first, with zero as
   * the one word {@code [0]} (NumPy's choice; the pool pads with zeros, so it mixes like no word).
   */
  static int[] entropyWords(long seed) {
    if (seed == 0) {
      return new int[] {0};
    }
    if ((seed >>> 32) == 0) {
      return new int[] {(int) seed};
    }
    return new int[] {(int) seed, (int) (seed >>> 32)};
  }

  /** {@code mix_entropy} of the given words into a fresh pool of {@link #POOL_SIZE} words. */
  static int[] mixEntropy(int[] entropy) {
    int[] pool = new int[POOL_SIZE];
    HashMix hash = new HashMix();
    for (int i = 0; i < POOL_SIZE; i++) {
      // A pool larger than the entropy keeps running the hash on zeros.
      pool[i] = hash.apply(i < entropy.length ? entropy[i] : 0);
    }
    // Mix every word into every other one, so that late words affect earlier ones.
    for (int src = 0; src < POOL_SIZE; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        if (src != dst) {
          pool[dst] = mix(pool[dst], hash.apply(pool[src]));
        }
      }
    }
    // Entropy beyond the pool size is folded into every pool word.
    for (int src = POOL_SIZE; src < entropy.length; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        pool[dst] = mix(pool[dst], hash.apply(entropy[src]));
      }
    }
    return pool;
  }

  /** {@code generate_state(count, np.uint32)}: cycles through the pool with a second hash. */
  static int[] generateState32(int[] pool, int count) {
    int[] out = new int[count];
    int hashConst = INIT_B;
    for (int i = 0; i < count; i++) {
      int data = pool[i % pool.length] ^ hashConst;
      hashConst *= MULT_B;
      data *= hashConst;
      out[i] = data ^ (data >>> XSHIFT);
    }
    return out;
  }

  private static int mix(int x, int y) {
    int result = MIX_MULT_L * x - MIX_MULT_R * y;
    return result ^ (result >>> XSHIFT);
  }

  /** {@code hashmix}, whose multiplier changes on every call and carries over between calls. */
  private static final class HashMix {

    private int multiplier = INIT_A;

    int apply(int value) {
      int result = value ^ multiplier;
      multiplier *= MULT_A;
      result *= multiplier;
      return result ^ (result >>> XSHIFT);
    }
  }
}
