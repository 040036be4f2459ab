package io.github.nndsl.dsl.file;


import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Deterministic mutations of a file's bytes, for the fuzzer: raw byte edits anywhere, and edits of
 * the JSON header that keep the header length consistent, so the JSON reader and the semantic
 * checks are exercised and not only the length check.
 *
 * @param kind which mutation, 0 to {@value #KINDS} - 1
 * @param position where, reduced modulo the relevant length
 * @param value the byte, character or length to use
 */
record Mutator(int kind, int position, long value) {

  static final int KINDS = 8;

  /** Characters that matter to JSON and to our numbers. */
  private static final String INTERESTING = "{}[]\",:0123456789-+eE. \\/tfnu\u00e9\u0000";

  private static final long[] LENGTHS = {0, 1, 2, 7, 8, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 31, 1L << 32, 16L << 20};

  byte[] apply(byte[] file) {
    int len = file.length;
    switch (kind) {
      case 0: // overwrite a byte
        if (len == 0) {
          return file;
        }
        byte[] flipped = file.clone();
        flipped[Math.floorMod(position, len)] = (byte) value;
        return flipped;
      case 1: // truncate
        return Arrays.copyOf(file, Math.floorMod(position, len + 1));
      case 2: // insert a byte
        return insert(file, Math.floorMod(position, len + 1), new byte[] {(byte) value});
      case 3: // delete a byte
        if (len == 0) {
          return file;
        }
        int at = Math.floorMod(position, len);
        return concat(Arrays.copyOf(file, at), Arrays.copyOfRange(file, at + 1, len));
      case 4: // a strange header length
        if (len < 8) {
          return file;
        }
        byte[] lengthened = file.clone();
        long n = Math.floorMod(value, 3) == 0 ? LENGTHS[Math.floorMod(position, LENGTHS.length)]
            : Math.floorMod(value, 3) == 1 ? len - 8 + (position % 16) : value;
        ByteBuffer.wrap(lengthened).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
        return lengthened;
      case 5: // replace a header character, keeping the length consistent
        return editHeader(file, (h, p) -> h.substring(0, p)
            + INTERESTING.charAt(Math.floorMod(value, INTERESTING.length())) + h.substring(Math.min(h.length(), p + 1)));
      case 6: // delete a stretch of the header
        return editHeader(file, (h, p) -> h.substring(0, p) + h.substring(Math.min(h.length(), p + 1 + Math.floorMod(value, 24))));
      case 7: // duplicate a stretch of the header
        return editHeader(file, (h, p) -> {
          String piece = h.substring(p, Math.min(h.length(), p + 1 + Math.floorMod(value, 40)));
          return h.substring(0, p) + piece + h.substring(p);
        });
      default:
        throw new AssertionError(kind);
    }
  }

  private interface Edit {
    String apply(String header, int position);
  }

  private byte[] editHeader(byte[] file, Edit edit) {
    if (file.length < 8) {
      return file;
    }
    long n = ModelFiling.headerLength(file);
    if (n < 1 || n > file.length - 8) {
      return file;
    }
    String h = ModelFiling.header(file);
    String edited = edit.apply(h, Math.floorMod(position, h.length()));
    return ModelFiling.assemble(edited, ModelFiling.data(file));
  }

  private static byte[] insert(byte[] file, int at, byte[] bytes) {
    return concat(concat(Arrays.copyOf(file, at), bytes), Arrays.copyOfRange(file, at, file.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
