"""``python -m benchmarks``: fit scratchml and scikit-learn side by side.

For every registered case (``benchmarks/bench_*.py``) both libraries fit the
same hyper-parameters on the same training split; the table shows test
quality for each, the median fit and predict times, their ratios
(scratchml / scikit-learn: below 1 means scratchml is faster) and, in its own
column, the JIT compile time scratchml paid on its first call.

The run exits with status 1 when a scratchml quality value falls short of
scikit-learn's by more than the case's stated tolerance, or a case fails.
"""

import argparse
import atexit
import os
import shutil
import sys
import tempfile


def _parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Compare scratchml with scikit-learn on the same data and settings.",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes only (default)")
    size.add_argument("--full", action="store_true", help="also the larger sizes that show how cost grows with n")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run cases whose estimator, family or dataset contains NAME (repeatable)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="BLAS and Numba threads for both libraries (default: all cores)")
    parser.add_argument("--repeats", type=int, default=None, help="override every case's timed repeats")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results"),
                        help="folder for results.md, results.json and time_ratios.png")
    parser.add_argument("--keep-jit-cache", action="store_true",
                        help="reuse Numba's on-disk cache (the JIT column then shows cache loading, not compiling)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def _pin_threads(n):
    # Read by OpenBLAS/MKL/OpenMP and Numba when they load, hence before any
    # import of NumPy or Numba.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                "BLIS_NUM_THREADS", "NUMBA_NUM_THREADS"):
        os.environ[var] = str(n)


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    if args.threads < 1:
        print(f"--threads={args.threads} must be at least 1", file=sys.stderr)
        return 2
    _pin_threads(args.threads)
    if not args.keep_jit_cache:
        # A fresh cache directory, so the JIT column shows real compile time
        # instead of hiding it behind a warm cache from an earlier run;
        # removed again when the run ends.
        cache = tempfile.mkdtemp(prefix="scratchml-bench-numba-")
        os.environ["NUMBA_CACHE_DIR"] = cache
        atexit.register(shutil.rmtree, cache, ignore_errors=True)

    from ._runner import run  # imports NumPy, Numba, scikit-learn

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
