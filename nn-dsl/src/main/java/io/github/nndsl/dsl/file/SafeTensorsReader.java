package io.github.nndsl.dsl.file;


import static io.github.nndsl.dsl.file.JsonFields.array;
import static io.github.nndsl.dsl.file.JsonFields.integer;
import static io.github.nndsl.dsl.file.JsonFields.keys;
import static io.github.nndsl.dsl.file.JsonFields.object;
import static io.github.nndsl.dsl.file.JsonFields.string;

import io.github.nndsl.dsl.internal.Json;
import io.github.nndsl.dsl.internal.JsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the safetensors container and checks everything that does not depend on what the tensors
 * mean: the 8-byte little-endian header length against the file size and {@link #MAX_HEADER}, the
 * header's UTF-8 and JSON, {@code __metadata__} as a string-to-string map, each tensor's dtype,
 * shape and {@code data_offsets}, and that the tensors tile the data section exactly (sorted by
 * offset: contiguous from 0, no overlap, no gap, nothing after the last). Nothing is read from the
 * data section until {@link #readF64}, {@link #readI64} or {@link #readWidened} asks, and every
 * allocation is bounded by the file's real size. Which dtypes a file may hold is the caller's
 * choice ({@link Dtypes.Accepted}): nn-dsl's own files F64 and I64, PyTorch state dicts F32, F16,
 * BF16 and F64.
 */
final class SafeTensorsReader implements AutoCloseable {

  /** The longest header accepted, in bytes: generous for any layer stack, small for the heap. */
  static final long MAX_HEADER = 16L << 20;

  /**
   * One tensor of the header.
   *
   * @param name its key
   * @param dtype one of the accepted dtypes, as the file spells it ("F64", "I64", "F32", ...)
   * @param shape its dimensions
   * @param begin the first byte in the data section
   * @param end one past the last byte
   */
  record Entry(String name, String dtype, int[] shape, long begin, long end) {
    long elements() {
      return (end - begin) / Dtypes.width(dtype);
    }

    String shapeString() {
      return Arrays.toString(shape);
    }
  }

  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, String> metadata;
  private final Map<String, Entry> entries;

  private SafeTensorsReader(FileChannel channel, long dataStart, Map<String, String> metadata, Map<String, Entry> entries) {
    this.channel = channel;
    this.dataStart = dataStart;
    this.metadata = metadata;
    this.entries = entries;
  }

  /**
   * Opens a file and validates its container.
   *
   * @throws UncheckedIOException if the file cannot be opened or read
   * @throws ModelFileException if the container is malformed
   */
  static SafeTensorsReader open(Path file) {
    return open(file, Dtypes.NN_DSL);
  }

  /**
   * Opens a file and validates its container, accepting the given dtypes only.
   *
   * @throws UncheckedIOException if the file cannot be opened or read
   * @throws ModelFileException if the container is malformed or holds another dtype
   */
  static SafeTensorsReader open(Path file, Dtypes.Accepted accepted) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("could not open " + file + ": " + e.getMessage(), e);
    }
    try {
      return read(channel, accepted);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static SafeTensorsReader read(FileChannel channel, Dtypes.Accepted accepted) {
    long size = size(channel);
    if (size < 8) {
      throw new ModelFileException("file is " + size + " bytes long, too short for the 8-byte header length");
    }
    ByteBuffer lengthBytes = readFully(channel, 0, 8, "the header length");
    long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    if (headerLength < 2 || headerLength > size - 8 || headerLength > MAX_HEADER) {
      throw new ModelFileException(
          "header length at byte 0 is " + Long.toUnsignedString(headerLength)
              + ", but must be in [2, " + Math.min(size - 8, MAX_HEADER) + "] for a file of " + size
              + " bytes (at most " + MAX_HEADER + ")");
    }
    ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength, "the header");
    if (headerBytes.get(0) != '{') {
      throw new ModelFileException("header at byte 8 must start with '{', but starts with byte " + (headerBytes.get(0) & 0xff));
    }
    String header = decodeUtf8(headerBytes);
    Json.Value root;
    try {
      root = Json.parse(header);
    } catch (JsonException e) {
      throw new ModelFileException("header (from byte 8) is not well-formed JSON: " + e.getMessage(), e);
    }
    long dataLength = size - 8 - headerLength;
    Map<String, Json.Value> members = object(root, "header");
    Map<String, String> metadata = Collections.emptyMap();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, Json.Value> m : members.entrySet()) {
      if (m.getKey().equals("__metadata__")) {
        metadata = metadata(m.getValue());
      } else {
        entries.put(m.getKey(), entry(m.getKey(), m.getValue(), dataLength, 8 + headerLength, accepted));
      }
    }
    checkTiling(entries, dataLength, 8 + headerLength);
    return new SafeTensorsReader(channel, 8 + headerLength, metadata, Collections.unmodifiableMap(entries));
  }

  private static Map<String, String> metadata(Json.Value v) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Json.Value> e : object(v, "__metadata__").entrySet()) {
      out.put(e.getKey(), string(e.getValue(), "__metadata__ '" + e.getKey() + "'"));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Entry entry(String name, Json.Value v, long dataLength, long dataStart, Dtypes.Accepted accepted) {
    String where = "tensor '" + name + "'";
    Map<String, Json.Value> m = object(v, where);
    keys(m, where, Set.of("dtype", "shape", "data_offsets"), Set.of());
    String dtype = string(m.get("dtype"), where + " dtype");
    int width = width(where, dtype, accepted);
    List<Json.Value> dims = array(m.get("shape"), where + " shape");
    if (dims.size() > 8) {
      throw new ModelFileException(where + ": shape has " + dims.size() + " dimensions, more than 8");
    }
    int[] shape = new int[dims.size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) integer(dims.get(i), where + " shape[" + i + "]", 0, Integer.MAX_VALUE);
      // saturating: a product beyond the data section is rejected below whatever its exact value
      elements = shape[i] == 0 ? 0 : elements > dataLength / shape[i] ? Long.MAX_VALUE : elements * shape[i];
    }
    List<Json.Value> offsets = array(m.get("data_offsets"), where + " data_offsets");
    if (offsets.size() != 2) {
      throw new ModelFileException(where + ": data_offsets must be [begin, end], but has " + offsets.size() + " numbers");
    }
    long begin = integer(offsets.get(0), where + " data_offsets[0]", 0, Long.MAX_VALUE);
    long end = integer(offsets.get(1), where + " data_offsets[1]", 0, Long.MAX_VALUE);
    if (begin > end || end > dataLength) {
      throw new ModelFileException(
          where + ": data_offsets [" + begin + ", " + end + "] must satisfy begin <= end <= " + dataLength
              + ", the size of the data section (from byte " + dataStart + ")"
              + (end > dataLength ? " (is the file truncated?)" : ""));
    }
    if ((end - begin) % width != 0 || (end - begin) / width != elements) {
      throw new ModelFileException(
          where + ": data_offsets [" + begin + ", " + end + "] span " + (end - begin)
              + " bytes, but shape " + Arrays.toString(shape) + " of " + dtype + " needs "
              + (elements == Long.MAX_VALUE ? "more than the data section" : elements * width + ""));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static int width(String where, String dtype, Dtypes.Accepted accepted) {
    Integer width = accepted.widths().get(dtype);
    if (width == null) {
      throw new ModelFileException(where + ": dtype must be " + accepted.expected() + ", but was " + dtype);
    }
    return width;
  }

  /** By begin, then end offset; a class rather than Comparator.comparingLong: no lambda at load. */
  private static final Comparator<Entry> BY_OFFSETS = new ByOffsets();

  private static final class ByOffsets implements Comparator<Entry> {
    @Override
    public int compare(Entry a, Entry b) {
      int byBegin = Long.compare(a.begin(), b.begin());
      return byBegin != 0 ? byBegin : Long.compare(a.end(), b.end());
    }
  }

  /** Sorted by offset, the tensors must cover [0, dataLength) exactly, one after another. */
  private static void checkTiling(Map<String, Entry> entries, long dataLength, long dataStart) {
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort(BY_OFFSETS);
    long expected = 0;
    Entry previous = null;
    for (Entry e : sorted) {
      if (e.begin() < expected) {
        throw new ModelFileException(
            "tensor '" + e.name() + "' data_offsets [" + e.begin() + ", " + e.end() + "] overlap tensor '"
                + previous.name() + "' [" + previous.begin() + ", " + previous.end() + "]");
      }
      if (e.begin() > expected) {
        throw new ModelFileException(
            "data section has unclaimed bytes [" + expected + ", " + e.begin() + ") before tensor '" + e.name()
                + "' (file bytes " + (dataStart + expected) + " to " + (dataStart + e.begin()) + ")");
      }
      expected = e.end();
      previous = e;
    }
    if (expected != dataLength) {
      throw new ModelFileException(
          "data section (from byte " + dataStart + ") has " + dataLength + " bytes, but the tensors cover "
              + expected);
    }
  }

  Map<String, String> metadata() {
    return metadata;
  }

  Map<String, Entry> entries() {
    return entries;
  }

  /** Reads an F64 tensor into {@code target} from {@code offset}; the shape was checked before. */
  void readF64(Entry e, double[] target, int offset) {
    ByteBuffer bytes = readData(e);
    bytes.asDoubleBuffer().get(target, offset, (int) e.elements());
  }

  /** Reads an I64 tensor. */
  long[] readI64(Entry e) {
    long[] out = new long[(int) e.elements()];
    readData(e).asLongBuffer().get(out);
    return out;
  }

  /**
   * Reads a floating-point tensor widened exactly to double, in file order (row-major in the
   * file's shape); infinities and NaNs are kept for the caller to judge.
   */
  double[] readWidened(Entry e) {
    int n = (int) e.elements();
    double[] out = new double[n];
    Dtypes.widen(e.dtype(), readData(e), n, out);
    return out;
  }

  private ByteBuffer readData(Entry e) {
    long length = e.end() - e.begin();
    if (length > Integer.MAX_VALUE - 8) {
      throw new ModelFileException("tensor '" + e.name() + "' has " + length + " bytes, more than one array can hold");
    }
    return readFully(channel, dataStart + e.begin(), (int) length, "tensor '" + e.name() + "'")
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length, String what) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, position + buffer.position());
        if (n < 0) {
          throw new ModelFileException(
              "file ends at byte " + (position + buffer.position()) + " while reading " + what + " (bytes "
                  + position + " to " + (position + length) + ")");
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("could not read " + what + ": " + ex.getMessage(), ex);
    }
    return buffer.flip();
  }

  private static String decodeUtf8(ByteBuffer bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = bytes.duplicate();
    CharBuffer out = CharBuffer.allocate(in.remaining());
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ModelFileException("header is not valid UTF-8 at byte " + (8 + in.position()));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static long size(FileChannel channel) {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the file size: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // reading is over; nothing was written, so nothing can be lost
    }
  }
}
