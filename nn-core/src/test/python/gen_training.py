#!/usr/bin/env python3
"""Golden values for nn-core's AdamW, learning-rate schedules and gradient clipping, computed by
PyTorch itself (torch.optim.AdamW, torch.optim.lr_scheduler, torch.nn.utils.clip_grad_norm_) in
float64, independently of the Java code.

Writes nn-core/src/test/resources/golden/training.txt in the format of engine.txt
(see golden_format.py):  tensor NAME RANK DIM... VALUE...  /  scalar NAME VALUE
Rerun from the repository root (Debian's python3-torch, torch 1.13):
    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread python3 nn-core/src/test/python/gen_training.py
"""
import os
import warnings

import torch

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(11)
records = []


def tensor(name, t):
    t = torch.as_tensor(t, dtype=torch.float64)
    records.append("tensor %s %d %s %s" % (name, t.dim(), " ".join(map(str, t.shape)),
                                           " ".join(repr(float(v)) for v in t.flatten().tolist())))


def scalar(name, v):
    records.append("scalar %s %r" % (name, float(v)))


# AdamW: 6 steps on a vector of 10 parameters with a fixed sequence of gradients
p0 = torch.randn(10, generator=gen)
grads = torch.randn(6, 10, generator=gen)
tensor("adamw.p0", p0)
tensor("adamw.grads", grads)
for name, lr, wd in (("adamw", 0.01, 0.1), ("adamw.strong", 0.05, 2.0), ("adamw.nodecay", 0.01, 0.0)):
    p = torch.nn.Parameter(p0.clone())
    opt = torch.optim.AdamW([p], lr=lr, weight_decay=wd)
    out = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        out.append(p.detach().clone())
    tensor(name, torch.stack(out))

# schedules: the learning rate of epochs 0..29 (scheduler.step() after each epoch, as PyTorch's
# documentation shows), through the chainable form every scheduler.step() call uses
warnings.simplefilter("ignore")
EPOCHS = 30


def rates(make, base):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sched = make(opt)
    out = []
    for _ in range(EPOCHS):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


L = torch.optim.lr_scheduler
tensor("schedule.step", rates(lambda o: L.StepLR(o, step_size=3, gamma=0.1), 0.1))
tensor("schedule.step.half", rates(lambda o: L.StepLR(o, step_size=1, gamma=0.5), 0.3))
tensor("schedule.exponential", rates(lambda o: L.ExponentialLR(o, gamma=0.9), 0.05))
tensor("schedule.cosine", rates(lambda o: L.CosineAnnealingLR(o, T_max=7), 0.1))
tensor("schedule.cosine.min", rates(lambda o: L.CosineAnnealingLR(o, T_max=5, eta_min=0.001), 0.01))

# clip_grad_norm_ over three parameters (shapes (3, 2), (2,), (1,)), store order, clipped and not
shapes = ((3, 2), (2,), (1,))
raw = [torch.randn(s, generator=gen) * 3 for s in shapes]
tensor("clip.grads", torch.cat([g.flatten() for g in raw]))
for name, max_norm in (("clip.small", 1.0), ("clip.large", 100.0)):
    ps = [torch.nn.Parameter(torch.zeros(s)) for s in shapes]
    for p, g in zip(ps, raw):
        p.grad = g.clone()
    total = torch.nn.utils.clip_grad_norm_(ps, max_norm)
    scalar(name + ".norm", total)
    tensor(name, torch.cat([p.grad.flatten() for p in ps]))

# all together: a Linear(3, 2) under MSE, full batch, 12 epochs of one step: clip_grad_norm_(0.5),
# AdamW(0.05, weight_decay=0.1), StepLR(4, 0.5); weights in nn-core's (in, out) layout
x = torch.randn(8, 3, generator=gen)
y = torch.randn(8, 2, generator=gen)
w0 = torch.randn(3, 2, generator=gen)
b0 = torch.randn(2, generator=gen)
tensor("fit.x", x)
tensor("fit.y", y)
tensor("fit.w0", w0)
tensor("fit.b0", b0)
w = torch.nn.Parameter(w0.clone())
b = torch.nn.Parameter(b0.clone())
opt = torch.optim.AdamW([w, b], lr=0.05, weight_decay=0.1)
sched = L.StepLR(opt, step_size=4, gamma=0.5)
losses = []
for epoch in range(12):
    opt.zero_grad()
    loss = torch.nn.functional.mse_loss(x @ w + b, y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_([w, b], 0.5)
    opt.step()
    sched.step()
    losses.append(loss.item())
tensor("fit.losses", losses)
tensor("fit.w", w.detach())
tensor("fit.b", b.detach())

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "training.txt")
with open(out, "w") as f:
    f.write("# PyTorch %s (float64), nn-core/src/test/python/gen_training.py\n" % torch.__version__)
    f.write("\n".join(records) + "\n")
