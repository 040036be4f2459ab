package io.github.nndsl.dsl;

import io.github.nndsl.dsl.internal.InitPlan;
import io.github.nndsl.dsl.internal.LayerPlan;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns descriptors into the compiler's plan: resolves {@link Init#auto()}, computes He and Glorot
 * scales from the layer's sizes, and maps each layer kind to an engine operation.
 *
 * <p>Java 17 has no pattern {@code switch}, so each dispatch is an {@code instanceof} chain that
 * ends in {@code throw new AssertionError(...)}; a test walks the permitted subclasses of {@link
 * Layer} and {@link Init} so that a new kind cannot be forgotten here.
 */
final class Lowering {

  private Lowering() {}

  static List<LayerPlan> lower(List<Layer> layers) {
    List<LayerPlan> plan = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      int n = i + 1;
      // auto() looks at the activation that follows, past any dropout, so that dropout(0) changes
      // no initial weight (checked only for auto(): a model without dropout never loads the class)
      if (layer instanceof Linear && ((Linear) layer).weightInit() instanceof Init.Auto) {
        while (n < layers.size() && layers.get(n) instanceof Dropout) {
          n++;
        }
      }
      plan.add(lower(layer, n < layers.size() ? layers.get(n) : null));
    }
    return plan;
  }

  static LayerPlan lower(Layer layer, @Nullable Layer next) {
    if (layer instanceof Linear) {
      Linear l = (Linear) layer;
      return new LayerPlan(LayerPlan.Kind.LINEAR, l.outputs(), l.bias(), 0.0,
          lower(resolve(l.weightInit(), next), l.inputs(), l.outputs()),
          lower(l.biasInit(), l.inputs(), l.outputs()));
    } else if (layer instanceof Relu) {
      return LayerPlan.activation(LayerPlan.Kind.RELU, 0.0);
    } else if (layer instanceof Sigmoid) {
      return LayerPlan.activation(LayerPlan.Kind.SIGMOID, 0.0);
    } else if (layer instanceof Tanh) {
      return LayerPlan.activation(LayerPlan.Kind.TANH, 0.0);
    } else if (layer instanceof LeakyRelu) {
      return LayerPlan.activation(LayerPlan.Kind.LEAKY_RELU, ((LeakyRelu) layer).slope());
    } else if (layer instanceof Softmax) {
      return LayerPlan.activation(LayerPlan.Kind.SOFTMAX, 0.0);
    } else if (layer instanceof Identity) {
      return LayerPlan.activation(LayerPlan.Kind.IDENTITY, 0.0);
    } else if (layer instanceof Standardize) {
      Standardize s = (Standardize) layer;
      return LayerPlan.standardize(s.mean(), s.std());
    } else if (layer instanceof Dropout) {
      return LayerPlan.activation(LayerPlan.Kind.DROPOUT, ((Dropout) layer).rate());
    }
    throw new AssertionError(layer);
  }

  /**
   * Replaces {@link Init#auto()} by {@link Init#he()} when {@code next} is a ReLU or LeakyReLU, by
   * {@link Init#glorot()} otherwise; returns any other init as it is.
   */
  static Init resolve(Init init, @Nullable Layer next) {
    if (!(init instanceof Init.Auto)) {
      return init;
    }
    return next instanceof Relu || next instanceof LeakyRelu ? Init.he() : Init.glorot();
  }

  /** The concrete drawing rule for a resolved init on a layer of the given fan-in and fan-out. */
  static InitPlan lower(Init init, int fanIn, int fanOut) {
    // most used first: an instanceof test loads its class, used or not
    if (init instanceof Init.Zeros) {
      return InitPlan.constant(0.0);
    } else if (init instanceof Init.Normal) {
      return InitPlan.normal(((Init.Normal) init).std());
    } else if (init instanceof Init.He) {
      return InitPlan.normal(Math.sqrt(2.0 / fanIn));
    } else if (init instanceof Init.Glorot) {
      double a = Math.sqrt(6.0 / ((double) fanIn + fanOut));
      return InitPlan.uniform(-a, a);
    } else if (init instanceof Init.Uniform) {
      Init.Uniform u = (Init.Uniform) init;
      return InitPlan.uniform(u.low(), u.high());
    } else if (init instanceof Init.Constant) {
      return InitPlan.constant(((Init.Constant) init).value());
    } else if (init instanceof Init.Auto) {
      throw new AssertionError("auto() reached lowering unresolved; resolve(init, next) first");
    }
    throw new AssertionError(init);
  }
}
