package io.github.nndsl.core.internal;

/**
 * Keeps a hot loop method out of inlining, so that C2 compiles it as a unit of its own.
 *
 * <p>JDK 17's C2 vectorises a loop over separate arrays (superword) when the loop is compiled in a
 * method of its own, but often not once it is inlined into the caller's loops; JDK 25's does in
 * both. No JVM flag is wanted, so such a method is made longer than C2's {@code FreqInlineSize}
 * (325 bytes of bytecode, the default limit on inlining a hot call, the same on JDK 17 and 25):
 * it ends in a branch that never runs and holds {@link #PAD} calls to {@link #never}, which C2
 * counts and then prunes (an untaken branch becomes an uncommon trap). {@code OwnUnitTest} reads
 * the class files and keeps every such method above the limit.
 *
 * <p>Measured (JDK 17.0.15, no flags, 128x784x256 product, one thread): PackedMatMul's loop 11
 * GFLOP/s inlined, 28 kept out (the same machine loaded by other work).
 */
final class OwnUnit {

  /** The calls to {@link #never} in each padded method. */
  static final int PAD = 70;

  /** The bytecode length above which C2 does not inline a hot call (FreqInlineSize). */
  static final int FREQ_INLINE_SIZE = 325;

  private OwnUnit() {}

  /** Never runs: the caller reaches it only with a negative length. */
  static void never(int length) {
    throw new AssertionError("a negative length: " + length);
  }
}
