#!/usr/bin/python3
"""Writes the quantized MLP example: mlp.json (the program, a shade-graph with
fixed integer weights), input.json (a sample input) and expected.json (what
numpy computes for it on int64, the exact result the encrypted run must give).

The network: 64 inputs (an 8x8 image, 2-bit pixels in [0, 3]) -> 16 hidden
units, ReLU, requantized back to 2 bits by a right shift and a clip -> 10
output scores. The weights are ternary ({-1, 0, 1}, as in ternary-weight
networks), the biases small integers, all drawn from a numpy generator with a
fixed seed: the same files come out every time. Run with --check to verify
that the committed files are what this script writes.

Ranges are chosen so that every encrypted value fits in 5 bits (signed), the
width at which parameter selection finds fast parameters: a hidden
pre-activation stays within [-16, 15] and an output score within [-16, 15].
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261123
INPUTS, HIDDEN, OUTPUTS = 64, 16, 10
PIXEL_MAX = 3
SHIFT = 2  # hidden requantization: relu(h) >> 2, clipped to [0, 3]
LIMIT = 15  # every pre-activation range within [-LIMIT - 1, LIMIT]


def ternary(rng, shape, nonzero):
    signs = rng.choice([-1, 1], size=shape)
    return np.where(rng.random(shape) < nonzero, signs, 0).astype(np.int64)


def interval(weights, bias, hi):
    """The exact range of x @ weights + bias for x in [0, hi]^n, per column."""
    positive = np.where(weights > 0, weights, 0).sum(axis=0)
    negative = np.where(weights < 0, weights, 0).sum(axis=0)
    return bias + negative * hi, bias + positive * hi


def draw_network(rng):
    """Draws layers until every column's range fits the limit."""
    while True:
        w1 = ternary(rng, (INPUTS, HIDDEN), 0.12)
        b1 = rng.integers(-2, 3, size=HIDDEN)
        lo, hi = interval(w1, b1, PIXEL_MAX)
        if lo.min() >= -LIMIT - 1 and hi.max() <= LIMIT and (hi > 0).all():
            break
    while True:
        w2 = ternary(rng, (HIDDEN, OUTPUTS), 0.4)
        b2 = rng.integers(-2, 3, size=OUTPUTS)
        lo, hi = interval(w2, b2, PIXEL_MAX)
        if lo.min() >= -LIMIT - 1 and hi.max() <= LIMIT:
            break
    return w1, b1, w2, b2


def sample_image():
    """An 8x8 '3' with 2-bit intensities."""
    rows = ["03333300",
            "00000330",
            "00000320",
            "00333300",
            "00000230",
            "00000033",
            "12000033",
            "03333330"]
    return np.array([[int(c) for c in row] for row in rows], dtype=np.int64)


def evaluate(x, w1, b1, w2, b2):
    """The scores, as numpy computes them on int64."""
    hidden = np.clip(np.maximum(x @ w1 + b1, 0) >> SHIFT, 0, PIXEL_MAX)
    return hidden @ w2 + b2


def program(w1, b1, w2, b2):
    node = lambda name, op, args, **attributes: dict(
        {"name": name, "op": op, "args": args}, **attributes)
    return {
        "format": "shade-graph",
        "version": 1,
        "name": "quantized_mlp",
        "inputs": [{"name": "x", "shape": [INPUTS], "encrypted": True,
                    "range": [0, PIXEL_MAX]}],
        "nodes": [
            {"name": "w1", "op": "constant", "value": w1.tolist()},
            {"name": "b1", "op": "constant", "value": b1.tolist()},
            {"name": "w2", "op": "constant", "value": w2.tolist()},
            {"name": "b2", "op": "constant", "value": b2.tolist()},
            node("x_w1", "matmul", ["x", "w1"]),
            node("h", "add", ["x_w1", "b1"]),
            node("h_relu", "relu", ["h"]),
            node("h_shifted", "right_shift", ["h_relu"], bits=SHIFT),
            node("h_quantized", "clip", ["h_shifted"], min=0, max=PIXEL_MAX),
            node("h_w2", "matmul", ["h_quantized", "w2"]),
            node("scores", "add", ["h_w2", "b2"]),
        ],
        "outputs": ["scores"],
    }


def files():
    rng = np.random.default_rng(SEED)
    w1, b1, w2, b2 = draw_network(rng)
    x = sample_image().reshape(-1)
    scores = evaluate(x, w1, b1, w2, b2)
    return {
        "mlp.json": json.dumps(program(w1, b1, w2, b2)) + "\n",
        "input.json": json.dumps({"x": x.tolist()}) + "\n",
        # As shadec prints results: compact, one line.
        "expected.json": json.dumps({"scores": scores.tolist()},
                                    separators=(",", ":")) + "\n",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the files differ from what this script writes")
    args = parser.parse_args()
    stale = []
    for name, text in files().items():
        path = os.path.join(HERE, name)
        current = open(path).read() if os.path.exists(path) else None
        if args.check:
            if current != text:
                stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
    for name in stale:
        print("out of date: " + name)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
