package io.github.nndsl.benchmarks;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Sequential;

/**
 * The two served models of issue 12: an {@code inputs-hidden-outputs} MLP (ReLU, He init, logits
 * out), compiled from a fixed seed, and one random input row.
 */
final class Served {

  /** The shapes measured: a tabular classifier and an MNIST-sized one. */
  static final String[] SHAPES = {"30-64-2", "784-256-10"};

  final String shape;
  final Sequential model;
  final Network net;
  final double[] row;

  Served(String shape) {
    String[] parts = shape.split("-");
    int inputs = Integer.parseInt(parts[0]);
    int hidden = Integer.parseInt(parts[1]);
    int outputs = Integer.parseInt(parts[2]);
    this.shape = shape;
    this.model = Sequential.of(
        linear(inputs, hidden).withWeightInit(Init.he()), relu(), linear(hidden, outputs).withWeightInit(Init.he()));
    this.net = model.compile(0);
    this.row = NumPyRandom.defaultRng(1).standardNormal(1, inputs).toArray();
  }
}
