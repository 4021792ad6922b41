"""Run a scratchml metric and its scikit-learn twin on the same input and compare.

Both the values (to 1e-12) and the behaviour on undefined input must agree:
the same exception class, and the same warning classes (by name, since
scratchml has its own ``UndefinedMetricWarning``) with the same messages.
"""

import warnings

import numpy as np


def _run(func, args, kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = func(*args, **kwargs)
            error = None
        except (ValueError, TypeError, NotImplementedError) as exc:
            result, error = None, exc
    seen = sorted({(w.category.__name__, str(w.message)) for w in caught
                   if not issubclass(w.category, (DeprecationWarning, FutureWarning))})
    return result, error, seen


def assert_close(ours, theirs, tol=1e-12):
    """Equal values (NaN == NaN) for floats, arrays, tuples, dicts and strings."""
    if isinstance(theirs, dict):
        assert isinstance(ours, dict) and list(ours) == list(theirs)
        for key in theirs:
            assert_close(ours[key], theirs[key], tol)
    elif isinstance(theirs, (tuple, list)):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            assert_close(a, b, tol)
    elif isinstance(theirs, str):
        assert ours == theirs, f"\n{ours}\n!=\n{theirs}"
    elif theirs is None:
        assert ours is None
    else:
        ours_arr, theirs_arr = np.asarray(ours), np.asarray(theirs)
        assert ours_arr.shape == theirs_arr.shape, (ours_arr.shape, theirs_arr.shape)
        np.testing.assert_allclose(ours_arr, theirs_arr, rtol=tol, atol=tol, equal_nan=True)


def assert_same(ours, theirs, *args, check_messages=True, tol=1e-12, **kwargs):
    """Call ``ours`` and ``theirs`` with the same arguments and compare everything."""
    r1, e1, w1 = _run(ours, args, kwargs)
    r2, e2, w2 = _run(theirs, args, kwargs)
    if e2 is not None:
        assert e1 is not None, f"scikit-learn raised {e2!r}, scratchml returned {r1!r}"
        assert isinstance(e1, type(e2)) or type(e2).__name__ == "InvalidParameterError", (e1, e2)
        return None
    assert e1 is None, f"scratchml raised {e1!r}, scikit-learn returned {r2!r}"
    if check_messages:
        assert w1 == w2, (w1, w2)
    else:
        assert [c for c, _ in w1] == [c for c, _ in w2], (w1, w2)
    assert_close(r1, r2, tol)
    return r1
