#!/usr/bin/env python3
"""Checks the ONNX files that nn-dsl's Onnx.save wrote, with the onnx package and NumPy alone.

    python3 onnx_check.py [DIR]     # DIR defaults to nn-dsl/target/onnx-interop

Run `./mvnw -pl nn-dsl -am verify -Dtest=OnnxInteropFilesTest -Dsurefire.failIfNoSpecifiedTests=false`
first: OnnxInteropFilesTest leaves NAME.onnx (float64), NAME-f32.onnx (float32) and NAME.safetensors
(an input x and nn-dsl's predict(x) as y, F64) there.

For every file it
  1. runs onnx.checker.check_model(model, full_check=True) (the checker plus strict shape inference),
  2. checks the interface: opset 17 of the default domain, IR version 8, one input 'input' and one
     output 'output', both (batch, width) with the symbolic dimension 'batch', of the file's dtype,
  3. evaluates the graph with a small NumPy interpreter of the operators Onnx.save emits, on x, and
     compares with y: float64 within 1e-12 relative to max(1, |y|) (NumPy's matmul sums in another
     order than nn-core), float32 within 2e-5 (the bound OnnxRuntimeTest documents).
It prints one line per file and exits non-zero on the first failure.

Needs: the onnx package (1.12 from Debian's python3-onnx works: `apt-get install python3-onnx`, then
/usr/bin/python3) and NumPy. ONNX Runtime's Python package is not needed (the Java tests run the same
files in ONNX Runtime Java).
"""
import json
import pathlib
import struct
import sys

import numpy as np
import onnx
from onnx import numpy_helper

ELEM = {onnx.TensorProto.DOUBLE: np.float64, onnx.TensorProto.FLOAT: np.float32}


def read_safetensors(path):
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    header.pop("__metadata__", None)
    data = raw[8 + n:]
    out = {}
    for name, e in header.items():
        assert e["dtype"] == "F64", (path, name, e["dtype"])
        start, end = e["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype="<f8").reshape(e["shape"])
    return out


def check_interface(model, path):
    opsets = {o.domain: o.version for o in model.opset_import}
    if opsets != {"": 17} or model.ir_version != 8:
        raise SystemExit(f"{path}: opsets {opsets}, IR {model.ir_version}; expected {{'': 17}}, IR 8")
    graph = model.graph
    inputs = [i.name for i in graph.input]
    outputs = [o.name for o in graph.output]
    if inputs != ["input"] or outputs != ["output"]:
        raise SystemExit(f"{path}: inputs {inputs}, outputs {outputs}")
    elem = None
    for v in (graph.input[0], graph.output[0]):
        t = v.type.tensor_type
        dims = t.shape.dim
        if len(dims) != 2 or dims[0].dim_param != "batch" or dims[1].dim_value <= 0:
            raise SystemExit(f"{path}: {v.name} has shape {dims}, expected (batch, width)")
        if elem is not None and t.elem_type != elem:
            raise SystemExit(f"{path}: input and output dtypes differ")
        elem = t.elem_type
    return ELEM[elem]


def evaluate(model, x):
    """A NumPy interpreter of the operators Onnx.save emits, in the graph's node order."""
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values["input"] = x
    for node in model.graph.node:
        a = [values[i] for i in node.input]
        attrs = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
        op = node.op_type
        if op == "MatMul":
            y = a[0] @ a[1]
        elif op == "Add":
            y = a[0] + a[1]
        elif op == "Mul":
            y = a[0] * a[1]
        elif op == "Relu":
            y = np.maximum(a[0], 0)
        elif op == "Sigmoid":
            y = 1 / (1 + np.exp(-a[0]))
        elif op == "Tanh":
            y = np.tanh(a[0])
        elif op == "Identity":
            y = a[0]
        elif op == "Softmax":
            assert attrs.get("axis", -1) in (-1, 1), attrs
            e = np.exp(a[0] - a[0].max(axis=-1, keepdims=True))
            y = e / e.sum(axis=-1, keepdims=True)
        elif op == "LeakyRelu":
            alpha = a[0].dtype.type(attrs["alpha"])
            y = np.where(a[0] >= 0, a[0], alpha * a[0])
        elif op == "Greater":
            y = a[0] > a[1]
        elif op == "Where":
            y = np.where(a[0], a[1], a[2])
        else:
            raise SystemExit(f"node {node.name}: operator {op} is not one Onnx.save emits")
        values[node.output[0]] = y.astype(y.dtype)
    return values["output"]


def main():
    here = pathlib.Path(__file__).resolve().parents[3]  # nn-dsl/ (this file is nn-dsl/src/test/python/onnx_check.py)
    directory = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here / "target" / "onnx-interop"
    files = sorted(directory.glob("*.onnx"))
    if not files:
        raise SystemExit(f"no .onnx files in {directory}: run OnnxInteropFilesTest first")
    for path in files:
        model = onnx.load(str(path))
        onnx.checker.check_model(model, full_check=True)
        dtype = check_interface(model, path)
        stem = path.stem[:-4] if path.stem.endswith("-f32") else path.stem
        io = read_safetensors(directory / f"{stem}.safetensors")
        got = evaluate(model, io["x"].astype(dtype)).astype(np.float64)
        tolerance = 1e-12 if dtype == np.float64 else 2e-5
        error = np.abs(got - io["y"]) / np.maximum(1.0, np.abs(io["y"]))
        if got.shape != io["y"].shape or not np.all(error <= tolerance):
            raise SystemExit(f"{path.name}: NumPy's outputs differ from predict's by {error.max():.3g}"
                             f" (relative), more than {tolerance:g}")
        print(f"{path.name}: check_model(full_check=True) passed; {np.dtype(dtype).name}, opset 17,"
              f" (batch, {model.graph.input[0].type.tensor_type.shape.dim[1].dim_value}) ->"
              f" (batch, {got.shape[1]}); NumPy evaluation within {error.max():.2g} of predict")
    print(f"{len(files)} files checked with onnx {onnx.__version__}")


if __name__ == "__main__":
    main()
