"""Estimator tags: what an estimator accepts and is, as a plain dict.

scratchml keeps its own tags (no scikit-learn import) and translates them into
scikit-learn's ``Tags`` dataclass only when scikit-learn asks for them through
``__sklearn_tags__``. The keys mirror the fields of scikit-learn's dataclasses.
"""

__all__ = ["DEFAULT_TAGS", "to_sklearn_tags"]

# Tags every estimator starts from; mixins and estimators override entries in
# ``_extra_tags``.
DEFAULT_TAGS = {
    "estimator_type": None,
    "requires_y": False,
    "requires_fit": True,
    "non_deterministic": False,
    "allow_nan": False,
    "positive_only": False,
    "pairwise": False,
    "two_d_array": True,
    "string": False,
    "categorical": False,
    "multi_output": False,
    "single_output": True,
    "one_d_labels": False,
    "two_d_labels": False,
    "poor_score": False,
    "multi_class": True,
    "multi_label": False,
    "transformer": False,
    "preserves_dtype": ["float64"],
}


def to_sklearn_tags(t):
    """Build scikit-learn's ``Tags`` from our tag dict ``t`` (imports scikit-learn)."""
    from sklearn.utils import (
        ClassifierTags,
        InputTags,
        RegressorTags,
        Tags,
        TargetTags,
        TransformerTags,
    )

    kind = t["estimator_type"]
    return Tags(
        estimator_type=kind,
        target_tags=TargetTags(
            required=t["requires_y"],
            one_d_labels=t["one_d_labels"],
            two_d_labels=t["two_d_labels"],
            multi_output=t["multi_output"],
            single_output=t["single_output"],
        ),
        transformer_tags=(
            TransformerTags(preserves_dtype=list(t["preserves_dtype"]))
            if t["transformer"]
            else None
        ),
        classifier_tags=(
            ClassifierTags(
                poor_score=t["poor_score"],
                multi_class=t["multi_class"],
                multi_label=t["multi_label"],
            )
            if kind == "classifier"
            else None
        ),
        regressor_tags=(
            RegressorTags(poor_score=t["poor_score"]) if kind == "regressor" else None
        ),
        non_deterministic=t["non_deterministic"],
        requires_fit=t["requires_fit"],
        input_tags=InputTags(
            two_d_array=t["two_d_array"],
            allow_nan=t["allow_nan"],
            positive_only=t["positive_only"],
            pairwise=t["pairwise"],
            string=t["string"],
            categorical=t["categorical"],
        ),
    )
