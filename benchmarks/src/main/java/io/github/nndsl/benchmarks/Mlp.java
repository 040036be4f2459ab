package io.github.nndsl.benchmarks;

import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Sequential;

/**
 * The large workload: a 784-256-10 MLP (ReLU, He init), softmax fused with cross-entropy
 * on the logits, SGD lr 0.1, float64, one full step on a batch of 128 random rows with random
 * one-hot labels: 104.7 MFLOP per step (two 128x784x256 products dominate).
 */
final class Mlp {

  static final int BATCH = 128;

  /** Multiply-adds times two, per step: forward, weight gradients, and layer 2's input gradient. */
  static final double FLOP_PER_STEP =
      2.0 * BATCH * (784.0 * 256 + 256 * 10) * 2 + 2.0 * BATCH * 256 * 10;

  final Network net;
  final Tensor x;
  final Tensor y;
  final Trainer trainer = Trainer.of(Losses.crossEntropyWithLogits(), Optimizers.sgd(0.1));

  Mlp(long seed) {
    net = Sequential.of(
        linear(784, 256).withWeightInit(Init.he()), relu(), linear(256, 10).withWeightInit(Init.he()))
        .compile(seed);
    NumPyRandom rng = NumPyRandom.defaultRng(seed + 1);
    x = rng.standardNormal(BATCH, 784);
    double[][] labels = new double[BATCH][10];
    for (int i = 0; i < BATCH; i++) {
      labels[i][(int) (rng.random() * 10)] = 1.0;
    }
    y = Tensor.of(labels);
  }

  double step() {
    return trainer.step(net, x, y);
  }
}
