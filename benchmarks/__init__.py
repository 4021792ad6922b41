"""Side-by-side benchmarks of scratchml against scikit-learn (``python -m benchmarks``).

This package must not import NumPy at import time: ``__main__`` pins the
thread counts of BLAS and Numba first, and they are read when NumPy and Numba
load.
"""
