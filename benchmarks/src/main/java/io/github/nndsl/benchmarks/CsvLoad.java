package io.github.nndsl.benchmarks;

import io.github.nndsl.dsl.data.Dataset;
import io.github.nndsl.dsl.data.Target;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Loads a large numeric CSV with {@link Dataset#readCsv} and prints the time and the peak heap:
 * the goal is a 1,000,000-row x 20-column file (19 features and a values target) in under 3 s and
 * under 400 MB of heap. Writes the file first if it does not exist (about 160 MB: numbers with
 * three decimals, a quarter of them negative).
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests -Dinvoker.skip
 * java -Xmx400m -cp benchmarks/target/benchmarks.jar io.github.nndsl.benchmarks.CsvLoad [rows] [file] [repeats]
 * </pre>
 *
 * <p>Defaults: 1,000,000 rows, {@code /tmp/nn-dsl-csvload-ROWS.csv}, 3 loads in the same JVM (the
 * first is cold). The peak heap is the sum of every heap pool's peak since the load began, an
 * upper bound of the true peak (the pools peak at different times); {@code -Xmx400m} proves the
 * bound, since a load that needed more would fail with OutOfMemoryError.
 */
public final class CsvLoad {

  private static final int COLUMNS = 20;

  private CsvLoad() {}

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path file = args.length > 1 ? Path.of(args[1]) : Path.of("/tmp/nn-dsl-csvload-" + rows + ".csv");
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (!Files.exists(file)) {
      long start = System.nanoTime();
      write(file, rows);
      System.out.printf(Locale.ROOT, "wrote %s: %d rows x %d columns, %.1f MB in %.2f s%n", file, rows,
          COLUMNS, Files.size(file) / 1e6, (System.nanoTime() - start) / 1e9);
    }
    for (int i = 0; i < repeats; i++) {
      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      Dataset d = Dataset.readCsv(file, Target.values("y"));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "load %d: %d rows x %d features in %.3f s, peak heap <= %.1f MB (max %.0f MB)%n",
          i + 1, d.rows(), d.featureNames().size(), seconds, peakHeap() / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6);
    }
  }

  /** Columns x0..x18 and y; each cell a number with three decimals, written without String.format. */
  static void write(Path file, int rows) {
    SplittableRandom random = new SplittableRandom(42);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < COLUMNS - 1; c++) {
        line.append('x').append(c).append(',');
      }
      w.write(line.append("y\n").toString());
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        for (int c = 0; c < COLUMNS; c++) {
          int milli = random.nextInt(-250_000, 750_000);
          if (milli < 0) {
            line.append('-');
            milli = -milli;
          }
          line.append(milli / 1000).append('.');
          int frac = milli % 1000;
          line.append(frac < 100 ? "0" : "").append(frac < 10 ? "0" : "").append(frac);
          line.append(c == COLUMNS - 1 ? '\n' : ',');
        }
        w.write(line.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
