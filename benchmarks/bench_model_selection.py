"""Model-selection rows: the cost of a cross-validated grid search.

Each search fits (#candidates x #folds + 1) models; the rows time the whole
``fit`` (search + refit) and score the refit best model on the test split.
"""

from sklearn import dummy as sk_dummy
from sklearn import model_selection as sk
from sklearn.tree import DecisionTreeClassifier

from benchmarks._data import bundled
from benchmarks._registry import Case, register
from scratchml import dummy as sm_dummy
from scratchml import model_selection as sm

SAME = ("same folds (StratifiedKFold), same candidate order and deterministic base "
        "estimators: the same best candidate, identical predictions")

_DUMMY_GRID = {"strategy": ["prior", "most_frequent", "stratified", "uniform"],
               "random_state": [0, 1]}
for dataset in ("iris", "breast_cancer"):
    register(Case(
        name="GridSearchCV(DummyClassifier, 8 candidates x 5 folds)", family="model_selection",
        dataset=dataset, data=lambda d=dataset: bundled(d),
        scratch=lambda: sm.GridSearchCV(sm_dummy.DummyClassifier(), _DUMMY_GRID),
        reference=lambda: sk.GridSearchCV(sk_dummy.DummyClassifier(), _DUMMY_GRID),
        metric="accuracy", tolerance=0.0, note=SAME,
    ))

# The same scikit-learn tree inside both searches: the ratio is the search
# machinery alone (splitting, cloning, scoring, bookkeeping).
_TREE_GRID = {"max_depth": [2, 4, 8, None], "min_samples_leaf": [1, 5]}
register(Case(
    name="GridSearchCV(sklearn tree, 8 candidates x 5 folds)", family="model_selection",
    dataset="digits", data=lambda: bundled("digits"),
    scratch=lambda: sm.GridSearchCV(DecisionTreeClassifier(random_state=0), _TREE_GRID),
    reference=lambda: sk.GridSearchCV(DecisionTreeClassifier(random_state=0), _TREE_GRID),
    metric="accuracy", tolerance=0.0, note=SAME,
))
register(Case(
    name="RandomizedSearchCV(sklearn tree, n_iter=6)", family="model_selection",
    dataset="digits", data=lambda: bundled("digits"),
    scratch=lambda: sm.RandomizedSearchCV(DecisionTreeClassifier(random_state=0), _TREE_GRID,
                                          n_iter=6, random_state=0),
    reference=lambda: sk.RandomizedSearchCV(DecisionTreeClassifier(random_state=0), _TREE_GRID,
                                            n_iter=6, random_state=0),
    metric="accuracy", tolerance=0.0,
    note="same seed, same sampled candidates as scikit-learn; " + SAME,
))
