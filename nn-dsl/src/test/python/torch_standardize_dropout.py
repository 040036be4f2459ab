#!/usr/bin/env python3
"""A PyTorch model with a dropout layer and a standardizer, for TorchStateDict: how the two nn-dsl
layers sit in a torch.nn.Sequential's state dict.

The model: Sequential(Standardizer(mean, std), Linear(3, 5), ReLU(), Dropout(0.5), Linear(5, 2)),
where Standardizer is (x - mean) / std with mean and std registered as buffers with
persistent=False, so its state dict holds nothing; Dropout has no tensors either; both still count
as indices (the Linear layers are "1." and "4."). Writes, under nn-dsl/src/test/resources/torch/:
    standardize-dropout-F64.safetensors   save_file(model.double().state_dict())
    standardize-dropout.txt               the mean, std, inputs, the eval-mode outputs (dropout
                                          off) and one train-mode output batch (dropout on, to
                                          show it differs), each "name v1 v2 ..." with repr()
Run from the repository root with the torch venv (see BUILD.md):
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread \
        /work/venv-torch/bin/python nn-dsl/src/test/python/torch_standardize_dropout.py
"""

import os

import torch
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "torch")


class Standardizer(torch.nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean, persistent=False)
        self.register_buffer("std", std, persistent=False)

    def forward(self, x):
        return (x - self.mean) / self.std


torch.manual_seed(20261201)
mean = torch.tensor([0.5, -2.0, 10.0], dtype=torch.float64)
std = torch.tensor([2.0, 0.25, 3.0], dtype=torch.float64)
model = torch.nn.Sequential(Standardizer(mean, std), torch.nn.Linear(3, 5), torch.nn.ReLU(),
                            torch.nn.Dropout(0.5), torch.nn.Linear(5, 2)).double()
state = model.state_dict()
assert list(state.keys()) == ["1.weight", "1.bias", "4.weight", "4.bias"], list(state.keys())
save_file({k: v.contiguous() for k, v in state.items()}, os.path.join(OUT, "standardize-dropout-F64.safetensors"))

x = torch.randn(6, 3, dtype=torch.float64) * 3 + mean
model.eval()
with torch.no_grad():
    y = model(x)
model.train()
with torch.no_grad():
    dropped = model(x)


def line(name, t):
    return name + " " + " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


with open(os.path.join(OUT, "standardize-dropout.txt"), "w") as f:
    f.write("# torch %s, nn-dsl/src/test/python/torch_standardize_dropout.py\n" % torch.__version__)
    for name, t in [("mean", mean), ("std", std), ("x", x), ("eval", y), ("train", dropped)]:
        f.write(line(name, t) + "\n")
