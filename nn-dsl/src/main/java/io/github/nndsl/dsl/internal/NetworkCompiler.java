package io.github.nndsl.dsl.internal;

import io.github.nndsl.core.random.NumPyRandom;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.core.Tensor;
import java.util.List;

/**
 * Builds an nn-core {@link Network} from a lowered plan: lays out one engine layer per plan entry,
 * then draws every parameter from one {@link NumPyRandom}, layer by layer, weights before bias, each
 * tensor in row-major order. Internal: call {@code Sequential.compile(seed)}.
 */
public final class NetworkCompiler {

  private NetworkCompiler() {}

  /**
   * Builds a network and initialises its parameters from {@code NumPyRandom.defaultRng(seed)}.
   *
   * @param inputs the model's input width
   * @param plan the lowered layers, in order
   * @param seed the seed, non-negative
   * @return a new, independent network
   */
  public static Network compile(int inputs, List<LayerPlan> plan, long seed) {
    NumPyRandom rng = NumPyRandom.defaultRng(seed);
    Network.Builder builder = Network.builder(inputs);
    for (LayerPlan layer : plan) {
      add(builder, layer);
    }
    Network network = builder.build();
    ParameterStore store = network.parameters();
    for (int i = 0; i < plan.size(); i++) {
      LayerPlan layer = plan.get(i);
      if (layer.kind() == LayerPlan.Kind.LINEAR) {
        fill(store.get(i + ".weight"), layer.weightInit(), rng);
        if (layer.bias()) {
          fill(store.get(i + ".bias"), layer.biasInit(), rng);
        }
      }
    }
    return network;
  }

  // if chains, not switches: javac turns a switch on another class's enum into a lookup class of
  // its own, one more class for every process that compiles a model to load
  private static void add(Network.Builder builder, LayerPlan layer) {
    LayerPlan.Kind kind = layer.kind();
    if (kind == LayerPlan.Kind.LINEAR) {
      builder.linear(layer.outputs(), layer.bias());
    } else if (kind == LayerPlan.Kind.RELU) {
      builder.relu();
    } else if (kind == LayerPlan.Kind.SIGMOID) {
      builder.sigmoid();
    } else if (kind == LayerPlan.Kind.TANH) {
      builder.tanh();
    } else if (kind == LayerPlan.Kind.LEAKY_RELU) {
      builder.leakyRelu(layer.slope());
    } else if (kind == LayerPlan.Kind.SOFTMAX) {
      builder.softmax();
    } else if (kind == LayerPlan.Kind.IDENTITY) {
      builder.identity();
    } else if (kind == LayerPlan.Kind.STANDARDIZE) {
      builder.standardize(layer.mean(), layer.std());
    } else if (kind == LayerPlan.Kind.DROPOUT) {
      builder.dropout(layer.slope());
    } else {
      throw new AssertionError(layer);
    }
  }

  /**
   * Writes the plan's values into {@code target}, element by element in row-major order, drawing
   * from {@code rng} as NumPy would: {@code standard_normal(shape) * std}, {@code uniform(low, high,
   * shape)}, or nothing for a constant.
   *
   * @param target the parameter view to fill
   * @param init how to fill it
   * @param rng the generator, advanced by the draws
   */
  static void fill(Tensor target, InitPlan init, NumPyRandom rng) {
    InitPlan.Kind kind = init.kind();
    if (kind == InitPlan.Kind.NORMAL) {
      for (int i = 0; i < target.size(); i++) {
        target.set(i, rng.standardNormal() * init.a());
      }
    } else if (kind == InitPlan.Kind.UNIFORM) {
      // NumPy's random_uniform: low + (high - low) * next_double, in that order
      double range = init.b() - init.a();
      for (int i = 0; i < target.size(); i++) {
        target.set(i, init.a() + range * rng.random());
      }
    } else if (kind == InitPlan.Kind.CONSTANT) {
      for (int i = 0; i < target.size(); i++) {
        target.set(i, init.a());
      }
    } else {
      throw new AssertionError(init);
    }
  }
}
