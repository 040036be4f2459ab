package io.github.nndsl.samples;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.relu;
import static io.github.nndsl.dsl.Layers.sigmoid;

import io.github.nndsl.core.Losses;
import io.github.nndsl.core.Network;
import io.github.nndsl.core.Optimizers;
import io.github.nndsl.core.Predictor;
import io.github.nndsl.core.train.Trainer;
import io.github.nndsl.dsl.Sequential;
import io.github.nndsl.dsl.file.ModelFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Serves a model over HTTP: {@code POST /predict} with {@code {"rows": [[...], ...]}} answers
 * {@code {"outputs": [[...], ...]}}, from one {@link Predictor} shared by every request thread. The
 * model is a {@link ModelFile} ({@code --model FILE}) or, by default, the XOR network trained at
 * start.
 *
 * <pre>{@code
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.mainClass=io.github.nndsl.samples.Serve
 * ./mvnw -q -pl samples -am compile exec:java -Dexec.mainClass=io.github.nndsl.samples.Serve \
 *     -Dexec.args="--port 9000 --model model.json --threads 8 --seconds 60"
 * curl -s -X POST http://127.0.0.1:8080/predict -d '{"rows": [[0, 1], [1, 1]]}'
 * }</pre>
 *
 * <p>Stops on Enter, on Ctrl+C, or after {@code --seconds N}. Listens on 127.0.0.1 unless {@code
 * --host} says otherwise.
 *
 * @since 0.1.0
 */
public final class Serve {

  private Serve() {}

  /** The command line: every option has a default. */
  record Options(String host, int port, @Nullable Path model, int threads, int seconds) {

    static final String USAGE = "options: --host ADDR (default 127.0.0.1), --port N (default 8080, 0: any free),"
        + " --model FILE (default: XOR, trained at start), --threads N (default 4),"
        + " --seconds N (stop after N seconds; default: on Enter or Ctrl+C)";

    static Options parse(String[] args) {
      String host = "127.0.0.1";
      int port = 8080;
      Path model = null;
      int threads = 4;
      int seconds = 0;
      for (int i = 0; i < args.length; i += 2) {
        String arg = args[i];
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(arg + " needs a value; " + USAGE);
        }
        String value = args[i + 1];
        switch (arg) {
          case "--host":
            host = value;
            break;
          case "--port":
            port = number(arg, value, 0, 65535);
            break;
          case "--model":
            model = Path.of(value);
            break;
          case "--threads":
            threads = number(arg, value, 1, 1024);
            break;
          case "--seconds":
            seconds = number(arg, value, 1, Integer.MAX_VALUE);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
        }
      }
      return new Options(host, port, model, threads, seconds);
    }

    private static int number(String arg, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          arg + " must be an integer in [" + min + ", " + max + "], but was " + value + "; " + USAGE);
    }
  }

  /**
   * Runs the server until Enter, Ctrl+C or {@code --seconds}.
   *
   * @param args see {@link Options#USAGE}
   * @throws IllegalArgumentException on a bad option
   */
  public static void main(String[] args) throws InterruptedException {
    Options options = Options.parse(args);
    Predictor predictor = load(options.model());
    CountDownLatch stop = new CountDownLatch(1);
    try (PredictionServer server =
        PredictionServer.start(predictor, new InetSocketAddress(options.host(), options.port()), options.threads())) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      Thread enter = new Thread(() -> awaitEnter(stop), "stdin");
      enter.setDaemon(true);
      enter.start();
      System.out.println("serving " + predictor + " at " + server.uri() + " on " + options.threads() + " threads");
      System.out.println("try: curl -s -X POST " + server.uri() + " -d '{\"rows\": [" + exampleRow(predictor) + "]}'");
      System.out.println(options.seconds() > 0 ? "stops after " + options.seconds() + " s" : "press Enter (or Ctrl+C) to stop");
      if (options.seconds() > 0) {
        stop.await(options.seconds(), TimeUnit.SECONDS);
      } else {
        stop.await();
      }
    }
    System.out.println("stopped");
  }

  /** The model of the file, frozen; or the XOR network, trained as the exercise trains it, frozen. */
  static Predictor load(@Nullable Path model) {
    if (model != null) {
      return ModelFile.load(model).network().freeze();
    }
    Network net = Sequential.of(linear(2, 4), relu(), linear(4, 1), sigmoid()).compile(0);
    Trainer.of(Losses.mse(), Optimizers.sgd(0.5)).fit(net, Xor.inputs(), Xor.targets(), 5000);
    return net.freeze();
  }

  private static String exampleRow(Predictor predictor) {
    StringBuilder row = new StringBuilder("[");
    for (int i = 0; i < predictor.inputs(); i++) {
      row.append(i == 0 ? "" : ", ").append(i % 2);
    }
    return row.append(']').toString();
  }

  private static void awaitEnter(CountDownLatch stop) {
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (in.readLine() != null) {
        stop.countDown(); // a line: stop; end of input (no terminal): keep serving
      }
    } catch (IOException e) {
      // no usable standard input: Ctrl+C or --seconds stop the server
    }
  }
}
