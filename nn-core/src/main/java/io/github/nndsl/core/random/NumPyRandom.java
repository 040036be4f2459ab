package io.github.nndsl.core.random;

import io.github.nndsl.core.Tensor;

import java.util.Arrays;

/**
 * A random number generator that reproduces NumPy's {@code numpy.random.default_rng(seed)}: the
 * same seed gives the same raw 64-bit outputs, the same {@code random()} doubles and the same
 * {@code standard_normal()} samples as NumPy, so weights initialised here match a Python reference
 * run.
 *
 * <p>Underneath is NumPy's PCG64 bit generator, seeded through NumPy's {@code SeedSequence}; normal
 * samples use NumPy's 256-layer ziggurat with NumPy's own tables. See {@link #standardNormal()} for
 * the one place where NumPy itself depends on the platform.
 *
 * <pre>{@code
 * NumPyRandom rng = NumPyRandom.defaultRng(42);
 * double u = rng.random();              // np.random.default_rng(42).random()
 * Tensor w = rng.standardNormal(3, 5);  // then rng.standard_normal((3, 5))
 * }</pre>
 *
 * <p>Not thread-safe: every draw advances the state. Give each thread its own generator.
 *
 * @since 0.1.0
 */
public final class NumPyRandom {

  /** Scales the top 53 bits of a raw output into [0, 1), as NumPy's next_double does. */
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private static final int STATE_LENGTH = 4;

  private static final int FULL_STATE_LENGTH = 6;

  private final Pcg64 bits;

  /** NumPy's {@code has_uint32}/{@code uinteger}: the unused high half of a raw output. */
  private boolean hasUint32;

  private int uinteger;

  private NumPyRandom(Pcg64 bits) {
    this.bits = bits;
  }

  /**
   * Creates a generator that produces the same stream as {@code numpy.random.default_rng(seed)}.
   *
   * <pre>{@code
   * NumPyRandom rng = NumPyRandom.defaultRng(0);
   * rng.random();   // 0.6369616873214543, like np.random.default_rng(0).random()
   * }</pre>
   *
   * @param seed the seed, from 0 to {@link Long#MAX_VALUE}
   * @return a freshly seeded generator
   * @throws IllegalArgumentException if {@code seed} is negative (NumPy rejects negative seeds too)
   * @since 0.1.0
   */
  public static NumPyRandom defaultRng(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, but was " + seed);
    }
    return new NumPyRandom(Pcg64.seeded(SeedSequence.generateState64(seed, STATE_LENGTH)));
  }

  /**
   * Restores a generator from the four words returned by {@link #state()}.
   *
   * <pre>{@code
   * long[] saved = rng.state();
   * NumPyRandom resumed = NumPyRandom.fromState(saved);   // continues where rng was
   * }</pre>
   *
   * @param state {@code {stateHi, stateLo, incHi, incLo, hasUint32, uinteger}} as {@link #state()}
   *     returns it, or just the first four words (no buffered 32-bit half); read, not kept
   * @return a generator that continues the saved stream
   * @throws IllegalArgumentException if {@code state} is null or does not have length 4 or 6, if the
   *     increment is even (its low word {@code state[3]} must be odd, as in every PCG64 stream), or
   *     if {@code hasUint32} is not 0 or 1 or {@code uinteger} is not an unsigned 32-bit value
   * @since 0.1.0
   */
  public static NumPyRandom fromState(long[] state) {
    Engine.notNull(state, "state");
    if (state.length != STATE_LENGTH && state.length != FULL_STATE_LENGTH) {
      throw new IllegalArgumentException(
          "state must have length " + STATE_LENGTH + " or " + FULL_STATE_LENGTH + ", but had length "
              + state.length);
    }
    if ((state[3] & 1L) == 0) {
      throw new IllegalArgumentException(
          "state[3], the low word of the increment, must be odd, but was "
              + Long.toUnsignedString(state[3]));
    }
    NumPyRandom rng = new NumPyRandom(new Pcg64(state[0], state[1], state[2], state[3]));
    if (state.length == FULL_STATE_LENGTH) {
      if (state[4] != 0 && state[4] != 1) {
        throw new IllegalArgumentException("state[4], hasUint32, must be 0 or 1, but was " + state[4]);
      }
      if ((state[5] >>> 32) != 0) {
        throw new IllegalArgumentException(
            "state[5], uinteger, must be an unsigned 32-bit value, but was " + state[5]);
      }
      rng.hasUint32 = state[4] == 1;
      rng.uinteger = (int) state[5];
    }
    return rng;
  }

  /**
   * Returns the next raw 64-bit output of PCG64, like NumPy's {@code bit_generator.random_raw()}.
   * The value is unsigned; read it with {@link Long#toUnsignedString(long)} or {@link
   * Long#compareUnsigned(long, long)}.
   *
   * <pre>{@code
   * long raw = NumPyRandom.defaultRng(0).nextLong();   // 0xa30febcfd9c2825fL
   * }</pre>
   *
   * @return the next raw output
   * @since 0.1.0
   */
  public long nextLong() {
    return bits.next64();
  }

  /**
   * Returns a uniform double in [0, 1), like NumPy's {@code Generator.random()}: the top 53 bits of
   * one raw output times 2^-53.
   *
   * <pre>{@code
   * double u = NumPyRandom.defaultRng(0).random();   // 0.6369616873214543
   * }</pre>
   *
   * @return a multiple of 2^-53 in [0, 1)
   * @since 0.1.0
   */
  public double random() {
    return (bits.next64() >>> 11) * DOUBLE_UNIT;
  }

  /**
   * Returns a standard normal sample, like NumPy's {@code Generator.standard_normal()}: NumPy's
   * 256-layer ziggurat with NumPy's tables, including its tail algorithm.
   *
   * <p>In the tail (|z| above 3.654, about one draw in 3,900) NumPy calls the C library's {@code
   * log1p}, so NumPy's own output there depends on the platform. This class uses {@link
   * StrictMath#log1p(double)}, which is the same on every JVM. Against NumPy on x86-64 Linux (glibc
   * 2.36) it differed in the last bit in 3 of 200 million draws, and the stream stayed in step.
   *
   * <pre>{@code
   * NumPyRandom rng = NumPyRandom.defaultRng(42);
   * double z = rng.standardNormal();   // np.random.default_rng(42).standard_normal()
   * }</pre>
   *
   * @return a sample from N(0, 1)
   * @since 0.1.0
   */
  public double standardNormal() {
    for (; ; ) {
      long r = bits.next64();
      // Bits 0-7 pick the layer, bit 8 is the sign, bits 9-60 are the 52-bit magnitude.
      int idx = (int) (r & 0xFF);
      r >>>= 8;
      long rabs = (r >>> 1) & 0x000FFFFFFFFFFFFFL;
      double x = rabs * Ziggurat.WI[idx];
      if ((r & 1L) != 0) {
        x = -x;
      }
      if (rabs < Ziggurat.KI[idx]) {
        return x; // inside the layer's rectangle: about 99.3% of draws
      }
      if (idx == 0) {
        return tail(rabs);
      }
      // In the wedge: accept x with the density's probability, else start over. Same operation
      // order as NumPy, which is compiled without fused multiply-add. exp only feeds a comparison:
      // a last-bit difference from the C library's exp matters only if y lands within that bit.
      double y = (Ziggurat.FI[idx - 1] - Ziggurat.FI[idx]) * random() + Ziggurat.FI[idx];
      if (y < StrictMath.exp(-0.5 * x * x)) {
        return x;
      }
    }
  }

  /**
   * Marsaglia's tail method beyond {@code NOR_R}. NumPy takes log1p(-u), not log(u), so that u == 0
   * cannot reach log(0). The sign comes from bit 8 of the magnitude, not from the sign bit.
   */
  private double tail(long rabs) {
    for (; ; ) {
      double xx = -Ziggurat.NOR_INV_R * StrictMath.log1p(-random());
      double yy = -StrictMath.log1p(-random());
      if (yy + yy > xx * xx) {
        return ((rabs >>> 8) & 1L) != 0 ? -(Ziggurat.NOR_R + xx) : Ziggurat.NOR_R + xx;
      }
    }
  }

  /**
   * Returns a tensor of standard normal samples, like NumPy's {@code standard_normal(shape)}: the
   * elements are successive {@link #standardNormal()} draws in row-major (C) order.
   *
   * <pre>{@code
   * Tensor w = NumPyRandom.defaultRng(42).standardNormal(3, 5);
   * // the same values as np.random.default_rng(42).standard_normal((3, 5))
   * }</pre>
   *
   * @param shape one or two non-negative dimensions
   * @return a new tensor of that shape
   * @throws IllegalArgumentException if {@code shape} is null, has another rank, has a negative
   *     dimension or more elements than an array can hold; nothing is drawn then
   * @since 0.1.0
   */
  public Tensor standardNormal(int... shape) {
    double[] data = new double[sizeOf(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = standardNormal();
    }
    return Engine.CORE.wrap(data, shape.clone());
  }

  /**
   * Returns the generator's whole state as {@code {stateHi, stateLo, incHi, incLo, hasUint32,
   * uinteger}}: the 128-bit PCG64 state and increment, high word first, then the buffered 32-bit
   * half that {@link #shuffle(int[])} may have left, as in NumPy's {@code bit_generator.state}.
   *
   * <pre>{@code
   * long[] saved = rng.state();
   * double a = rng.random();
   * double b = NumPyRandom.fromState(saved).random();   // b == a
   * }</pre>
   *
   * @return a new array of length 6; changing it does not affect this generator
   * @since 0.1.0
   */
  public long[] state() {
    long[] pcg = bits.state();
    return new long[] {pcg[0], pcg[1], pcg[2], pcg[3], hasUint32 ? 1 : 0, uinteger & 0xFFFFFFFFL};
  }

  /**
   * Returns an independent generator in the same state: both produce the same stream from here on,
   * and drawing from one does not advance the other.
   *
   * <pre>{@code
   * NumPyRandom fork = rng.copy();
   * boolean same = fork.random() == rng.random();   // true
   * }</pre>
   *
   * @return a copy of this generator
   * @since 0.1.0
   */
  public NumPyRandom copy() {
    NumPyRandom copy = new NumPyRandom(bits.copy());
    copy.hasUint32 = hasUint32;
    copy.uinteger = uinteger;
    return copy;
  }

  /**
   * Shuffles {@code values} in place exactly as NumPy's {@code Generator.shuffle} does for a 1-D
   * array: Fisher-Yates from the last element down, each index drawn by NumPy's {@code
   * random_interval} (masked rejection sampling on 32-bit draws, two per raw output).
   *
   * <pre>{@code
   * int[] order = {0, 1, 2, 3, 4};
   * NumPyRandom.defaultRng(0).shuffle(order);   // as rng.shuffle(np.arange(5))
   * }</pre>
   *
   * @param values the array to permute
   * @throws IllegalArgumentException if values is null
   * @since 0.1.0
   */
  public void shuffle(int[] values) {
    Engine.notNull(values, "values");
    for (int i = values.length - 1; i >= 1; i--) {
      int j = (int) randomInterval(i);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /**
   * Returns a random permutation of {@code 0 .. n-1}, like NumPy's {@code rng.permutation(n)}.
   *
   * <pre>{@code
   * int[] order = NumPyRandom.defaultRng(0).permutation(10);
   * }</pre>
   *
   * @param n the length, non-negative
   * @return a new array holding each of {@code 0 .. n-1} once
   * @throws IllegalArgumentException if n is negative
   * @since 0.1.0
   */
  public int[] permutation(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be non-negative, but was " + n);
    }
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    shuffle(values);
    return values;
  }

  /** NumPy's {@code random_interval(max)} for max below 2^32: uniform on [0, max]. */
  private long randomInterval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = (nextInt32() & 0xFFFFFFFFL) & mask;
    } while (value > max);
    return value;
  }

  /** NumPy's {@code pcg64_next32}: the low half of a raw output now, its high half next time. */
  private int nextInt32() {
    if (hasUint32) {
      hasUint32 = false;
      return uinteger;
    }
    long next = bits.next64();
    hasUint32 = true;
    uinteger = (int) (next >>> 32);
    return (int) next;
  }

  /** Checks the shape before anything is drawn; the messages match Tensor's own checks. */
  private static int sizeOf(int[] shape) {
    Engine.notNull(shape, "shape");
    if (shape.length != 1 && shape.length != 2) {
      throw new IllegalArgumentException(
          "shape must have 1 or 2 dimensions, but was " + Arrays.toString(shape));
    }
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape dimensions must be non-negative, but was " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " has "
              + size
              + " elements, more than an array can hold");
    }
    return (int) size;
  }
}
