"""What PyTorch and Keras really return for binary cross-entropy at the edges.

Chapter 5's `edges` program scores one sample with label 0 and a growing logit z: the exact loss
from the logit, and the loss that PyTorch's `BCELoss` and Keras's `BinaryCrossentropy` give when
they are handed the probability sigmoid(z). The frameworks compute in float32 by default; the
book emulates them in `f32` (`frameworks.rs`). This script records what the libraries
themselves return on the same inputs, with their gradients with respect to z, and the
thresholds where float32 runs out: the smallest float32 z whose sigmoid is exactly 1.0, and the
caps of the clamp and the clip. `bce_edges.out` is its captured output; the chapter binds its
framework numbers to it, and a test checks the book's emulation against it.

    KERAS_BACKEND=jax /work/pyenv/bin/python tools/reference-checks/bce_edges.py \
        > tools/reference-checks/bce_edges.out
"""

import os
import platform
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)

EDGES = [0.0, 5.0, 10.0, 16.0, 16.5, 17.0, 20.0, 36.0, 37.0, 40.0, 100.0, 1000.0]


def torch_bce(z, dtype, label=0.0):
    """BCELoss()(torch.sigmoid(z), label) and its gradient with respect to z."""
    zt = torch.tensor([z], dtype=dtype, requires_grad=True)
    p = torch.sigmoid(zt)
    loss = torch.nn.BCELoss()(p, torch.tensor([label], dtype=dtype))
    loss.backward()
    return p.item(), loss.item(), zt.grad.item()


def torch_bce_with_logits(z, dtype, label=0.0):
    zt = torch.tensor([z], dtype=dtype, requires_grad=True)
    loss = torch.nn.BCEWithLogitsLoss()(zt, torch.tensor([label], dtype=dtype))
    loss.backward()
    return loss.item(), zt.grad.item()


def keras_bce(z, label=0.0):
    """BinaryCrossentropy()([label], keras.ops.sigmoid(z)) in float32, and its gradient."""
    loss_fn = keras.losses.BinaryCrossentropy()

    def loss_of(zz):
        p = keras.ops.sigmoid(zz)
        return loss_fn(jnp.array([label], dtype=jnp.float32), p)

    z32 = jnp.array([z], dtype=jnp.float32)
    p = keras.ops.sigmoid(z32)
    value, grad = jax.value_and_grad(loss_of)(z32)
    return float(p[0]), float(value), float(grad[0])


def first_float32(pred):
    """The smallest positive float32 z (by bisection on its bit pattern) for which pred(z)."""
    value = lambda bits: float(np.array(bits, dtype=np.int32).view(np.float32))  # noqa: E731
    lo = int(np.array(1.0, dtype=np.float32).view(np.int32))
    hi = int(np.array(1000.0, dtype=np.float32).view(np.int32))
    assert not pred(value(lo)) and pred(value(hi))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(value(mid)):
            hi = mid
        else:
            lo = mid
    return value(hi)


def first_float64(pred):
    value = lambda bits: float(np.array(bits, dtype=np.int64).view(np.float64))  # noqa: E731
    lo = int(np.array(1.0).view(np.int64))
    hi = int(np.array(1000.0).view(np.int64))
    assert not pred(value(lo)) and pred(value(hi))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(value(mid)):
            hi = mid
        else:
            lo = mid
    return value(hi)


def main():
    print(f"python {platform.python_version()}, torch {torch.__version__} (CPU), "
          f"keras {keras.__version__} (backend {keras.backend.backend()}, jax {jax.__version__}), "
          f"numpy {np.__version__}")
    print(f"keras epsilon {keras.config.epsilon()!r}, as float32 "
          f"{float(np.float32(keras.config.epsilon()))!r}, "
          f"1 - epsilon in float32 {float(np.float32(1) - np.float32(keras.config.epsilon()))!r}")
    print()
    print("One sample, label 0, logit z, float32 (both frameworks' default):")
    print("      z  torch.sigmoid  BCELoss   BCELoss-grad  keras-sigmoid  Keras-BCE  "
          "Keras-grad  BCEWithLogits  its-grad")
    for z in EDGES:
        tp, tl, tg = torch_bce(z, torch.float32)
        wl, wg = torch_bce_with_logits(z, torch.float32)
        kp, kl, kg = keras_bce(z)
        print(f"{z:7}  {tp:13.8f}  {tl:8.4f}  {tg:12.4f}  {kp:13.8f}  {kl:9.4f}  {kg:10.4f}  "
              f"{wl:13.4f}  {wg:8.4f}")
    print()
    print("The same in float64 (torch), for the book's f64 columns:")
    print("      z  BCELoss   BCEWithLogits")
    for z in EDGES:
        _, tl, _ = torch_bce(z, torch.float64)
        wl, _ = torch_bce_with_logits(z, torch.float64)
        print(f"{z:7}  {tl:8.4f}  {wl:13.4f}")
    print()
    print("Caps, float32:")
    one = torch.tensor([1.0]); zero = torch.tensor([0.0])
    print(f"torch BCELoss(p=1, label=0) = {torch.nn.BCELoss()(one, zero).item():.4f}")
    print(f"torch BCELoss(p=0, label=1) = {torch.nn.BCELoss()(zero, one).item():.4f}")
    bce = keras.losses.BinaryCrossentropy()
    print(f"keras BinaryCrossentropy(p=1, label=0) = "
          f"{float(bce(np.array([0.0], np.float32), np.array([1.0], np.float32))):.4f}")
    print(f"keras BinaryCrossentropy(p=0, label=1) = "
          f"{float(bce(np.array([1.0], np.float32), np.array([0.0], np.float32))):.4f}")
    print()
    print("Thresholds (smallest z, found by bisection over the float32 or float64 values):")
    z_torch = first_float32(lambda z: torch.sigmoid(torch.tensor([z])).item() == 1.0)
    print(f"torch.sigmoid is exactly 1.0 in float32 from z = {z_torch!r}")
    z_keras = first_float32(
        lambda z: float(keras.ops.sigmoid(jnp.array([z], dtype=jnp.float32))[0]) == 1.0)
    print(f"keras.ops.sigmoid is exactly 1.0 in float32 from z = {z_keras!r}")
    z_100 = first_float32(lambda z: torch_bce(float(z), torch.float32)[1] == 100.0)
    print(f"torch BCELoss(sigmoid(z), 0) is 100 in float32 from z = {z_100!r}")
    cap = float(bce(np.array([0.0], np.float32), np.array([1.0], np.float32)))
    z_cap = first_float32(lambda z: keras_bce(float(z))[1] == cap)
    print(f"keras BinaryCrossentropy(sigmoid(z), 0) reaches its cap in float32 from z = {z_cap!r}")
    z_64 = first_float64(
        lambda z: torch.sigmoid(torch.tensor([z], dtype=torch.float64)).item() == 1.0)
    print(f"torch.sigmoid is exactly 1.0 in float64 from z = {z_64!r}")


if __name__ == "__main__":
    sys.exit(main())
