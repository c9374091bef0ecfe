#!/usr/bin/env python3
"""The cost of rounding wide encrypted values (docs/performance.md,
"Rounding wide values", and docs/parameters.md, "Rounding: chunks or one
table").

Two series, each program run by shade-bench-end-to-end (execution time on
evaluation keys already in memory, median of --runs runs on --threads
threads, and the single-thread KS+PBS time at the chosen parameters):

  accumulator  a W-bit accumulator (W = 12, 16, 20) rounded to a 6-bit
               quotient by round_bits and right_shift, then relu: what the
               compiler chooses (graph files);
  chunks       the 10 low bits of a 16-bit value cleared in chunks read by
               tables of c = 1 .. 6 bits (MLIR with the chunks given), the
               cleared value returned: the cost of each chunk width alone.

Prints one line per program and parameter set: bootstraps per element, by
table width and by set, each set's parameters and single-thread KS+PBS
time, and the execution time per element. With --single-parameter-set the
programs are compiled with one set for all their bootstraps (the A/B of
docs/parameters.md, "Partitions"). Standard library only:

  /usr/bin/python3 bench/rounding.py --bench build/bin/shade-bench-end-to-end \\
      --elements 64 --runs 3
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def accumulator_program(width, elements):
    """round_bits + right_shift of a signed `width`-bit value to a 6-bit
    quotient in [-32, 31], then relu."""
    dropped = width - 6
    high = 2 ** (width - 1) - 2 ** (dropped - 1) - 1
    program = {
        "format": "shade-graph", "version": 1, "name": "round%d" % width,
        "inputs": [{"name": "acc", "shape": [elements],
                    "range": [-2 ** (width - 1), high]}],
        "nodes": [
            {"name": "r", "op": "round_bits", "args": ["acc"], "lsbs": dropped},
            {"name": "q", "op": "right_shift", "args": ["r"], "bits": dropped},
            {"name": "h", "op": "relu", "args": ["q"]},
        ],
        "outputs": ["h"],
    }
    rng = random.Random(width)
    values = {"acc": [rng.randint(-2 ** (width - 1), high)
                      for _ in range(elements)]}
    return json.dumps(program), json.dumps(values), "json"


def chunks_program(chunk_width, elements):
    """The 10 low bits of a 16-bit signed value cleared in the chunks that
    tables of `chunk_width` bits allow (the compiler's planChunks)."""
    bits = 10
    count = (bits + chunk_width) // (chunk_width + 1)
    chunks = [bits // count + (1 if i < bits % count else 0)
              for i in range(count)]
    text = (
        "func.func @main(%x: tensor<{n}x!fhe.esint<16>> "
        "{{fhe.range = array<i64: -32768, 32767>}}) -> tensor<{n}x!fhe.esint<16>> {{\n"
        "  %c = fhelinalg.clear_low_bits %x {{bits = {bits} : i64, chunks = "
        "array<i64: {chunks}>}} : tensor<{n}x!fhe.esint<16>>\n"
        "  return %c : tensor<{n}x!fhe.esint<16>>\n}}\n").format(
            n=elements, bits=bits, chunks=", ".join(map(str, chunks)))
    rng = random.Random(chunk_width)
    values = {"arg0": [rng.randint(-32768, 32767) for _ in range(elements)]}
    return text, json.dumps(values), "mlir"


def run(bench, shadec, program, values, suffix, threads, runs, elements,
        extra):
    with tempfile.TemporaryDirectory() as work:
        program_path = os.path.join(work, "program." + suffix)
        values_path = os.path.join(work, "values.json")
        with open(program_path, "w") as f:
            f.write(program)
        with open(values_path, "w") as f:
            f.write(values)
        params = json.loads(subprocess.run(
            [shadec, "compile", program_path, "--emit=params"] + extra,
            check=True, capture_output=True, text=True).stdout)
        output = subprocess.run(
            [bench, program_path, values_path, "--threads=%d" % threads,
             "--runs=%d" % runs] + extra, check=True, capture_output=True,
            text=True).stdout
    execute = float(re.search(r"median ([0-9.]+) s", output).group(1))
    sets = re.findall(r"parameters \d+: (.*?); KS\+PBS on one thread: "
                      r"([0-9.]+) ms", output)
    statistics = params["statistics"]
    by_set = statistics.get("bootstraps_by_set",
                            {"0": statistics["bootstraps"]})
    return {
        "bootstraps_per_element": statistics["bootstraps"] / elements,
        "by_width": statistics["bootstraps_by_width"],
        "sets": [(parameters, float(ms), by_set.get(str(index), 0) / elements)
                 for index, (parameters, ms) in enumerate(sets)],
        "execute_ms_per_element": 1000 * execute / elements,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default=os.path.join(
        ROOT, "build", "bin", "shade-bench-end-to-end"))
    parser.add_argument("--shadec", default=os.path.join(
        ROOT, "build", "bin", "shadec"))
    parser.add_argument("--elements", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--series", nargs="+",
                        default=["accumulator", "chunks"])
    parser.add_argument("--single-parameter-set", action="store_true")
    args = parser.parse_args()
    extra = ["--single-parameter-set"] if args.single_parameter_set else []
    cases = []
    if "accumulator" in args.series:
        cases += [("accumulator W=%d" % w, accumulator_program(w, args.elements))
                  for w in (12, 16, 20)]
    if "chunks" in args.series:
        cases += [("chunks c=%d" % c, chunks_program(c, args.elements))
                  for c in range(1, 7)]
    print("%-16s %6s  %-18s %11s  %s" % (
        "program", "boots", "by table width", "per element",
        "sets: boots per element, parameters, KS+PBS on one thread"))
    for name, (program, values, suffix) in cases:
        r = run(args.bench, args.shadec, program, values, suffix,
                args.threads, args.runs, args.elements, extra)
        by_width = ",".join("%s:%d" % (w, c / args.elements)
                            for w, c in sorted(r["by_width"].items(),
                                               key=lambda e: int(e[0])))
        for index, (parameters, ms, boots) in enumerate(r["sets"]):
            head = ("%-16s %6.1f  %-18s %8.2f ms" % (
                name, r["bootstraps_per_element"], by_width,
                r["execute_ms_per_element"]) if index == 0 else " " * 49)
            print("%s  %g x %s, %.2f ms" % (head, boots, parameters, ms),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
