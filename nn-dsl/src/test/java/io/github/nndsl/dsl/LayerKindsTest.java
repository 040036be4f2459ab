package io.github.nndsl.dsl;


import static io.github.nndsl.dsl.Layers.linear;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Walks the permitted subclasses of the sealed {@link Layer} and {@link Init} so that a new kind
 * cannot be added without a factory and without the compiler handling it.
 */
class LayerKindsTest {

  private static final Set<Class<?>> LAYER_KINDS = Set.of(Layer.class.getPermittedSubclasses());
  private static final Set<Class<?>> INIT_KINDS = Set.of(Init.class.getPermittedSubclasses());

  /** Calls every public static factory of {@code owner} that returns a {@code type}. */
  private static <T> Map<Class<?>, T> samplesFromFactories(Class<?> owner, Class<T> type) {
    Map<Class<?>, T> samples = new LinkedHashMap<>();
    for (Method m : owner.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType())) {
        T sample = type.cast(invoke(m));
        samples.putIfAbsent(sample.getClass(), sample);
      }
    }
    return samples;
  }

  /**
   * Ints count up from 2, doubles from 0.25 in steps of 0.25 (so uniform(low, high) is valid);
   * tensors and arrays are three columns wide (so a standardize fits after linear(2, 3)).
   */
  private static Object invoke(Method m) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      if (types[i] == int.class) {
        args[i] = 2 + i;
      } else if (types[i] == double.class) {
        args[i] = 0.25 * (i + 1);
      } else if (types[i] == Tensor.class) {
        args[i] = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 7}});
      } else if (types[i] == double[].class) {
        args[i] = new double[] {0.25 * (i + 1), 0.5, 1.0};
      } else {
        throw new AssertionError("a factory with a parameter of type " + types[i] + ": " + m);
      }
    }
    try {
      return m.invoke(null, args);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(m.toString(), e);
    }
  }

  private static Set<String> names(Set<Class<?>> classes) {
    return classes.stream().map(Class::getSimpleName).collect(Collectors.toSet());
  }

  @Test
  void layerHasNineKinds() {
    assertEquals(
        Set.of("Linear", "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Softmax", "Identity", "Standardize", "Dropout"),
        names(LAYER_KINDS));
  }

  @Test
  void everyLayerKindIsARecordWithAFactoryInLayers() {
    Map<Class<?>, Layer> samples = samplesFromFactories(Layers.class, Layer.class);
    assertEquals(names(LAYER_KINDS), names(samples.keySet()));
    LAYER_KINDS.forEach(k -> assertTrue(k.isRecord(), k + " is a record"));
  }

  @Test
  void everyLayerKindIsLoweredByTheCompiler() {
    for (Layer layer : samplesFromFactories(Layers.class, Layer.class).values()) {
      Sequential model =
          layer instanceof Linear ? Sequential.of(layer) : Sequential.of(linear(2, 3), layer);
      assertDoesNotThrow(() -> model.compile(0), model.toString());
    }
  }

  @Test
  void everyInitKindIsARecordWithAFactoryInInit() {
    Map<Class<?>, Init> samples = samplesFromFactories(Init.class, Init.class);
    assertEquals(names(INIT_KINDS), names(samples.keySet()));
    INIT_KINDS.forEach(k -> assertTrue(k.isRecord(), k + " is a record"));
  }

  @Test
  void everyInitKindIsDrawnByTheCompilerForWeightsAndBiases() {
    for (Init init : samplesFromFactories(Init.class, Init.class).values()) {
      Linear weights = linear(2, 3).withWeightInit(init);
      assertDoesNotThrow(() -> Sequential.of(weights).compile(0), weights.toString());
      if (!(init instanceof Init.Auto)) {
        Linear biases = linear(2, 3).withBiasInit(init);
        assertDoesNotThrow(() -> Sequential.of(biases).compile(0), biases.toString());
      }
    }
  }

  @Test
  void layersOffersExactlyTheseFactories() {
    assertEquals(
        Set.of("linear", "relu", "sigmoid", "tanh", "leakyRelu", "softmax", "identity", "standardize", "dropout"),
        Arrays.stream(Layers.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .map(Method::getName)
            .collect(Collectors.toSet()));
  }
}
