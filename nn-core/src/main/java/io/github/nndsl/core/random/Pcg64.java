package io.github.nndsl.core.random;

/**
 * NumPy's PCG64 bit generator (PCG XSL RR 128/64, numpy/random/src/pcg64/pcg64.h): a 128-bit linear
 * congruential generator whose output is a permutation of the state after each step.
 *
 * <p>The 128-bit state and increment are each held as a high and a low {@code long}. Arithmetic is
 * modulo 2^128, so the sign of a {@code long} matters only for the high half of a 64x64 product and
 * for the carry out of the low word; both are handled explicitly.
 */
final class Pcg64 {

  /** PCG_DEFAULT_MULTIPLIER_128 = 0x2360ED051FC65DA4_4385DF649FCCF645. */
  private static final long MULT_HI = 0x2360ED051FC65DA4L;

  private static final long MULT_LO = 0x4385DF649FCCF645L;

  private long stateHi;
  private long stateLo;
  private final long incHi;
  private final long incLo;

  Pcg64(long stateHi, long stateLo, long incHi, long incLo) {
    this.stateHi = stateHi;
    this.stateLo = stateLo;
    this.incHi = incHi;
    this.incLo = incLo;
  }

  /**
   * {@code pcg64_set_seed}, then {@code pcg_setseq_128_srandom_r}. NumPy passes the four
   * SeedSequence words as {@code initstate = (w[0] << 64) | w[1]} and {@code initseq = (w[2] << 64)
   * | w[3]}: the first word of each pair is the high half.
   */
  static Pcg64 seeded(long[] words) {
    // inc = (initseq << 1) | 1, a 128-bit shift that drops the top bit of initseq.
    long incHi = (words[2] << 1) | (words[3] >>> 63);
    long incLo = (words[3] << 1) | 1L;
    Pcg64 generator = new Pcg64(0L, 0L, incHi, incLo);
    generator.step();
    long lo = generator.stateLo + words[1];
    generator.stateHi += words[0] + carry(lo, words[1]);
    generator.stateLo = lo;
    generator.step();
    return generator;
  }

  /** Steps the LCG and then outputs: NumPy advances before producing each value. */
  long next64() {
    step();
    // XSL RR: xor the two halves, rotate right by the top 6 bits of the state.
    return Long.rotateRight(stateHi ^ stateLo, (int) (stateHi >>> 58));
  }

  /** Returns {stateHi, stateLo, incHi, incLo}, the order of NumPy's {@code pcg64_get_state}. */
  long[] state() {
    return new long[] {stateHi, stateLo, incHi, incLo};
  }

  Pcg64 copy() {
    return new Pcg64(stateHi, stateLo, incHi, incLo);
  }

  /** state = state * MULT + inc (mod 2^128). */
  private void step() {
    long lo = stateLo * MULT_LO;
    long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateLo * MULT_HI + stateHi * MULT_LO;
    long sumLo = lo + incLo;
    stateHi = hi + incHi + carry(sumLo, incLo);
    stateLo = sumLo;
  }

  /** 1 if the unsigned addition that gave {@code sum} from {@code addend} wrapped around. */
  private static long carry(long sum, long addend) {
    return Long.compareUnsigned(sum, addend) < 0 ? 1L : 0L;
  }

  /**
   * The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+).
   * Reading a negative long as unsigned adds 2^64, which adds the other factor to the high half.
   */
  static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }
}
