"""The benchmark runner itself: registry, discovery and one real (tiny) run."""

import json
import subprocess
import sys

import pytest

from benchmarks import _runner
from benchmarks._registry import METRICS, Case


def test_every_registered_case_is_well_formed():
    cases = _runner.discover()
    assert cases, "no benchmark cases registered"
    for case in cases:
        assert case.metric in METRICS
        assert case.tolerance >= 0
        ours, ref = case.scratch(), case.reference()
        # A wrapper defined in benchmarks/ (e.g. one feeding precomputed
        # distances) exposes the estimator it wraps as ``model``.
        ours, ref = (getattr(e, "model", e) if type(e).__module__.startswith("benchmarks.")
                     else e for e in (ours, ref))
        assert type(ours).__module__.startswith("scratchml."), case.name
        assert type(ref).__module__.startswith("sklearn."), case.name
        # Same hyper-parameters on both sides wherever both have the parameter.
        ref_params = ref.get_params(deep=False)
        for name, value in ours.get_params(deep=False).items():
            # A parameter scikit-learn has deprecated (default 'deprecated') is
            # one scratchml keeps on purpose; it cannot be compared.
            if name in ref_params and not hasattr(value, "get_params") \
                    and ref_params[name] != "deprecated":
                other = ref_params[name]
                both_numbers = all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                   for x in (value, other))
                same = repr(value) == repr(other) or (both_numbers and value == other)
                assert same or name in case.extra.get("differs", ()), (case.name, name)


def test_case_rejects_unknown_metric():
    with pytest.raises(ValueError, match="metric"):
        Case(name="x", family="x", dataset="x", data=None, scratch=None,
             reference=None, metric="speed", tolerance=0)


def test_runner_end_to_end_on_dummy_rows(tmp_path):
    # A real run of `python -m benchmarks` on the cheapest family: the table,
    # the JSON and the chart are written and the exit status is 0.
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--only", "dummy", "--no-progress",
         "--repeats", "1", "--threads", "1", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    assert "| DummyClassifier(most_frequent) | iris |" in out.stdout
    rows = json.loads((tmp_path / "results.json").read_text())["rows"]
    assert all(r["ok"] for r in rows)
    assert (tmp_path / "results.md").exists() and (tmp_path / "time_ratios.png").exists()


def test_runner_fails_when_quality_falls_short():
    # A case whose scratchml side is deliberately worse must fail the run:
    # predicting 1000 for every patient has R^2 far below the mean's ~0.
    from sklearn.dummy import DummyRegressor as SkDummy

    from benchmarks._data import bundled
    from scratchml.dummy import DummyRegressor

    case = Case(
        name="worse", family="t", dataset="diabetes", data=lambda: bundled("diabetes"),
        scratch=lambda: DummyRegressor(strategy="constant", constant=1000.0),
        reference=lambda: SkDummy(strategy="mean"),
        metric="r2", tolerance=0.5, extra={"differs": ("strategy", "constant")},
    )
    row = _runner.run_case(case, repeats=1)
    assert row["scratchml"] < row["sklearn"] - 0.5 and row["ok"] is False
