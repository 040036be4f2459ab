package io.github.nndsl.dsl.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads the state dicts real PyTorch wrote (src/test/python/torch_state_dicts.py, torch 1.13,
 * committed under src/test/resources/torch/) and matches what PyTorch computed from them: the
 * parameters bit for bit, the outputs to a few ulps (the matrix products sum in another order).
 */
class TorchStateDictPyTorchTest {

  /**
   * How far an output may be from PyTorch's float64 output, in ulps of the larger value. Observed:
   * see {@link #reportsTheObservedDistance()}.
   */
  static final double MAX_ULPS = 8;

  static Stream<TorchGolden> cases() {
    return TorchGolden.cases().stream();
  }

  @Test
  void coversEveryModelInEveryDtypeAndTheModulePrefix() {
    List<String> files = new ArrayList<>();
    cases().forEach(c -> files.add(c.file()));
    assertEquals(13, files.size(), files::toString);
    for (String model : List.of("mlp", "activations", "nobias")) {
      for (String dtype : List.of("F32", "F16", "BF16", "F64")) {
        assertTrue(files.contains(model + "-" + dtype + ".safetensors"), model + " " + dtype);
      }
    }
    assertTrue(files.contains("mlp-module-F32.safetensors"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void loadsTheParametersPyTorchHoldsBitForBit(TorchGolden golden) {
    ParameterStore store = TorchStateDict.load(golden.path(), golden.sequential()).parameters();

    assertEquals(new ArrayList<>(golden.parameters().keySet()), store.names());
    golden.parameters().forEach((name, torch) -> {
      Tensor t = store.get(name);
      double[] expected = torch;
      if (t.shape().length == 2) { // PyTorch (out, in) -> nn-dsl (in, out)
        expected = new double[torch.length];
        TorchLayout.transpose(torch, t.shape()[1], t.shape()[0], expected, 0);
      }
      assertArrayEquals(ModelFileTest.bits(expected), ModelFileTest.bits(t.toArray()), name);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void predictsWhatPyTorchComputesInFloat64(TorchGolden golden) {
    Network net = TorchStateDict.load(golden.path(), golden.sequential());

    double[] actual = net.predict(golden.input()).toArray();
    double[] expected = golden.output().toArray();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      double d = ulps(expected[i], actual[i]);
      int at = i;
      assertTrue(d <= MAX_ULPS, () -> golden + " output " + at + ": " + actual[at] + " vs PyTorch's " + expected[at]
          + ", " + d + " ulps apart");
    }
  }

  @Test
  void reportsTheObservedDistance() {
    StringBuilder report = new StringBuilder();
    double worst = 0;
    int identical = 0;
    int total = 0;
    for (TorchGolden golden : TorchGolden.cases()) {
      double[] actual = TorchStateDict.load(golden.path(), golden.sequential()).predict(golden.input()).toArray();
      double[] expected = golden.output().toArray();
      double caseWorst = 0;
      for (int i = 0; i < expected.length; i++) {
        double d = ulps(expected[i], actual[i]);
        caseWorst = Math.max(caseWorst, d);
        identical += d == 0 ? 1 : 0;
        total++;
      }
      worst = Math.max(worst, caseWorst);
      report.append(golden).append(": ").append(caseWorst).append(" ulps\n");
    }
    System.out.println("outputs vs PyTorch float64: " + identical + " of " + total + " bit for bit, worst "
        + worst + " ulps\n" + report);
    assertTrue(worst <= MAX_ULPS);
  }

  /** The distance in units in the last place of the larger magnitude; 0 when identical. */
  static double ulps(double a, double b) {
    if (Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)) {
      return 0;
    }
    return Math.abs(a - b) / Math.ulp(Math.max(Math.abs(a), Math.abs(b)));
  }
}
