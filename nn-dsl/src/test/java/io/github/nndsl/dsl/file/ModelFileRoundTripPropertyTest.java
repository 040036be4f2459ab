package io.github.nndsl.dsl.file;

import io.github.nndsl.core.random.NumPyRandom;

import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Layer;
import io.github.nndsl.dsl.Layers;
import io.github.nndsl.dsl.Linear;
import io.github.nndsl.dsl.Sequential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Save and load round-trip on random architectures (layer kinds, dropout, a leading standardize
 * with constants of any bits, widths, bias on and off, every init): the loaded model equals the
 * saved one (standardize's constants compared bit for bit), and its network holds the same parameters and
 * predicts the same bits, for model files and checkpoints alike.
 */
class ModelFileRoundTripPropertyTest {

  private static final List<Layer> ACTIVATIONS = List.of(
      Layers.relu(), Layers.sigmoid(), Layers.tanh(), Layers.leakyRelu(), Layers.leakyRelu(0.3), Layers.softmax(),
      Layers.identity(), Layers.dropout(0.0), Layers.dropout(0.375));

  private static Arbitrary<Init> weightInits() {
    return Arbitraries.oneOf(
        Arbitraries.of(Init.auto(), Init.zeros(), Init.he(), Init.glorot()),
        Arbitraries.doubles().between(1e-3, 3).ofScale(6).map(Init::normal),
        Arbitraries.doubles().between(-2, 2).ofScale(6).map(Init::constant),
        Arbitraries.doubles().between(-2, 0).ofScale(6).map(low -> Init.uniform(low, low + 0.5)));
  }

  private static Arbitrary<Init> biasInits() {
    return Arbitraries.oneOf(
        Arbitraries.just(Init.zeros()),
        Arbitraries.doubles().between(1e-3, 1).ofScale(6).map(Init::normal),
        Arbitraries.doubles().between(-1, 1).ofScale(6).map(Init::constant));
  }

  /** One linear layer of random width, options and inits, maybe followed by an activation. */
  private static Arbitrary<List<Object>> blocks() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 6),
            Arbitraries.of(true, false),
            weightInits(),
            biasInits(),
            Arbitraries.integers().between(-1, ACTIVATIONS.size() - 1))
        .as((outputs, bias, weightInit, biasInit, activation) -> List.of(outputs, bias, weightInit, biasInit, activation));
  }

  /** Any finite double, every bit pattern alike: a mean. */
  private static Arbitrary<Double> anyFinite() {
    return Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
  }

  /** Any positive finite double, subnormals included: a std. */
  private static Arbitrary<Double> anyPositive() {
    return anyFinite().map(Math::abs).filter(d -> d > 0);
  }

  @Provide
  Arbitrary<Sequential> models() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 6),
            Arbitraries.integers().between(-1, ACTIVATIONS.size() - 1),
            blocks().list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.of(true, false),
            anyFinite().list().ofSize(6),
            anyPositive().list().ofSize(6))
        .as((inputs, leading, blocks, standardize, means, stds) -> {
          List<Layer> layers = new ArrayList<>();
          if (standardize) { // a standardize first, with constants of any bits
            double[] mean = new double[inputs];
            double[] std = new double[inputs];
            for (int i = 0; i < inputs; i++) {
              mean[i] = means.get(i);
              std[i] = stds.get(i);
            }
            layers.add(Layers.standardize(mean, std));
          }
          if (leading >= 0) {
            layers.add(ACTIVATIONS.get(leading)); // activations may come before the first linear layer
          }
          int width = inputs;
          for (List<Object> b : blocks) {
            int outputs = (Integer) b.get(0);
            Linear linear = Layers.linear(width, outputs).withWeightInit((Init) b.get(2));
            linear = (Boolean) b.get(1) ? linear.withBiasInit((Init) b.get(3)) : linear.withoutBias();
            layers.add(linear);
            int activation = (Integer) b.get(4);
            if (activation >= 0) {
              layers.add(ACTIVATIONS.get(activation));
            }
            width = outputs;
          }
          return Sequential.ofAll(layers);
        });
  }

  @Property(tries = 200, seed = "20261128")
  void aSavedModelLoadsEqualAndPredictsTheSameBits(
      @ForAll("models") Sequential model, @ForAll @IntRange(min = 0, max = 1000) int seed,
      @ForAll @IntRange(min = 1, max = 5) int rows, @ForAll boolean checkpoint) throws IOException {
    Network net = model.compile(seed);
    Tensor x = NumPyRandom.defaultRng(seed + 1).standardNormal(rows, model.inputs());
    Path file = Files.createTempFile("nn-dsl-roundtrip", ".safetensors");
    try {
      if (checkpoint) {
        Checkpoint.save(file, model, net);
      } else {
        ModelFile.save(file, model, net);
      }
      ModelFile.Loaded loaded = checkpoint ? Checkpoint.load(file) : ModelFile.load(file);
      assertEquals(model, loaded.model());
      assertEquals(model.toString(), loaded.model().toString());
      assertEquals(net.parameters().names(), loaded.network().parameters().names());
      assertArrayEquals(ModelFileTest.bits(net.parameters().snapshot()),
          ModelFileTest.bits(loaded.network().parameters().snapshot()));
      assertArrayEquals(ModelFileTest.bits(net.predict(x).toArray()),
          ModelFileTest.bits(loaded.network().predict(x).toArray()));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
