"""What the churn article's route, `torch.sigmoid` then `nn.BCELoss`, does to a confident
mistake, beside `nn.BCEWithLogitsLoss`, in PyTorch's default single precision.

One sample whose target is 0, at logits growing from 0 to 100: the loss and its gradient with
respect to the logit, by autograd, for both routes. Chapter 11's `logits` program computes the
same two routes in Rust.

Run from the repository root:
    /work/pyenv/bin/python tools/reference-checks/torch_bce_saturation.py > tools/reference-checks/torch_bce_saturation.out
"""

import platform

import torch
import torch.nn as nn

torch.set_num_threads(1)


def route(z_value, loss_of_logit):
    z = torch.tensor([z_value], dtype=torch.float32, requires_grad=True)
    loss = loss_of_logit(z)
    loss.backward()
    return loss.item(), z.grad.item()


def main():
    print(f"python {platform.python_version()}, torch {torch.__version__}, float32")
    target = torch.tensor([0.0])
    two_step = lambda z: nn.BCELoss()(torch.sigmoid(z), target)
    one_step = lambda z: nn.BCEWithLogitsLoss()(z, target)
    print("     z   sigmoid   BCELoss(sigmoid)   its grad   BCEWithLogitsLoss   its grad")
    for z in [0.0, 2.0, 5.0, 10.0, 16.0, 17.0, 20.0, 40.0, 100.0]:
        p = torch.sigmoid(torch.tensor([z], dtype=torch.float32)).item()
        loss2, grad2 = route(z, two_step)
        loss1, grad1 = route(z, one_step)
        print(
            f"{z:6.1f}   {p:.7f}   {loss2:16.6f}   {grad2:8.6f}   {loss1:17.6f}   {grad1:8.6f}"
        )


if __name__ == "__main__":
    main()
