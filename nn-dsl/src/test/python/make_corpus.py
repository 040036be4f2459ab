#!/usr/bin/env python3
"""Writes the hostile-file corpus replayed by ModelFileCorpusTest (every file must be rejected
with a ModelFileException, nothing else). Each file targets one way a naive loader crashes:
NegativeArraySizeException, OutOfMemoryError, StackOverflowError, NumberFormatException,
ArithmeticException, ClassCastException, IndexOutOfBoundsException. Files that the fuzzer
(ModelFileFuzzTest) finds later are copied from nn-dsl/target/fuzz-findings/ into the same
directory by hand, named after what they broke.

    python3 nn-dsl/src/test/python/make_corpus.py
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "modelfile-corpus")
INTEROP = os.path.join(HERE, "..", "resources", "interop", "numpy_written.safetensors")

LINEAR = {"kind": "linear", "inputs": 2, "outputs": 1, "bias": False,
          "weight_init": {"kind": "auto"}, "bias_init": {"kind": "zeros"}}


def meta(architecture, fmt="nn-dsl.model"):
    return {"format": fmt, "format_version": "1", "architecture": architecture}


def arch(*layers):
    return json.dumps({"version": 1, "layers": list(layers)})


def file(header_text, data=b"", length=None):
    body = header_text.encode("utf-8", "surrogatepass") if isinstance(header_text, str) else header_text
    n = len(body) if length is None else length
    return struct.pack("<Q", n & 0xFFFFFFFFFFFFFFFF) + body + data


def header(tensors, metadata):
    h = dict(tensors)
    h["__metadata__"] = metadata
    return json.dumps(h)


ONE = {"0.weight": {"dtype": "F64", "shape": [2, 1], "data_offsets": [0, 16]}}
DATA = struct.pack("<2d", 0.5, -0.5)

CASES = {
    "empty": b"",
    "seven-bytes": b"\x02\x00\x00\x00\x00\x00\x00",
    "header-length-top-bit-set": file("{}", length=-1),
    "header-length-2gib": file("{}", length=1 << 31),
    "header-length-zero": file("{}" + " " * 6, length=0),
    "deep-nesting": file('{"x":' + "[" * 20000 + "]" * 20000 + "}"),
    "huge-exponent-in-shape": file('{"0.weight":{"dtype":"F64","shape":[1e999999999],"data_offsets":[0,16]}}', DATA),
    "long-number": file('{"0.weight":{"dtype":"F64","shape":[' + "1" * 5000 + '],"data_offsets":[0,16]}}', DATA),
    "shape-product-overflow": file(header({"0.weight": {"dtype": "F64", "shape": [2147483647] * 3,
                                                         "data_offsets": [0, 16]}}, meta(arch(LINEAR))), DATA),
    "offset-beyond-long": file('{"0.weight":{"dtype":"F64","shape":[2,1],"data_offsets":[0,9223372036854775808]}}', DATA),
    "negative-offsets": file(header({"0.weight": {"dtype": "F64", "shape": [2, 1], "data_offsets": [16, 0]}},
                                    meta(arch(LINEAR))), DATA),
    "lone-surrogate-key": file('{"\\ud800":1, "\ud800":2}'),
    "overlong-utf8": file(b'{"\xc0\xaf":1}'),
    "nan-literal": file('{"0.weight":{"dtype":"F64","shape":[NaN],"data_offsets":[0,16]}}', DATA),
    "duplicate-tensor": file('{"0.weight":{"dtype":"F64","shape":[2,1],"data_offsets":[0,16]},'
                             '"0.weight":{"dtype":"F64","shape":[2,1],"data_offsets":[0,16]}}', DATA),
    "header-is-an-array": file("[1,2,3]"),
    "metadata-not-strings": file(header(ONE, {"format": ["nn-dsl.model"]}), DATA),
    "architecture-parameter-overflow": file(header(ONE, meta(arch(*[dict(LINEAR, inputs=1 << 30, outputs=1 << 30)] * 9))), DATA),
    "architecture-deep-nesting": file(header(ONE, meta("[" * 20000 + "]" * 20000)), DATA),
    "architecture-infinite-slope": file(header(ONE, meta(arch(LINEAR, {"kind": "leaky_relu", "slope": 1e400}))), DATA),
    "architecture-layer-not-object": file(header(ONE, meta(arch(LINEAR, "relu"))), DATA),
    "architecture-kind-not-string": file(header(ONE, meta(arch(LINEAR, {"kind": 7}))), DATA),
    "architecture-empty": file(header(ONE, meta(arch())), DATA),
    "architecture-sizes-beyond-int": file(header(ONE, meta(arch(dict(LINEAR, inputs=1 << 31)))), DATA),
    "checkpoint-as-model": file(header(ONE, meta(arch(LINEAR), "nn-dsl.checkpoint")), DATA),
    "f16-dtype": file(header({"0.weight": {"dtype": "F16", "shape": [2, 1], "data_offsets": [0, 4]}},
                             meta(arch(LINEAR))), DATA[:4]),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(INTEROP, "rb") as f:
        valid = f.read()
    CASES["truncated-by-one"] = valid[:-1]
    CASES["truncated-header"] = valid[:100]
    for name, content in sorted(CASES.items()):
        with open(os.path.join(OUT, name + ".safetensors"), "wb") as f:
            f.write(content)
    print(f"wrote {len(CASES)} files to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
