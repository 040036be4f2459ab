package io.github.nndsl.dsl.internal;

import io.github.nndsl.core.random.NumPyRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkCompilerTest {

  @Test
  void drawsUniformAsNumPyDoes() {
    Tensor target = Tensor.zeros(3);
    NetworkCompiler.fill(target, InitPlan.uniform(-1, 2), NumPyRandom.defaultRng(0));
    NumPyRandom rng = NumPyRandom.defaultRng(0);
    for (int i = 0; i < 3; i++) {
      assertEquals(-1 + 3 * rng.random(), target.get(i));
    }
  }

  @Test
  void drawsNormalTimesStd() {
    Tensor target = Tensor.zeros(2, 2);
    NetworkCompiler.fill(target, InitPlan.normal(0.5), NumPyRandom.defaultRng(3));
    NumPyRandom rng = NumPyRandom.defaultRng(3);
    for (int i = 0; i < 4; i++) {
      assertEquals(rng.standardNormal() * 0.5, target.get(i));
    }
  }

  @Test
  void overwritesWhatWasThereAndDrawsNothingForConstants() {
    Tensor target = Tensor.vector(5, 5);
    NumPyRandom rng = NumPyRandom.defaultRng(0);
    NetworkCompiler.fill(target, InitPlan.constant(0), rng);
    assertEquals(Tensor.zeros(2), target);
    assertEquals(NumPyRandom.defaultRng(0).nextLong(), rng.nextLong());
  }

  @Test
  void namesParametersByLayerIndex() {
    Network net = NetworkCompiler.compile(2, List.of(
        new LayerPlan(LayerPlan.Kind.LINEAR, 3, true, 0, InitPlan.normal(1), InitPlan.constant(0.5)),
        LayerPlan.activation(LayerPlan.Kind.TANH, 0),
        new LayerPlan(LayerPlan.Kind.LINEAR, 1, false, 0, InitPlan.normal(1), InitPlan.constant(0))), 0);
    assertEquals(List.of("0.weight", "0.bias", "2.weight"), net.parameters().names());
    assertEquals(Tensor.vector(0.5, 0.5, 0.5), net.parameters().get("0.bias"));
  }
}
