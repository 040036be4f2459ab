package io.github.nndsl.benchmarks;

import io.github.nndsl.core.train.Trainer;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.dsl.Init;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.samples.Xor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole XOR training (seed 0, hidden 4, lr 0.5, 5000 full-batch steps, init included) three
 * ways: through the DSL ({@code Sequential.compile} and {@code Trainer.fit}), through the
 * functional API ({@code Xor.trainXor}, a new tensor per operation), and the hand-written loop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class XorBenchmark {

  static final Sequential MODEL = Sequential.of(
      linear(2, 4).withWeightInit(Init.normal(0.5)), relu(), linear(4, 1).withWeightInit(Init.normal(0.5)), sigmoid());
  static final Trainer TRAINER = Trainer.of(Losses.mse(), Optimizers.sgd(0.5));
  // written out as a user writes them (Xor.inputs() would load the whole XOR sample class)
  static final Tensor X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
  static final Tensor Y = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});

  /** The DSL route, as a user writes it. */
  public static double dslTraining() {
    Network net = MODEL.compile(0);
    return TRAINER.fit(net, X, Y, 5000).finalLoss();
  }

  @Benchmark
  public double dsl() {
    return dslTraining();
  }

  @Benchmark
  public double functional() {
    return Xor.trainXor(0);
  }

  @Benchmark
  public double handLoop() {
    return HandXor.train(0, 4, 0.5, 5000);
  }
}
