#!/usr/bin/python3
"""Runs the quantized MLP example the way a client and a server would, with
shadec: compile, make keys, encrypt (client), execute with the evaluation key
only (server, in its own directory), decrypt (client). Prints the decrypted
scores next to the scores numpy computes in the clear from the same graph,
whether they match exactly, the time of every phase and the number of
bootstraps. Exit status 1 if they differ.

  examples/quantized_mlp/run.py [--shadec PATH] [--input VALUES.json] [--threads N]
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


def default_shadec():
    build = os.environ.get("SHADE_BUILD_DIR", os.path.join(ROOT, "build"))
    return os.path.join(build, "bin", "shadec")


def clear_scores(program, values):
    """Evaluates the graph on int64 with numpy, node by node."""
    env = {"x": np.array(values["x"], dtype=np.int64)}
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
        elif op == "clip":
            result = np.clip(args[0], node["min"], node["max"])
        else:
            raise SystemExit("run.py: no clear evaluation for op '%s'" % op)
        env[node["name"]] = result
    return {name: env[name].tolist() for name in program["outputs"]}


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
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shadec", default=default_shadec(),
                        help="the shadec binary, a path or a name on PATH "
                             "(default: $SHADE_BUILD_DIR or build/, then bin/shadec)")
    parser.add_argument("--input", default=os.path.join(HERE, "input.json"),
                        help="the input values (default: the sample image)")
    parser.add_argument("--threads", type=int, default=os.cpu_count(),
                        help="threads of the server (default: all cores)")
    args = parser.parse_args()
    shadec = shutil.which(args.shadec)
    if not shadec:
        raise SystemExit("run.py: no shadec at %s (build it, or pass --shadec)" % args.shadec)

    program_path = os.path.join(HERE, "mlp.json")
    with open(program_path) as f:
        program = json.load(f)
    with open(args.input) as f:
        values = json.load(f)
    input_path = os.path.abspath(args.input)

    phases = Phases(shadec)
    work = tempfile.mkdtemp(prefix="shade-mlp-")
    try:
        client = os.path.join(work, "client")
        server = os.path.join(work, "server")
        os.makedirs(client)
        os.makedirs(server)
        phases.run("compile", ["compile", program_path, "-o", "artifact"], client)
        report = json.loads(phases.run("parameters", ["compile", program_path,
                                                      "--emit=params"], client))
        phases.run("keygen", ["keygen", "artifact", "--secret-key", "sk",
                              "--eval-key", "ek"], client)
        phases.run("encrypt", ["encrypt", "artifact", "--secret-key", "sk",
                               "--inputs", input_path, "-o", "args"], client)
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

    clear = clear_scores(program, values)
    parameters = report["parameters"][0]
    statistics = report["statistics"]
    print("Quantized MLP: 64 inputs -> 16 hidden (ReLU, requantized to 2 bits) -> 10 scores")
    print("parameters: n = %d, k = %d, N = %d, bootstrap %d x 2^%d, key switch %d x 2^%d, "
          "p_error %.1e" % (parameters["lwe_dimension"], parameters["glwe_dimension"],
                            parameters["polynomial_size"], parameters["pbs_level"],
                            parameters["pbs_base_log"], parameters["ks_level"],
                            parameters["ks_base_log"], report["p_error"]))
    print("bootstraps: %d (key switches: %d)" % (statistics["bootstraps"],
                                                   statistics["keyswitches"]))
    for name in program["outputs"]:
        print("decrypted %s: %s" % (name, decrypted[name]))
        print("clear     %s: %s" % (name, clear[name]))
    match = decrypted == clear
    print("match: %s" % ("yes, exactly" if match else "NO"))
    for phase, seconds in phases.times:
        note = " (server, %d threads)" % args.threads if phase == "execute" else ""
        print("  %-10s %7.3f s%s" % (phase, seconds, note))
    return 0 if match else 1


if __name__ == "__main__":
    sys.exit(main())
