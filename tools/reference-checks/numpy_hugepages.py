"""Which NumPy arrays Linux is asked to back with pages of two megabytes.

Appendix B says that NumPy marks every array of four megabytes or more with
`madvise(MADV_HUGEPAGE)`, and that the book's `fast::HugePages` marks blocks from the same size.
This script allocates NumPy arrays just below and at that size and reads the flags of the
mapping that holds each from `/proc/self/smaps` ("hg" is the mark). Linux only.
`numpy_hugepages.out` is its captured output.

    /tmp/venv/bin/python tools/reference-checks/numpy_hugepages.py \
        > tools/reference-checks/numpy_hugepages.out
"""

import platform
import sys

import numpy as np


def flags_at(address):
    """The VmFlags of the mapping of this process that holds `address`."""
    inside = False
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            first = line.split()[0]
            if "-" in first and not first.endswith(":"):
                low, high = (int(part, 16) for part in first.split("-"))
                inside = low <= address < high
            elif inside and line.startswith("VmFlags:"):
                return line.split()[1:]
    raise LookupError(hex(address))


HUGE = 2 << 20
print(f"python {platform.python_version()}, numpy {np.__version__}, linux {platform.release()}")
with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
    print(f"transparent huge pages: {f.read().strip()}")
print("bytes of the array, and whether a whole 2 MB page inside it is marked (hg):")
for size in [(4 << 20) - 8, 4 << 20]:
    array = np.ones(size // 8)
    start = array.ctypes.data
    inside = (start + HUGE - 1) // HUGE * HUGE
    if inside + HUGE > start + size:
        inside = start
    marked = "hg" in flags_at(inside)
    print(f"  {size:>9} bytes: {'marked' if marked else 'not marked'}")
    del array
sys.stdout.flush()
