package io.github.nndsl.samples;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The command-line options every sample understands: {@code --out DIR} (where the PNGs go,
 * default {@code target/samples}) and {@code --steps N} or {@code --epochs N} (how long to train).
 *
 * <pre>{@code
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.args="--out pictures --steps 2000"
 * }</pre>
 *
 * @param out the folder the pictures are written to (created if missing)
 * @param length the number of steps or epochs to train
 * @since 0.1.0
 */
record SampleOptions(Path out, int length) {

  /** Where the pictures go unless {@code --out} says otherwise, relative to the working directory. */
  static final Path DEFAULT_OUT = Path.of("target", "samples");

  /**
   * Parses {@code args}; {@code lengthName} is {@code "steps"} or {@code "epochs"}.
   *
   * @throws IllegalArgumentException on an unknown option, a missing value or a non-positive length
   */
  static SampleOptions parse(String[] args, String lengthName, int defaultLength) {
    Path out = DEFAULT_OUT;
    int length = defaultLength;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--out") || arg.equals("--" + lengthName)) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(arg + " needs a value; " + usage(lengthName, defaultLength));
        }
        String value = args[++i];
        if (arg.equals("--out")) {
          out = Path.of(value);
        } else {
          length = parsePositive(arg, value, lengthName, defaultLength);
        }
      } else {
        throw new IllegalArgumentException("unknown option " + arg + "; " + usage(lengthName, defaultLength));
      }
    }
    return new SampleOptions(out, length);
  }

  private static int parsePositive(String arg, String value, String lengthName, int defaultLength) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the usage
    }
    throw new IllegalArgumentException(
        arg + " must be a positive integer, but was " + value + "; " + usage(lengthName, defaultLength));
  }

  private static String usage(String lengthName, int defaultLength) {
    return String.format(Locale.ROOT, "options: --out DIR (default %s), --%s N (default %d)",
        DEFAULT_OUT, lengthName, defaultLength);
  }
}
