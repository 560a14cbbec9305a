#!/usr/bin/env python3
"""Runs one benchmark case on python-adaptive and prints one JSON object.

Called by `adaptive bench` (see scripts/bench), once per case, in a fresh process:

    python python_adaptive.py W1 10000 --reps 3
    python python_adaptive.py W7 loss --reps 3      (W7 N5000: 5000 points in total)
    python python_adaptive.py learner W5-loss1 --reps 3     (W5 and W6)

Workloads are those of the project's peer WORKLOADS.md: the loop is the one of
`adaptive.runner.simple` (goal checked before every ask), timed with perf_counter
around the loop only. Quality: piecewise-linear interpolation of the sorted samples
on linspace(-1, 1, 100001) (1D), or of a Delaunay triangulation of the points on a
501 x 501 grid (W3) or on linspace(-1, 1, 61)^3 (W4, LearnerND), compared with the true
function. W4 uses adaptive's pure-Python triangulation, W4rust the optional Rust one
(adaptive-triangulation 0.3.1).
"""
import argparse
import functools
import json
import math
import os
import random
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


def ring(xy):
    x, y = xy
    return x + math.exp(-((x**2 + y**2 - 0.75**2) ** 2) / 0.2**4)


def sphere(p):
    x, y, z = p
    return x + z**2 + math.exp(-((x**2 + y**2 + z**2 - 0.75**2) ** 2) / 0.4**4)


WORKLOADS = {
    # name: (function, points per ask, scalar output?)
    "W1": (peak, 1, True),
    "W2": (peaks_vec, 1, False),
    "W8": (peak, 10, True),
    "W3": (ring, 1, True),
    "W4": (sphere, 1, True),
    "W4rust": (sphere, 1, True),
}


def learn(name, n):
    if name == "W3":
        return learn_2d(n)
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


# W7: random.Random(0).uniform(-1, 1) ten times.
W7_OFFSETS = [0.6888437030500962, 0.515908805880605, -0.15885683833831,
              -0.4821664994140733, 0.02254944273721704, -0.19013172509917142,
              0.5675971780695452, -0.3933745478421451, -0.04680609169528838,
              0.1667640789100624]


def balancing(case, reps):
    """W7: a BalancingLearner of ten Learner1D, runner.simple's loop, until loss() <= 0.01
    ("loss") or 5000 points in total ("N5000"); the per-child counts are reported."""
    times, cpu_times = [], []
    for _ in range(reps):
        learners = [adaptive.Learner1D(functools.partial(peak, offset=o), bounds=(-1, 1)) for o in W7_OFFSETS]
        learner = adaptive.BalancingLearner(learners)
        if case == "loss":
            def goal(l): return l.loss() <= 0.01
        else:
            def goal(l): return l.npoints >= 5000
        start, cpu_start = time.perf_counter(), time.thread_time()
        while not goal(learner):
            xs, _ = learner.ask(1)
            for x in xs:
                learner.tell(x, learner.function(x))
        times.append(time.perf_counter() - start)
        cpu_times.append(time.thread_time() - cpu_start)
    seconds = statistics.median(times)
    return {"workload": "W7", "case": case, "n": learner.npoints, "seconds": seconds,
            "us_per_point": seconds / learner.npoints * 1e6,
            "cpu_us_per_point": statistics.median(cpu_times) / learner.npoints * 1e6,
            "per_child": [l.npoints for l in learner.learners], "loss": learner.loss(),
            "adaptive_version": adaptive.__version__}

def learn_2d(n):
    """W3: Learner2D(ring, [(-1, 1), (-1, 1)]), default loss, one point per ask."""
    learner = adaptive.Learner2D(ring, bounds=[(-1, 1), (-1, 1)])
    start = time.perf_counter()
    while learner.npoints < n:
        xs, _ = learner.ask(1)
        for x in xs:
            learner.tell(x, ring(x))
    return learner, time.perf_counter() - start


def quality_2d(learner):
    """WORKLOADS.md's 2D metric: LinearNDInterpolator (Delaunay) on all the points,
    evaluated on the 501 x 501 grid linspace(-1, 1, 501), compared with ring."""
    from scipy.interpolate import LinearNDInterpolator

    points = np.array(list(learner.data.keys()))
    values = np.array(list(learner.data.values()))
    ip = LinearNDInterpolator(points, values)
    g = np.linspace(-1, 1, 501)
    gx, gy = np.meshgrid(g, g, indexing="ij")
    z = ip(gx, gy)
    exact = gx + np.exp(-((gx**2 + gy**2 - 0.75**2) ** 2) / 0.2**4)
    err = np.abs(z - exact)
    err = err[~np.isnan(err)]
    return float(err.max()), float(err.mean())


def quality(learner):
    if isinstance(learner, adaptive.Learner2D):
        return quality_2d(learner)
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


def gauss_seed(n):
    """W5: random.Random(n).gauss(0.5, 1), a fresh generator per seed."""
    return random.Random(n).gauss(0.5, 1)


def f24(x):
    return float(math.floor(math.exp(x)))


# W5 and W6 cases: name -> (make learner, goal, function, fresh learners timed per run)
LEARNER_CASES = {
    "W5-loss2": (lambda: adaptive.AverageLearner(gauss_seed, atol=None, rtol=0.01), lambda l: l.loss() <= 2.0, gauss_seed, 1),
    "W5-loss1": (lambda: adaptive.AverageLearner(gauss_seed, atol=None, rtol=0.01), lambda l: l.loss() <= 1.0, gauss_seed, 1),
    "W6-f24": (lambda: adaptive.IntegratorLearner(f24, bounds=(0, 3), tol=1e-8), lambda l: l.done(), f24, 1),
    "W6-exp": (lambda: adaptive.IntegratorLearner(math.exp, bounds=(0, 1), tol=1e-10), lambda l: l.done(), math.exp, 51),
    "W6-sqrt": (lambda: adaptive.IntegratorLearner(math.sqrt, bounds=(0, 1), tol=1e-8), lambda l: l.done(), math.sqrt, 11),
}


def learner_case(name, reps):
    """W5/W6: runner.simple's loop; the time of the bare function on the same points
    is measured apart, so that the learner's own overhead is wall - function."""
    make, goal, f, inner = LEARNER_CASES[name]
    times = []
    for _ in range(reps):
        inner_times = []
        for _ in range(inner):
            learner = make()
            start = time.perf_counter()
            while not goal(learner):
                xs, _ = learner.ask(1)
                for x in xs:
                    learner.tell(x, f(x))
            inner_times.append(time.perf_counter() - start)
        times.append(statistics.median(inner_times))
    points = list(learner.data)
    start = time.perf_counter()
    for x in points:
        f(x)
    function_seconds = time.perf_counter() - start
    seconds = statistics.median(times)
    row = {"case": name, "n": learner.npoints, "seconds": seconds, "us_per_point": seconds / learner.npoints * 1e6,
           "function_us_per_point": function_seconds / learner.npoints * 1e6, "loss": learner.loss()}
    if name.startswith("W6"):
        row["igral"], row["err"] = learner.igral, learner.err
    return row


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "learner":
        reps = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--reps" else 3
        json.dump(learner_case(sys.argv[2], reps), sys.stdout)
        print()
        return
    if len(sys.argv) > 2 and sys.argv[1] == "W7":
        reps = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--reps" else 3
        json.dump(balancing(sys.argv[2], reps), sys.stdout)
        print()
        return
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
    cpu_times = []
    for _ in range(args.reps):
        cpu_start = time.thread_time()
        learner, seconds = learn(args.workload, args.n)
        cpu_times.append(time.thread_time() - cpu_start)
        times.append(seconds)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row = {
        "workload": args.workload,
        "n": learner.npoints,
        "seconds": statistics.median(times),
        "us_per_point": statistics.median(times) / learner.npoints * 1e6,
        "cpu_us_per_point": statistics.median(cpu_times) / learner.npoints * 1e6,
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
