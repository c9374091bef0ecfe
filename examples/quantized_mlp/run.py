#!/usr/bin/python3
"""Runs the digits MLP example the way a client and a server would, with
shadec: compile, make keys, encrypt a batch of held-out images (client),
execute with the evaluation key only (server, in its own directory), decrypt
(client). Prints the float and clear-integer accuracies on the whole held-out
set, the encrypted accuracy on the batch, whether the decrypted scores are
exactly the scores numpy computes on int64 from the same graph, the number of
bootstraps and the time of every phase. Exit status 1 if the scores differ.

  examples/quantized_mlp/run.py [--shadec PATH] [--images N] [--threads N]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the example's folder
import generate  # noqa: E402  (the clear evaluation; no training, no scikit-learn)


def default_shadec():
    build = os.environ.get("SHADE_BUILD_DIR", os.path.join(ROOT, "build"))
    return os.path.join(build, "bin", "shadec")


def load(name):
    with open(os.path.join(HERE, name)) as f:
        return json.load(f)


def accuracy(predicted, labels, what):
    right = int((np.asarray(predicted) == np.asarray(labels)).sum())
    return "%.2f %% (%d/%d %s)" % (100.0 * right / len(labels), right, len(labels), what)


class Phases:
    """Runs shadec commands and records how long each took."""

    def __init__(self, shadec):
        self.shadec = shadec
        self.times = []

    def run(self, phase, arguments, cwd):
        start = time.monotonic()
        completed = subprocess.run([self.shadec] + arguments, cwd=cwd,
                                   capture_output=True, text=True)
        self.times.append((phase, time.monotonic() - start))
        if completed.returncode != 0:
            sys.stderr.write(completed.stderr)
            raise SystemExit("run.py: 'shadec %s' failed" % " ".join(arguments))
        return completed.stdout


def main():
    program = load("mlp.json")
    batch = program["inputs"][0]["shape"][0]
    held_out = load("digits_test.json")
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shadec", default=default_shadec(),
                        help="the shadec binary, a path or a name on PATH "
                             "(default: $SHADE_BUILD_DIR or build/, then bin/shadec)")
    parser.add_argument("--images", type=int, default=batch,
                        help="how many held-out images to classify under encryption, "
                             "the first ones, in one batch (default: %d, mlp.json's batch)"
                             % batch)
    parser.add_argument("--threads", type=int, default=os.cpu_count(),
                        help="threads of the server (default: all cores)")
    args = parser.parse_args()
    shadec = shutil.which(args.shadec)
    if shadec:
        # The commands run in other directories.
        shadec = os.path.abspath(shadec)
    if not shadec:
        raise SystemExit("run.py: no shadec at %s (build it, or pass --shadec)" % args.shadec)
    images = np.array(held_out["images"], dtype=np.int64)
    labels = np.array(held_out["labels"], dtype=np.int64)
    if not 1 <= args.images <= len(labels):
        raise SystemExit("run.py: --images must be in [1, %d]" % len(labels))

    # In clear: the float network and the integer graph on every held-out image.
    float_predicted = generate.float_scores(load("model.json"), images).argmax(axis=1)
    clear_scores = generate.evaluate_graph(program, {"x": images})["scores"]
    clear_predicted = clear_scores.argmax(axis=1)

    # Under encryption: the first N images, in one batch (the graph for N
    # images is mlp.json with x of shape [N, 64]; nothing else changes).
    count = args.images
    subset = {"x": images[:count].tolist()}
    phases = Phases(shadec)
    work = tempfile.mkdtemp(prefix="shade-mlp-")
    try:
        client = os.path.join(work, "client")
        server = os.path.join(work, "server")
        os.makedirs(client)
        os.makedirs(server)
        program_path = os.path.join(HERE, "mlp.json")
        if count != batch:
            program["inputs"][0]["shape"][0] = count
            program_path = os.path.join(client, "mlp.json")
            with open(program_path, "w") as f:
                json.dump(program, f)
        with open(os.path.join(client, "inputs.json"), "w") as f:
            json.dump(subset, f)
        phases.run("compile", ["compile", program_path, "-o", "artifact"], client)
        report = json.loads(phases.run("parameters", ["compile", program_path,
                                                      "--emit=params"], client))
        phases.run("keygen", ["keygen", "artifact", "--secret-key", "sk",
                              "--eval-key", "ek"], client)
        phases.run("encrypt", ["encrypt", "artifact", "--secret-key", "sk",
                               "--inputs", "inputs.json", "-o", "args"], client)
        # The server gets the artifact, the evaluation key and the arguments.
        shutil.copytree(os.path.join(client, "artifact"), os.path.join(server, "artifact"))
        for name in ("ek", "args"):
            shutil.copy(os.path.join(client, name), server)
        phases.run("execute", ["execute", "artifact", "--eval-key", "ek", "--args", "args",
                               "-o", "results", "--threads=%d" % args.threads, "--quiet"],
                   server)
        shutil.copy(os.path.join(server, "results"), client)
        decrypted = json.loads(phases.run("decrypt", ["decrypt", "artifact", "--secret-key",
                                                      "sk", "results"], client))
    finally:
        shutil.rmtree(work)

    scores = np.array(decrypted["scores"], dtype=np.int64)
    expected = clear_scores[:count]
    match = scores.shape == expected.shape and (scores == expected).all()
    predicted = scores.argmax(axis=1) if scores.shape == expected.shape else None
    statistics = report["statistics"]
    hidden = next(len(node["value"]) for node in program["nodes"] if node["name"] == "b1")
    print("Digits MLP (scikit-learn): 64 pixels (4 bits) -> %d hidden (ReLU, 4 bits) "
          "-> 10 scores" % hidden)
    print("held-out set: %d images of load_digits, not used in training" % len(labels))
    print("float accuracy:         %s"
          % accuracy(float_predicted, labels, "held-out images, float network"))
    print("clear integer accuracy: %s"
          % accuracy(clear_predicted, labels, "held-out images, the graph on int64"))
    print("encrypted: held-out images 0 to %d, one batch of %d" % (count - 1, count))
    for parameters in report["parameters"]:
        print("parameters: n = %d, k = %d, N = %d, bootstrap %d x 2^%d, key switch %d x 2^%d, "
              "p_error %.1e" % (parameters["lwe_dimension"], parameters["glwe_dimension"],
                                parameters["polynomial_size"], parameters["pbs_level"],
                                parameters["pbs_base_log"], parameters["ks_level"],
                                parameters["ks_base_log"], report["p_error"]))
    print("bootstraps: %d (key switches: %d), %.1f per image"
          % (statistics["bootstraps"], statistics["keyswitches"],
             statistics["bootstraps"] / count))
    print("labels:              %s" % labels[:count].tolist())
    print("clear predicted:     %s" % clear_predicted[:count].tolist())
    if predicted is not None:
        print("decrypted predicted: %s" % predicted.tolist())
        print("encrypted accuracy:     %s"
              % accuracy(predicted, labels[:count], "images, decrypted scores"))
    if match:
        print("match: yes, exactly")
    elif predicted is None:
        print("match: NO (decrypted scores of shape %s, expected %s)"
              % (list(scores.shape), list(expected.shape)))
    else:
        differ = int((scores != expected).any(axis=1).sum())
        print("match: NO (the scores of %d of %d images differ)" % (differ, count))
    for phase, seconds in phases.times:
        note = ""
        if phase == "execute":
            note = " (server, %d threads), %.3f s per image" % (args.threads, seconds / count)
        print("  %-10s %7.3f s%s" % (phase, seconds, note))
    return 0 if match else 1


if __name__ == "__main__":
    sys.exit(main())
