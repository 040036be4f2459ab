package io.github.nndsl.dsl.file;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.file.ModelFiling.bytes;
import static io.github.nndsl.dsl.file.ModelFiling.header;
import static io.github.nndsl.dsl.file.ModelFiling.replaceInHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TorchStateDict's own behaviour: strictness, its messages, the layout and dtypes it writes. */
class TorchStateDictTest {

  static final Sequential MLP = TorchGolden.model("mlp"); // Linear(3, 5), ReLU, Linear(5, 2)

  @TempDir Path dir;

  Path write(byte[] content) {
    return ModelFiling.write(dir.resolve("state.safetensors"), content);
  }

  /** A state dict of MLP as PyTorch lays it out, F32, with the values 0, 1, 2, ... per tensor. */
  static SafeTensorsWriter mlpState() {
    return new SafeTensorsWriter()
        .f32("0.weight", new int[] {5, 3}, count(15))
        .f32("0.bias", new int[] {5}, count(5))
        .f32("2.weight", new int[] {2, 5}, count(10))
        .f32("2.bias", new int[] {2}, count(2));
  }

  static float[] count(int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  Path save(SafeTensorsWriter writer) {
    Path file = dir.resolve("state.safetensors");
    writer.write(file, io.github.nndsl.dsl.internal.AtomicFile.Hook.NONE);
    return file;
  }

  String rejection(Path file, Sequential model) {
    return assertThrows(ModelFileException.class, () -> TorchStateDict.load(file, model)).getMessage();
  }

  @Nested
  class Load {

    @Test
    void transposesPyTorchsOutByInWeights() {
      ParameterStore p = TorchStateDict.load(save(mlpState()), MLP).parameters();

      // PyTorch's 0.weight is (5, 3) with W[o][i] = 3 * o + i; nn-dsl's is (3, 5) with W[i][o]
      Tensor w = p.get("0.weight");
      assertArrayEquals(new int[] {3, 5}, w.shape());
      for (int i = 0; i < 3; i++) {
        for (int o = 0; o < 5; o++) {
          assertEquals(3 * o + i, w.get(i, o), 0.0, i + ", " + o);
        }
      }
      assertArrayEquals(new double[] {0, 1, 2, 3, 4}, p.get("0.bias").toArray(), 0.0);
      assertEquals(7.0, p.get("2.weight").get(2, 1), 0.0); // PyTorch's [1][2] = 5 * 1 + 2
    }

    @Test
    void acceptsDataParallelsModulePrefixOnEveryKey() {
      Path plain = save(mlpState());
      byte[] prefixed = bytes(plain);
      for (String name : List.of("0.weight", "0.bias", "2.weight", "2.bias")) {
        prefixed = replaceInHeader(prefixed, "\"" + name + "\"", "\"module." + name + "\"");
      }
      double[] expected = TorchStateDict.load(plain, MLP).parameters().snapshot();

      assertArrayEquals(expected, TorchStateDict.load(write(prefixed), MLP).parameters().snapshot(), 0.0);
    }

    @Test
    void aPrefixOnSomeKeysOnlyIsAnUnexpectedTensor() {
      byte[] mixed = replaceInHeader(bytes(save(mlpState())), "\"0.bias\"", "\"module.0.bias\"");

      String m = rejection(write(mixed), MLP);
      assertTrue(m.contains("tensor '0.bias' is missing; tensor 'module.0.bias' is unexpected"), m);
    }

    @Test
    void aMissingTensorIsNamed() {
      SafeTensorsWriter w = new SafeTensorsWriter()
          .f32("0.weight", new int[] {5, 3}, count(15))
          .f32("0.bias", new int[] {5}, count(5))
          .f32("2.weight", new int[] {2, 5}, count(10));

      assertEquals("state dict does not match Sequential(Linear(3, 5), ReLU, Linear(5, 2)) (strict, as"
          + " load_state_dict(strict=True)): tensor '2.bias' is missing; its tensors are [0.weight, 0.bias,"
          + " 2.weight, 2.bias]", rejection(save(w), MLP));
    }

    @Test
    void anUnexpectedTensorIsNamed() {
      String m = rejection(save(mlpState().f32("1.weight", new int[] {1}, count(1))), MLP);
      assertTrue(m.contains("tensor '1.weight' is unexpected"), m);
    }

    @Test
    void aBiasForABiasFreeLayerIsUnexpected() {
      Sequential noBias = Sequential.of(linear(3, 5).withoutBias(), relu(), linear(5, 2));
      String m = rejection(save(mlpState()), noBias);
      assertTrue(m.contains("tensor '0.bias' is unexpected"), m);
      assertTrue(m.endsWith("its tensors are [0.weight, 2.weight, 2.bias]"), m);
    }

    @Test
    void aTransposedWeightIsNamedWithAHint() {
      SafeTensorsWriter w = new SafeTensorsWriter()
          .f32("0.weight", new int[] {3, 5}, count(15))
          .f32("0.bias", new int[] {5}, count(5))
          .f32("2.weight", new int[] {2, 5}, count(10))
          .f32("2.bias", new int[] {2}, count(2));

      String m = rejection(save(w), MLP);
      assertTrue(m.contains("tensor '0.weight' has shape [3, 5], but Linear(3, 5) needs [5, 3] (PyTorch stores"
          + " Linear weights as (out, in): is it transposed?)"), m);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
      SafeTensorsWriter w = new SafeTensorsWriter()
          .f32("0.weight", new int[] {5, 4}, count(20))
          .f32("2.weight", new int[] {2, 5}, count(10))
          .f32("2.bias", new int[] {2}, count(2))
          .f32("4.weight", new int[] {1, 2}, count(2));

      String m = rejection(save(w), MLP);
      assertTrue(m.contains("tensor '0.bias' is missing; tensor '4.weight' is unexpected; tensor '0.weight' has"
          + " shape [5, 4], but Linear(3, 5) needs [5, 3]"), m);
    }

    @Test
    void integerAndBooleanDtypesAreNamedAsTheFileSpellsThem() {
      byte[] f32 = bytes(save(mlpState()));
      String i32 = rejection(write(replaceInHeader(f32, "\"2.bias\":{\"dtype\":\"F32\"", "\"2.bias\":{\"dtype\":\"I32\"")), MLP);
      assertEquals("tensor '2.bias': dtype must be F32, F16, BF16 or F64, but was I32", i32);

      byte[] i64 = bytes(save(new SafeTensorsWriter().i64("0.weight", new int[] {5, 3}, new long[15])));
      assertEquals("tensor '0.weight': dtype must be F32, F16, BF16 or F64, but was I64", rejection(write(i64), MLP));

      String bool = rejection(write(replaceInHeader(f32, "\"0.bias\":{\"dtype\":\"F32\"", "\"0.bias\":{\"dtype\":\"BOOL\"")), MLP);
      assertEquals("tensor '0.bias': dtype must be F32, F16, BF16 or F64, but was BOOL", bool);
    }

    @Test
    void aNonFiniteParameterIsNamedWithItsIndex() {
      float[] w = count(15);
      w[3 * 1 + 2] = Float.NaN; // PyTorch index [1, 2]
      SafeTensorsWriter nan = new SafeTensorsWriter()
          .f32("0.weight", new int[] {5, 3}, w)
          .f32("0.bias", new int[] {5}, count(5))
          .f32("2.weight", new int[] {2, 5}, count(10))
          .f32("2.bias", new int[] {2}, count(2));
      assertEquals("tensor '0.weight' holds NaN at [1, 2] (F32); a parameter must be finite", rejection(save(nan), MLP));
    }

    @Test
    void aFloat16InfinityIsRejected() {
      // mlp-F16 as torch wrote it (tensors sorted by name): make the second float16 of 2.bias +inf
      byte[] file = bytes(TorchGolden.resource("mlp-F16.safetensors"));
      assertTrue(header(file).contains("\"2.bias\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[40,44]}"),
          header(file));
      int at = 8 + (int) ModelFiling.headerLength(file) + 42;
      file[at] = 0x00; // 0x7c00, little-endian
      file[at + 1] = 0x7c;

      assertEquals("tensor '2.bias' holds Infinity at [1] (F16); a parameter must be finite", rejection(write(file), MLP));
    }

    @Test
    void anNnDslModelFileIsNotTakenForAStateDict() {
      Sequential square = Sequential.of(linear(4, 4), relu(), linear(4, 4));
      Path file = dir.resolve("model.safetensors");
      ModelFile.save(file, square, square.compile(1));

      assertEquals("__metadata__ 'format' is 'nn-dsl.model': an nn-dsl file, not a PyTorch state dict; load it"
          + " with ModelFile.load", rejection(file, square));
    }

    @Test
    void theModelFileLoaderPointsHere() {
      Path file = dir.resolve("torch.safetensors");
      TorchStateDict.save(file, MLP, MLP.compile(1), TorchStateDict.Dtype.F64);

      String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
      assertTrue(m.endsWith("; load PyTorch state dicts with TorchStateDict.load"), m);
    }

    @Test
    void nullArgumentsAndMissingFiles() {
      Path file = save(mlpState());
      assertEquals("file is null",
          assertThrows(IllegalArgumentException.class, () -> TorchStateDict.load(null, MLP)).getMessage());
      assertEquals("model is null",
          assertThrows(IllegalArgumentException.class, () -> TorchStateDict.load(file, null)).getMessage());
      assertThrows(UncheckedIOException.class, () -> TorchStateDict.load(dir.resolve("absent"), MLP));
    }
  }

  @Nested
  class Save {

    @Test
    void writesPyTorchsNamesShapesAndLayoutInF32() {
      Network net = MLP.compile(4);
      Path file = dir.resolve("out.safetensors");
      TorchStateDict.save(file, MLP, net);

      String h = header(bytes(file));
      assertTrue(h.startsWith("{\"__metadata__\":{\"format\":\"pt\",\"created_by\":\"nn-dsl\"},"
          + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[5,3],\"data_offsets\":[0,60]},"
          + "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[60,80]},"
          + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[2,5],\"data_offsets\":[80,120]},"
          + "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[120,128]}}"), h);
      try (SafeTensorsReader r = SafeTensorsReader.open(file, Dtypes.TORCH)) {
        double[] w = r.readWidened(r.entries().get("0.weight"));
        Tensor mine = net.parameters().get("0.weight");
        for (int o = 0; o < 5; o++) {
          for (int i = 0; i < 3; i++) {
            assertEquals((float) mine.get(i, o), w[o * 3 + i], 0.0, o + ", " + i);
          }
        }
      }
    }

    @Test
    void roundsToTheNearestFloatTiesToEven() {
      Network net = MLP.compile(0);
      Tensor b = net.parameters().get("0.bias");
      b.set(0, 1.0 + 0x1p-24);       // halfway between 1 and 1 + 2^-23: to 1 (even)
      b.set(1, 1.0 + 0x3p-24);       // halfway between 1 + 2^-23 and 1 + 2^-22: to 1 + 2^-22 (even)
      b.set(2, 1.0 + 0x1p-24 + 0x1p-50); // just above halfway: up
      b.set(3, 0x1p-150);            // half the smallest subnormal: to 0 (even)
      b.set(4, -0.1);
      Path file = dir.resolve("out.safetensors");
      TorchStateDict.save(file, MLP, net);

      assertArrayEquals(new double[] {1.0, 1.0 + 0x1p-22, 1.0 + 0x1p-23, 0.0, -0.10000000149011612},
          TorchStateDict.load(file, MLP).parameters().get("0.bias").toArray(), 0.0);
    }

    @Test
    void f64KeepsEveryBitAndPredictsIdentically() {
      Network net = MLP.compile(9);
      net.parameters().get("0.bias").set(0, -0.0);
      net.parameters().get("0.bias").set(1, Double.MIN_VALUE);
      Path file = dir.resolve("out.safetensors");
      TorchStateDict.save(file, MLP, net, TorchStateDict.Dtype.F64);

      Network loaded = TorchStateDict.load(file, MLP);
      assertArrayEquals(ModelFileTest.bits(net.parameters().snapshot()), ModelFileTest.bits(loaded.parameters().snapshot()));
      Tensor x = Tensor.of(new double[][] {{0.5, -1.25, 3}, {1e-3, 2, -7}});
      assertArrayEquals(ModelFileTest.bits(net.predict(x).toArray()), ModelFileTest.bits(loaded.predict(x).toArray()));
    }

    @Test
    void refusesNonFiniteParametersNamingTheIndex() {
      Network net = MLP.compile(0);
      net.parameters().get("2.weight").set(4, 1, Double.NEGATIVE_INFINITY); // nn-dsl's (in, out) index
      Path file = dir.resolve("out.safetensors");

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TorchStateDict.save(file, MLP, net, TorchStateDict.Dtype.F64));
      assertEquals("network parameter 2.weight is -Infinity at [4, 1]; a state dict holds finite parameters only"
          + " (ModelFile.save keeps any value)", e.getMessage());
      assertFalse(Files.exists(file));
    }

    @Test
    void refusesValuesBeyondFloat32InF32Only() {
      Network net = MLP.compile(0);
      net.parameters().get("0.bias").set(2, 1e39);
      Path file = dir.resolve("out.safetensors");

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchStateDict.save(file, MLP, net));
      assertEquals("network parameter 0.bias is 1.0E39 at [2], beyond float32's range (3.4028235E38); save with"
          + " TorchStateDict.Dtype.F64", e.getMessage());
      TorchStateDict.save(file, MLP, net, TorchStateDict.Dtype.F64);
      assertEquals(1e39, TorchStateDict.load(file, MLP).parameters().get("0.bias").get(2), 0.0);
    }

    @Test
    void refusesANetworkOfAnotherModel() {
      Network other = Sequential.of(linear(3, 4), relu(), linear(4, 2)).compile(0);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TorchStateDict.save(dir.resolve("out.safetensors"), MLP, other));
      assertTrue(e.getMessage().startsWith("network "), e.getMessage());
      assertEquals("dtype is null", assertThrows(IllegalArgumentException.class,
          () -> TorchStateDict.save(dir.resolve("out.safetensors"), MLP, MLP.compile(0), null)).getMessage());
    }

    @Test
    void aFailedWriteLeavesThePreviousFile() throws IOException {
      Path file = dir.resolve("out.safetensors");
      TorchStateDict.save(file, MLP, MLP.compile(1));
      byte[] before = Files.readAllBytes(file);

      assertThrows(UncheckedIOException.class, () -> TorchStateDict.save(file, MLP, MLP.compile(2),
          TorchStateDict.Dtype.F32, stage -> {
            if (stage.equals("move")) {
              throw new IOException("disk full");
            }
          }));
      assertArrayEquals(before, Files.readAllBytes(file));
      try (var listing = Files.list(dir)) {
        assertEquals(List.of(file), listing.toList());
      }
    }
  }
}
