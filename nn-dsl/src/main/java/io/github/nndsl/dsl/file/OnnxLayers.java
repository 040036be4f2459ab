package io.github.nndsl.dsl.file;

import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.dsl.Dropout;
import io.github.nndsl.dsl.Identity;
import io.github.nndsl.dsl.Layer;
import io.github.nndsl.dsl.LeakyRelu;
import io.github.nndsl.dsl.Linear;
import io.github.nndsl.dsl.Relu;
import io.github.nndsl.dsl.Sigmoid;
import io.github.nndsl.dsl.Softmax;
import io.github.nndsl.dsl.Standardize;
import io.github.nndsl.dsl.Tanh;
import io.github.nndsl.dsl.internal.OnnxEncoder;
import java.util.List;

/**
 * Emits the ONNX nodes of one layer: one small method per layer kind, each reading the value named
 * {@code in} and producing the value named {@code out}. A layer's nodes and constants are named
 * after its index in the model ({@code 0.MatMul}, {@code 0.weight}); weights and biases keep the
 * parameter store's names.
 *
 * <p>The nodes are chosen to compute what nn-core computes, operation for operation: a linear layer
 * is {@code MatMul} then a separate {@code Add} of the bias (nn-core adds the bias after the product,
 * not inside it as {@code Gemm} may), and in float64 a leaky ReLU is {@code Where(Greater(x, 0), x,
 * Mul(x, slope))} with a float64 slope, since {@code LeakyRelu}'s {@code alpha} is a float32
 * attribute: ONNX Runtime's double kernel would multiply by {@code (double) 0.01f}, not 0.01.
 */
final class OnnxLayers {

  private final OnnxEncoder graph;
  private final ParameterStore store;
  private final Onnx.Precision precision;

  OnnxLayers(OnnxEncoder graph, ParameterStore store, Onnx.Precision precision) {
    this.graph = graph;
    this.store = store;
    this.precision = precision;
  }

  /** Emits layer {@code i}, which reads {@code in} and writes {@code out}. */
  void emit(int i, Layer layer, String in, String out) {
    // an instanceof chain: Java 17 has no pattern switch (a test walks Layer's permitted subclasses)
    if (layer instanceof Linear) {
      linear(i, (Linear) layer, in, out);
    } else if (layer instanceof Relu) {
      unary(i, "Relu", in, out);
    } else if (layer instanceof Sigmoid) {
      unary(i, "Sigmoid", in, out);
    } else if (layer instanceof Tanh) {
      unary(i, "Tanh", in, out);
    } else if (layer instanceof LeakyRelu) {
      leakyRelu(i, (LeakyRelu) layer, in, out);
    } else if (layer instanceof Softmax) {
      softmax(i, in, out);
    } else if (layer instanceof Identity) {
      identity(i, in, out);
    } else if (layer instanceof Standardize) {
      standardize(i, (Standardize) layer, in, out);
    } else if (layer instanceof Dropout) {
      identity(i, in, out); // inference: dropout passes its input through
    } else {
      throw new AssertionError(layer);
    }
  }

  /** {@code x · W}, then {@code + b} as its own node; W is (inputs, outputs) as in nn-core. */
  private void linear(int i, Linear layer, String in, String out) {
    String weight = i + ".weight";
    graph.initializer(weight, new int[] {layer.inputs(), layer.outputs()}, store.get(weight).toArray());
    if (!layer.bias()) {
      graph.node(i + ".MatMul", "MatMul", List.of(in, weight), out);
      return;
    }
    String bias = i + ".bias";
    String product = i + ".product";
    graph.initializer(bias, new int[] {layer.outputs()}, store.get(bias).toArray());
    graph.node(i + ".MatMul", "MatMul", List.of(in, weight), product);
    graph.node(i + ".Add", "Add", List.of(product, bias), out); // broadcast over the batch
  }

  /** An elementwise operator with no attributes: {@code Relu}, {@code Sigmoid}, {@code Tanh}. */
  private void unary(int i, String opType, String in, String out) {
    graph.node(i + "." + opType, opType, List.of(in), out);
  }

  /**
   * {@code x > 0 ? x : slope * x}: in float32 the {@code LeakyRelu} operator; in float64 {@code
   * Where(Greater(x, 0), x, Mul(x, slope))}, the same expression with the double slope.
   */
  private void leakyRelu(int i, LeakyRelu layer, String in, String out) {
    if (precision == Onnx.Precision.FLOAT32) {
      graph.node(i + ".LeakyRelu", "LeakyRelu", List.of(in), out,
          OnnxEncoder.Attribute.ofFloat("alpha", (float) layer.slope()));
      return;
    }
    String zero = i + ".zero";
    String slope = i + ".slope";
    graph.initializer(zero, new int[0], new double[] {0.0});
    graph.initializer(slope, new int[0], new double[] {layer.slope()});
    graph.node(i + ".Greater", "Greater", List.of(in, zero), i + ".positive");
    graph.node(i + ".Mul", "Mul", List.of(in, slope), i + ".scaled");
    graph.node(i + ".Where", "Where", List.of(i + ".positive", in, i + ".scaled"), out);
  }

  /** Row-wise softmax: the last axis, each example on its own. */
  private void softmax(int i, String in, String out) {
    graph.node(i + ".Softmax", "Softmax", List.of(in), out, OnnxEncoder.Attribute.ofInt("axis", -1));
  }

  /** Passes its input through (also the form a dropout layer takes at inference). */
  private void identity(int i, String in, String out) {
    graph.node(i + ".Identity", "Identity", List.of(in), out);
  }

  /**
   * {@code Div(Sub(x, mean), std)} with the constants as initializers ({@code i.mean}, {@code
   * i.std}, shape (width,), broadcast over the batch): the subtraction and division nn-core does.
   */
  private void standardize(int i, Standardize layer, String in, String out) {
    String mean = i + ".mean";
    String std = i + ".std";
    graph.initializer(mean, new int[] {layer.inputs()}, layer.mean());
    graph.initializer(std, new int[] {layer.inputs()}, layer.std());
    graph.node(i + ".Sub", "Sub", List.of(in, mean), i + ".centered");
    graph.node(i + ".Div", "Div", List.of(i + ".centered", std), out);
  }
}
