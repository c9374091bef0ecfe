#!/usr/bin/env python3
"""The cost of relu, comparisons and maxima on wide encrypted values
(docs/performance.md, "Wide tables"; docs/graph-import.md, "Wide tables").

Two series, each program run by shade-bench-end-to-end (execution time on
evaluation keys already in memory, median of --runs runs on --threads
threads):

  decomposed  relu of a signed W-bit value, less and maximum of two signed
              W-bit values, W = 8, 10, 12, 14, 16 (graph files: what the
              compiler chooses, small bootstraps on the value's digits);
  native      the one bootstrap that today's alternative would be, where one
              exists: a table reading 8 bits (relu of an int8) and 9 bits
              (the difference of two int8 values a comparison reads), as
              MLIR programs of one apply_lookup_table.

Prints one line per program: bootstraps per element by table width, and the
execution time per element. Standard library only:

  /usr/bin/python3 bench/wide_tables.py --bench build/bin/shade-bench-end-to-end \\
      --elements 32 --runs 3 --threads 1
"""
import argparse
import json
import os
import random
import sys

from rounding import ROOT, run


def decomposed_program(op, width, elements):
    """`op` on signed `width`-bit inputs, random values with both ends."""
    lo, hi = -2 ** (width - 1), 2 ** (width - 1) - 1
    operands = ["x"] if op == "relu" else ["x", "y"]
    program = {
        "format": "shade-graph", "version": 1, "name": "%s%d" % (op, width),
        "inputs": [{"name": name, "shape": [elements], "dtype": "int%d" % width}
                   for name in operands],
        "nodes": [{"name": "r", "op": op, "args": operands}],
        "outputs": ["r"],
    }
    rng = random.Random(width)
    values = {name: [lo, hi] + [rng.randint(lo, hi) for _ in range(elements - 2)]
              for name in operands}
    return json.dumps(program), json.dumps(values), "json"


def native_program(kind, elements):
    """One table on `elements` values: relu of an int8, or the sign a
    comparison of two int8 values reads, on their 9-bit difference."""
    width, result = (8, 7) if kind == "relu" else (9, 1)
    entries = []
    for pattern in range(2 ** width):
        value = pattern - 2 ** width if pattern >= 2 ** (width - 1) else pattern
        entries.append(max(value, 0) if kind == "relu" else int(value < 0))
    text = (
        "func.func @main(%x: tensor<{n}x!fhe.esint<{w}>>) -> "
        "tensor<{n}x!fhe.eint<{r}>> {{\n"
        "  %t = arith.constant dense<[{entries}]> : tensor<{size}xi64>\n"
        "  %y = fhelinalg.apply_lookup_table %x, %t : (tensor<{n}x!fhe.esint<{w}>>, "
        "tensor<{size}xi64>) -> tensor<{n}x!fhe.eint<{r}>>\n"
        "  return %y : tensor<{n}x!fhe.eint<{r}>>\n}}\n").format(
            n=elements, w=width, r=result, size=2 ** width,
            entries=", ".join(map(str, entries)))
    rng = random.Random(width)
    lo, hi = -2 ** (width - 1), 2 ** (width - 1) - 1
    values = {"arg0": [rng.randint(lo, hi) for _ in range(elements)]}
    return text, json.dumps(values), "mlir"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default=os.path.join(
        ROOT, "build", "bin", "shade-bench-end-to-end"))
    parser.add_argument("--shadec", default=os.path.join(
        ROOT, "build", "bin", "shadec"))
    parser.add_argument("--elements", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--widths", type=int, nargs="+",
                        default=[8, 10, 12, 14, 16])
    parser.add_argument("--ops", nargs="+", default=["relu", "less", "maximum"])
    parser.add_argument("--series", nargs="+", default=["native", "decomposed"])
    args = parser.parse_args()
    cases = []
    if "native" in args.series:
        cases += [("native %s int8" % kind, native_program(kind, args.elements))
                  for kind in ("relu", "less")]
    if "decomposed" in args.series:
        cases += [("%s int%d" % (op, width),
                   decomposed_program(op, width, args.elements))
                  for op in args.ops for width in args.widths]
    print("%-18s %6s  %-26s %11s" % ("program", "boots", "by table width",
                                      "per element"))
    for name, (program, values, suffix) in cases:
        r = run(args.bench, args.shadec, program, values, suffix,
                args.threads, args.runs, args.elements, [])
        by_width = ",".join("%s:%g" % (w, c / args.elements)
                            for w, c in sorted(r["by_width"].items(),
                                               key=lambda e: int(e[0])))
        print("%-18s %6.1f  %-26s %8.2f ms" % (
            name, r["bootstraps_per_element"], by_width,
            r["execute_ms_per_element"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
