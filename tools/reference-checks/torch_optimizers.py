"""Runs Chapter 9's two optimizer problems through PyTorch's own optimizers.

Chapter 9 writes gradient descent, momentum and Adam in Rust from PyTorch's documented update
rules and prints their walks (`first-steps`, `valley`). This script walks the same problems with
`torch.optim.SGD` and `torch.optim.Adam` in double precision, and prints the same numbers, to
compare with those snapshots. The chapter binds its comparison to this script's recorded output,
`torch_optimizers.out`.

    /work/pyenv/bin/python tools/reference-checks/torch_optimizers.py > tools/reference-checks/torch_optimizers.out

(any Python with torch installed will do: `pip install torch`).
"""

import platform

import torch

torch.set_default_dtype(torch.float64)


print(f"torch {torch.__version__}, python {platform.python_version()}, float64")

# Chapter 9, `first-steps`: f(w) = (w - 3)^2 from w = 0, learning rate 0.1, five steps.
print("first steps on (w - 3)^2 from w = 0, learning rate 0.1")
walks = {}
for name in ["sgd", "momentum", "adam"]:
    w = torch.zeros(1, requires_grad=True)
    if name == "sgd":
        opt = torch.optim.SGD([w], lr=0.1)
    elif name == "momentum":
        opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    else:
        opt = torch.optim.Adam([w], lr=0.1)
    walk = []
    for _ in range(5):
        opt.zero_grad()
        loss = ((w - 3.0) ** 2).sum()
        loss.backward()
        opt.step()
        walk.append(w.item())
    walks[name] = walk
print("step        sgd   momentum       adam")
for step in range(5):
    print(f"{step + 1:4}  {walks['sgd'][step]:9.6f}  {walks['momentum'][step]:9.6f}  "
          f"{walks['adam'][step]:9.6f}")
for name in ["sgd", "momentum", "adam"]:
    print(f"{name} in full: " + " ".join(repr(v) for v in walks[name]))

# Chapter 9, `valley`: f(x, y) = x^2/10 + 5 y^2 from (-9, 1.5), 60 steps, at the chapter's rates.
print("valley x^2/10 + 5 y^2 from (-9, 1.5): height every ten steps")
settings = [
    ("sgd", lambda p: torch.optim.SGD([p], lr=0.18)),
    ("momentum", lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9)),
    ("adam", lambda p: torch.optim.Adam([p], lr=0.5)),
]
heights = {}
for name, make in settings:
    p = torch.tensor([-9.0, 1.5], requires_grad=True)
    opt = make(p)
    hs = []
    for step in range(61):
        f = p[0] ** 2 / 10.0 + 5.0 * p[1] ** 2
        hs.append(f.item())
        opt.zero_grad()
        f.backward()
        opt.step()
    heights[name] = hs
print("valley step        sgd   momentum       adam")
for step in range(0, 61, 10):
    print(f"valley {step:4}  {heights['sgd'][step]:9.4f}  {heights['momentum'][step]:9.4f}  "
          f"{heights['adam'][step]:9.4f}")
