#!/usr/bin/env python3
"""Runs one benchmark case on python-adaptive and prints one JSON object.

Called by `adaptive bench` (see scripts/bench), once per case, in a fresh process:

    python python_adaptive.py W1 10000 --reps 3

Workloads are those of the project's peer WORKLOADS.md: the loop is the one of
`adaptive.runner.simple` (goal checked before every ask), timed with perf_counter
around the loop only. Quality: piecewise-linear interpolation of the sorted samples
on linspace(-1, 1, 100001), compared with the true function; for W4 (LearnerND) scipy's
LinearNDInterpolator on linspace(-1, 1, 61)^3. W4 uses adaptive's pure-Python
triangulation, W4rust the optional Rust one (adaptive-triangulation 0.3.1).
"""
import argparse
import json
import math
import os
import resource
import statistics
import sys
import time

# The triangulation backend is chosen when adaptive is imported.
if len(sys.argv) > 1 and sys.argv[1] in ("W4", "W4rust"):
    os.environ["ADAPTIVE_TRIANGULATION_BACKEND"] = "rust" if sys.argv[1] == "W4rust" else "python"

import numpy as np  # noqa: E402
import adaptive  # noqa: E402

A2 = 0.01 ** 2


def peak(x, offset=0.123):
    return x + A2 / (A2 + (x - offset) ** 2)


def peaks_vec(x):
    return [peak(x, o) for o in (-0.5, 0.1, 0.6)]


def sphere(p):
    x, y, z = p
    return x + z**2 + math.exp(-((x**2 + y**2 + z**2 - 0.75**2) ** 2) / 0.4**4)


WORKLOADS = {
    # name: (function, points per ask, scalar output?)
    "W1": (peak, 1, True),
    "W2": (peaks_vec, 1, False),
    "W8": (peak, 10, True),
    "W4": (sphere, 1, True),
    "W4rust": (sphere, 1, True),
}


def learn(name, n):
    f, per_ask, _ = WORKLOADS[name]
    if name in ("W4", "W4rust"):
        learner = adaptive.LearnerND(f, bounds=[(-1, 1)] * 3)
    else:
        learner = adaptive.Learner1D(f, bounds=(-1, 1))
    start = time.perf_counter()
    while learner.npoints < n:
        xs, _ = learner.ask(per_ask)
        for x in xs:
            learner.tell(x, f(x))
    return learner, time.perf_counter() - start


def quality(learner):
    if isinstance(learner, adaptive.LearnerND):
        return quality_3d(learner)
    xs = np.array(sorted(learner.data))
    ys = np.array([learner.data[x] for x in xs])
    grid = np.linspace(-1, 1, 100001)
    err = np.abs(np.interp(grid, xs, ys) - peak(grid))
    return float(err.max()), float(err.mean())


def quality_3d(learner):
    from scipy.interpolate import LinearNDInterpolator

    points = np.array(list(learner.data.keys()), dtype=float)
    values = np.array(list(learner.data.values()), dtype=float)
    g = np.linspace(-1, 1, 61)
    x, y, z = np.meshgrid(g, g, g, indexing="ij")
    grid = np.column_stack([x.ravel(), y.ravel(), z.ravel()])
    exact = x.ravel() + z.ravel() ** 2 + np.exp(-((x.ravel() ** 2 + y.ravel() ** 2 + z.ravel() ** 2 - 0.75**2) ** 2) / 0.4**4)
    err = np.abs(LinearNDInterpolator(points, values)(grid) - exact)
    err = err[np.isfinite(err)]
    return float(err.max()), float(err.mean())


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "runner":
        delay, n = float(sys.argv[2]), int(sys.argv[3])
        json.dump(runner_overhead(delay, n), sys.stdout)
        print()
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=sorted(WORKLOADS))
    parser.add_argument("n", type=int)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    learner = None
    for _ in range(args.reps):
        learner, seconds = learn(args.workload, args.n)
        times.append(seconds)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row = {
        "workload": args.workload,
        "n": learner.npoints,
        "seconds": statistics.median(times),
        "us_per_point": statistics.median(times) / learner.npoints * 1e6,
        "rss_growth_bytes": (rss_after - rss_before) * 1024,
        "adaptive_version": adaptive.__version__,
    }
    if args.workload.startswith("W4"):
        from adaptive.learner import triangulation_backend

        row["triangulation_backend"] = triangulation_backend.TRIANGULATION_BACKEND
    if WORKLOADS[args.workload][2]:
        row["max_error"], row["mean_error"] = quality(learner)
    json.dump(row, sys.stdout)
    print()


def runner_overhead(delay, n):
    """R workloads: a function that busy-waits `delay` seconds, learned by a Runner on
    python-adaptive's default executor; returns the fraction of ideal throughput."""
    import os

    def busy(x):
        end = time.perf_counter() + delay
        while time.perf_counter() < end:
            pass
        return x

    workers = os.cpu_count()
    learner = adaptive.Learner1D(busy, bounds=(-1, 1))
    start = time.perf_counter()
    runner = adaptive.BlockingRunner(learner, npoints_goal=n)
    elapsed = time.perf_counter() - start
    return {"n": learner.npoints, "seconds": elapsed, "workers": workers,
            "efficiency": learner.npoints * delay / workers / elapsed,
            "overhead_percent": runner.overhead()}


if __name__ == "__main__":
    main()
