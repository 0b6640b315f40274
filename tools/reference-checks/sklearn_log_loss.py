"""What scikit-learn's `log_loss` accepts, and where it clips.

Chapter 6's table of Python calls says that `sklearn.metrics.log_loss` takes targets as labels
or as one-hot rows (its documentation: "array-like or label indicator matrix") and clips the
probabilities to [eps, 1 - eps] with eps the machine epsilon of their dtype. This script checks
both on scikit-learn itself; `sklearn_log_loss.out` is its output.

    /work/pyenv/bin/python tools/reference-checks/sklearn_log_loss.py \
        > tools/reference-checks/sklearn_log_loss.out
"""

import platform

import numpy as np
import sklearn
from sklearn.metrics import log_loss

print(f"python {platform.python_version()}, scikit-learn {sklearn.__version__}, numpy {np.__version__}")
probs = np.array([[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.1, 0.5, 0.4]])
labels = np.array([0, 2, 2])
one_hot = np.eye(3)[labels]
print(f"fruit, labels:       {log_loss(labels, probs, labels=[0, 1, 2]):.4f}")
print(f"fruit, one-hot rows: {log_loss(one_hot, probs):.4f}")
eps = np.finfo(np.float64).eps
certain_mistake = log_loss([1, 0], [[1.0, 0.0], [1.0, 0.0]], labels=[0, 1])
print(f"a certain mistake (p = 0 for the label), mean of 2 samples: {certain_mistake:.4f}")
print(f"-ln(eps) / 2 with eps = np.finfo(float64).eps: {-np.log(eps) / 2:.4f}")
