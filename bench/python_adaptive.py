#!/usr/bin/env python3
"""Runs one benchmark case on python-adaptive and prints one JSON object.

Called by `adaptive bench` (see scripts/bench), once per case, in a fresh process:

    python python_adaptive.py W1 10000 --reps 3
    python python_adaptive.py learner W5-loss1 --reps 3     (W5 and W6)

Workloads are those of the project's peer WORKLOADS.md: the loop is the one of
`adaptive.runner.simple` (goal checked before every ask), timed with perf_counter
around the loop only. Quality: piecewise-linear interpolation of the sorted samples
on linspace(-1, 1, 100001), compared with the true function.
"""
import argparse
import json
import math
import random
import resource
import statistics
import sys
import time

import numpy as np
import adaptive

A2 = 0.01 ** 2


def peak(x, offset=0.123):
    return x + A2 / (A2 + (x - offset) ** 2)


def peaks_vec(x):
    return [peak(x, o) for o in (-0.5, 0.1, 0.6)]


WORKLOADS = {
    # name: (function, points per ask, scalar output?)
    "W1": (peak, 1, True),
    "W2": (peaks_vec, 1, False),
    "W8": (peak, 10, True),
}


def learn(name, n):
    f, per_ask, _ = WORKLOADS[name]
    learner = adaptive.Learner1D(f, bounds=(-1, 1))
    start = time.perf_counter()
    while learner.npoints < n:
        xs, _ = learner.ask(per_ask)
        for x in xs:
            learner.tell(x, f(x))
    return learner, time.perf_counter() - start


def quality(learner):
    xs = np.array(sorted(learner.data))
    ys = np.array([learner.data[x] for x in xs])
    grid = np.linspace(-1, 1, 100001)
    err = np.abs(np.interp(grid, xs, ys) - peak(grid))
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
