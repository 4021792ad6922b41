"""cross_val_predict against scikit-learn: same folds, same out-of-fold outputs."""

import numpy as np
import pytest
from sklearn import model_selection as skms
from sklearn.linear_model import LogisticRegression as SkLogisticRegression

from scratchml.datasets import load_diabetes, load_iris
from scratchml.linear_model import LinearRegression
from scratchml.model_selection import KFold, cross_val_predict


@pytest.mark.parametrize("method", ["predict", "predict_proba", "predict_log_proba",
                                    "decision_function"])
def test_same_out_of_fold_outputs_as_sklearn(method):
    # The same scikit-learn model on the same folds: identical numbers.
    X, y = load_iris(return_X_y=True)
    ours = cross_val_predict(SkLogisticRegression(max_iter=500), X, y, cv=4, method=method)
    ref = skms.cross_val_predict(SkLogisticRegression(max_iter=500), X, y, cv=4, method=method)
    np.testing.assert_array_equal(ours, ref)


def test_missing_class_in_fold_is_filled_and_warned():
    X, y = load_iris(return_X_y=True)  # sorted by class: plain KFold(3) drops one per fold
    with pytest.warns(RuntimeWarning, match="Number of classes in training fold"):
        ours = cross_val_predict(SkLogisticRegression(), X, y, cv=KFold(3), method="predict_proba")
    with pytest.warns(RuntimeWarning):
        ref = skms.cross_val_predict(SkLogisticRegression(), X, y, cv=skms.KFold(3),
                                     method="predict_proba")
    np.testing.assert_array_equal(ours, ref)
    assert (ours[:50, 0] == 0).all()


def test_regression_predictions_in_input_order():
    X, y = load_diabetes(return_X_y=True)
    cv = KFold(5, shuffle=True, random_state=0)
    ours = cross_val_predict(LinearRegression(), X, y, cv=cv)
    ref = skms.cross_val_predict(LinearRegression(), X, y, cv=skms.KFold(5, shuffle=True,
                                                                           random_state=0))
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


def test_rejects_splits_that_are_not_a_partition():
    X, y = load_diabetes(return_X_y=True)
    with pytest.raises(ValueError, match="partitions"):
        cross_val_predict(LinearRegression(), X, y, cv=skms.ShuffleSplit(3, random_state=0))
