#!/usr/bin/env python3
"""One parameter set per partition against one set for all (docs/parameters.md,
"Partitions", and docs/performance.md, "Parameter sets per partition").

The program applies a table of `--narrow` bits to `--narrow-elements` values
and a table of `--wide` bits to `--wide-elements` others. Each run of
shade-bench-end-to-end compiles it, makes keys and times the execution on
evaluation keys already in memory (median of --runs runs on --threads
threads); the partitioned compilation and the one-set compilation
(--single-parameter-set) run in turn, --rounds times, so that both see the
same machine. Prints every measurement and the median ratio. Standard
library only:

  /usr/bin/python3 bench/partitions.py --narrow 2 --wide 8 \\
      --narrow-elements 64 --wide-elements 4 --rounds 2
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def program(narrow, wide, narrow_elements, wide_elements):
    """x (narrow bits) and z (wide bits) through tables of their width."""
    rng = random.Random(narrow * 100 + wide)
    graph = {
        "format": "shade-graph", "version": 1, "name": "mixed",
        "inputs": [
            {"name": "x", "shape": [narrow_elements],
             "range": [0, 2 ** narrow - 1]},
            {"name": "z", "shape": [wide_elements],
             "range": [0, 2 ** wide - 1]},
        ],
        "nodes": [
            {"name": "narrow", "op": "lut", "args": ["x"],
             "table": [rng.randrange(2 ** narrow)
                       for _ in range(2 ** narrow)]},
            {"name": "wide", "op": "lut", "args": ["z"],
             "table": [rng.randrange(2 ** wide) for _ in range(2 ** wide)]},
        ],
        "outputs": ["narrow", "wide"],
    }
    values = {
        "x": [rng.randrange(2 ** narrow) for _ in range(narrow_elements)],
        "z": [rng.randrange(2 ** wide) for _ in range(wide_elements)],
    }
    return graph, values


def measure(bench, program_path, values_path, threads, runs, single):
    command = [bench, program_path, values_path, "--threads=%d" % threads,
               "--runs=%d" % runs]
    if single:
        command.append("--single-parameter-set")
    output = subprocess.run(command, check=True, capture_output=True,
                            text=True).stdout
    execute = float(re.search(r"median ([0-9.]+) s", output).group(1))
    keys = float(re.search(r"keys in memory: ([0-9.]+) s", output).group(1))
    results = re.search(r"results: (.*)", output).group(1)
    sets = re.findall(r"parameters \d+: (.*?); KS\+PBS on one thread: "
                      r"([0-9.]+) ms", output)
    return execute, keys, results, sets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default=os.path.join(
        ROOT, "build", "bin", "shade-bench-end-to-end"))
    parser.add_argument("--narrow", type=int, default=2)
    parser.add_argument("--wide", type=int, default=8)
    parser.add_argument("--narrow-elements", type=int, default=64)
    parser.add_argument("--wide-elements", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    graph, values = program(args.narrow, args.wide, args.narrow_elements,
                            args.wide_elements)
    times = {False: [], True: []}
    with tempfile.TemporaryDirectory() as work:
        program_path = os.path.join(work, "program.json")
        values_path = os.path.join(work, "values.json")
        with open(program_path, "w") as f:
            json.dump(graph, f)
        with open(values_path, "w") as f:
            json.dump(values, f)
        expected = None
        for round_index in range(args.rounds):
            for single in (False, True):
                execute, keys, results, sets = measure(
                    args.bench, program_path, values_path, args.threads,
                    args.runs, single)
                if expected is None:
                    expected = results
                elif results != expected:
                    print("results differ: %s against %s" % (results,
                                                               expected))
                    return 1
                times[single].append(execute)
                print("round %d, %s: execute %.3f s (median of %d), keys "
                      "%.1f s, sets: %s" % (
                          round_index + 1,
                          "one set" if single else "partitions", execute,
                          args.runs, keys,
                          "; ".join("%s (KS+PBS %s ms)" % s for s in sets)),
                      flush=True)
    partitioned = statistics.median(times[False])
    single = statistics.median(times[True])
    print("%d x %d-bit and %d x %d-bit lookups on %d threads: partitions "
          "%.3f s, one set %.3f s, one set / partitions = %.2f" % (
              args.narrow_elements, args.narrow, args.wide_elements,
              args.wide, args.threads, partitioned, single,
              single / partitioned))
    return 0


if __name__ == "__main__":
    sys.exit(main())
