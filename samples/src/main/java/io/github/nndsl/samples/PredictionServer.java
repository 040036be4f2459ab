package io.github.nndsl.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.nndsl.core.Predictor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JSON prediction service on the JDK's HTTP server: {@code POST /predict} with {@code {"rows":
 * [[...], ...]}} answers {@code {"outputs": [[...], ...]}}, every request thread calling the one
 * shared {@link Predictor} (thread-safe, no locks). A bad request (not JSON, a missing field, a
 * row of the wrong width, a non-finite value, a body over {@link #MAX_BODY_BYTES}) gets status 400
 * and {@code {"error": "..."}} saying what is wrong; the server goes on serving.
 *
 * <pre>{@code
 * try (PredictionServer server = PredictionServer.start(net.freeze(), new InetSocketAddress("127.0.0.1", 0), 4)) {
 *   URI uri = server.uri();   // http://127.0.0.1:PORT/predict
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
final class PredictionServer implements AutoCloseable {

  /** The largest request body accepted, in bytes: about 40,000 numbers. */
  static final int MAX_BODY_BYTES = 1 << 20;

  /** How much of a refused body is read and dropped before answering. */
  private static final long DRAIN_BYTES = 64L << 20;

  private final HttpServer server;
  private final ExecutorService pool;
  private final Predictor predictor;

  private PredictionServer(HttpServer server, ExecutorService pool, Predictor predictor) {
    this.server = server;
    this.pool = pool;
    this.predictor = predictor;
  }

  /**
   * Starts serving {@code predictor} on {@code address} (port 0: any free port) with {@code
   * threads} request threads.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  static PredictionServer start(Predictor predictor, InetSocketAddress address, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, but was " + threads);
    }
    // small answers to a client that waits for them: without TCP_NODELAY, Nagle's algorithm and
    // the client's delayed ACK hold each response back for tens of milliseconds. The JDK server
    // reads this property once, when its first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "predict");
      t.setDaemon(true);
      return t;
    });
    PredictionServer serving = new PredictionServer(server, pool, predictor);
    server.createContext("/predict", serving::handle);
    server.setExecutor(pool);
    server.start();
    return serving;
  }

  /** The port the server listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  /** The address of the prediction endpoint. */
  java.net.URI uri() {
    InetSocketAddress at = server.getAddress();
    String host = at.getAddress().getHostAddress();
    return java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort() + "/predict");
  }

  /** Stops accepting requests, lets those in flight finish (a second at most) and stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!exchange.getRequestURI().getPath().equals("/predict")) {
        respond(exchange, 404, PredictionJson.writeError("no such path; POST to /predict"));
      } else if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, PredictionJson.writeError("use POST, not " + exchange.getRequestMethod()));
      } else {
        respond(exchange, 200, predict(exchange));
      }
    } catch (PredictionJson.BadRequestException e) {
      respond(exchange, 400, PredictionJson.writeError(e.getMessage()));
    } catch (RuntimeException e) {
      respond(exchange, 500, PredictionJson.writeError("internal error: " + e));
    } finally {
      exchange.close();
    }
  }

  private byte[] predict(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    int inputs = predictor.inputs();
    double[] rows = PredictionJson.readRows(new ByteArrayInputStream(body), inputs);
    double[] outputs = new double[rows.length / inputs * predictor.outputs()];
    predictor.predictBatchInto(rows, outputs);
    return PredictionJson.writeOutputs(outputs, predictor.outputs());
  }

  /**
   * The body, at most {@link #MAX_BODY_BYTES}; one byte more is enough to refuse it. The rest of a
   * refused body is read and dropped (up to {@link #DRAIN_BYTES}): a socket closed with unread
   * bytes is reset, and the reset can destroy the 400 answer on its way to the client.
   */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        byte[] sink = new byte[8192];
        long dropped = 0;
        for (int n; dropped < DRAIN_BYTES && (n = in.read(sink)) >= 0; ) {
          dropped += n;
        }
        // the connection cannot carry another request after this one
        exchange.getResponseHeaders().set("Connection", "close");
        throw new PredictionJson.BadRequestException("the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] json) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }
}
