package io.github.nndsl.dsl;


import static io.github.nndsl.dsl.InitTest.assertRejected;
import static io.github.nndsl.dsl.Layers.identity;
import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SequentialTest {

  static final Sequential XOR = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());

  @Nested
  class Creation {

    @Test
    void ofKeepsTheLayersInOrder() {
      assertEquals(List.of(linear(2, 4), relu(), linear(4, 1), sigmoid()), XOR.layers());
    }

    @Test
    void ofAllEqualsOf() {
      assertEquals(XOR, Sequential.ofAll(List.of(linear(2, 4), relu(), linear(4, 1), sigmoid())));
    }

    @Test
    void ofAllAcceptsAnIterableOfASubtype() {
      List<Linear> linears = List.of(linear(2, 4), linear(4, 1));
      assertEquals(Sequential.of(linear(2, 4), linear(4, 1)), Sequential.ofAll(linears));
    }

    @Test
    void thenAppendsALayer() {
      assertEquals(
          XOR, Sequential.of(linear(2, 4)).then(relu()).then(linear(4, 1)).then(sigmoid()));
    }

    @Test
    void allowsActivationsBeforeTheFirstLinearLayer() {
      Sequential model = Sequential.of(identity(), linear(3, 2), tanh());
      assertEquals(3, model.inputs());
      assertEquals(2, model.outputs());
    }

    @Test
    void allowsASingleLinearLayer() {
      assertEquals(List.of(linear(2, 1)), Sequential.of(linear(2, 1)).layers());
    }
  }

  @Nested
  class Immutability {

    @Test
    void ignoresChangesToTheCallersArray() {
      Layer[] layers = {linear(2, 4), relu()};
      Sequential model = Sequential.of(layers);
      layers[1] = sigmoid();
      assertEquals(List.of(linear(2, 4), relu()), model.layers());
    }

    @Test
    void ignoresChangesToTheCallersList() {
      List<Layer> layers = new ArrayList<>(List.of(linear(2, 4), relu()));
      Sequential model = Sequential.ofAll(layers);
      layers.set(1, sigmoid());
      layers.add(linear(4, 1));
      assertEquals(List.of(linear(2, 4), relu()), model.layers());
    }

    @Test
    void layersCannotBeChanged() {
      List<Layer> layers = XOR.layers();
      assertThrows(UnsupportedOperationException.class, () -> layers.add(tanh()));
      assertThrows(UnsupportedOperationException.class, () -> layers.set(0, tanh()));
      assertThrows(UnsupportedOperationException.class, () -> layers.remove(0));
    }

    @Test
    void thenLeavesTheOriginalUnchanged() {
      Sequential body = Sequential.of(linear(2, 4), relu());
      body.then(linear(4, 1));
      assertEquals(List.of(linear(2, 4), relu()), body.layers());
    }
  }

  @Nested
  class Rejection {

    @Test
    void rejectsANullArray() {
      assertRejected("layers is null", () -> Sequential.of((Layer[]) null));
    }

    @Test
    void rejectsANullIterable() {
      assertRejected("layers is null", () -> Sequential.ofAll(null));
    }

    @Test
    void rejectsANullLayerNamingItsIndex() {
      assertRejected("layers[1] is null", () -> Sequential.of(linear(2, 4), null, relu()));
    }

    @Test
    void reportsEveryNullLayer() {
      assertRejected(
          "layers[0] is null\nlayers[2] is null",
          () -> Sequential.ofAll(Arrays.asList(null, linear(2, 4), null)));
    }

    @Test
    void thenRejectsANullLayer() {
      assertRejected("layer is null", () -> XOR.then(null));
    }

    @Test
    void rejectsNoLayers() {
      String message =
          "layers must not be empty; start with a linear layer, e.g. Sequential.of(linear(2, 4),"
              + " relu())";
      assertRejected(message, Sequential::of);
      assertRejected(message, () -> Sequential.ofAll(List.of()));
    }

    @Test
    void rejectsLayersWithoutALinearLayer() {
      assertRejected(
          "Sequential(ReLU, Sigmoid) has no linear layer, so its input width is unknown; start with"
              + " linear(inputs, outputs)",
          () -> Sequential.of(relu(), sigmoid()));
    }

    @Test
    void namesBothLayersOfAMismatch() {
      assertRejected(
          "layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4",
          () -> Sequential.of(linear(2, 4), relu(), linear(3, 1), sigmoid()));
    }

    @Test
    void reportsEveryMismatchOnItsOwnLine() {
      assertRejected(
          "layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4\n"
              + "layer 4 Linear(2, 5, bias=false) expects 2 inputs, but layer 2 Linear(3, 1) gives"
              + " 1",
          () ->
              Sequential.of(
                  linear(2, 4), relu(), linear(3, 1), sigmoid(), linear(2, 5).withoutBias()));
    }

    @Test
    void thenRejectsALayerThatDoesNotFit() {
      assertRejected(
          "layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4",
          () -> Sequential.of(linear(2, 4), relu()).then(linear(3, 1)));
    }
  }

  @Nested
  class Sizes {

    @Test
    void takesTheInputWidthOfTheFirstLinearLayer() {
      assertEquals(2, XOR.inputs());
    }

    @Test
    void givesTheOutputWidthOfTheLastLinearLayer() {
      assertEquals(1, XOR.outputs());
    }

    @Test
    void countsEveryParameter() {
      assertEquals(17, XOR.parameterCount());
    }

    @Test
    void countsLayersWithoutBias() {
      assertEquals(
          2 * 8 + 8 + 8 * 3,
          Sequential.of(linear(2, 8), tanh(), linear(8, 3).withoutBias()).parameterCount());
    }

    @Test
    void countsBeyondTheIntRange() {
      assertEquals(
          2 * 2_500_050_000L,
          Sequential.of(linear(50_000, 50_000), linear(50_000, 50_000)).parameterCount());
    }
  }

  @Nested
  class Printing {

    @Test
    void printsTheLayersAsFactoryCalls() {
      assertEquals("Sequential(Linear(2, 4), ReLU, Linear(4, 1), Sigmoid)", XOR.toString());
    }

    @Test
    void printsLayerOptions() {
      assertEquals(
          "Sequential(Linear(2, 4, weightInit=normal(0.5)), LeakyReLU(0.2), Linear(4, 3,"
              + " bias=false), Softmax)",
          Sequential.of(
                  linear(2, 4).withWeightInit(Init.normal(0.5)),
                  leakyRelu(0.2),
                  linear(4, 3).withoutBias(),
                  softmax())
              .toString());
    }

    @Test
    void summarisesTheXorNet() {
      assertEquals(
          "#  layer         output shape  params\n"
              + "-  ------------  ------------  ------\n"
              + "0  Linear(2, 4)  (batch, 4)        12\n"
              + "1  ReLU          (batch, 4)         0\n"
              + "2  Linear(4, 1)  (batch, 1)         5\n"
              + "3  Sigmoid       (batch, 1)         0\n"
              + "-  ------------  ------------  ------\n"
              + "total params: 17",
          XOR.summary());
    }

    @Test
    void widensTheColumnsToFitLongEntries() {
      Sequential model = Sequential.of(identity(), linear(300, 1000).withoutBias(), tanh());
      model = model.then(linear(1000, 10)).then(relu()).then(linear(10, 10)).then(relu());
      model = model.then(linear(10, 10)).then(relu()).then(linear(10, 10)).then(softmax());
      assertEquals(
          " #  layer                          output shape   params\n"
              + "--  -----------------------------  -------------  ------\n"
              + " 0  Identity                       (batch, 300)        0\n"
              + " 1  Linear(300, 1000, bias=false)  (batch, 1000)  300000\n"
              + " 2  Tanh                           (batch, 1000)       0\n"
              + " 3  Linear(1000, 10)               (batch, 10)     10010\n"
              + " 4  ReLU                           (batch, 10)         0\n"
              + " 5  Linear(10, 10)                 (batch, 10)       110\n"
              + " 6  ReLU                           (batch, 10)         0\n"
              + " 7  Linear(10, 10)                 (batch, 10)       110\n"
              + " 8  ReLU                           (batch, 10)         0\n"
              + " 9  Linear(10, 10)                 (batch, 10)       110\n"
              + "10  Softmax                        (batch, 10)         0\n"
              + "--  -----------------------------  -------------  ------\n"
              + "total params: 310340",
          model.summary());
    }
  }

  @Nested
  class Equality {

    @Test
    void isByValue() {
      Sequential same = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid());
      assertEquals(XOR, same);
      assertEquals(XOR.hashCode(), same.hashCode());
    }

    @Test
    void dependsOnEveryLayerAndItsOrder() {
      assertNotEquals(XOR, Sequential.of(linear(2, 4), relu(), linear(4, 1), tanh()));
      assertNotEquals(XOR, Sequential.of(linear(2, 4), relu(), linear(4, 1)));
      assertNotEquals(XOR, Sequential.of(relu(), linear(2, 4), linear(4, 1), sigmoid()));
    }

    @Test
    void isNotEqualToOtherTypes() {
      assertNotEquals(XOR, null);
      assertNotEquals(XOR, XOR.toString());
    }
  }
}
