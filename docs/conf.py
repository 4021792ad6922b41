"""Sphinx configuration: numpydoc for the API, sphinx-gallery for examples/.

Build with ``python -m sphinx -W -b html docs docs/_build/html`` (warnings are errors).
"""

import os
import sys

# The gallery examples multiply small matrices; on a busy 2-core machine a
# multi-threaded BLAS stalls on them. One thread is as fast here and steady.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

sys.path.insert(0, os.path.abspath(".."))

import scratchml  # noqa: E402


def _write_api_index():
    """Write api/index.rst from each subpackage's ``__all__`` (so it never drifts)."""
    import importlib

    lines = [
        "API reference",
        "=============",
        "",
        "Generated from each subpackage's ``__all__`` when the docs are built.",
        "",
    ]
    for sub in sorted(scratchml.__all__):
        module = importlib.import_module(f"scratchml.{sub}")
        names = sorted(getattr(module, "__all__", []))
        if not names:
            continue
        title = f"``scratchml.{sub}``"
        lines += [title, "-" * len(title), "", f".. currentmodule:: scratchml.{sub}", "",
                  ".. autosummary::", "   :toctree: ../gen_modules", ""]
        lines += [f"   {name}" for name in names] + [""]
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(here, "api"), exist_ok=True)
    with open(os.path.join(here, "api", "index.rst"), "w") as fh:
        fh.write("\n".join(lines))


_write_api_index()

def _page_equation_labels():
    """Equation labels defined on the hand-written pages (docs/**/*.rst)."""
    import glob
    import re

    here = os.path.dirname(os.path.abspath(__file__))
    labels = set()
    for path in glob.glob(os.path.join(here, "**", "*.rst"), recursive=True):
        with open(path) as fh:
            labels.update(re.findall(r":label:\s*(\S+)", fh.read()))
    return labels


_PAGE_LABELS = _page_equation_labels()


def _localise_equation_labels(app, what, name, obj, options, lines):
    """Rename docstring equation labels that a docs page also defines.

    Sphinx equation labels are global, and a docs page deliberately repeats an
    estimator's equations under the same short labels (``kmeans-assign``) so
    that the page and the code comments (``# eq. (kmeans-assign)``) read the
    same. In the API reference such a docstring label becomes
    ``scratchml-cluster-KMeans-kmeans-assign`` (references to it inside the
    docstring are renamed with it); labels only docstrings define are kept, so
    docstrings can still refer to each other's equations.
    """
    import re

    defined = {m.group(1) for line in lines for m in [re.search(r":label:\s*(\S+)", line)] if m}
    clashing = defined & _PAGE_LABELS
    if not clashing:
        return
    prefix = name.replace(".", "-")

    def rename(label):
        return f"{prefix}-{label}" if label in clashing else label

    for i, line in enumerate(lines):
        line = re.sub(r"(:label:\s*)(\S+)", lambda m: m.group(1) + rename(m.group(2)), line)
        lines[i] = re.sub(r":eq:`([^`]+)`", lambda m: f":eq:`{rename(m.group(1))}`", line)


def setup(app):
    app.connect("autodoc-process-docstring", _localise_equation_labels)


project = "scratchml"
author = "the scratchml developers"
release = scratchml.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

autosummary_generate = True
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
math_number_all = False
exclude_patterns = ["_build", "algorithms/_template.rst", "sg_execution_times.rst"]
html_theme = "pydata_sphinx_theme"
html_title = "scratchml"

sphinx_gallery_conf = {
    "examples_dirs": ["../examples"],
    "gallery_dirs": ["auto_examples"],
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "within_subsection_order": "FileNameSortKey",
}
