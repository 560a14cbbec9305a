#!/usr/bin/env python3
"""Writes trace-average1d-*.json: python-adaptive 1.5.2's AverageLearner1D driven by
`ask(k)` then telling every point in order (as runner.simple does for k = 1).

The noisy function must be reproducible in Swift, so its noise comes from Python's
own `random.Random` (the Swift tests have a bit-exact port), seeded by the sample's
seed and its x:

    f(seed, x) = x^3 - x + 3 w^2 / (w^2 + (x + 0.5)^2) + sigma * Random(key).gauss(0, 1)
    key = seed * 1000003 + int((x + 2) * 2**30)

(the noisy peak of python-adaptive's tutorial, w = 0.05, on (-2, 2)).
Run with adaptive==1.5.2 installed:  python make-average1d-traces.py
"""
import json
import math
import random

import adaptive


def noisy_peak(seed_x, sigma):
    seed, x = seed_x
    w = 0.05
    y = x**3 - x + 3 * w**2 / (w**2 + (x + 0.5) ** 2)
    key = seed * 1000003 + int((x + 2) * 2**30)
    return y + sigma * random.Random(key).gauss(0, 1)


def trace(name, samples, per_ask, sigma, **options):
    f = lambda p: noisy_peak(p, sigma)
    learner = adaptive.AverageLearner1D(f, bounds=(-2, 2), **options)
    rows = []
    while learner.nsamples < samples:
        points, improvements = learner.ask(per_ask)
        for (seed, x), imp in zip(points, improvements):
            learner.tell((seed, x), f((seed, x)))
            rows.append([seed, x, "inf" if math.isinf(imp) else imp, learner.loss()])
    errors = sorted((x, e) for x, e in learner.error.items())
    out = {
        "description": f"AverageLearner1D(noisy_peak, (-2, 2), {options}), sigma={sigma}, ask({per_ask}) then tell; "
        "rows: seed, x, loss improvement, loss() after the tell",
        "adaptive_version": adaptive.__version__,
        "sigma": sigma,
        "per_ask": per_ask,
        "options": options,
        "points": [[r[0], r[1], r[2], "inf" if math.isinf(r[3]) else r[3]] for r in rows],
        "npoints": learner.npoints,
        "nsamples": learner.nsamples,
        "means": [[x, y] for x, y in sorted(learner.data.items())],
        "errors": [[x, "inf" if math.isinf(e) else float(e)] for x, e in errors],
    }
    with open(f"trace-average1d-{name}.json", "w") as fh:
        json.dump(out, fh)


trace("default", 3000, 1, 1.0)
trace("batch", 400, 3, 0.1, min_samples=5)
trace("peak", 6000, 1, 0.3, min_samples=20)
trace("tuned", 3000, 1, 0.5, delta=0.5, min_samples=10, max_samples=40, min_error=0.05, neighbor_sampling=0.5)
