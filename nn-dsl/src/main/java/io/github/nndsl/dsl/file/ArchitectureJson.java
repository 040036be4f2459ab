package io.github.nndsl.dsl.file;

import io.github.nndsl.dsl.Dropout;
import io.github.nndsl.dsl.Identity;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Layer;
import io.github.nndsl.dsl.Layers;
import io.github.nndsl.dsl.LeakyRelu;
import io.github.nndsl.dsl.Linear;
import io.github.nndsl.dsl.Relu;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.Sigmoid;
import io.github.nndsl.dsl.Softmax;
import io.github.nndsl.dsl.Standardize;
import io.github.nndsl.dsl.Tanh;

import static io.github.nndsl.dsl.file.JsonFields.array;
import static io.github.nndsl.dsl.file.JsonFields.bool;
import static io.github.nndsl.dsl.file.JsonFields.finiteDouble;
import static io.github.nndsl.dsl.file.JsonFields.integer;
import static io.github.nndsl.dsl.file.JsonFields.keys;
import static io.github.nndsl.dsl.file.JsonFields.object;
import static io.github.nndsl.dsl.file.JsonFields.string;

import io.github.nndsl.dsl.internal.Json;
import io.github.nndsl.dsl.internal.JsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * Encodes a {@link Sequential} as versioned JSON and decodes it back to an equal model:
 * {@code {"version":1,"layers":[{"kind":"linear","inputs":2,"outputs":4,"bias":true,
 * "weight_init":{"kind":"normal","std":0.5},"bias_init":{"kind":"zeros"}},{"kind":"relu"},...]}};
 * a standardization is {@code {"kind":"standardize","mean":[...],"std":[...]}}, dropout {@code
 * {"kind":"dropout","rate":0.5}}.
 *
 * <p>Written with Jackson's generator ({@link Json#write(java.util.function.Consumer)}); doubles
 * as {@link Double#toString(double)}, which reads back as the same bits,
 * so a decoded model is {@code equals} to the encoded one. Decoding is strict: unknown kinds,
 * unknown or missing keys and out-of-range values are {@link ModelFileException}s naming the layer.
 */
final class ArchitectureJson {

  /** The version written and the only one read. */
  static final int VERSION = 1;

  private ArchitectureJson() {}

  static String encode(Sequential model) {
    return Json.write(g -> {
      g.writeStartObject();
      g.writeNumberProperty("version", VERSION);
      g.writeArrayPropertyStart("layers");
      for (Layer layer : model.layers()) {
        encode(layer, g);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void encode(Layer layer, JsonGenerator g) {
    g.writeStartObject();
    if (layer instanceof Linear) {
      Linear l = (Linear) layer;
      g.writeStringProperty("kind", "linear");
      g.writeNumberProperty("inputs", l.inputs());
      g.writeNumberProperty("outputs", l.outputs());
      g.writeBooleanProperty("bias", l.bias());
      g.writeName("weight_init");
      encode(l.weightInit(), g);
      g.writeName("bias_init");
      encode(l.biasInit(), g);
    } else if (layer instanceof LeakyRelu) {
      g.writeStringProperty("kind", "leaky_relu");
      Json.writeFinite(g, "slope", ((LeakyRelu) layer).slope());
    } else if (layer instanceof Standardize) {
      Standardize s = (Standardize) layer;
      g.writeStringProperty("kind", "standardize");
      writeArray(g, "mean", s.mean());
      writeArray(g, "std", s.std());
    } else if (layer instanceof Dropout) {
      g.writeStringProperty("kind", "dropout");
      Json.writeFinite(g, "rate", ((Dropout) layer).rate());
    } else {
      g.writeStringProperty("kind", activationKind(layer));
    }
    g.writeEndObject();
  }

  /** An array of finite doubles, each as {@link Double#toString(double)}: read back bit for bit. */
  private static void writeArray(JsonGenerator g, String name, double[] values) {
    g.writeArrayPropertyStart(name);
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(name + " must be finite, but holds " + v);
      }
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static double[] readArray(Json.Value v, String where) {
    List<Json.Value> elements = array(v, where);
    double[] out = new double[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = finiteDouble(elements.get(i), where + "[" + i + "]");
    }
    return out;
  }

  private static String activationKind(Layer layer) {
    if (layer instanceof Relu) {
      return "relu";
    } else if (layer instanceof Sigmoid) {
      return "sigmoid";
    } else if (layer instanceof Tanh) {
      return "tanh";
    } else if (layer instanceof Softmax) {
      return "softmax";
    } else if (layer instanceof Identity) {
      return "identity";
    }
    throw new AssertionError(layer);
  }

  private static void encode(Init init, JsonGenerator g) {
    g.writeStartObject();
    if (init instanceof Init.Normal) {
      g.writeStringProperty("kind", "normal");
      Json.writeFinite(g, "std", ((Init.Normal) init).std());
    } else if (init instanceof Init.Uniform) {
      g.writeStringProperty("kind", "uniform");
      Json.writeFinite(g, "low", ((Init.Uniform) init).low());
      Json.writeFinite(g, "high", ((Init.Uniform) init).high());
    } else if (init instanceof Init.Constant) {
      g.writeStringProperty("kind", "constant");
      Json.writeFinite(g, "value", ((Init.Constant) init).value());
    } else if (init instanceof Init.Zeros) {
      g.writeStringProperty("kind", "zeros");
    } else if (init instanceof Init.He) {
      g.writeStringProperty("kind", "he");
    } else if (init instanceof Init.Glorot) {
      g.writeStringProperty("kind", "glorot");
    } else if (init instanceof Init.Auto) {
      g.writeStringProperty("kind", "auto");
    } else {
      throw new AssertionError(init);
    }
    g.writeEndObject();
  }

  /**
   * Decodes an architecture string.
   *
   * @throws ModelFileException if it is malformed, of another version, or not a valid model
   */
  static Sequential decode(String text) {
    Json.Value root;
    try {
      root = Json.parse(text);
    } catch (JsonException e) {
      throw new ModelFileException("architecture is not well-formed JSON: " + e.getMessage(), e);
    }
    Map<String, Json.Value> obj = object(root, "architecture");
    keys(obj, "architecture", Set.of("version", "layers"), Set.of());
    long version = integer(obj.get("version"), "architecture version", Long.MIN_VALUE, Long.MAX_VALUE);
    if (version != VERSION) {
      throw new ModelFileException(
          "architecture version " + version + " is not supported; this library reads version " + VERSION);
    }
    List<Json.Value> entries = array(obj.get("layers"), "architecture layers");
    List<Layer> layers = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      layers.add(decodeLayer(entries.get(i), "architecture layer " + i));
    }
    try {
      return Sequential.ofAll(layers);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("architecture is not a valid model: " + e.getMessage(), e);
    }
  }

  private static Layer decodeLayer(Json.Value v, String where) {
    Map<String, Json.Value> m = object(v, where);
    if (!m.containsKey("kind")) {
      throw new ModelFileException(where + " lacks the key 'kind'");
    }
    String kind = string(m.get("kind"), where + " kind");
    String at = where + " (" + kind + ")";
    switch (kind) {
      case "linear":
        keys(m, at, Set.of("kind", "inputs", "outputs", "bias", "weight_init", "bias_init"), Set.of());
        int inputs = (int) integer(m.get("inputs"), at + " inputs", 1, Integer.MAX_VALUE);
        int outputs = (int) integer(m.get("outputs"), at + " outputs", 1, Integer.MAX_VALUE);
        boolean bias = bool(m.get("bias"), at + " bias");
        Init weightInit = decodeInit(m.get("weight_init"), at + " weight_init");
        Init biasInit = decodeInit(m.get("bias_init"), at + " bias_init");
        try {
          return new Linear(inputs, outputs, bias, weightInit, biasInit);
        } catch (IllegalArgumentException e) {
          throw invalid(at, e);
        }
      case "leaky_relu":
        keys(m, at, Set.of("kind", "slope"), Set.of());
        double slope = finiteDouble(m.get("slope"), at + " slope");
        try {
          return new LeakyRelu(slope);
        } catch (IllegalArgumentException e) {
          throw invalid(at, e);
        }
      case "standardize":
        keys(m, at, Set.of("kind", "mean", "std"), Set.of());
        double[] mean = readArray(m.get("mean"), at + " mean");
        double[] std = readArray(m.get("std"), at + " std");
        try {
          return new Standardize(mean, std);
        } catch (IllegalArgumentException e) {
          throw invalid(at, e);
        }
      case "dropout":
        keys(m, at, Set.of("kind", "rate"), Set.of());
        double rate = finiteDouble(m.get("rate"), at + " rate");
        try {
          return new Dropout(rate);
        } catch (IllegalArgumentException e) {
          throw invalid(at, e);
        }
      case "relu":
      case "sigmoid":
      case "tanh":
      case "softmax":
      case "identity":
        keys(m, at, Set.of("kind"), Set.of());
        return activation(kind);
      default:
        throw new ModelFileException(
            where + " has the unknown kind '" + kind
                + "'; known kinds are linear, relu, sigmoid, tanh, leaky_relu, softmax, identity, standardize,"
                + " dropout");
    }
  }

  private static Layer activation(String kind) {
    switch (kind) {
      case "relu":
        return Layers.relu();
      case "sigmoid":
        return Layers.sigmoid();
      case "tanh":
        return Layers.tanh();
      case "softmax":
        return Layers.softmax();
      case "identity":
        return Layers.identity();
      default:
        throw new AssertionError(kind);
    }
  }

  private static Init decodeInit(Json.Value v, String where) {
    Map<String, Json.Value> m = object(v, where);
    if (!m.containsKey("kind")) {
      throw new ModelFileException(where + " lacks the key 'kind'");
    }
    String kind = string(m.get("kind"), where + " kind");
    String at = where + " (" + kind + ")";
    switch (kind) {
      case "normal":
        keys(m, at, Set.of("kind", "std"), Set.of());
        double std = finiteDouble(m.get("std"), at + " std");
        try {
          return Init.normal(std);
        } catch (IllegalArgumentException e) {
          throw invalid(at, e);
        }
      case "uniform":
        keys(m, at, Set.of("kind", "low", "high"), Set.of());
        double low = finiteDouble(m.get("low"), at + " low");
        double high = finiteDouble(m.get("high"), at + " high");
        try {
          return Init.uniform(low, high);
        } catch (IllegalArgumentException e) {
          throw invalid(at, e);
        }
      case "constant":
        keys(m, at, Set.of("kind", "value"), Set.of());
        double value = finiteDouble(m.get("value"), at + " value");
        try {
          return Init.constant(value);
        } catch (IllegalArgumentException e) {
          throw invalid(at, e);
        }
      case "zeros":
      case "he":
      case "glorot":
      case "auto":
        keys(m, at, Set.of("kind"), Set.of());
        return kind.equals("zeros") ? Init.zeros()
            : kind.equals("he") ? Init.he() : kind.equals("glorot") ? Init.glorot() : Init.auto();
      default:
        throw new ModelFileException(
            where + " has the unknown kind '" + kind
                + "'; known kinds are normal, uniform, constant, zeros, he, glorot, auto");
    }
  }

  /**
   * A descriptor constructor's IllegalArgumentException as a file defect. (A try/catch at each
   * constructor, not a helper taking a lambda: the first load of a process spins no lambda class.)
   */
  private static ModelFileException invalid(String where, IllegalArgumentException e) {
    return new ModelFileException(where + " is not valid: " + e.getMessage(), e);
  }
}
