package io.github.nndsl.samples;

import static io.github.nndsl.dsl.Layers.linear;
import static io.github.nndsl.dsl.Layers.softmax;
import static io.github.nndsl.dsl.Layers.tanh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nndsl.core.Network;
import io.github.nndsl.core.Tensor;
import io.github.nndsl.core.random.NumPyRandom;
import io.github.nndsl.dsl.Sequential;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** The serving sample on loopback: a burst from many clients, every answer bit for bit, bad requests refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeTest {

  private static final int CLIENTS = 16;
  private static final int REQUESTS_PER_CLIENT = 40;

  private Network net;
  private PredictionServer server;
  private HttpClient client;
  private ExecutorService clients;

  @BeforeAll
  void start() {
    net = Sequential.of(linear(8, 32), tanh(), linear(32, 3), softmax()).compile(5);
    server = PredictionServer.start(net.freeze(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    clients = Executors.newFixedThreadPool(CLIENTS);
    client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(clients)
        .build();
  }

  @AfterAll
  void stop() {
    server.close();
    clients.shutdownNow();
  }

  private HttpResponse<String> post(String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri())
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Doubles as Double.toString writes them: the JSON round trip keeps every bit. */
  private static String json(double[][] rows) {
    StringBuilder s = new StringBuilder("{\"rows\": [");
    for (int r = 0; r < rows.length; r++) {
      s.append(r == 0 ? "[" : ", [");
      for (int j = 0; j < rows[r].length; j++) {
        s.append(j == 0 ? "" : ", ").append(rows[r][j]);
      }
      s.append(']');
    }
    return s.append("]}").toString();
  }

  /** Reads {"outputs": [[...], ...]} with Jackson, independently of the server's reader. */
  private static double[][] outputs(String body) {
    List<double[]> rows = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), body)) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      assertEquals(JsonToken.PROPERTY_NAME, p.nextToken());
      assertEquals("outputs", p.currentName());
      assertEquals(JsonToken.START_ARRAY, p.nextToken());
      while (p.nextToken() == JsonToken.START_ARRAY) {
        List<Double> row = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          row.add(Double.parseDouble(p.getString()));
        }
        rows.add(row.stream().mapToDouble(Double::doubleValue).toArray());
      }
      assertEquals(JsonToken.END_OBJECT, p.nextToken());
    }
    return rows.toArray(new double[0][]);
  }

  @Test
  void answersABurstFromManyClientsBitForBit() throws Exception {
    NumPyRandom rng = NumPyRandom.defaultRng(9);
    double[][][] requests = new double[CLIENTS * REQUESTS_PER_CLIENT][][];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new double[1 + i % 4][8];
      for (double[] row : requests[i]) {
        for (int j = 0; j < row.length; j++) {
          row[j] = rng.standardNormal() * 2;
        }
      }
    }
    // the reference first, on this thread: a Network is not thread-safe (which is why Predictor is)
    double[][][] expected = new double[requests.length][][];
    for (int i = 0; i < requests.length; i++) {
      expected[i] = net.predict(Tensor.of(requests[i])).toRows();
    }
    ExecutorService burst = Executors.newFixedThreadPool(CLIENTS);
    long[] nanos = new long[requests.length];
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int first = c * REQUESTS_PER_CLIENT;
        done.add(burst.submit(() -> {
          for (int i = first; i < first + REQUESTS_PER_CLIENT; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = post(json(requests[i]));
            nanos[i] = System.nanoTime() - t0;
            assertEquals(200, response.statusCode(), response.body());
            double[][] got = outputs(response.body());
            assertEquals(expected[i].length, got.length);
            for (int r = 0; r < got.length; r++) {
              assertArrayEquals(expected[i][r], got[r], "request " + i + ", row " + r);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      burst.shutdownNow();
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "serving: %d requests from %d clients, latency p50 %.0f us, p99 %.0f us%n",
        nanos.length, CLIENTS, nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "not JSON | {\"rows\": [[1, 2 | not JSON: ",
      "NaN | {\"rows\": [[NaN, 0, 0, 0, 0, 0, 0, 0]]} | not JSON: Non-standard token 'NaN' (near byte 14)",
      "missing field | {\"data\": [[0, 0, 0, 0, 0, 0, 0, 0]]} | unknown field \"data\"",
      "empty object | {} | missing field \"rows\"",
      "wrong width | {\"rows\": [[0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3]]} | rows[1] must have 8 values (the model's inputs), but has 3",
      "too wide | {\"rows\": [[0, 0, 0, 0, 0, 0, 0, 0, 9]]} | rows[0] must have 8 values (the model's inputs), but has 9",
      "infinite | {\"rows\": [[1e999, 0, 0, 0, 0, 0, 0, 0]]} | rows[0][0] must be finite, but 1e999 is out of range",
      "a string | {\"rows\": [[\"1\", 0, 0, 0, 0, 0, 0, 0]]} | rows[0][0] must be a number, but is VALUE_STRING",
      "not rows | {\"rows\": 3} | \"rows\" must be an array of rows",
      "an array | [1, 2] | the body must be a JSON object",
      "trailing | {\"rows\": []} {} | the body must hold one JSON object and nothing after it",
  })
  void refusesABadRequestWith400AndGoesOnServing(String name, String body, String message) throws Exception {
    HttpResponse<String> response = post(body);
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("{\"error\":\"" + message.replace("\"", "\\\"")), response.body());
    assertServing();
  }

  @Test
  void refusesATooLargeBodyWith400() throws Exception {
    String huge = "{\"rows\": [" + "[0, 0, 0, 0, 0, 0, 0, 0], ".repeat(PredictionServer.MAX_BODY_BYTES / 20) + "]}";
    HttpResponse<String> response = post(huge);
    assertEquals(400, response.statusCode());
    assertEquals("{\"error\":\"the body is larger than 1048576 bytes\"}", response.body());
    assertServing();
  }

  @Test
  void answersOtherMethodsAndPathsWithTheirStatus() throws Exception {
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(server.uri()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    URI other = server.uri().resolve("/predict/more");
    HttpResponse<String> missing = client.send(HttpRequest.newBuilder(other).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, missing.statusCode());
    assertServing();
  }

  @Test
  void answersNoRowsWithNoOutputs() throws Exception {
    HttpResponse<String> response = post("{\"rows\": []}");
    assertEquals(200, response.statusCode());
    assertEquals("{\"outputs\":[]}", response.body());
  }

  private void assertServing() throws Exception {
    double[][] rows = {{0.5, -1, 2, 0, 0.25, 1e-3, -7, 3}};
    HttpResponse<String> response = post(json(rows));
    assertEquals(200, response.statusCode(), response.body());
    assertArrayEquals(net.predict(Tensor.of(rows)).toArray(), outputs(response.body())[0]);
  }
}
