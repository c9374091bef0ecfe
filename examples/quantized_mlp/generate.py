#!/usr/bin/python3
"""Writes the quantized MLP example from a network trained by scikit-learn on
its bundled digits data (sklearn.datasets.load_digits: 1797 8x8 images, pixels
0..16, labels 0..9).

  generate.py --retrain   trains the float network (MLPClassifier) and writes
                          model.json, then every file below
  generate.py             writes the files below from the committed model.json
  generate.py --check     exit 1 if a committed file differs from what the
                          line above would write

Files derived from model.json (the trained float weights, kept exactly):
  digits_test.json  the held-out images (pixels quantized to 4 bits) and labels
  mlp.json          the integer network as a graph file, input x: [BATCH, 64]
  input.json        the first BATCH held-out images, the inputs of mlp.json
  expected.json     the scores numpy computes for them on int64

Training goes through floating point, BLAS and scikit-learn's optimizer, whose
last bits may differ between versions and machines, so training happens only
with --retrain. Everything else is exact on any machine: the quantization of
the committed float weights (IEEE division and rint) and integer arithmetic on
the bundled data, so --check recomputes it and compares byte for byte.

Quantization:
  pixels    x = min(pixel, 15), 4 bits unsigned; the float network is trained
            on x / 15, so that both networks see the same inputs
  weights   per layer, symmetric: w_q = rint(w / s) in [-7, 7], s = max|w| / 7
  bias 1    at the accumulator's scale: rint(b1 * 15 / s1)
  hidden    h = clip(relu(round_bits(x @ w1_q + b1_q, K) >> K), 0, 15), 4 bits
  bias 2    rint(b2 * 15 / (2^K * s1 * s2)), the scale of h @ w2_q
  scores    h @ w2_q + b2_q, 10 integers per image, argmax on the client
The shift K is calibrated on the training set: among the shifts that bring the
exact range of the hidden accumulator (over every input in [0, 15]^64) to at
most TLU_BITS bits, the one with the best integer accuracy on the training
images.
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# Data: a fixed split of load_digits, by numpy's legacy generator (RandomState
# streams are frozen: the same permutation with every numpy version).
SPLIT_SEED = 20261123
TEST_IMAGES = 360  # the held-out set, 20 % of 1797; the rest trains
PIXEL_MAX = 15  # 4-bit pixels

# Training (scikit-learn's MLPClassifier).
HIDDEN = 32
ALPHA = 1e-2  # L2 penalty
RANDOM_STATE = 0
MAX_ITER = 1000

# Quantization.
WEIGHT_MAX = 7  # weights in [-7, 7]
ACTIVATION_MAX = 15  # hidden activations in [0, 15]
TLU_BITS = 6  # most bits of the rounded hidden accumulator (the lookup's input)

# The graph takes a batch of images: the server bootstraps them all at once.
BATCH = 20


def load_digits():
    """The images (4-bit pixels, one row of 64 per image) and labels of
    load_digits, and the held-out and training indices of the fixed split."""
    from sklearn import datasets
    digits = datasets.load_digits()
    images = np.minimum(digits.data.astype(np.int64), PIXEL_MAX)
    labels = digits.target.astype(np.int64)
    order = np.random.RandomState(SPLIT_SEED).permutation(len(labels))
    return images, labels, order[:TEST_IMAGES], order[TEST_IMAGES:]


def train(images, labels):
    """Trains the float network; returns model.json's document."""
    import sklearn
    from sklearn.neural_network import MLPClassifier
    classifier = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="relu",
                               alpha=ALPHA, max_iter=MAX_ITER, random_state=RANDOM_STATE)
    classifier.fit(images / PIXEL_MAX, labels)
    model = {
        "description": "MLPClassifier trained by examples/quantized_mlp/generate.py "
                       "--retrain on load_digits (pixels min(p, 15) / 15); "
                       "the float weights as trained, exactly",
        "trained_with": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "hidden_layer_sizes": [HIDDEN], "activation": "relu", "alpha": ALPHA,
        "random_state": RANDOM_STATE, "max_iter": MAX_ITER,
        "iterations": int(classifier.n_iter_),
        "coefs": [w.tolist() for w in classifier.coefs_],
        "intercepts": [b.tolist() for b in classifier.intercepts_],
    }
    return model, classifier


def float_weights(model):
    settings = {"hidden_layer_sizes": [HIDDEN], "activation": "relu", "alpha": ALPHA,
                "random_state": RANDOM_STATE, "max_iter": MAX_ITER}
    if any(model.get(key) != value for key, value in settings.items()):
        raise SystemExit("generate.py: model.json was trained with other settings than "
                         "generate.py's (run generate.py --retrain)")
    w1, w2 = (np.array(w, dtype=np.float64) for w in model["coefs"])
    b1, b2 = (np.array(b, dtype=np.float64) for b in model["intercepts"])
    if w1.shape != (64, HIDDEN) or w2.shape != (HIDDEN, 10):
        raise SystemExit("generate.py: model.json is not a 64 -> %d -> 10 network" % HIDDEN)
    return w1, b1, w2, b2


def float_scores(model, images):
    """The float network's scores (its logits) for 4-bit images."""
    w1, b1, w2, b2 = float_weights(model)
    return np.maximum(images / PIXEL_MAX @ w1 + b1, 0) @ w2 + b2


def quantize(w):
    scale = np.abs(w).max() / WEIGHT_MAX
    return np.rint(w / scale).astype(np.int64), scale


def signed_bits(lo, hi):
    """The fewest bits of a two's complement integer that holds [lo, hi]."""
    bits = 1
    while lo < -(1 << (bits - 1)) or hi > (1 << (bits - 1)) - 1:
        bits += 1
    return bits


def width(lo, hi):
    """'N bits' (two's complement) or 'N bits unsigned' for [lo, hi]."""
    if lo >= 0:
        return "%d bits unsigned" % max(1, int(hi).bit_length())
    return "%d bits" % signed_bits(lo, hi)


def round_shift(a, k):
    """round_bits(a, k) >> k, as the graph computes it."""
    return ((a + (1 << (k - 1))) >> k) << k >> k


class Network:
    """The integer network derived from the float weights and the training images."""

    def __init__(self, model, train_images, train_labels):
        w1, b1, w2, b2 = float_weights(model)
        self.w1, self.s1 = quantize(w1)
        self.w2, self.s2 = quantize(w2)
        self.b1 = np.rint(b1 * PIXEL_MAX / self.s1).astype(np.int64)
        self.b2_float = b2
        # Calibration: the shifts after which the hidden accumulator, over
        # every input, fits TLU_BITS bits (the lookup's input), scored on the
        # training images.
        self.calibration = []
        for k in range(1, 16):
            self.set_shift(k)
            if signed_bits(*hull(graph_ranges(self.program(1))["h_shifted"])) > TLU_BITS:
                continue
            accuracy = (self.scores(train_images).argmax(axis=1) == train_labels).mean()
            self.calibration.append((k, accuracy))
            if accuracy < 0.5:
                break
        if not self.calibration:
            raise SystemExit("generate.py: no shift fits %d bits" % TLU_BITS)
        best = max(accuracy for _, accuracy in self.calibration)
        self.set_shift(max(k for k, accuracy in self.calibration if accuracy == best))

    def set_shift(self, k):
        self.shift = k
        self.b2 = np.rint(self.b2_float * PIXEL_MAX / ((1 << k) * self.s1 * self.s2)
                          ).astype(np.int64)

    def hidden(self, images):
        acc1 = images @ self.w1 + self.b1
        return np.clip(np.maximum(round_shift(acc1, self.shift), 0), 0, ACTIVATION_MAX)

    def scores(self, images):
        return self.hidden(images) @ self.w2 + self.b2

    def program(self, batch):
        node = lambda name, op, args, **attributes: dict(
            {"name": name, "op": op, "args": args}, **attributes)
        return {
            "format": "shade-graph",
            "version": 1,
            "name": "digits_mlp",
            "inputs": [{"name": "x", "shape": [batch, 64], "encrypted": True,
                        "range": [0, PIXEL_MAX]}],
            "nodes": [
                {"name": "w1", "op": "constant", "value": self.w1.tolist()},
                {"name": "b1", "op": "constant", "value": self.b1.tolist()},
                {"name": "w2", "op": "constant", "value": self.w2.tolist()},
                {"name": "b2", "op": "constant", "value": self.b2.tolist()},
                node("x_w1", "matmul", ["x", "w1"]),
                node("acc1", "add", ["x_w1", "b1"]),
                node("acc1_rounded", "round_bits", ["acc1"], lsbs=self.shift),
                node("h_shifted", "right_shift", ["acc1_rounded"], bits=self.shift),
                node("h_relu", "relu", ["h_shifted"]),
                node("h", "clip", ["h_relu"], min=0, max=ACTIVATION_MAX),
                node("h_w2", "matmul", ["h", "w2"]),
                node("scores", "add", ["h_w2", "b2"]),
            ],
            "outputs": ["scores"],
        }


def evaluate_graph(program, inputs):
    """Every value of a graph file's program for `inputs`, node by node, with
    numpy on int64 (the ops this example uses, with graph-format.md's
    semantics). The first dimension of x may be any batch size."""
    env = {name: np.array(value, dtype=np.int64) for name, value in inputs.items()}
    for node in program["nodes"]:
        args = [env[name] for name in node.get("args", [])]
        op = node["op"]
        if op == "constant":
            result = np.array(node["value"], dtype=np.int64)
        elif op == "matmul":
            result = np.matmul(*args)
        elif op == "add":
            result = np.add(*args)
        elif op == "relu":
            result = np.maximum(args[0], 0)
        elif op == "right_shift":
            result = np.right_shift(args[0], node["bits"])
        elif op == "round_bits":
            if node.get("exactness", "exact") != "exact":
                raise SystemExit("no clear evaluation for approximate round_bits")
            lsbs = node["lsbs"]
            result = ((args[0] + (1 << (lsbs - 1))) >> lsbs) << lsbs
        elif op == "clip":
            result = np.clip(args[0], node["min"], node["max"])
        else:
            raise SystemExit("no clear evaluation for op '%s'" % op)
        env[node["name"]] = result.astype(np.int64)
    return env


def graph_ranges(program):
    """The exact range [lo, hi] of every element of every value of the program,
    over every input in its declared range (what the compiler derives): pairs
    of int64 arrays. Every op used is non-decreasing in its encrypted operand,
    and matmul's other operand is a constant."""
    env = {}
    for spec in program["inputs"]:
        lo, hi = spec["range"]
        env[spec["name"]] = (np.full(spec["shape"], lo, dtype=np.int64),
                             np.full(spec["shape"], hi, dtype=np.int64))
    for node in program["nodes"]:
        if node["op"] == "constant":
            value = np.array(node["value"], dtype=np.int64)
            env[node["name"]] = (value, value)
            continue
        args = [env[name] for name in node["args"]]
        if node["op"] == "matmul":
            (lo, hi), (w, _) = args
            positive, negative = np.maximum(w, 0), np.minimum(w, 0)
            result = (lo @ positive + hi @ negative, hi @ positive + lo @ negative)
        elif node["op"] == "add":
            (alo, ahi), (blo, bhi) = args
            result = (alo + blo, ahi + bhi)
        else:
            one = lambda bound: evaluate_graph(
                {"nodes": [dict(node, args=["a"])]}, {"a": bound})[node["name"]]
            result = tuple(one(bound) for bound in args[0])
        env[node["name"]] = result
    return env


def hull(bounds):
    return int(bounds[0].min()), int(bounds[1].max())


def dumps(value, indent=0):
    """JSON with one line per matrix row (short objects on one line)."""
    inline = json.dumps(value)
    scalars = isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value)
    if not isinstance(value, (list, dict)) or scalars or len(inline) + indent <= 100:
        return inline
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        items = [pad + json.dumps(k) + ": " + dumps(v, indent + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + dumps(v, indent + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def derive(model):
    """The derived files' texts, and the network and data they came from."""
    images, labels, test, training = load_digits()
    network = Network(model, images[training], labels[training])
    program = network.program(BATCH)
    # The graph itself, evaluated in clear, gives the expected scores.
    scores = evaluate_graph(program, {"x": images[test[:BATCH]]})["scores"]
    assert (scores == network.scores(images[test[:BATCH]])).all()
    held_out = {
        "description": "the held-out images of load_digits (pixels min(p, 15)) and "
                       "their labels; indices into load_digits",
        "indices": test.tolist(),
        "labels": labels[test].tolist(),
        "images": images[test].tolist(),
    }
    texts = {
        "digits_test.json": dumps(held_out) + "\n",
        "mlp.json": dumps(program) + "\n",
        "input.json": dumps({"x": images[test[:BATCH]].tolist()}) + "\n",
        # As shadec prints results: compact, one line.
        "expected.json": json.dumps({"scores": scores.tolist()}, separators=(",", ":")) + "\n",
    }
    return texts, network, (images, labels, test, training)


def report(model, network, data):
    images, labels, test, training = data
    accuracy = lambda scores, rows: (scores.argmax(axis=1) == labels[rows]).mean() * 100
    print("float network:   train %.2f %%, held-out %.2f %% (%d images)"
          % (accuracy(float_scores(model, images[training]), training),
             accuracy(float_scores(model, images[test]), test), len(test)))
    print("integer network: train %.2f %%, held-out %.2f %%"
          % (accuracy(network.scores(images[training]), training),
             accuracy(network.scores(images[test]), test)))
    print("weight scales: s1 = %.6g, s2 = %.6g" % (network.s1, network.s2))
    print("shift calibration (train accuracy): " + ", ".join(
        "K=%d %.2f %%" % (k, a * 100) for k, a in network.calibration)
        + "; chosen K = %d" % network.shift)
    program = network.program(len(images))
    ranges = graph_ranges(program)
    values = evaluate_graph(program, {"x": images})
    for name in ("x_w1", "acc1", "acc1_rounded", "h_shifted", "h", "h_w2", "scores"):
        lo, hi = hull(ranges[name])
        print("%-12s exact range [%d, %d] (%s), all 1797 images [%d, %d]"
              % (name, lo, hi, width(lo, hi), values[name].min(), values[name].max()))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="exit 1 if the files differ from what this script writes")
    mode.add_argument("--retrain", action="store_true",
                      help="train the float network again (rewrites model.json)")
    args = parser.parse_args()
    model_path = os.path.join(HERE, "model.json")
    if args.retrain:
        images, labels, test, training = load_digits()
        model, classifier = train(images[training], labels[training])
        # The clear float accuracy (run.py) is numpy's argmax of the logits.
        if not (classifier.predict(images[test] / PIXEL_MAX)
                == float_scores(model, images[test]).argmax(axis=1)).all():
            raise SystemExit("generate.py: numpy's float network differs from scikit-learn's")
        with open(model_path, "w") as f:
            f.write(dumps(model) + "\n")
    with open(model_path) as f:
        model = json.load(f)
    texts, network, data = derive(model)
    stale = []
    for name, text in texts.items():
        path = os.path.join(HERE, name)
        current = open(path).read() if os.path.exists(path) else None
        if args.check:
            if current != text:
                stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
    if not args.check:
        report(model, network, data)
    for name in stale:
        print("out of date: " + name)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
