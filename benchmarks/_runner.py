"""Runs the registered cases and writes the comparison table."""

import importlib
import json
import os
import pkgutil
import platform
import statistics
import sys
import time
import tracemalloc
import warnings

import numpy as np

from ._registry import CASES, METRICS

HERE = os.path.dirname(__file__)


def discover():
    """Import every ``benchmarks/bench_*.py`` so its cases register."""
    for info in sorted(pkgutil.iter_modules([HERE]), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            importlib.import_module(f"benchmarks.{info.name}")
    return CASES


def select(cases, *, full, only):
    chosen = [c for c in cases if full or c.size == "quick"]
    if only:
        needles = [o.lower() for o in only]
        chosen = [
            c for c in chosen
            if any(n in f"{c.name} {c.family} {c.dataset}".lower() for n in needles)
        ]
    return chosen


# --------------------------------------------------------------------------
# Scoring: scikit-learn's metric implementations for both sides.
# --------------------------------------------------------------------------
def score(case, est, X_train, X_test, y_train, y_test):
    from sklearn import metrics
    from sklearn.manifold import trustworthiness

    if "score" in case.extra:
        return case.extra["score"](est, X_train, X_test, y_train, y_test)
    m = case.metric
    if m == "accuracy":
        return metrics.accuracy_score(y_test, est.predict(X_test))
    if m == "r2":
        return metrics.r2_score(y_test, est.predict(X_test))
    if m == "adjusted_rand":
        return metrics.adjusted_rand_score(y_train, est.labels_)
    if m == "trustworthiness":
        return trustworthiness(X_train, est.embedding_, n_neighbors=5)
    if m == "reconstruction_r2":
        X_rec = est.inverse_transform(est.transform(X_test))
        return metrics.r2_score(X_test, X_rec, multioutput="variance_weighted")
    if m == "roc_auc_outlier":
        return metrics.roc_auc_score(y_test, -est.score_samples(X_test))
    if m == "inertia":
        return float(est.inertia_)
    if m == "kl_divergence":
        return float(est.kl_divergence_)
    if m == "pinball_loss":
        return metrics.mean_pinball_loss(y_test, est.predict(X_test), alpha=est.quantile)
    raise ValueError(m)


def _fit(case, est, X, y):
    if METRICS[case.metric][0] in ("fit_predict", "fit_transform", "fit") or y is None:
        return est.fit(X) if y is None else est.fit(X, y)
    return est.fit(X, y)


def _predict_call(case, est, X_test):
    """The inference call that is timed, or None if the metric has none."""
    kind = METRICS[case.metric][0]
    if "predict" in case.extra:
        return lambda: case.extra["predict"](est, X_test)
    if kind == "predict":
        return lambda: est.predict(X_test)
    if kind == "transform":
        return lambda: est.transform(X_test)
    if kind == "score_samples":
        return lambda: est.score_samples(X_test)
    return None


def measure(case, factory, data, repeats):
    """Fit (and predict) ``repeats + 1`` times; return times, quality and memory."""
    X_train, X_test, y_train, y_test = data
    t0 = time.perf_counter()
    est = _fit(case, factory(), X_train, y_train)
    first_fit = time.perf_counter() - t0
    predict = _predict_call(case, est, X_test)
    first_predict = None
    if predict is not None:
        t0 = time.perf_counter()
        predict()
        first_predict = time.perf_counter() - t0

    fit_times, predict_times = [], []
    # At least `repeats` timed runs; more (up to 50) while they add up to less
    # than 0.2 s, so that sub-millisecond timings are not one noisy sample.
    while len(fit_times) < repeats or (sum(fit_times) < 0.2 and len(fit_times) < 50):
        fresh = factory()
        t0 = time.perf_counter()
        _fit(case, fresh, X_train, y_train)
        fit_times.append(time.perf_counter() - t0)
        if predict is not None:
            t0 = time.perf_counter()
            predict()
            predict_times.append(time.perf_counter() - t0)
    fit_time = statistics.median(fit_times) if fit_times else first_fit
    predict_time = statistics.median(predict_times) if predict_times else first_predict
    quality = score(case, est, X_train, X_test, y_train, y_test)
    # The first call pays for compiling the Numba kernels; what it took over
    # the steady-state time is the JIT cost (0 for scikit-learn, up to noise).
    jit = max(0.0, first_fit - fit_time)
    if first_predict is not None and predict_time is not None:
        jit += max(0.0, first_predict - predict_time)

    peak = None
    if case.measure_memory:
        tracemalloc.start()
        fresh = _fit(case, factory(), X_train, y_train)
        p = _predict_call(case, fresh, X_test)
        if p is not None:
            p()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {
        "quality": float(quality),
        "fit_s": fit_time,
        "predict_s": predict_time,
        "jit_s": jit,
        "peak_mib": peak,
    }


def run_case(case, repeats):
    data = case.data()
    X_train = data[0]
    row = {
        "estimator": case.name,
        "family": case.family,
        "dataset": case.dataset,
        "shape": f"{X_train.shape[0]}x{X_train.shape[1]}",
        "metric": case.metric,
        "tolerance": case.tolerance,
        "note": case.note,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter from either side
        ours = measure(case, case.scratch, data, repeats)
        ref = measure(case, case.reference, data, repeats)
    direction = METRICS[case.metric][1]
    if direction == "higher":
        ok = ours["quality"] >= ref["quality"] - case.tolerance
    else:  # lower is better: tolerance is relative
        ok = ours["quality"] <= ref["quality"] * (1 + case.tolerance) + 1e-12
    row.update(
        scratchml=ours["quality"],
        sklearn=ref["quality"],
        ok=bool(ok),
        fit_s=ours["fit_s"],
        sk_fit_s=ref["fit_s"],
        fit_ratio=_ratio(ours["fit_s"], ref["fit_s"]),
        predict_s=ours["predict_s"],
        sk_predict_s=ref["predict_s"],
        predict_ratio=_ratio(ours["predict_s"], ref["predict_s"]),
        jit_s=ours["jit_s"],
        peak_mib=ours["peak_mib"],
        sk_peak_mib=ref["peak_mib"],
        # 1-minute load average when the row finished: above the core count,
        # other processes shared the cores and this row's times are suspect
        load=_load_average(),
    )
    return row


def _load_average():
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def _ratio(a, b):
    if a is None or b is None or b <= 0:
        return None
    return a / b


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------
COLUMNS = [
    ("estimator", "estimator", "{}"),
    ("dataset", "dataset", "{}"),
    ("shape", "n×d (train)", "{}"),
    ("metric", "metric", "{}"),
    ("scratchml", "scratchml", "{:.4f}"),
    ("sklearn", "sklearn", "{:.4f}"),
    ("ok", "ok", "{}"),
    ("tolerance", "tol", "{:g}"),
    ("fit_s", "fit s", "{:.3g}"),
    ("sk_fit_s", "sk fit s", "{:.3g}"),
    ("fit_ratio", "fit ratio", "{:.2f}"),
    ("predict_s", "predict s", "{:.3g}"),
    ("sk_predict_s", "sk predict s", "{:.3g}"),
    ("predict_ratio", "predict ratio", "{:.2f}"),
    ("jit_s", "JIT s", "{:.2f}"),
    ("peak_mib", "peak MiB", "{:.1f}"),
    ("sk_peak_mib", "sk peak MiB", "{:.1f}"),
    ("load", "load", "{:.1f}"),
]


def _cell(row, key, fmt):
    value = row.get(key)
    if value is None:
        return "-"
    if key == "ok":
        return "yes" if value else "NO"
    if key == "error":
        return str(value)
    return fmt.format(value)


def to_markdown(rows, header):
    columns = [c for c in COLUMNS if any(r.get(c[0]) is not None for r in rows)]
    lines = [header, "", "| " + " | ".join(c[1] for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['estimator']} | {r['dataset']} | ERROR: {r['error']} |")
            continue
        lines.append("| " + " | ".join(_cell(r, k, f) for k, _, f in columns) + " |")
    return "\n".join(lines) + "\n"


def plot_ratios(rows, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    good = [r for r in rows if r.get("fit_ratio")]
    if not good:
        return None
    labels = [f"{r['estimator']} / {r['dataset']}" for r in good]
    y = np.arange(len(good))
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(good) + 1.5))
    ax.barh(y - 0.2, [r["fit_ratio"] for r in good], height=0.4, label="fit")
    ax.barh(y + 0.2, [r["predict_ratio"] or 0 for r in good], height=0.4, label="predict")
    ax.axvline(1.0, color="k", lw=1)
    ax.set_xscale("log")
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("time ratio scratchml / scikit-learn (log scale; < 1 is faster)")
    # above the plot: inside it, the legend would hide the last bars
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def environment(threads):
    import numba
    import sklearn

    import scratchml

    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "numpy": np.__version__,
        "numba": numba.__version__,
        "scikit-learn": sklearn.__version__,
        "scratchml": scratchml.__version__,
        "threads": threads,
        "numba_threads": numba.get_num_threads(),
    }


def run(args):
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("The benchmarks compare against scikit-learn: pip install -e '.[dev]'", file=sys.stderr)
        return 2
    from threadpoolctl import threadpool_limits

    threadpool_limits(args.threads)
    cases = select(discover(), full=args.full, only=args.only)
    if not cases:
        print(f"No benchmark case matches --only {args.only}", file=sys.stderr)
        return 2
    env = environment(args.threads)
    load = _load_average() or 0.0
    if load > (os.cpu_count() or 1) + 0.5:
        print(f"Warning: the machine is busy (load average {load:.1f} on {os.cpu_count()} "
              "cores): timings and ratios will be noisy.", file=sys.stderr)
    print(
        f"scratchml {env['scratchml']} vs scikit-learn {env['scikit-learn']} | "
        f"numpy {env['numpy']}, numba {env['numba']} | threads: BLAS={args.threads}, "
        f"Numba={env['numba_threads']} | {len(cases)} cases ({'full' if args.full else 'quick'})",
        flush=True,
    )
    rows = []
    iterator = cases
    if not args.no_progress:
        from tqdm import tqdm

        iterator = tqdm(cases, unit="case", file=sys.stderr)
    for case in iterator:
        if hasattr(iterator, "set_postfix_str"):
            iterator.set_postfix_str(f"{case.name} / {case.dataset}"[:40])
        repeats = case.repeats if args.repeats is None else args.repeats
        try:
            rows.append(run_case(case, repeats))
        except Exception as exc:  # report, keep going, fail at the end
            rows.append({"estimator": case.name, "dataset": case.dataset,
                         "family": case.family, "error": f"{type(exc).__name__}: {exc}"[:300]})

    header = (
        f"scratchml vs scikit-learn — threads {args.threads}, numpy {env['numpy']}, "
        f"numba {env['numba']}, scikit-learn {env['scikit-learn']}. Times are medians in "
        "seconds; ratio = scratchml / scikit-learn; JIT = extra time of scratchml's first call."
    )
    table = to_markdown(rows, header)
    print()
    print(table)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.md"), "w") as fh:
        fh.write(table)
    with open(os.path.join(args.out, "results.json"), "w") as fh:
        json.dump({"environment": env, "rows": rows}, fh, indent=2)
    png = plot_ratios(rows, os.path.join(args.out, "time_ratios.png"))
    print(f"Wrote {args.out}/results.md, results.json" + (", time_ratios.png" if png else ""))

    busy = [r for r in rows if (r.get("load") or 0.0) > (os.cpu_count() or 1) + 0.5]
    if busy:
        print(f"Warning: {len(busy)} of {len(rows)} rows finished while the load average "
              f"exceeded the {os.cpu_count()} cores (see the load column): their time "
              "ratios are unreliable; rerun them with --only on a quiet machine.",
              file=sys.stderr)

    failed = [r for r in rows if "error" in r or not r.get("ok", False)]
    for r in failed:
        why = r.get("error") or (
            f"{r['metric']} {r['scratchml']:.4f} vs scikit-learn {r['sklearn']:.4f} "
            f"(tolerance {r['tolerance']})"
        )
        print(f"FAIL {r['estimator']} on {r['dataset']}: {why}", file=sys.stderr)
    return 1 if failed else 0
