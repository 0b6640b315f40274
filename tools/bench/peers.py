"""The NumPy and PyTorch peers of the book's trainers, for tools/bench.

Each workload does what the book's trainer does, step for step, with one thread: the same
network (input, one hidden layer of ReLU units, logits), the same loss from the logits, Adam
with PyTorch's defaults, the loss before training, shuffled mini-batches, and the mean
validation loss after every epoch.
Only the training loop is timed, except in `whole`, which times a whole run like the book's
`train` program: read the CSV, one-hot encode, split, standardize, the untrained loss, the
epochs, and the test scores.

Prints one JSON object per repetition on standard output:
{"peer": ..., "workload": ..., "samples": ..., "cpu_s": ..., "wall_s": ...}
"""

import argparse
import json
import sys
import time

import numpy as np

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - reported by the caller
    threadpool_limits = None


def read_churn(path):
    """The churn CSV as the book's trainer reads it: four numbers, ContractType one-hot
    encoded with its first level dropped, and Churn as the label."""
    numbers = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1, 2, 3, 5))
    contract = np.loadtxt(path, delimiter=",", skiprows=1, usecols=4, dtype=str)
    levels, codes = np.unique(contract, return_inverse=True)
    onehot = (codes[:, None] == np.arange(1, len(levels))[None, :]).astype(np.float64)
    x = np.concatenate([numbers[:, :4], onehot], axis=1)
    y = numbers[:, 4].astype(np.int64)
    return x, y


def read_iris(path):
    x = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1, 2, 3))
    species = np.loadtxt(path, delimiter=",", skiprows=1, usecols=4, dtype=str)
    _, y = np.unique(species, return_inverse=True)
    return x, y.astype(np.int64)


def split(n, test_fraction, validation_fraction, rng):
    order = rng.permutation(n)
    n_test = int(round(n * test_fraction))
    test, rest = order[:n_test], order[n_test:]
    n_val = int(round(len(rest) * validation_fraction))
    return rest[n_val:], rest[:n_val], test


def standardize(x, rows):
    mean = x[rows].mean(axis=0)
    std = x[rows].std(axis=0)
    std[std == 0] = 1.0
    return (x - mean) / std


# ---------------------------------------------------------------- NumPy


class NumpyNet:
    def __init__(self, sizes, rng):
        self.params = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            bound = 1.0 / np.sqrt(fan_in)
            self.params.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
            self.params.append(rng.uniform(-bound, bound, (1, fan_out)))
        self.m = [np.zeros_like(p) for p in self.params]
        self.s = [np.zeros_like(p) for p in self.params]
        self.t = 0

    def forward(self, x):
        inputs, zs = [], []
        a = x
        layers = len(self.params) // 2
        for l in range(layers):
            w, b = self.params[2 * l], self.params[2 * l + 1]
            z = a @ w + b
            inputs.append(a)
            zs.append(z)
            a = np.maximum(z, 0.0) if l < layers - 1 else z
        return inputs, zs

    def backward(self, inputs, zs, delta):
        grads = [None] * len(self.params)
        for l in reversed(range(len(self.params) // 2)):
            grads[2 * l] = inputs[l].T @ delta
            grads[2 * l + 1] = delta.sum(axis=0, keepdims=True)
            if l > 0:
                delta = (delta @ self.params[2 * l].T) * (zs[l - 1] > 0)
        return grads

    def adam(self, grads, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.t += 1
        step = lr / (1 - beta1**self.t)
        correction = np.sqrt(1 - beta2**self.t)
        for p, g, m, s in zip(self.params, grads, self.m, self.s):
            m *= beta1
            m += (1 - beta1) * g
            s *= beta2
            s += (1 - beta2) * g * g
            p -= step * m / (np.sqrt(s) / correction + eps)


def numpy_loss_and_grad(logits, y, classes):
    n = len(y)
    if classes == 2:
        z = logits[:, 0]
        loss = np.mean(np.logaddexp(0.0, z) - y * z)
        p = 1.0 / (1.0 + np.exp(-z))
        return loss, ((p - y) / n)[:, None]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_p = shifted - log_norm
    loss = -np.mean(log_p[np.arange(n), y])
    grad = np.exp(log_p)
    grad[np.arange(n), y] -= 1.0
    return loss, grad / n


def numpy_loss(net, x, y, classes, rows=4096):
    total = 0.0
    for start in range(0, len(y), rows):
        _, zs = net.forward(x[start : start + rows])
        loss, _ = numpy_loss_and_grad(zs[-1], y[start : start + rows], classes)
        total += loss * len(y[start : start + rows])
    return total / len(y)


def numpy_train(data, sizes, lr, batch, epochs, classes, seed):
    xtr, ytr, xva, yva = data
    rng = np.random.default_rng(seed)
    net = NumpyNet(sizes, rng)
    numpy_loss(net, xtr, ytr, classes)  # the loss before training, as the book's loop has
    for _ in range(epochs):
        order = rng.permutation(len(ytr))
        for start in range(0, len(ytr), batch):
            rows = order[start : start + batch]
            inputs, zs = net.forward(xtr[rows])
            _, grad = numpy_loss_and_grad(zs[-1], ytr[rows], classes)
            net.adam(net.backward(inputs, zs, grad), lr)
        numpy_loss(net, xva, yva, classes)
    return net


# ---------------------------------------------------------------- PyTorch


def torch_train(data, sizes, lr, batch, epochs, classes, seed):
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    xtr, ytr, xva, yva = (torch.from_numpy(np.ascontiguousarray(a)) for a in data)
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(fan_in, fan_out, dtype=torch.float64))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    if classes == 2:
        loss_fn = torch.nn.BCEWithLogitsLoss()
        ytr_t, yva_t = ytr.double().unsqueeze(1), yva.double().unsqueeze(1)
    else:
        loss_fn = torch.nn.CrossEntropyLoss()
        ytr_t, yva_t = ytr, yva
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    with torch.no_grad():
        loss_fn(net(xtr), ytr_t).item()  # the loss before training, as the book's loop has
    for _ in range(epochs):
        order = torch.randperm(len(ytr))
        for start in range(0, len(ytr), batch):
            rows = order[start : start + batch]
            opt.zero_grad()
            loss = loss_fn(net(xtr[rows]), ytr_t[rows])
            loss.backward()
            opt.step()
        with torch.no_grad():
            loss_fn(net(xva), yva_t).item()
    return net


# ---------------------------------------------------------------- workloads


def cpu_and_wall(work):
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def prepared(kind, path, seed=42):
    x, y = read_churn(path) if kind == "churn" else read_iris(path)
    rng = np.random.default_rng(seed)
    train, val, _ = split(len(y), 0.2, 0.2, rng)
    x = standardize(x, train)
    return (x[train], y[train], x[val], y[val]), x.shape[1], int(y.max()) + 1


def whole_run(path, seed=42):
    """What the book's `train` program does, on the churn CSV, with NumPy."""
    x, y = read_churn(path)
    rng = np.random.default_rng(seed)
    train, val, test = split(len(y), 0.2, 0.2, rng)
    x = standardize(x, train)
    net = NumpyNet([x.shape[1], 16, 1], rng)
    numpy_loss(net, x[train], y[train], 2)  # the untrained loss
    data = (x[train], y[train], x[val], y[val])
    order = rng.permutation(len(train))
    xtr, ytr = data[0], data[1]
    for start in range(0, len(ytr), 32):
        rows = order[start : start + 32]
        inputs, zs = net.forward(xtr[rows])
        _, grad = numpy_loss_and_grad(zs[-1], ytr[rows], 2)
        net.adam(net.backward(inputs, zs, grad), 0.001)
    numpy_loss(net, data[2], data[3], 2)
    _, zs = net.forward(x[test])
    loss, _ = numpy_loss_and_grad(zs[-1], y[test], 2)
    p = 1.0 / (1.0 + np.exp(-zs[-1][:, 0]))
    predicted = (p >= 0.5).astype(np.int64)
    accuracy = np.mean(predicted == y[test])
    ranks = np.argsort(np.argsort(p)) + 1
    positives = y[test] == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    auc = (ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    print(f"test loss {loss:.4f} accuracy {accuracy:.4f} ROC AUC {auc:.4f}", file=sys.stderr)
    return len(y)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=["churn", "iris", "whole", "read"])
    parser.add_argument("--peer", choices=["numpy", "torch"], default="numpy")
    parser.add_argument("--data", required=True)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--hidden", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if threadpool_limits is None:
        sys.exit("threadpoolctl is missing: cannot hold NumPy's BLAS to one thread")
    with threadpool_limits(limits=1):
        if args.workload in ("whole", "read"):
            for _ in range(args.repeats):
                if args.workload == "whole":
                    rows, cpu, wall = cpu_and_wall(lambda: whole_run(args.data))
                else:
                    (_, y), cpu, wall = cpu_and_wall(lambda: read_churn(args.data))
                    rows = len(y)
                print(json.dumps({"peer": args.peer, "workload": args.workload,
                                  "samples": rows, "cpu_s": cpu, "wall_s": wall}), flush=True)
            return
        data, inputs, classes = prepared(args.workload, args.data)
        sizes = [inputs, args.hidden, 1 if classes == 2 else classes]
        train = numpy_train if args.peer == "numpy" else torch_train
        # One short untimed run first, so that lazy initialization is not counted.
        warm = (data[0][:256], data[1][:256], data[2][:256], data[3][:256])
        train(warm, sizes, args.lr, args.batch, 1, classes, 42)
        for _ in range(args.repeats):
            _, cpu, wall = cpu_and_wall(
                lambda: train(data, sizes, args.lr, args.batch, args.epochs, classes, 42)
            )
            samples = len(data[1]) * args.epochs
            print(json.dumps({"peer": args.peer, "workload": args.workload,
                              "samples": samples, "cpu_s": cpu, "wall_s": wall}), flush=True)


if __name__ == "__main__":
    main()
