"""The second source article's Iris trainer, run in PyTorch over network seeds 0-9.

The article's setup exactly: scikit-learn's Iris, standardized on all 150 rows, then
`train_test_split(test_size=0.2, random_state=42)`; a 4 -> 10 ReLU -> 3 network,
`CrossEntropyLoss`, Adam with lr 0.01, batches of 16 shuffled by a `DataLoader`, 15 epochs,
with the stray `=` of its training loop removed. The seed (`torch.manual_seed`) is set before
the network is made, so it decides the initial weights and the batch order; the split is the
same 30 test flowers for every seed. The article never scores its test split; this script does,
once, after the last epoch, and prints the accuracy per seed and the mean.

Run from the repository root:
    /work/pyenv/bin/python tools/reference-checks/torch_iris_seeds.py > tools/reference-checks/torch_iris_seeds.out
"""

import platform

import numpy as np
import sklearn
import torch
import torch.nn as nn
import torch.optim as optim
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)


class IrisNet(nn.Module):
    def __init__(self, input_dim, output_dim):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(input_dim, 10), nn.ReLU(), nn.Linear(10, output_dim)
        )

    def forward(self, x):
        return self.layers(x)


def one_seed(seed, X_train, y_train, X_test, y_test):
    torch.manual_seed(seed)
    model = IrisNet(input_dim=4, output_dim=3)
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=0.01)
    loader = DataLoader(
        TensorDataset(X_train, y_train), batch_size=16, shuffle=True
    )
    for _ in range(15):
        for inputs, targets in loader:
            optimizer.zero_grad()
            loss = criterion(model(inputs), targets)
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        predicted = model(X_test).argmax(dim=1)
    correct = int((predicted == y_test).sum())
    return correct, len(y_test)


def main():
    print(
        f"python {platform.python_version()}, torch {torch.__version__}, "
        f"numpy {np.__version__}, scikit-learn {sklearn.__version__}"
    )
    iris = load_iris()
    X = StandardScaler().fit_transform(iris.data)
    y = iris.target
    X_train, X_test, y_train, y_test, rows_train, rows_test = train_test_split(
        X, y, np.arange(len(y)), test_size=0.2, random_state=42
    )
    X_train = torch.tensor(X_train, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.long)
    X_test = torch.tensor(X_test, dtype=torch.float32)
    y_test = torch.tensor(y_test, dtype=torch.long)
    print(f"train rows {len(y_train)}, test rows {len(y_test)} (random_state=42)")
    print("test rows (0-based, in split order):", " ".join(str(r) for r in rows_test))
    print("seed  correct  test accuracy")
    accuracies = []
    for seed in range(10):
        correct, total = one_seed(seed, X_train, y_train, X_test, y_test)
        accuracies.append(correct / total)
        print(f"{seed:4}  {correct:4} of {total}  {correct / total:13.4f}")
    print(
        f"torch test accuracy over 10 seeds: mean {np.mean(accuracies):.4f}, "
        f"min {min(accuracies):.4f}, max {max(accuracies):.4f}"
    )


if __name__ == "__main__":
    main()
