package io.github.nndsl.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads the golden-vector files written by the NumPy scripts in src/test/python. */
public final class Golden {

  private final Map<String, Tensor> tensors = new HashMap<>();
  private final Map<String, Double> scalars = new HashMap<>();

  private Golden() {}

  public static Golden load(String resource) {
    Golden g = new Golden();
    InputStream in = Golden.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split(" ");
        if (f[0].equals("scalar")) {
          g.scalars.put(f[1], Double.parseDouble(f[2]));
        } else {
          int rank = Integer.parseInt(f[2]);
          int[] shape = new int[rank];
          for (int i = 0; i < rank; i++) {
            shape[i] = Integer.parseInt(f[3 + i]);
          }
          double[] v = new double[f.length - 3 - rank];
          for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(f[3 + rank + i]);
          }
          g.tensors.put(f[1], Tensor.fromArray(v, shape));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }

  public Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalStateException("no golden tensor " + name);
    }
    return t;
  }

  public double scalar(String name) {
    Double v = scalars.get(name);
    if (v == null) {
      throw new IllegalStateException("no golden scalar " + name);
    }
    return v;
  }
}
