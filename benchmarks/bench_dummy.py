"""Baseline rows: every other row of the table is read against these."""

from sklearn import dummy as sk

from benchmarks._data import bundled
from benchmarks._registry import Case, register
from scratchml import dummy as sm

EXACT = "same closed-form statistic of y_train: identical predictions"

for dataset in ("iris", "wine", "breast_cancer", "digits"):
    register(Case(
        name="DummyClassifier(most_frequent)", family="dummy", dataset=dataset,
        data=lambda d=dataset: bundled(d),
        scratch=lambda: sm.DummyClassifier(strategy="most_frequent"),
        reference=lambda: sk.DummyClassifier(strategy="most_frequent"),
        metric="accuracy", tolerance=0.0, note=EXACT,
    ))
register(Case(
    name="DummyClassifier(stratified)", family="dummy", dataset="digits",
    data=lambda: bundled("digits"),
    scratch=lambda: sm.DummyClassifier(strategy="stratified", random_state=0),
    reference=lambda: sk.DummyClassifier(strategy="stratified", random_state=0),
    metric="accuracy", tolerance=0.0,
    note="same seed, same multinomial draws as scikit-learn: identical labels",
))
for strategy in ("mean", "median"):
    register(Case(
        name=f"DummyRegressor({strategy})", family="dummy", dataset="diabetes",
        data=lambda: bundled("diabetes"),
        scratch=lambda s=strategy: sm.DummyRegressor(strategy=s),
        reference=lambda s=strategy: sk.DummyRegressor(strategy=s),
        metric="r2", tolerance=1e-12, note=EXACT,
    ))
