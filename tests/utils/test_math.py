"""Stable maths helpers: exact where the naive formula overflows or cancels."""

import warnings

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scratchml.utils._math import expit, log_expit, logsumexp, softmax, svd_flip

finite = st.floats(-1e4, 1e4, allow_nan=False)


def test_expit_no_overflow_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails the test
        np.testing.assert_array_equal(expit(np.array([-1e4, 0.0, 1e4])), [0.0, 0.5, 1.0])
        assert np.isfinite(log_expit(np.array([-1e4, 1e4]))).all()
    assert log_expit(np.array([-1e4]))[0] == -1e4


@given(arrays(np.float64, st.integers(1, 20), elements=finite))
def test_expit_matches_definition_and_symmetry(z):
    # Against the textbook formula where it is safe (|z| < 700), to rounding.
    safe = np.abs(z) < 700
    np.testing.assert_allclose(expit(z)[safe], 1 / (1 + np.exp(-z[safe])), rtol=1e-14)
    np.testing.assert_allclose(expit(z) + expit(-z), 1.0, rtol=1e-15)


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=finite))
def test_softmax_rows_sum_to_one_and_logsumexp_agrees(Z):
    P = softmax(Z)
    assert np.isfinite(P).all()
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
    # exp(Z - logsumexp(Z)) is the softmax, computed another way.
    lse = logsumexp(Z, axis=1)
    np.testing.assert_allclose(np.exp(Z - lse[:, None]), P, rtol=1e-9, atol=1e-300)


def test_logsumexp_all_minus_inf_row():
    out = logsumexp(np.array([[-np.inf, -np.inf], [0.0, 0.0]]), axis=1)
    assert out[0] == -np.inf and np.isclose(out[1], np.log(2))


def test_svd_flip_largest_loading_positive_and_product_unchanged(rng):
    A = rng.normal(size=(6, 4))
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    U2, Vt2 = svd_flip(U, Vt)
    np.testing.assert_allclose((U2 * s) @ Vt2, A, atol=1e-12)
    rows = np.argmax(np.abs(U2), axis=0)
    assert (U2[rows, np.arange(4)] > 0).all()


def test_serial_twin_has_its_own_numba_cache_entry(tmp_path):
    # A serial twin compiled from the same function as a parallel kernel must
    # not load the parallel machine code from Numba's on-disk cache (nor the
    # reverse): the twin is a renamed copy, so its cache files differ.
    import os
    import subprocess
    import sys
    import textwrap

    (tmp_path / "twinmod.py").write_text(textwrap.dedent('''
        import numba
        import numpy as np
        from scratchml.utils._numba import serial_twin

        def thread_ids(x):
            out = np.empty(x.shape[0])
            for i in numba.prange(x.shape[0]):
                out[i] = numba.get_thread_id()
            return out

        parallel = numba.njit(cache=True, parallel=True)(thread_ids)
        serial = serial_twin(thread_ids)
    '''))
    script = ("import numpy as np, numba, twinmod; numba.set_num_threads(min(2, "
              "numba.config.NUMBA_NUM_THREADS)); x = np.zeros(200000); "
              "p = twinmod.parallel(x).max(); s = twinmod.serial(x).max(); print(p, s)")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "NUMBA_NUM_THREADS": "2"}
    env.pop("NUMBA_DISABLE_JIT", None)
    for _ in range(2):  # the second run loads both from the cache
        out = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        _, ser_max = map(float, out.stdout.split())
        assert ser_max == 0.0  # the serial twin never leaves the calling thread
