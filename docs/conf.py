"""Sphinx configuration: numpydoc for the API, sphinx-gallery for examples/.

Build with ``python -m sphinx -W -b html docs docs/_build/html`` (warnings are errors).
"""

import os
import sys

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
