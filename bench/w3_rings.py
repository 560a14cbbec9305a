#!/usr/bin/env python3
"""W3's quality beside python-adaptive's on rings of slightly different radii.

One ring's max error depends on where a few triangles happen to fall, so comparing
one run of each says little. This runs python-adaptive's Learner2D and ours on the
W3 ring with radius 0.75 and seven radii within 4e-4 of it, to the same number of
points, and prints the mean max error, how often ours is as good, and the mean ratio
of mean errors (errors as WORKLOADS.md defines them: a Delaunay-linear interpolant on
a 501 x 501 grid):

    .build/bench-venv/bin/python bench/w3_rings.py 1000,4000,10000 [--binary PATH]

Needs scripts/bench's venv (adaptive 1.5.2, scipy) and a release build.
"""
import argparse
import os
import subprocess
import tempfile

import numpy as np
from scipy.interpolate import LinearNDInterpolator

RADII = [0.75, 0.7501, 0.7499, 0.7502, 0.7498, 0.7503, 0.7497, 0.7504]

OURS = """
local r0, n, out = tonumber(arg[1]), tonumber(arg[2]), arg[3]
local function ring(x, y) return x + math.exp(-(x^2 + y^2 - r0^2)^2 / 0.2^4) end
local l = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}})
adaptive.runner.simple(l, {npoints_goal = n})
local f = io.open(out, "w")
for _, row in ipairs(l:to_table()) do f:write(string.format("%.17g %.17g %.17g\\n", row[1], row[2], row[3])) end
f:close()
"""


def errors(points, values, r0):
    g = np.linspace(-1, 1, 501)
    gx, gy = np.meshgrid(g, g, indexing="ij")
    exact = gx + np.exp(-((gx**2 + gy**2 - r0**2) ** 2) / 0.2**4)
    err = np.abs(LinearNDInterpolator(points, values)(gx, gy) - exact)
    err = err[~np.isnan(err)]
    return err.max(), err.mean()


def python_run(r0, n):
    import adaptive

    def ring(xy):
        return xy[0] + np.exp(-((xy[0] ** 2 + xy[1] ** 2 - r0**2) ** 2) / 0.2**4)

    learner = adaptive.Learner2D(ring, bounds=[(-1, 1), (-1, 1)])
    adaptive.runner.simple(learner, npoints_goal=n)
    return errors(np.array(list(learner.data.keys())), np.array(list(learner.data.values())), r0)


def our_run(binary, script, r0, n):
    with tempfile.NamedTemporaryFile(suffix=".txt") as out:
        subprocess.run([binary, "run", script, str(r0), str(n), out.name], check=True)
        rows = np.loadtxt(out.name)
    return errors(rows[:, :2], rows[:, 2], r0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", help="comma-separated numbers of points, e.g. 1000,4000")
    parser.add_argument("--binary", default=".build/release/adaptive")
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(OURS)
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            rows = []
            for r0 in RADII:
                (pmax, pmean), (omax, omean) = python_run(r0, n), our_run(args.binary, script.name, r0, n)
                rows.append((pmax, omax, pmean, omean))
            a = np.array(rows)
            print(
                f"N={n}: max error python {a[:, 0].mean():.4g} (worst {a[:, 0].max():.4g}), "
                f"ours {a[:, 1].mean():.4g} (worst {a[:, 1].max():.4g}), ours as good on "
                f"{int(np.sum(a[:, 1] <= a[:, 0]))} of {len(a)}; mean error ours/python {np.mean(a[:, 3] / a[:, 2]):.4f}",
                flush=True,
            )
    finally:
        os.unlink(script.name)


if __name__ == "__main__":
    main()
