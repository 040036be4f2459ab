package io.github.nndsl.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import org.junit.jupiter.api.Test;

class ModelBytesTest {

  @Test
  void bytesLoadBackToTheSameModelAndPredictions() {
    byte[] bytes = ModelBytes.of(SparkPredictTest.MODEL, SparkPredictTest.NETWORK);
    var loaded = ModelBytes.load(bytes);
    assertEquals(SparkPredictTest.MODEL, loaded.model());
    Tensor x = Tensor.of(SparkPredictTest.DATA.x());
    assertArrayEquals(SparkPredictTest.NETWORK.predict(x).toArray(), loaded.network().predict(x).toArray());
  }

  @Test
  void aJvmBuildsOneNetworkPerConcurrentUseOfABroadcast() {
    byte[] bytes = ModelBytes.of(SparkPredictTest.MODEL, SparkPredictTest.NETWORK);
    long id = -42; // no real broadcast has a negative id
    Network first = ModelBytes.borrow(id, bytes);
    Network second = ModelBytes.borrow(id, bytes); // the first is still in use: a new one
    assertNotSame(first, second);
    ModelBytes.giveBack(id, first);
    assertSame(first, ModelBytes.borrow(id, bytes)); // reused, not built again
    ModelBytes.giveBack(id, first);
    ModelBytes.giveBack(id, second);
  }
}
