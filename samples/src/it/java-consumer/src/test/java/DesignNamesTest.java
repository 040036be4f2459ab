import static io.github.nndsl.dsl.Layers.identity;
import static io.github.nndsl.dsl.Layers.leakyRelu;
import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Functional;
import io.github.nndsl.core.LinearGradients;
import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.ParameterStore;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.metric.Metrics;
import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.core.train.TrainingHistory;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.data.Dataset;
import io.github.nndsl.dsl.data.Target;
import io.github.nndsl.dsl.file.ModelFile;
import io.github.nndsl.dsl.file.Onnx;
import io.github.nndsl.dsl.file.TorchStateDict;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public names of DESIGN.md ("Public names that other code relies on"), each used with the
 * signature given there, compiled against the installed artifacts: a renamed or moved name fails
 * this build. The values checked are small hand-worked cases.
 */
class DesignNamesTest {

  private static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  private static final Tensor Y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

  @Test
  void coreTensorsAndTheFunctionalOps() {
    Tensor v = Tensor.vector(1, 2);
    Tensor z = Tensor.zeros(2);
    assertArrayEquals(new int[] {2}, v.shape());
    assertEquals(2.0, v.get(1));
    assertEquals(1.0, X.get(1, 1));
    assertArrayEquals(new double[] {0, 0}, z.toArray());
    Tensor w = Tensor.of(new double[][] {{1, -1}, {2, 0.5}});
    Tensor out = Functional.linearForward(X, w, v);                 // row 3: 1 + 2 + 1, -1 + 0.5 + 2
    assertEquals(4.0, out.get(3, 0));
    assertEquals(1.5, out.get(3, 1));
    Tensor r = Functional.relu(out);
    Tensor g = Functional.reluBackward(r, out);
    Tensor s = Functional.sigmoid(Tensor.of(new double[][] {{0}}));
    assertEquals(0.5, s.get(0, 0));
    assertEquals(0.25, Functional.sigmoidBackward(Tensor.of(new double[][] {{1}}), s).get(0, 0));
    assertEquals(1.0, Functional.mseLoss(Tensor.of(new double[][] {{1}}), Tensor.of(new double[][] {{0}})));    // mean((p - t)^2)
    assertEquals(2.0, Functional.mseLossBackward(Tensor.of(new double[][] {{1}}), Tensor.of(new double[][] {{0}})).get(0, 0));
    LinearGradients grads = Functional.linearBackward(g, X, w);
    assertArrayEquals(grads.dw().shape(), grads.component2().shape());
    assertArrayEquals(grads.dx().shape(), grads.component1().shape());
    assertArrayEquals(grads.db().shape(), grads.component3().shape());
    Tensor p = Tensor.vector(1, 1);
    Functional.sgdStep(List.of(p), List.of(Tensor.vector(2, 4)), 0.5);
    assertArrayEquals(new double[] {0, -1}, p.toArray());
  }

  @Test
  void randomIsNumPysDefaultRng() {
    NumPyRandom rng = NumPyRandom.defaultRng(0);
    assertEquals(0.6369616873214543, rng.random());                    // numpy.random.default_rng(0).random()
    NumPyRandom again = NumPyRandom.defaultRng(0);
    again.random();
    assertEquals(again.standardNormal(), rng.standardNormal());
    assertArrayEquals(new int[] {2, 3}, rng.standardNormal(2, 3).shape());
  }

  @Test
  void trainingAndItsHistory() {
    Sequential model = Sequential.of(linear(2, 4).withWeightInit(Init.normal(0.5)), relu(), linear(4, 1), sigmoid());
    Network net = model.compile(0);
    TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(net, X, Y, 5000);
    assertEquals(5000, h.losses().length);
    assertEquals(h.losses()[4999], h.finalLoss());
    TrainingHistory e = Trainer.of(Losses.binaryCrossEntropy(), Optimizers.adam(0.01))
        .withBatchSize(2).withShuffleSeed(3).fitEpochs(model.compile(1), X, Y, 3);
    assertEquals(3, e.epochLosses().length);
    double loss = Trainer.of(Losses.mse(), Optimizers.sgd(0.1)).step(net, X, Y);
    assertTrue(loss >= 0);
    ParameterStore store = net.parameters();
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), store.names());
    assertEquals(17, store.snapshot().length);
    assertArrayEquals(new int[] {2, 4}, store.get("0.weight").shape());
    assertArrayEquals(new int[] {4, 1}, net.predict(X).shape());
  }

  @Test
  void layersLossesAndOptimisersResolve() {
    Sequential model = Sequential.of(linear(3, 4), tanh(), linear(4, 4), leakyRelu(0.1), identity(), linear(4, 2),
        softmax());
    assertEquals(2, model.compile(5).predict(Tensor.of(new double[][] {{1, 2, 3}})).shape()[1]);
    assertTrue(Losses.crossEntropyWithLogits() != null && Optimizers.adam(1e-3) != null);
  }

  @Test
  void servingTheNewLayersAndTheTrainingOptions() {
    Tensor x = Tensor.of(new double[][] {{0, 10}, {1, 20}, {2, 30}, {3, 40}});
    Sequential model = Sequential.of(io.github.nndsl.dsl.Layers.standardize(x), linear(2, 4), relu(),
        io.github.nndsl.dsl.Layers.dropout(0.25), linear(4, 1), sigmoid());
    Network net = model.compile(3);
    TrainingHistory h = Trainer.of(Losses.mse(), Optimizers.adamW(0.01, 0.01))
        .withBatchSize(2)
        .withValidation(x, Y)
        .withEarlyStopping(3)
        .fitEpochs(net, x, Y, 20);
    double[] v = h.validationLosses();
    assertTrue(v.length >= 1 && v.length <= 20);
    int best = h.bestEpoch();
    for (double loss : v) {
      assertTrue(v[best] <= loss);
    }
    io.github.nndsl.core.Predictor predictor = net.freeze();
    assertEquals(2, predictor.inputs());
    assertEquals(1, predictor.outputs());
    assertArrayEquals(net.predict(x).toArray(), predictor.predict(x).toArray(), 0.0);
    assertArrayEquals(new double[] {net.predict(x).get(1, 0)}, predictor.predict(new double[] {1, 20}), 0.0);
  }

  @Test
  void validateListsEveryProblem() {
    Validation<Seq<String>, Sequential> checked = Sequential.validate(linear(2, 4), relu(), linear(3, 1));
    assertTrue(checked.isInvalid());
    assertEquals(1, checked.getError().size());
  }

  @Test
  void metrics() {
    Tensor p = Tensor.of(new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}});
    Tensor t = Tensor.of(new double[][] {{1, 0}, {0, 1}, {0, 1}});
    assertEquals(2.0 / 3, Metrics.accuracy(p, t), 1e-15);
    assertArrayEquals(new int[][] {{1, 0}, {1, 1}}, Metrics.confusionMatrix(p, t));
    Tensor a = Tensor.of(new double[][] {{1}, {2}, {3}});
    Tensor b = Tensor.of(new double[][] {{1}, {2}, {5}});
    assertEquals(Math.sqrt(4.0 / 3), Metrics.rmse(b, a), 1e-15);
    assertEquals(1 - 4.0 / 2, Metrics.r2(b, a), 1e-15);                  // 1 - SS_res / SS_tot
  }

  @Test
  void dataFromACsvFile(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n");
    Dataset d = Dataset.readCsv(csv, Target.classes("label"));
    assertEquals(4, d.rows());
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(List.of("x", "y"), d.classes());
    assertArrayEquals(new int[] {4, 2}, d.targets().shape());
    Dataset only = Dataset.readCsv(csv, Target.values("a"), List.of("b"));
    assertArrayEquals(new int[] {4, 1}, only.targets().shape());
    assertEquals(List.of(), only.classes());
    Validation<Seq<String>, Dataset> v = Dataset.validateCsv(csv, Target.classes("label"), List.of("a"));
    assertTrue(v.isValid());
    Dataset.Split split = d.split(0.5, 0);
    assertEquals(4, split.train().rows() + split.validation().rows());
    assertEquals(2, d.select(new int[] {3, 0}).rows());
    assertEquals(4, Dataset.of(d.features(), d.targets()).rows());
  }

  @Test
  void filesRoundTrip(@TempDir Path dir) {
    Sequential model = Sequential.of(linear(2, 3), relu(), linear(3, 1));
    Network net = model.compile(2);
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(file, model, net);
    ModelFile.Loaded loaded = ModelFile.load(file);
    assertEquals(model, loaded.model());
    Try<ModelFile.Loaded> tried = ModelFile.tryLoad(file);
    assertTrue(tried.isSuccess());
    assertArrayEquals(net.predict(X).toArray(), loaded.network().predict(X).toArray(), 0.0);
    Path torch = dir.resolve("t.safetensors");
    TorchStateDict.save(torch, model, net);
    Network fromTorch = TorchStateDict.load(torch, model);
    assertArrayEquals(net.predict(X).toArray(), fromTorch.predict(X).toArray(), 1e-6);   // F32 rounds
    Onnx.save(dir.resolve("m.onnx"), model, net);
    assertTrue(Files.exists(dir.resolve("m.onnx")));
  }
}
