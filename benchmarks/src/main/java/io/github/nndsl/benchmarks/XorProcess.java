package io.github.nndsl.benchmarks;

import io.github.nndsl.samples.Xor;
import java.util.Locale;

/**
 * A whole process that trains XOR once (seed 0, hidden 4, lr 0.5, 5000 steps) and prints the
 * loss, for timing start to finish: {@code dsl} through Sequential and Trainer, {@code functional}
 * through {@code Xor.trainXor}, {@code hand} the hand-written loop.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.nndsl.benchmarks.XorProcess dsl
 * </pre>
 */
public final class XorProcess {

  private XorProcess() {}

  public static void main(String[] args) {
    String route = args.length == 0 ? "dsl" : args[0];
    double loss;
    switch (route) {
      case "dsl":
        loss = XorBenchmark.dslTraining();
        break;
      case "functional":
        loss = Xor.trainXor(0);
        break;
      case "hand":
        loss = HandXor.train(0, 4, 0.5, 5000);
        break;
      default:
        System.err.println("usage: XorProcess dsl|functional|hand");
        System.exit(2);
        return;
    }
    System.out.println(String.format(Locale.ROOT, "%s %.17g", route, loss));
  }
}
