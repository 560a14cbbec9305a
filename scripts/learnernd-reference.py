#!/usr/bin/env python3
"""Writes python-adaptive's LearnerND point sequences for the core's tests
(Tests/AdaptiveTests/Fixtures/learnernd-python-cases.json).

Needs adaptive 1.5.2 importable (pip install adaptive==1.5.2); forces its pure-Python
triangulation. Each case: the points asked, in order, with the loss improvement ask
returned ("inf" for infinity), the final loss() and the number of simplices.

    python3 scripts/learnernd-reference.py > Tests/AdaptiveTests/Fixtures/learnernd-python-cases.json
    python3 scripts/learnernd-reference.py --anisotropic > Tests/AdaptiveTests/Fixtures/learnernd-anisotropic-cases.json

With --anisotropic, the cases of `anisotropic=True` (their points agree with ours to
rounding only: python fits the local gradient with an SVD). On a box of unequal widths
python's anisotropic learner stops ("Point lies outside of the specified simplex"), so
the cases are on squares and cubes.

The loss improvements depend on NumPy's LAPACK (OpenBLAS) kernels in the last bits;
these were made with NumPy 2.4.6 and its OpenBLAS 0.3.31 on x86-64.
"""
import json
import math
import os
import sys

os.environ["ADAPTIVE_TRIANGULATION_BACKEND"] = "python"
import scipy.spatial  # noqa: E402
from adaptive.learner.learnerND import (  # noqa: E402
    LearnerND,
    curvature_loss_function,
    std_loss,
    uniform_loss,
)


def ring(p, r=0.75):
    x, y = p[0], p[1]
    return x + math.exp(-((x**2 + y**2 - r**2) ** 2) / 0.2**4)


def sphere(p):
    x, y, z = p
    return x + z**2 + math.exp(-((x**2 + y**2 + z**2 - 0.75**2) ** 2) / 0.4**4)


def stretched(p):
    return ring((p[0] / 3, p[1] * 2))


def ring_and_square(p):
    return [ring(p), p[1] ** 2]


def run(learner, f, n, batch=1):
    rows = []
    while len(learner.data) < n:
        xs, losses = learner.ask(batch)
        for x, loss in zip(xs, losses):
            rows.append([float(c) for c in x] + [float(loss) if math.isfinite(loss) else "inf"])
        for x in xs:
            learner.tell(x, f(x))
    return {"batch": batch, "rows": rows, "loss": float(learner.loss()), "simplices": len(learner.tri.simplices)}


square = [(-1, 1), (-1, 1)]
cube = [(-1, 1)] * 3
hull = scipy.spatial.ConvexHull([(0, 0), (2, 0), (0, 1), (1.5, 1.2), (0.5, 0.5)])
if "--anisotropic" in sys.argv:
    cases = {
        "ring": run(LearnerND(ring, square, anisotropic=True), ring, 300),
        "sphere": run(LearnerND(sphere, cube, anisotropic=True), sphere, 300),
    }
    json.dump(cases, sys.stdout, separators=(",", ":"))
    print()
    sys.exit()
cases = {
    "ring default": run(LearnerND(ring, square), ring, 500),
    "ring uniform": run(LearnerND(ring, square, uniform_loss), ring, 40),
    "ring std": run(LearnerND(ring, square, std_loss), ring, 40),
    "ring curvature": run(LearnerND(ring, square, curvature_loss_function()), ring, 40),
    "ring vector": run(LearnerND(ring_and_square, square), ring_and_square, 40),
    "ring stretched": run(LearnerND(stretched, [(-3, 3), (-0.5, 0.5)]), stretched, 40),
    "ring batches of 10": run(LearnerND(ring, square), ring, 60, batch=10),
    "ring batches of 7": run(LearnerND(ring, square), ring, 63, batch=7),
    "ring in a hull": run(LearnerND(ring, hull), ring, 40),
    "sphere default": run(LearnerND(sphere, cube), sphere, 500),
    "sphere curvature": run(LearnerND(sphere, cube, curvature_loss_function()), sphere, 40),
    "sphere batches of 5": run(LearnerND(sphere, cube), sphere, 60, batch=5),
}
json.dump(cases, sys.stdout, separators=(",", ":"))
print()
