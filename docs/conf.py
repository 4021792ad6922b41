"""Sphinx configuration: numpydoc for the API, sphinx-gallery for examples/.

Build with ``python -m sphinx -W -b html docs docs/_build/html`` (warnings are errors).
"""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))

import scratchml  # noqa: E402

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
