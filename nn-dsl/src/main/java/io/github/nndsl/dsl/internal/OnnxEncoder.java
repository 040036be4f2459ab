package io.github.nndsl.dsl.internal;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an ONNX model in protobuf's wire format with {@link CodedOutputStream}: one graph whose
 * nodes, initializers, inputs and outputs are added in order, then {@link #encode} wraps it in a
 * {@code ModelProto}. No schema or generated classes: the field numbers below are those of the ONNX
 * specification ({@code onnx/onnx.proto3}), each named after its proto field.
 *
 * <p>Every tensor of the graph has one element type ({@link #DOUBLE} or {@link #FLOAT}); the
 * initializers are written as little-endian {@code raw_data}. Inputs and outputs are 2-D, {@code
 * (batch, width)}, with a symbolic batch dimension. Internal: not API; used by {@code Onnx.save}.
 */
public final class OnnxEncoder {

  // ModelProto
  /** {@code ModelProto.ir_version}, int64. */
  static final int MODEL_IR_VERSION = 1;
  /** {@code ModelProto.producer_name}, string. */
  static final int MODEL_PRODUCER_NAME = 2;
  /** {@code ModelProto.producer_version}, string. */
  static final int MODEL_PRODUCER_VERSION = 3;
  /** {@code ModelProto.doc_string}, string. */
  static final int MODEL_DOC_STRING = 6;
  /** {@code ModelProto.graph}, GraphProto. */
  static final int MODEL_GRAPH = 7;
  /** {@code ModelProto.opset_import}, repeated OperatorSetIdProto. */
  static final int MODEL_OPSET_IMPORT = 8;
  /** {@code ModelProto.metadata_props}, repeated StringStringEntryProto. */
  static final int MODEL_METADATA_PROPS = 14;

  // OperatorSetIdProto
  /** {@code OperatorSetIdProto.domain}, string; empty: the default ONNX domain. */
  static final int OPSET_DOMAIN = 1;
  /** {@code OperatorSetIdProto.version}, int64. */
  static final int OPSET_VERSION = 2;

  // StringStringEntryProto
  /** {@code StringStringEntryProto.key}, string. */
  static final int ENTRY_KEY = 1;
  /** {@code StringStringEntryProto.value}, string. */
  static final int ENTRY_VALUE = 2;

  // GraphProto
  /** {@code GraphProto.node}, repeated NodeProto, in topological order. */
  static final int GRAPH_NODE = 1;
  /** {@code GraphProto.name}, string. */
  static final int GRAPH_NAME = 2;
  /** {@code GraphProto.initializer}, repeated TensorProto. */
  static final int GRAPH_INITIALIZER = 5;
  /** {@code GraphProto.input}, repeated ValueInfoProto. */
  static final int GRAPH_INPUT = 11;
  /** {@code GraphProto.output}, repeated ValueInfoProto. */
  static final int GRAPH_OUTPUT = 12;

  // NodeProto
  /** {@code NodeProto.input}, repeated string. */
  static final int NODE_INPUT = 1;
  /** {@code NodeProto.output}, repeated string. */
  static final int NODE_OUTPUT = 2;
  /** {@code NodeProto.name}, string. */
  static final int NODE_NAME = 3;
  /** {@code NodeProto.op_type}, string. */
  static final int NODE_OP_TYPE = 4;
  /** {@code NodeProto.attribute}, repeated AttributeProto. */
  static final int NODE_ATTRIBUTE = 5;

  // AttributeProto
  /** {@code AttributeProto.name}, string. */
  static final int ATTRIBUTE_NAME = 1;
  /** {@code AttributeProto.f}, float. */
  static final int ATTRIBUTE_F = 2;
  /** {@code AttributeProto.i}, int64. */
  static final int ATTRIBUTE_I = 3;
  /** {@code AttributeProto.type}, enum AttributeType. */
  static final int ATTRIBUTE_TYPE = 20;
  /** {@code AttributeProto.AttributeType.FLOAT}. */
  static final int ATTRIBUTE_TYPE_FLOAT = 1;
  /** {@code AttributeProto.AttributeType.INT}. */
  static final int ATTRIBUTE_TYPE_INT = 2;

  // TensorProto
  /** {@code TensorProto.dims}, repeated int64. */
  static final int TENSOR_DIMS = 1;
  /** {@code TensorProto.data_type}, int32 (a {@code TensorProto.DataType}). */
  static final int TENSOR_DATA_TYPE = 2;
  /** {@code TensorProto.name}, string. */
  static final int TENSOR_NAME = 8;
  /** {@code TensorProto.raw_data}, bytes: fixed-width little-endian elements, row-major. */
  static final int TENSOR_RAW_DATA = 9;

  /** {@code TensorProto.DataType.FLOAT}: float32. */
  public static final int FLOAT = 1;
  /** {@code TensorProto.DataType.DOUBLE}: float64. */
  public static final int DOUBLE = 11;

  // ValueInfoProto
  /** {@code ValueInfoProto.name}, string. */
  static final int VALUE_INFO_NAME = 1;
  /** {@code ValueInfoProto.type}, TypeProto. */
  static final int VALUE_INFO_TYPE = 2;
  /** {@code ValueInfoProto.doc_string}, string. */
  static final int VALUE_INFO_DOC_STRING = 3;

  // TypeProto, TypeProto.Tensor
  /** {@code TypeProto.tensor_type}, TypeProto.Tensor. */
  static final int TYPE_TENSOR_TYPE = 1;
  /** {@code TypeProto.Tensor.elem_type}, int32 (a {@code TensorProto.DataType}). */
  static final int TYPE_TENSOR_ELEM_TYPE = 1;
  /** {@code TypeProto.Tensor.shape}, TensorShapeProto. */
  static final int TYPE_TENSOR_SHAPE = 2;

  // TensorShapeProto, TensorShapeProto.Dimension
  /** {@code TensorShapeProto.dim}, repeated Dimension. */
  static final int SHAPE_DIM = 1;
  /** {@code TensorShapeProto.Dimension.dim_value}, int64. */
  static final int DIMENSION_DIM_VALUE = 1;
  /** {@code TensorShapeProto.Dimension.dim_param}, string: a symbolic dimension. */
  static final int DIMENSION_DIM_PARAM = 2;

  /**
   * The largest model written: protobuf messages are limited to 2 GiB, and ONNX Runtime refuses
   * larger files (bigger models would need ONNX's external data, which this encoder does not write).
   */
  public static final long MAX_BYTES = Integer.MAX_VALUE;

  /** An attribute of a node: an int64 or a float32, the two kinds the layers need. */
  public static final class Attribute {
    private final String name;
    private final boolean isFloat;
    private final long i;
    private final float f;

    private Attribute(String name, boolean isFloat, long i, float f) {
      this.name = name;
      this.isFloat = isFloat;
      this.i = i;
      this.f = f;
    }

    /**
     * An {@code INT} attribute.
     *
     * @param name the attribute's name
     * @param value its value
     * @return the attribute
     */
    public static Attribute ofInt(String name, long value) {
      return new Attribute(name, false, value, 0f);
    }

    /**
     * A {@code FLOAT} attribute (ONNX attributes are float32 only).
     *
     * @param name the attribute's name
     * @param value its value
     * @return the attribute
     */
    public static Attribute ofFloat(String name, float value) {
      return new Attribute(name, true, 0L, value);
    }
  }

  private final int elemType;
  private final String batch;
  private final ByteArrayOutputStream graphBytes = new ByteArrayOutputStream();
  private final CodedOutputStream graph = CodedOutputStream.newInstance(graphBytes);

  /**
   * Starts an empty graph.
   *
   * @param graphName the graph's name
   * @param elemType {@link #DOUBLE} or {@link #FLOAT}: the type of every tensor
   * @param batch the name of the symbolic batch dimension of the inputs and outputs
   */
  public OnnxEncoder(String graphName, int elemType, String batch) {
    if (elemType != DOUBLE && elemType != FLOAT) {
      throw new IllegalArgumentException("elemType must be DOUBLE (11) or FLOAT (1), but was " + elemType);
    }
    this.elemType = elemType;
    this.batch = batch;
    run(() -> graph.writeString(GRAPH_NAME, graphName));
  }

  /**
   * Returns how many bytes an initializer of {@code count} elements takes in this graph's type, for
   * a size check before anything is encoded.
   *
   * @param elemType {@link #DOUBLE} or {@link #FLOAT}
   * @param count the number of elements
   * @return the size of their raw data
   */
  public static long rawBytes(int elemType, long count) {
    return count * (elemType == DOUBLE ? Double.BYTES : Float.BYTES);
  }

  /**
   * Declares a graph input of shape {@code (batch, width)}.
   *
   * @param name the value's name
   * @param width the second dimension
   * @param doc what it holds
   * @return this encoder
   */
  public OnnxEncoder input(String name, int width, String doc) {
    run(() -> graph.writeByteArray(GRAPH_INPUT, valueInfo(name, width, doc)));
    return this;
  }

  /**
   * Declares a graph output of shape {@code (batch, width)}.
   *
   * @param name the value's name, produced by a node
   * @param width the second dimension
   * @param doc what it holds
   * @return this encoder
   */
  public OnnxEncoder output(String name, int width, String doc) {
    run(() -> graph.writeByteArray(GRAPH_OUTPUT, valueInfo(name, width, doc)));
    return this;
  }

  /**
   * Adds a constant tensor, converted to this graph's element type (to float32 by rounding to
   * nearest, as a Java cast does).
   *
   * @param name the tensor's name
   * @param dims its shape
   * @param values its elements, row-major
   * @return this encoder
   */
  public OnnxEncoder initializer(String name, int[] dims, double[] values) {
    byte[] tensor = message(out -> {
      for (int d : dims) {
        out.writeInt64(TENSOR_DIMS, d);
      }
      out.writeInt32(TENSOR_DATA_TYPE, elemType);
      out.writeString(TENSOR_NAME, name);
      out.writeByteArray(TENSOR_RAW_DATA, littleEndian(values));
    });
    run(() -> graph.writeByteArray(GRAPH_INITIALIZER, tensor));
    return this;
  }

  /**
   * Adds a node of the default ONNX domain with one output.
   *
   * @param name the node's name
   * @param opType the operator, e.g. {@code MatMul}
   * @param inputs the names of its inputs, in the operator's order
   * @param output the name of its output
   * @param attributes its attributes
   * @return this encoder
   */
  public OnnxEncoder node(String name, String opType, List<String> inputs, String output, Attribute... attributes) {
    byte[] node = message(out -> {
      for (String input : inputs) {
        out.writeString(NODE_INPUT, input);
      }
      out.writeString(NODE_OUTPUT, output);
      out.writeString(NODE_NAME, name);
      out.writeString(NODE_OP_TYPE, opType);
      for (Attribute a : attributes) {
        out.writeByteArray(NODE_ATTRIBUTE, attribute(a));
      }
    });
    run(() -> graph.writeByteArray(GRAPH_NODE, node));
    return this;
  }

  /**
   * Wraps the graph in a model.
   *
   * @param irVersion the IR version ({@code ModelProto.ir_version})
   * @param opset the version of the default ONNX operator set
   * @param producer the producer's name
   * @param producerVersion the producer's version
   * @param doc the model's doc string
   * @param metadata the model's {@code metadata_props}, in order
   * @return the encoded {@code ModelProto}
   */
  public byte[] encode(long irVersion, long opset, String producer, String producerVersion, String doc,
      Map<String, String> metadata) {
    run(graph::flush);
    byte[] opsetImport = message(out -> {
      out.writeString(OPSET_DOMAIN, "");
      out.writeInt64(OPSET_VERSION, opset);
    });
    List<byte[]> entries = new ArrayList<>();
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      entries.add(message(out -> {
        out.writeString(ENTRY_KEY, e.getKey());
        out.writeString(ENTRY_VALUE, e.getValue());
      }));
    }
    return message(out -> {
      out.writeInt64(MODEL_IR_VERSION, irVersion);
      out.writeByteArray(MODEL_OPSET_IMPORT, opsetImport);
      out.writeString(MODEL_PRODUCER_NAME, producer);
      out.writeString(MODEL_PRODUCER_VERSION, producerVersion);
      out.writeString(MODEL_DOC_STRING, doc);
      out.writeByteArray(MODEL_GRAPH, graphBytes.toByteArray());
      for (byte[] entry : entries) {
        out.writeByteArray(MODEL_METADATA_PROPS, entry);
      }
    });
  }

  private byte[] valueInfo(String name, int width, String doc) {
    byte[] batchDim = message(out -> out.writeString(DIMENSION_DIM_PARAM, batch));
    byte[] widthDim = message(out -> out.writeInt64(DIMENSION_DIM_VALUE, width));
    byte[] shape = message(out -> {
      out.writeByteArray(SHAPE_DIM, batchDim);
      out.writeByteArray(SHAPE_DIM, widthDim);
    });
    byte[] tensorType = message(out -> {
      out.writeInt32(TYPE_TENSOR_ELEM_TYPE, elemType);
      out.writeByteArray(TYPE_TENSOR_SHAPE, shape);
    });
    byte[] type = message(out -> out.writeByteArray(TYPE_TENSOR_TYPE, tensorType));
    return message(out -> {
      out.writeString(VALUE_INFO_NAME, name);
      out.writeByteArray(VALUE_INFO_TYPE, type);
      out.writeString(VALUE_INFO_DOC_STRING, doc);
    });
  }

  private static byte[] attribute(Attribute a) {
    return message(out -> {
      out.writeString(ATTRIBUTE_NAME, a.name);
      if (a.isFloat) {
        out.writeFloat(ATTRIBUTE_F, a.f);
        out.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_FLOAT);
      } else {
        out.writeInt64(ATTRIBUTE_I, a.i);
        out.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
      }
    });
  }

  private byte[] littleEndian(double[] values) {
    if (elemType == DOUBLE) {
      byte[] raw = new byte[values.length * Double.BYTES];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
      return raw;
    }
    byte[] raw = new byte[values.length * Float.BYTES];
    FloatBuffer out = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (double v : values) {
      out.put((float) v);
    }
    return raw;
  }

  /** Writes the fields of one message. */
  @FunctionalInterface
  private interface Fields {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  /** Encodes one message to bytes, to be embedded as a length-delimited field of its parent. */
  private static byte[] message(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    run(() -> {
      fields.writeTo(out);
      out.flush();
    });
    return bytes.toByteArray();
  }

  /** An I/O step on an in-memory stream. */
  @FunctionalInterface
  private interface Step {
    void run() throws IOException;
  }

  private static void run(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding to memory failed", e); // a ByteArrayOutputStream never throws
    }
  }
}
