package io.github.nndsl.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Python peer in {@code --serve} mode ({@code xor_bench.py}, {@code digits_bench.py}): one
 * request line, one answer line; the first request is {@code caps}, what the peer can run.
 */
final class Peer implements AutoCloseable {

  private final Process process;
  private final PrintWriter in;
  private final BufferedReader out;
  final String caps;

  private Peer(Process process) throws IOException {
    this.process = process;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.caps = ask("caps");
  }

  /** Starts {@code command} with {@code --serve} added; its errors go to this process's. */
  static Peer serve(List<String> command, Map<String, String> env) throws IOException {
    List<String> serving = new java.util.ArrayList<>(command);
    serving.add("--serve");
    ProcessBuilder pb = new ProcessBuilder(serving).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(env);
    return new Peer(pb.start());
  }

  /** Starts the script under {@code python}; null if that interpreter does not run it. */
  static Peer start(String python, Path script, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(python, script.toString(), "--serve"));
      pb.environment().putAll(env);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Peer peer = new Peer(pb.start());
      return peer.caps.startsWith("numpy") ? peer : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  boolean hasTorch() {
    return caps.contains("torch");
  }

  String ask(String request) throws IOException {
    in.println(request);
    String line = out.readLine();
    if (line == null) {
      throw new IOException("python peer exited on " + request);
    }
    return line.trim();
  }

  /** Seconds reported by the peer for a request. */
  double seconds(String request) {
    try {
      return Double.parseDouble(ask(request));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    in.close();
    process.destroy();
  }
}
