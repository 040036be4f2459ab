#!/usr/bin/env python3
"""Proves that nn-dsl model files are plain safetensors, with NumPy alone (no safetensors package).

    python3 safetensors_interop.py check FILE EXPECTED   # NumPy reads a file written by Java
    python3 safetensors_interop.py write FILE            # NumPy writes a file that Java loads

`check` parses FILE by the safetensors spec (u64 little-endian header length, JSON header, data
section), verifies the container (F64 only, offsets tiling the data exactly) and compares every
tensor bit for bit with EXPECTED, a text file of lines `name shape hexbits...` written by the Java
test. It exits non-zero with a message on the first difference.

`write` writes the model Linear(2, 3, weightInit=normal(0.5)), ReLU, Linear(3, 1), Sigmoid with
fixed values (see VALUES) the way a NumPy user would: json.dumps with its default spacing,
tensors sorted by name rather than in nn-dsl's store order. The committed result,
nn-dsl/src/test/resources/interop/numpy_written.safetensors, is loaded by NumPyInteropTest.
"""
import json
import struct
import sys

import numpy as np

ARCHITECTURE = {
    "version": 1,
    "layers": [
        {"kind": "linear", "inputs": 2, "outputs": 3, "bias": True,
         "weight_init": {"kind": "normal", "std": 0.5}, "bias_init": {"kind": "zeros"}},
        {"kind": "relu"},
        {"kind": "linear", "inputs": 3, "outputs": 1, "bias": True,
         "weight_init": {"kind": "auto"}, "bias_init": {"kind": "zeros"}},
        {"kind": "sigmoid"},
    ],
}

VALUES = {
    "0.weight": np.array([[0.1, -0.2, 0.3], [0.4, -0.5, 0.6]], dtype="<f8"),
    "0.bias": np.array([0.01, -0.0, 1e-300], dtype="<f8"),
    "2.weight": np.array([[1.5], [-2.5], [3.25]], dtype="<f8"),
    "2.bias": np.array([-0.125], dtype="<f8"),
}


def read(path):
    """Returns (metadata, {name: array}) after checking the container."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise SystemExit(f"{path}: {len(raw)} bytes, too short")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        raise SystemExit(f"{path}: header length {n} exceeds the file")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise SystemExit(f"{path}: __metadata__ must map strings to strings")
    arrays, spans = {}, []
    for name, entry in header.items():
        if entry["dtype"] != "F64":
            raise SystemExit(f"{path}: {name} has dtype {entry['dtype']}, expected F64")
        begin, end = entry["data_offsets"]
        shape = tuple(entry["shape"])
        if end - begin != 8 * int(np.prod(shape, dtype=np.int64)):
            raise SystemExit(f"{path}: {name} offsets {begin, end} do not fit shape {shape}")
        arrays[name] = np.frombuffer(data[begin:end], dtype="<f8").reshape(shape)
        spans.append((begin, end))
    spans.sort()
    position = 0
    for begin, end in spans:
        if begin != position:
            raise SystemExit(f"{path}: data not contiguous at byte {position}")
        position = end
    if position != len(data):
        raise SystemExit(f"{path}: tensors cover {position} of {len(data)} data bytes")
    return metadata, arrays


def check(path, expected_path):
    metadata, arrays = read(path)
    if metadata.get("format") != "nn-dsl.model" or metadata.get("format_version") != "1":
        raise SystemExit(f"{path}: unexpected metadata {metadata}")
    json.loads(metadata["architecture"])  # must itself be JSON
    expected = {}
    with open(expected_path) as f:
        for line in f:
            name, shape, *bits = line.split()
            dims = tuple(int(d) for d in shape.split("x"))
            values = np.array([int(b, 16) for b in bits], dtype=np.uint64).view("<f8").reshape(dims)
            expected[name] = values
    if list(arrays) != list(expected):
        raise SystemExit(f"{path}: tensors {list(arrays)}, expected {list(expected)}")
    for name, want in expected.items():
        got = arrays[name]
        if got.shape != want.shape or got.tobytes() != want.tobytes():
            raise SystemExit(f"{path}: {name} differs: {got!r} vs {want!r}")
    print(f"ok: {len(arrays)} tensors, {sum(a.size for a in arrays.values())} values, bit for bit")


def write(path):
    names = sorted(VALUES)  # not nn-dsl's store order, on purpose
    header, offset = {}, 0
    for name in names:
        size = VALUES[name].nbytes
        header[name] = {"dtype": "F64", "shape": list(VALUES[name].shape),
                        "data_offsets": [offset, offset + size]}
        offset += size
    header["__metadata__"] = {
        "format": "nn-dsl.model",
        "format_version": "1",
        "architecture": json.dumps(ARCHITECTURE),
        "created_by": "safetensors_interop.py (NumPy)",
    }
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in names:
            f.write(VALUES[name].tobytes())


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        raise SystemExit(__doc__)
