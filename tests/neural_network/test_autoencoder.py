"""Autoencoder: shapes, a linear autoencoder reaches PCA's reconstruction, anomaly scores."""

import warnings

import numpy as np
import pytest
from sklearn.decomposition import PCA

from scratchml.exceptions import ConvergenceWarning
from scratchml.neural_network import Autoencoder, gradient_check


def _low_rank(n=300, seed=0):
    rng = np.random.RandomState(seed)
    return rng.normal(size=(n, 3)) @ rng.normal(size=(3, 8)) + 0.05 * rng.normal(size=(n, 8))


@pytest.mark.filterwarnings("ignore::scratchml.exceptions.ConvergenceWarning")
def test_autoencoder_linear_matches_pca_reconstruction():
    X = _low_rank()
    ae = Autoencoder(n_components=3, encoder_layer_sizes=(), activation="identity", alpha=0.0,
                     learning_rate_init=0.01, max_iter=400, tol=1e-7, random_state=0).fit(X)
    pca = PCA(n_components=3).fit(X)
    err_ae = np.mean((ae.inverse_transform(ae.transform(X)) - X) ** 2)
    err_pca = np.mean((pca.inverse_transform(pca.transform(X)) - X) ** 2)
    # A linear autoencoder's optimum spans PCA's subspace (Baldi & Hornik 1989),
    # so PCA's error is the floor. Constant-rate Adam hovers near, not at, the
    # optimum (here within ~25%); in explained-variance terms both are ~0.9996
    # and 1e-3 is far below what a wrong gradient or a broken decoder gives.
    assert err_pca <= err_ae + 1e-12
    total = np.mean((X - X.mean(axis=0)) ** 2)
    assert 1 - err_ae / total > 1 - err_pca / total - 1e-3
    assert ae.transform(X).shape == (300, 3)
    np.testing.assert_allclose(-ae.score_samples(X), np.mean((ae.inverse_transform(ae.transform(X)) - X) ** 2,
                                                             axis=1), rtol=1e-10)


def test_autoencoder_scores_outliers_lower():
    X = _low_rank(400)
    rng = np.random.RandomState(1)
    outliers = 3 * rng.normal(size=(20, 8))  # off the 3-D subspace
    ae = Autoencoder(n_components=3, encoder_layer_sizes=(16,), activation="tanh", learning_rate_init=0.01,
                     max_iter=200, random_state=0).fit(X)
    s_in, s_out = ae.score_samples(X), ae.score_samples(outliers)
    # fraction of (inlier, outlier) pairs ranked correctly = ROC AUC
    auc = np.mean(s_in[:, None] > s_out[None, :])
    assert auc > 0.95


def test_autoencoder_gradient_matches_finite_differences():
    X = _low_rank(10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ae = Autoencoder(n_components=2, encoder_layer_sizes=(4,), activation="tanh", alpha=0.2, max_iter=1,
                         random_state=0).fit(X)
    layers, loss = ae._layers(), ae._loss()
    _, grads = ae._backprop(X, X, layers, loss)
    for p, g in zip(ae.coefs_ + ae.intercepts_, grads):
        assert gradient_check(lambda: ae._backprop(X, X, layers, loss)[0], p, g.copy()) < 1e-7


def test_autoencoder_bad_input():
    X = _low_rank(20)
    with pytest.raises(ValueError):
        Autoencoder(n_components=0).fit(X)
    with pytest.raises(ValueError, match="encoder_layer_sizes must be > 0"):
        Autoencoder(encoder_layer_sizes=(4, 0)).fit(X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ae = Autoencoder(n_components=2, encoder_layer_sizes=(4,), max_iter=2, random_state=0).fit(X)
    with pytest.raises(ValueError, match="expected"):
        ae.inverse_transform(np.zeros((3, 5)))
