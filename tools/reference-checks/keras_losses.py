"""Runs the source articles' loss examples through Keras itself.

The book cannot run Keras in its test suite, so Chapters 5 and 6 implement Keras's documented
definitions and print the results. This script is the cross-check: it feeds the same inputs to
Keras and prints its values, to compare with the snapshots named in each line.

    python3 -m venv /tmp/keras-venv
    /tmp/keras-venv/bin/pip install keras jax scipy
    KERAS_BACKEND=jax /tmp/keras-venv/bin/python tools/reference-checks/keras_losses.py
"""

import keras
import numpy as np

f32 = "float32"

# Chapter 5, `frameworks`: the article's list example and its 10-value tensor.
targets = np.array([0, 1, 0, 0, 0, 0], dtype=f32)
probs = np.array([0.5, 0.7, 0.2, 0.3, 0.5, 0.6], dtype=f32)
x = np.array([0.0421, -0.6606, 0.6276, 1.2491, -1.1535,
              -1.4137, 0.8967, -1.1786, -1.3214, 0.2828], dtype=f32)
labels = np.array([1, 0, 0, 1, 0, 0, 1, 0, 0, 0], dtype=f32)

# Chapter 6, `tensor`: the 10 x 5 logits, their classes, and the dog example.
logits = np.array([
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
], dtype=f32)
classes = np.array([3, 0, 1, 1, 2, 4, 0, 2, 1, 3])

rows = [
    ("ch05 frameworks: BinaryCrossentropy, list example",
     keras.losses.BinaryCrossentropy()(targets, probs)),
    ("ch05 frameworks: BinaryCrossentropy(from_logits=True), tensor",
     keras.losses.BinaryCrossentropy(from_logits=True)(labels, x)),
    ("ch06 tensor: SparseCategoricalCrossentropy(from_logits=True), mean",
     keras.losses.SparseCategoricalCrossentropy(from_logits=True)(classes, logits)),
    ("ch06 tensor: CategoricalCrossentropy, the dog",
     keras.losses.CategoricalCrossentropy()(np.array([[0, 1, 0]], dtype=f32),
                                             np.array([[0.05, 0.85, 0.10]], dtype=f32))),
]
print(f"keras {keras.__version__}, backend {keras.backend.backend()}")
for name, value in rows:
    print(f"{float(value):.4f}  {name}")
per_row = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)(classes, logits)
print("per row (ch06 tensor):", " ".join(f"{float(v):.4f}" for v in per_row))
