package io.github.nndsl.dsl;

import static io.github.nndsl.dsl.Layers.identity;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sequential.validate: every problem as a value, the very lines Sequential.of throws. */
class SequentialValidationTest {

  private static List<String> problems(Validation<Seq<String>, Sequential> checked) {
    assertTrue(checked.isInvalid(), () -> "expected problems, but was " + checked);
    return checked.getError().asJava();
  }

  @Nested
  class Valid {

    @Test
    void returnsTheModelOfEqualToWhatOfBuilds() {
      Validation<Seq<String>, Sequential> checked = Sequential.validate(linear(2, 4), relu(), linear(4, 1), sigmoid());
      assertTrue(checked.isValid(), checked::toString);
      assertEquals(SequentialTest.XOR, checked.get());
      assertEquals(2, checked.get().inputs());
      assertEquals(1, checked.get().outputs());
    }

    @Test
    void acceptsActivationsBeforeTheFirstLinearLayer() {
      assertEquals(List.of(identity(), linear(3, 2), tanh()),
          Sequential.validate(identity(), linear(3, 2), tanh()).get().layers());
    }

    @Test
    void copiesTheCallersArray() {
      Layer[] layers = {linear(2, 4), relu()};
      Validation<Seq<String>, Sequential> checked = Sequential.validate(layers);
      layers[1] = sigmoid();
      assertEquals(List.of(linear(2, 4), relu()), checked.get().layers());
    }
  }

  @Nested
  class EveryProblem {

    @Test
    void listsEveryMismatchInOrder() {
      // hand-worked: 2 -> 4 feeds Linear(3, 1) (expects 3); its 1 feeds Linear(2, 5) (expects 2);
      // its 5 feeds Linear(5, 2), which fits; its 2 feeds Linear(7, 1) (expects 7)
      assertEquals(
          List.of(
              "layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4",
              "layer 4 Linear(2, 5, bias=false) expects 2 inputs, but layer 2 Linear(3, 1) gives 1",
              "layer 7 Linear(7, 1) expects 7 inputs, but layer 6 Linear(5, 2) gives 2"),
          problems(Sequential.validate(linear(2, 4), relu(), linear(3, 1), sigmoid(),
              linear(2, 5).withoutBias(), tanh(), linear(5, 2), linear(7, 1))));
    }

    @Test
    void listsEveryNullLayerByIndex() {
      assertEquals(List.of("layers[0] is null", "layers[2] is null", "layers[3] is null"),
          problems(Sequential.validate(null, linear(2, 4), null, null, relu())));
    }

    @Test
    void checksWidthsOnlyOnceEveryLayerIsThere() {
      // a mismatch next to a null layer is not reported: which layer the null stands for is unknown
      assertEquals(List.of("layers[1] is null"),
          problems(Sequential.validate(linear(2, 4), null, linear(3, 1))));
    }

    @Test
    void aNullArrayIsAProblemNotAnException() {
      assertEquals(List.of("layers is null"), problems(Sequential.validate((Layer[]) null)));
    }

    @Test
    void noLayersIsOneProblem() {
      assertEquals(
          List.of("layers must not be empty; start with a linear layer, e.g. Sequential.of(linear(2, 4), relu())"),
          problems(Sequential.validate()));
    }

    @Test
    void noLinearLayerIsOneProblem() {
      assertEquals(
          List.of("Sequential(ReLU, Sigmoid) has no linear layer, so its input width is unknown; start with"
              + " linear(inputs, outputs)"),
          problems(Sequential.validate(relu(), sigmoid())));
    }

    @Test
    void foldsIntoAReportAsTheJavadocShows() {
      String report = Sequential.validate(linear(2, 4), relu(), linear(3, 1), sigmoid(), linear(2, 5))
          .fold(problems -> problems.mkString("\n"), Sequential::summary);
      assertEquals("layer 2 Linear(3, 1) expects 3 inputs, but layer 0 Linear(2, 4) gives 4\n"
          + "layer 4 Linear(2, 5) expects 2 inputs, but layer 2 Linear(3, 1) gives 1", report);
      assertEquals(SequentialTest.XOR.summary(),
          Sequential.validate(linear(2, 4), relu(), linear(4, 1), sigmoid())
              .fold(problems -> problems.mkString("\n"), Sequential::summary));
    }
  }

  /** Bad layer lists of every kind of problem. */
  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of((Object) new Layer[0]),
        Arguments.of((Object) new Layer[] {null}),
        Arguments.of((Object) new Layer[] {linear(2, 4), null, relu(), null}),
        Arguments.of((Object) new Layer[] {relu(), tanh()}),
        Arguments.of((Object) new Layer[] {linear(2, 4), linear(3, 1)}),
        Arguments.of((Object) new Layer[] {linear(2, 4), linear(3, 1), relu(), linear(2, 1), linear(9, 9)}));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void ofThrowsExactlyTheProblemsOfValidateOneALine(Layer[] layers) {
    List<String> problems = problems(Sequential.validate(layers));
    String message = assertThrows(IllegalArgumentException.class, () -> Sequential.of(layers)).getMessage();
    assertEquals(String.join("\n", problems), message);
    assertEquals(problems, Arrays.asList(message.split("\n", -1)), "one problem a line, none containing a newline");
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void ofAllAndThenThrowTheSameAsOf(Layer[] layers) {
    String message = assertThrows(IllegalArgumentException.class, () -> Sequential.of(layers)).getMessage();
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> Sequential.ofAll(Arrays.asList(layers))).getMessage());
    if (layers.length > 1 && layers[0] != null && layers[0] instanceof Linear) {
      Layer[] rest = Arrays.copyOfRange(layers, 1, layers.length);
      Layer[] head = {layers[0]};
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
        Sequential model = Sequential.of(head);
        for (Layer layer : rest) {
          model = model.then(layer);
        }
      });
      // then stops at the first layer that does not fit, so its message is the first problem,
      // with "layers[i]" for a null layer reading "layer"
      String first = message.split("\n")[0];
      assertEquals(first.endsWith(" is null") ? "layer is null" : first, e.getMessage());
    }
  }
}
