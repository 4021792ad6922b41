"""Every estimator gives the same results with Numba switched off.

Learners step through kernels with ``NUMBA_DISABLE_JIT=1``; that only teaches
something if the plain-Python run is the same algorithm. Each estimator is
fitted on a tiny problem in two fresh interpreters, one compiled and one not,
and every output is compared.
"""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]

SCRIPT = r"""
import sys, warnings
import numpy as np
sys.path.insert(0, {root!r})
from scratchml.base import clone
from scratchml.utils import all_estimators
from tests._common_config import INSTANCE_FACTORIES, NO_JIT_PARAMS
from tests._toy import toy_data, fit, outputs

warnings.simplefilter("ignore")
results = {{}}
for name, cls in all_estimators():
    est = INSTANCE_FACTORIES.get(name, cls)()
    if not est._all_tags()["two_d_array"]:
        continue  # label encoders take a 1-D y, not an X, and have no kernels
    params = dict(NO_JIT_PARAMS.get(name, {{}}))
    if "random_state" in est.get_params():
        params["random_state"] = 0
    est.set_params(**params)
    X, y = toy_data(est)
    fit(est, X, y)
    for key, value in outputs(est, X).items():
        results[f"{{name}}.{{key}}"] = value
np.savez({out!r}, **results)
"""


def _run(tmp_path, disable_jit):
    out = tmp_path / f"jit{int(not disable_jit)}.npz"
    env = dict(os.environ)
    env["NUMBA_DISABLE_JIT"] = "1" if disable_jit else "0"
    code = SCRIPT.format(root=str(ROOT), out=str(out))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(np.load(out))


def test_every_estimator_same_results_without_jit(tmp_path):
    plain = _run(tmp_path, disable_jit=True)
    compiled = _run(tmp_path, disable_jit=False)
    assert plain.keys() == compiled.keys()
    for key in plain:
        # Same operations in the same order; compiled code may still round a
        # few operations differently (LLVM's libm vs CPython's), and iterative
        # solvers carry that over a few hundred steps: 1e-9 relative is far
        # below any algorithmic difference and far above such rounding.
        np.testing.assert_allclose(plain[key], compiled[key], rtol=1e-9, atol=1e-10, err_msg=key)


@pytest.mark.parametrize("flag", ["1"])
def test_numba_disable_jit_env_is_honoured(flag):
    code = "import numba.core.config as c; print(c.DISABLE_JIT)"
    env = dict(os.environ, NUMBA_DISABLE_JIT=flag)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() in ("1", "True")
