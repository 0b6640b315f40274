"""PyTorch's own losses on the inputs of Chapters 5 and 6.

The book implements PyTorch's documented definitions in Rust. This script feeds the same
inputs to PyTorch itself: the source articles' examples, as the articles ran them (float32),
and every line of Chapter 6's `options` and `binary-options` programs (float64, to compare
definitions rather than roundings). Each of those lines is printed exactly as the program prints
it, so `listings/ch06-categorical-cross-entropy/tests/recorded.rs` can check that the book's
output contains it. A line ending in a note in parentheses is where the book differs on
purpose; the note says why.

    /work/pyenv/bin/python tools/reference-checks/torch_losses.py \
        > tools/reference-checks/torch_losses.out
"""

import platform

import torch

torch.set_num_threads(1)
f64 = torch.float64
nn = torch.nn


def show(name, value):
    if value.dim() == 0:
        text = f"{value.item():.4f}"
    else:
        text = "[" + ", ".join(f"{v:.4f}" for v in value.tolist()) + "]"
    print(f"{name:34} {text}")


def articles():
    print("The source articles' examples, float32 (PyTorch's default), as the articles ran them:")
    x = torch.tensor([0.0421, -0.6606, 0.6276, 1.2491, -1.1535,
                      -1.4137, 0.8967, -1.1786, -1.3214, 0.2828])
    y = torch.tensor([1.0, 0, 0, 1, 0, 0, 1, 0, 0, 0])
    print(f"ch05 frameworks: BCELoss()(sigmoid(x), y) = {nn.BCELoss()(torch.sigmoid(x), y).item():.4f}")
    print(f"ch05 frameworks: BCEWithLogitsLoss()(x, y) = {nn.BCEWithLogitsLoss()(x, y).item():.4f}")
    logits = torch.tensor([
        [-0.5698, -0.0558, -0.2550, 1.6812, 0.0238],
        [-2.1786, 1.3923, -0.2363, -0.4601, -1.4949],
        [1.3679, 1.2853, 0.4087, -0.5743, -0.2752],
        [2.1995, 0.1469, -0.1661, 0.4617, -0.4395],
        [-0.5686, -0.7453, -0.1455, -0.5304, 0.3020],
        [-0.1489, -0.9143, -1.5282, -0.5023, 1.2751],
        [-1.3830, -0.6535, 0.5392, -2.2050, -1.4138],
        [-0.5592, 1.5028, 0.0442, -1.5487, -0.1522],
        [0.7436, -1.8956, 1.0145, -0.2974, -2.0576],
        [0.1003, 0.6604, -1.3535, -0.3053, -0.4034],
    ])
    classes = torch.tensor([3, 0, 1, 1, 2, 4, 0, 2, 1, 3])
    print(f"ch06 tensor: CrossEntropyLoss()(X, y) = {nn.CrossEntropyLoss()(logits, classes).item():.4f}")
    rows = nn.CrossEntropyLoss(reduction="none")(logits, classes)
    print("ch06 tensor: per row " + " ".join(f"{v:.4f}" for v in rows.tolist()))


def options():
    print("Chapter 6, options (float64):")
    logits = torch.tensor([[2.0, 1.0, -1.0], [0.5, -0.5, 3.0], [0.2, 0.4, 0.1],
                           [-1.0, 2.0, 0.5]], dtype=f64)
    targets = torch.tensor([0, 2, 1, 0])
    weight = torch.tensor([3.0, 1.0, 1.0], dtype=f64)
    show("reduction none", nn.CrossEntropyLoss(reduction="none")(logits, targets))
    show("reduction sum", nn.CrossEntropyLoss(reduction="sum")(logits, targets))
    show("reduction mean (the default)", nn.CrossEntropyLoss()(logits, targets))
    show("weights [3, 1, 1], none",
         nn.CrossEntropyLoss(weight=weight, reduction="none")(logits, targets))
    show("weights [3, 1, 1], mean", nn.CrossEntropyLoss(weight=weight)(logits, targets))
    show("label smoothing 0.1", nn.CrossEntropyLoss(label_smoothing=0.1)(logits, targets))
    soft = nn.functional.one_hot(targets, 3).to(f64) * 0.9 + 0.1 / 3
    show("soft targets 0.9 onehot + 0.1/3", nn.CrossEntropyLoss()(logits, soft))
    show("soft targets, weights [3, 1, 1]", nn.CrossEntropyLoss(weight=weight)(logits, soft))
    show("third target ignored (index 9)",
         nn.CrossEntropyLoss(ignore_index=9)(logits, torch.tensor([0, 2, 9, 0])))
    masked = logits.clone()
    masked[3, 2] = -torch.inf
    show("class 2 of the last sample masked", nn.CrossEntropyLoss()(masked, targets))


def binary_options():
    print("Chapter 6, binary-options (float64):")
    logits = torch.tensor([1.5, -0.5, 2.0, -3.0], dtype=f64)
    targets = torch.tensor([1.0, 0.0, 0.0, 1.0], dtype=f64)
    show("reduction none", nn.BCEWithLogitsLoss(reduction="none")(logits, targets))
    show("reduction mean (the default)", nn.BCEWithLogitsLoss()(logits, targets))
    weight = torch.tensor([1.0, 1.0, 2.0, 0.5], dtype=f64)
    show("weight [1, 1, 2, 0.5]", nn.BCEWithLogitsLoss(weight=weight)(logits, targets))
    pos_weight = torch.tensor([3.0], dtype=f64)
    show("pos_weight 3", nn.BCEWithLogitsLoss(pos_weight=pos_weight)(logits, targets))
    probs = torch.tensor([torch.sigmoid(torch.tensor(1.5, dtype=f64)).item(), 0.0, 0.9],
                         dtype=f64)
    labels = torch.tensor([1.0, 1.0, 0.0], dtype=f64)
    value = nn.BCELoss()(probs, labels).item()
    print(f"{'probabilities, p = 0 for a 1':34} {value:.4f} "
          f"(BCELoss clamps ln 0 at -100; the book returns the true value, inf)")
    weighted = nn.BCELoss(weight=torch.tensor([1.0, 0.0, 1.0], dtype=f64))
    show("the same, that sample weight 0", weighted(probs, labels))


def main():
    print(f"python {platform.python_version()}, torch {torch.__version__} (CPU)")
    print()
    articles()
    print()
    options()
    print()
    binary_options()


if __name__ == "__main__":
    main()
