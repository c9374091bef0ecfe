#!/usr/bin/env python3
"""Wall-clock compile time of `shadec compile` on generated graphs.

Generates graphs of a given number of nodes in several families, each
stressing another part of the compiler, and times what a user runs:

  shadec compile G -o DIR        (the whole compiler: import, analyses,
                                  parameter selection, lowering, LLVM,
                                  object file, linked shared object)
  shadec compile G --emit=params (the front half only: import, analyses,
                                  parameter selection)

Each figure is the median of --runs runs, in wall-clock seconds and in CPU
seconds (user + system, the linker included); back_s is the wall-clock
difference, the time of the back half (lowering, LLVM, object file, link).
Standard library only:

  /usr/bin/python3 bench/compile_time.py --shadec build/bin/shadec \
      --sizes 1000 10000 100000 --runs 3
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def graph(name, inputs, nodes, outputs):
    return {
        "format": "shade-graph",
        "version": 1,
        "name": name,
        "inputs": inputs,
        "nodes": nodes,
        "outputs": outputs,
    }


def chain(size):
    """A chain of clear additions and subtractions on an encrypted tensor
    ending in a relu: levelled ops only, one bootstrap (size - 2 tensor ops
    in one straight line)."""
    nodes = [{"name": "k", "op": "constant", "value": [1, 0, 1, 0]}]
    previous = "x"
    for i in range(size - 2):
        name = "n%d" % i
        nodes.append({"name": name, "op": "add" if i % 2 == 0 else "subtract",
                      "args": [previous, "k"]})
        previous = name
    nodes.append({"name": "out", "op": "relu", "args": [previous]})
    inputs = [{"name": "x", "shape": [4], "encrypted": True, "range": [0, 7]}]
    return graph("chain", inputs, nodes, ["out"])


def network(size):
    """A levelled network on small tensors: layers of matmul by a clear
    matrix, bias addition, relu and a lookup table (two bootstraps of four
    ciphertexts per layer), weights shared by all layers."""
    nodes = [
        {"name": "w", "op": "constant",
         "value": [[1, -1, 0, 1], [0, 1, -1, 1], [1, 0, 1, -1], [-1, 1, 1, 0]]},
        {"name": "b", "op": "constant", "value": [1, 0, -1, 1]},
    ]
    # After relu the values are in [0, 13]: the table brings them back to
    # the input's range [0, 3].
    table = [min(3, v // 3) for v in range(14)]
    previous = "x"
    layer = 0
    while len(nodes) + 4 <= size:
        prefix = "l%d_" % layer
        nodes.append({"name": prefix + "mm", "op": "matmul",
                      "args": [previous, "w"]})
        nodes.append({"name": prefix + "add", "op": "add",
                      "args": [prefix + "mm", "b"]})
        nodes.append({"name": prefix + "relu", "op": "relu",
                      "args": [prefix + "add"]})
        nodes.append({"name": prefix + "lut", "op": "lut",
                      "args": [prefix + "relu"], "table": table})
        previous = prefix + "lut"
        layer += 1
    while len(nodes) < size:
        name = "tail%d" % len(nodes)
        nodes.append({"name": name, "op": "add", "args": [previous, "b"]})
        previous = name
    inputs = [{"name": "x", "shape": [4], "encrypted": True, "range": [0, 3]}]
    return graph("network", inputs, nodes, [previous])


def fanout(size):
    """Wide fan-out: many independent lookup tables on one input (each a
    different table, so nothing is shared), all live until one concatenate
    joins them."""
    nodes = []
    count = size - 1
    names = []
    for i in range(count):
        name = "t%d" % i
        table = [(v * (i % 7 + 1) + i) % 8 for v in range(8)]
        nodes.append({"name": name, "op": "lut", "args": ["x"],
                      "table": table})
        names.append(name)
    nodes.append({"name": "out", "op": "concatenate", "args": names,
                  "axis": 0})
    inputs = [{"name": "x", "shape": [2], "encrypted": True, "range": [0, 7]}]
    return graph("fanout", inputs, nodes, ["out"])


FAMILIES = {"chain": chain, "network": network, "fanout": fanout}


def time_command(command, runs):
    """Medians of `runs` runs of `command`: wall-clock seconds, and CPU
    seconds (user + system, of the process and its children: the linker)."""
    walls = []
    cpus = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            sys.exit("%s failed (exit status %d):\n%s" %
                     (" ".join(command), result.returncode, result.stderr))
        walls.append(elapsed)
        cpus.append(after.ru_utime - before.ru_utime +
                    after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shadec", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "build", "bin",
        "shadec"), help="the shadec binary")
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[1000, 10000, 100000],
                        help="graph sizes, in nodes")
    parser.add_argument("--families", nargs="+", choices=sorted(FAMILIES),
                        default=["chain", "network", "fanout"])
    parser.add_argument("--runs", type=int, default=3,
                        help="runs per figure; the median is reported")
    parser.add_argument("--keep", metavar="DIR",
                        help="write the generated graphs to DIR")
    arguments = parser.parse_args()

    work = tempfile.mkdtemp(prefix="shade-compile-time-")
    try:
        print("%-8s %7s %10s %10s %10s %10s %10s" %
              ("family", "nodes", "params_s", "compile_s", "back_s",
               "params_cpu", "compile_cpu"))
        for family in arguments.families:
            for size in arguments.sizes:
                document = FAMILIES[family](size)
                assert len(document["nodes"]) == size
                path = os.path.join(arguments.keep or work,
                                    "%s_%d.json" % (family, size))
                with open(path, "w") as file:
                    json.dump(document, file)
                artifact = os.path.join(work, "artifact")
                params, params_cpu = time_command(
                    [arguments.shadec, "compile", path, "--emit=params"],
                    arguments.runs)
                whole, whole_cpu = time_command(
                    [arguments.shadec, "compile", path, "-o", artifact],
                    arguments.runs)
                print("%-8s %7d %10.3f %10.3f %10.3f %10.3f %10.3f" %
                      (family, size, params, whole, whole - params,
                       params_cpu, whole_cpu), flush=True)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
