package io.github.nndsl.benchmarks;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;

import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.file.ModelFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The cost of reading a model file (a 64-64-10 network, 4,810 parameters): {@code save FILE}
 * writes it; {@code cold FILE} prints the milliseconds of the first {@code ModelFile.load} in a
 * fresh JVM (class loading and the JSON library's set-up included); {@code warm FILE N} prints the
 * median microseconds of N loads after those.
 */
public final class ModelLoad {

  private ModelLoad() {}

  public static void main(String[] args) {
    Path file = Path.of(args[1]);
    if (args[0].equals("save")) {
      Sequential model = Sequential.of(linear(64, 64), relu(), linear(64, 10));
      ModelFile.save(file, model, model.compile(1));
    } else if (args[0].equals("cold")) {
      long start = System.nanoTime();
      int size = ModelFile.load(file).network().parameters().size();
      System.out.println((System.nanoTime() - start) / 1e6 + " ms (" + size + " parameters)");
    } else {
      int n = Integer.parseInt(args[2]);
      long[] t = new long[n];
      long sink = 0;
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        sink += ModelFile.load(file).network().parameters().size();
        t[i] = System.nanoTime() - s;
      }
      Arrays.sort(t);
      System.out.println("median " + t[n / 2] / 1000.0 + " us (" + sink + ")");
    }
  }
}
