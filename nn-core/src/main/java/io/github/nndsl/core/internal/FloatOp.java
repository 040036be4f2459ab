package io.github.nndsl.core.internal;

/**
 * One step of a {@link FloatPlan}: the float32 form of a frozen {@link Op} (see {@link
 * Op#float32()}). Reads a (batch, inputs) float activation, writes a (batch, outputs) one from
 * offset 0; immutable, so any number of threads run it at once, each with its own buffers.
 */
abstract class FloatOp {

  final int inputs;
  final int outputs;

  FloatOp(int inputs, int outputs) {
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /**
   * @param acc the calling thread's four accumulator arrays of at least {@link FloatMatMul#WIDTH}
   *     floats, contents undefined (a dense op's product uses them)
   */
  abstract void forward(float[] in, int inOff, float[] out, int batch, float[][] acc);
}
