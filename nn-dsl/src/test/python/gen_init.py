#!/usr/bin/env python3
"""Golden initial parameters for io.github.nndsl.dsl.Sequential.compile, computed with NumPy.

What it writes
    nn-dsl/src/test/resources/golden/init.txt: for every case and seed, the parameters a model
    gets when every one is drawn from ONE numpy.random.default_rng(seed), layer by layer,
    weights before bias:

        case <name> seed <seed>
        model <the model as Sequential.toString() prints it>
        param <name> <rank> <dim>... <value>...     (row-major, values with repr())
        end

    The kinds are drawn as a NumPy user would write them:
        normal(std)         rng.standard_normal(shape) * std
        uniform(low, high)  rng.uniform(low, high, shape)
        he()                rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
        glorot()            a = np.sqrt(6.0 / (fan_in + fan_out)); rng.uniform(-a, a, shape)
        zeros(), constant(c)  np.zeros / np.full, drawing nothing
    fan_in and fan_out are the layer's inputs and outputs, for its bias as for its weights.
    auto() is written out here as the he() or glorot() it stands for.

How to rerun (from the repository root, needs python3 with NumPy >= 1.17):
    python3 nn-dsl/src/test/python/gen_init.py
"""

import os

import numpy as np

OUT = os.path.join("nn-dsl", "src", "test", "resources", "golden", "init.txt")
SEEDS = [0, 1, 42, 12345, 2**63 - 1]


def linear(inputs, outputs, weight=("auto",), bias=True, bias_init=("zeros",)):
    return ("linear", inputs, outputs, weight, bias, bias_init)


def act(name):
    return ("act", name)


# Each case is a list of layers; an activation is printed as its name.
CASES = {
    # the exercise's model: standard_normal((2, h)) * 0.5, zero biases
    "exercise": [linear(2, 4, ("normal", 0.5)), act("ReLU"), linear(4, 1, ("normal", 0.5)),
                 act("Sigmoid")],
    "normal": [linear(3, 5, ("normal", 0.5)), act("ReLU"), linear(5, 4, ("normal", 0.5)),
               act("Tanh"), linear(4, 2, ("normal", 0.5)), act("Sigmoid")],
    # biases drawn too: checks weights-before-bias order within each layer
    "uniform": [linear(3, 5, ("uniform", -1.0, 2.0), bias_init=("uniform", -1.0, 2.0)),
                act("ReLU"),
                linear(5, 4, ("uniform", -1.0, 2.0), bias_init=("uniform", -1.0, 2.0)),
                act("Tanh"),
                linear(4, 2, ("uniform", -1.0, 2.0), bias_init=("uniform", -1.0, 2.0)),
                act("Sigmoid")],
    # constant biases draw nothing
    "he": [linear(3, 5, ("he",), bias_init=("constant", 0.1)), act("ReLU"),
           linear(5, 4, ("he",), bias_init=("constant", 0.1)), act("Tanh"),
           linear(4, 2, ("he",), bias_init=("constant", 0.1)), act("Sigmoid")],
    # a layer without bias; a he() bias uses the layer's fan_in
    "glorot": [linear(3, 5, ("glorot",)), act("ReLU"), linear(5, 4, ("glorot",), bias=False),
               act("Tanh"), linear(4, 2, ("glorot",), bias_init=("he",)), act("Sigmoid")],
    # auto(): he before ReLU and LeakyReLU, glorot before anything else and at the end
    "auto": [linear(3, 5), act("ReLU"), linear(5, 4), act("LeakyReLU(0.2)"), linear(4, 6),
             act("Identity"), linear(6, 3), act("Softmax"), linear(3, 2)],
}


def init_str(init):
    kind = init[0]
    return "%s(%s)" % (kind, ", ".join(repr(float(v)) for v in init[1:]))


def layer_str(layer):
    if layer[0] == "act":
        return layer[1]
    _, inputs, outputs, weight, bias, bias_init = layer
    s = "Linear(%d, %d" % (inputs, outputs)
    if not bias:
        s += ", bias=false"
    if weight[0] != "auto":
        s += ", weightInit=" + init_str(weight)
    if bias_init[0] != "zeros":
        s += ", biasInit=" + init_str(bias_init)
    return s + ")"


def draw(rng, init, shape, fan_in, fan_out):
    kind = init[0]
    if kind == "normal":
        return rng.standard_normal(shape) * init[1]
    if kind == "uniform":
        return rng.uniform(init[1], init[2], shape)
    if kind == "zeros":
        return np.zeros(shape)
    if kind == "constant":
        return np.full(shape, init[1])
    if kind == "he":
        return rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
    if kind == "glorot":
        a = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-a, a, shape)
    raise ValueError(kind)


def resolve(init, following):
    if init[0] != "auto":
        return init
    if following is not None and following[0] == "act" and (
            following[1] == "ReLU" or following[1].startswith("LeakyReLU")):
        return ("he",)
    return ("glorot",)


def param(out, name, a):
    a = np.asarray(a, dtype=np.float64)
    out.append("param %s %d %s %s" % (name, a.ndim, " ".join(map(str, a.shape)),
                                      " ".join(repr(float(v)) for v in a.ravel())))


def write_case(out, name, layers, seed):
    out.append("case %s seed %d" % (name, seed))
    out.append("model Sequential(%s)" % ", ".join(layer_str(l) for l in layers))
    rng = np.random.default_rng(seed)
    for i, layer in enumerate(layers):
        if layer[0] != "linear":
            continue
        _, inputs, outputs, weight, bias, bias_init = layer
        following = layers[i + 1] if i + 1 < len(layers) else None
        param(out, "%d.weight" % i,
              draw(rng, resolve(weight, following), (inputs, outputs), inputs, outputs))
        if bias:
            param(out, "%d.bias" % i, draw(rng, bias_init, (outputs,), inputs, outputs))
    out.append("end")


def main():
    out = [
        "# Golden initial parameters for io.github.nndsl.dsl.Sequential.compile.",
        "# Generated by nn-dsl/src/test/python/gen_init.py with NumPy %s;" % np.__version__,
        "# rerun that script from the repository root to regenerate. Do not edit by hand.",
    ]
    for name, layers in CASES.items():
        for seed in SEEDS:
            write_case(out, name, layers, seed)
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
