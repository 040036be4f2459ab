package io.github.nndsl.dsl.file;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.nndsl.core.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (Java, CPU, one intra-op thread): the oracle of the ONNX tests. */
final class OnnxRuntime implements AutoCloseable {

  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private final OrtSession session;

  private OnnxRuntime(OrtSession session) {
    this.session = session;
  }

  /** A session with ONNX Runtime's default graph optimisations, as a user would create it. */
  static OnnxRuntime open(byte[] model) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      return new OnnxRuntime(ENV.createSession(model, options));
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs the float64 graph on x (batch, inputs); returns the output's flat row-major values. */
  double[] run(Tensor x) {
    int[] shape = x.shape();
    try (OnnxTensor in = OnnxTensor.createTensor(ENV, DoubleBuffer.wrap(x.toArray()), new long[] {shape[0], shape[1]});
         OrtSession.Result result = session.run(Map.of(Onnx.INPUT, in))) {
      OnnxTensor out = (OnnxTensor) result.get(Onnx.OUTPUT).orElseThrow();
      DoubleBuffer b = out.getDoubleBuffer();
      double[] values = new double[b.remaining()];
      b.get(values);
      return values;
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs the float32 graph on x rounded to float; returns the output widened to double. */
  double[] runFloat(Tensor x) {
    int[] shape = x.shape();
    double[] xs = x.toArray();
    float[] xf = new float[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xf[i] = (float) xs[i];
    }
    try (OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(xf), new long[] {shape[0], shape[1]});
         OrtSession.Result result = session.run(Map.of(Onnx.INPUT, in))) {
      OnnxTensor out = (OnnxTensor) result.get(Onnx.OUTPUT).orElseThrow();
      FloatBuffer b = out.getFloatBuffer();
      double[] values = new double[b.remaining()];
      for (int i = 0; i < values.length; i++) {
        values[i] = b.get(i);
      }
      return values;
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The declared type of the named input or output. */
  TensorInfo info(String name) {
    try {
      Map<String, NodeInfo> all = name.equals(Onnx.INPUT) ? session.getInputInfo() : session.getOutputInfo();
      return (TensorInfo) all.get(name).getInfo();
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The file's producer and metadata as ONNX Runtime reads them. */
  Map<String, String> metadata() {
    try {
      return session.getMetadata().getCustomMetadata();
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  String producer() {
    try {
      return session.getMetadata().getProducerName();
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
