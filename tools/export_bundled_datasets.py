"""Write scratchml's bundled data files from scikit-learn's copies (maintainers only).

The five classic data sets are public-domain / CC BY 4.0 UCI data. scratchml
ships them as plain gzipped CSV (header row = feature names, last column =
target) so that ``scratchml.datasets`` works offline and returns exactly the
values scikit-learn returns: every float is written with 17 significant
digits, which round-trips float64 exactly.

Run from the repository root with scikit-learn installed:

    python tools/export_bundled_datasets.py
"""

import gzip
import os

import numpy as np
from sklearn import datasets

OUT = os.path.join(os.path.dirname(__file__), "..", "scratchml", "datasets", "data")


def write(name, X, y, feature_names, target_name="target", int_data=False):
    path = os.path.join(OUT, f"{name}.csv.gz")
    fmt_x = "%d" if int_data else "%.17g"
    # mtime=0: the same data always gives the same bytes (reproducible files)
    with gzip.GzipFile(path, "wb", mtime=0) as raw:
        lines = [",".join(list(feature_names) + [target_name])]
        for row, t in zip(X, y):
            cells = [fmt_x % v for v in row]
            cells.append("%d" % t if np.issubdtype(np.asarray(y).dtype, np.integer) else "%.17g" % t)
            lines.append(",".join(cells))
        raw.write(("\n".join(lines) + "\n").encode())
    print("wrote", path, X.shape)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in ("iris", "wine", "breast_cancer"):
        b = getattr(datasets, f"load_{name}")()
        write(name, b.data, b.target, b.feature_names)
    b = datasets.load_digits()
    write("digits", b.data.astype(int), b.target, b.feature_names, int_data=True)
    raw = datasets.load_diabetes(scaled=False)
    write("diabetes_raw", raw.data, raw.target, raw.feature_names)
    scaled = datasets.load_diabetes()
    write("diabetes", scaled.data, scaled.target, scaled.feature_names)


if __name__ == "__main__":
    main()
