package io.github.nndsl.dsl.file;


import io.github.nndsl.dsl.internal.AtomicFile;
import io.github.nndsl.dsl.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a safetensors file atomically: the 8-byte little-endian header length, the JSON header
 * (padded with spaces so the data section starts at a multiple of 8, as the reference writer
 * does), then each tensor's little-endian bytes, one after another in the order added.
 */
final class SafeTensorsWriter {

  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final List<String> names = new ArrayList<>();
  private final List<String> dtypes = new ArrayList<>();
  private final List<int[]> shapes = new ArrayList<>();
  private final List<Object> data = new ArrayList<>(); // double[] (F64), long[] (I64) or float[] (F32)

  SafeTensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  SafeTensorsWriter f64(String name, int[] shape, double[] values) {
    return add(name, "F64", shape, values);
  }

  SafeTensorsWriter i64(String name, int[] shape, long[] values) {
    return add(name, "I64", shape, values);
  }

  /** An F32 tensor; the caller has rounded the values (a Java cast rounds to nearest even). */
  SafeTensorsWriter f32(String name, int[] shape, float[] values) {
    return add(name, "F32", shape, values);
  }

  private SafeTensorsWriter add(String name, String dtype, int[] shape, Object values) {
    names.add(name);
    dtypes.add(dtype);
    shapes.add(shape.clone());
    data.add(values);
    return this;
  }

  /** The header bytes, padded, without the length prefix. */
  byte[] header() {
    byte[] json = Json.write(g -> {
      g.writeStartObject();
      g.writeObjectPropertyStart("__metadata__");
      metadata.forEach(g::writeStringProperty);
      g.writeEndObject();
      long offset = 0;
      for (int i = 0; i < names.size(); i++) {
        long bytes = bytes(data.get(i));
        g.writeObjectPropertyStart(names.get(i));
        g.writeStringProperty("dtype", dtypes.get(i));
        g.writeArrayPropertyStart("shape");
        for (int d : shapes.get(i)) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("data_offsets");
        g.writeNumber(offset);
        g.writeNumber(offset + bytes);
        g.writeEndArray();
        g.writeEndObject();
        offset += bytes;
      }
      g.writeEndObject();
    }).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    System.arraycopy(json, 0, out, 0, json.length);
    for (int i = json.length; i < padded; i++) {
      out[i] = ' ';
    }
    return out;
  }

  void write(Path file, AtomicFile.Hook hook) {
    byte[] header = header();
    AtomicFile.write(file, channel -> writeTo(channel, header), hook);
  }

  private void writeTo(FileChannel channel, byte[] header) throws IOException {
    ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
    writeFully(channel, prefix);
    writeFully(channel, ByteBuffer.wrap(header));
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (Object values : data) {
      int n = length(values);
      for (int i = 0; i < n; i++) {
        if (chunk.remaining() < 8) { // room for the widest element, F32 and F64 may mix
          writeFully(channel, chunk.flip());
          chunk.clear();
        }
        if (values instanceof double[]) {
          chunk.putDouble(((double[]) values)[i]); // raw bits: NaN payloads and -0.0 survive
        } else if (values instanceof float[]) {
          chunk.putFloat(((float[]) values)[i]);
        } else {
          chunk.putLong(((long[]) values)[i]);
        }
      }
    }
    writeFully(channel, chunk.flip());
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static int length(Object values) {
    return values instanceof double[] ? ((double[]) values).length
        : values instanceof float[] ? ((float[]) values).length : ((long[]) values).length;
  }

  private static long bytes(Object values) {
    return (values instanceof float[] ? 4L : 8L) * length(values);
  }
}
