#!/usr/bin/env python3
"""Runs Shade's end-to-end test cases (test/e2e/cases/*.json) against `shadec`,
as cli.md and graph-format.md specify it. Standard library only.

A case file holds:
  description   what the case checks
  program       a graph document (or program_text: the file's exact text)
  inputs        a values object (or inputs_text: the file's exact text)
  expected      for a program that must run: the exact results, in output order
  tolerance     optional, with expected: {output: step}, a positive integer per
                named output; each element of that output must be its expected
                value or differ from it by exactly `step` (the neighbouring
                multiple of 2^lsbs an approximate round_bits may give)
  error, stage  for one that must fail: the substrings the single
                `shadec: error: ...` line must contain, and where it fails:
                "compile" (then `shadec compile PROGRAM --emit=fhe` must fail
                the same way), "run" (then that compile must succeed), or
                "cli" (only the command is run)
  command       optional argv after `shadec` (default: run {program} --inputs
                {inputs}); {program}, {inputs} and {work} are replaced by the
                files the runner writes and its work directory, all relative
                to the work directory, which is shadec's working directory
  stdin         optional: feed the inputs on standard input
  setup         optional steps run first, each must succeed:
                {"shadec": [argv]} or {"write": path, "text": text}
  absent        optional paths that must not exist after a failing command

Usage:
  run_case.py [--shadec PATH] [--work-dir DIR] [--keep] CASE.json...
`shadec` is looked up on PATH unless --shadec is given; without it every case
fails. Exit status 0 when every case passes.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ERROR_PREFIX = "shadec: error: "
CASE_FIELDS = {"description", "program", "program_text", "inputs", "inputs_text",
               "expected", "tolerance", "error", "stage", "command", "stdin", "setup",
               "absent"}
STAGES = {"compile", "run", "cli"}
DEFAULT_COMMAND = ["run", "{program}", "--inputs", "{inputs}"]
COMPILE_COMMAND = ["compile", "{program}", "--emit=fhe"]
SHOWN_OUTPUT = 2000


class CaseError(Exception):
    """The case file itself is malformed."""


def load_case(path):
    with open(path) as f:
        case = json.load(f)
    if not isinstance(case, dict):
        raise CaseError("a case is a JSON object")
    unknown = set(case) - CASE_FIELDS
    if unknown:
        raise CaseError("unknown fields: " + ", ".join(sorted(unknown)))
    if ("program" in case) == ("program_text" in case):
        raise CaseError("give exactly one of program and program_text")
    if "inputs" in case and "inputs_text" in case:
        raise CaseError("give at most one of inputs and inputs_text")
    if ("expected" in case) == ("error" in case):
        raise CaseError("give exactly one of expected and error")
    if "error" in case:
        if case.get("stage") not in STAGES:
            raise CaseError("an error case needs a stage among " + ", ".join(sorted(STAGES)))
        if isinstance(case["error"], str):
            case["error"] = [case["error"]]
    elif "stage" in case or "absent" in case:
        raise CaseError("stage and absent belong to error cases")
    tolerance = case.get("tolerance", {})
    if "tolerance" in case and "expected" not in case:
        raise CaseError("tolerance belongs to cases with expected results")
    if not isinstance(tolerance, dict) or not all(
            name in case["expected"] and type(step) is int and step > 0
            for name, step in tolerance.items()):
        raise CaseError("tolerance maps outputs to positive integer steps")
    return case


def shown(text):
    text = text if len(text) <= SHOWN_OUTPUT else text[:SHOWN_OUTPUT] + "\n[...]"
    return text.rstrip("\n") or "(empty)"


class Runner:
    def __init__(self, shadec, work, timeout):
        self.shadec, self.work, self.timeout = shadec, work, timeout
        self.log = []

    @staticmethod
    def expand(argument):
        """Paths are relative to the work directory, shadec's working
        directory, so that error lines hold no random temporary names."""
        for key, value in (("work", "."), ("program", "program.json"),
                           ("inputs", "inputs.json")):
            argument = argument.replace("{%s}" % key, value)
        return argument

    def path(self, argument):
        return os.path.join(self.work, self.expand(argument))

    def shadec_run(self, argv, stdin_text=None):
        """Runs shadec; returns (exit status, stdout, stderr)."""
        argv = [self.expand(a) for a in argv]
        self.log.append("$ shadec " + " ".join(argv))
        try:
            completed = subprocess.run(
                [self.shadec] + argv, cwd=self.work, input=stdin_text,
                stdin=None if stdin_text is not None else subprocess.DEVNULL,
                capture_output=True, text=True, errors="replace", timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.log.append("timed out after %d s" % self.timeout)
            return None, "", ""
        self.log.append("exit status %d\nstdout: %s\nstderr: %s" % (
            completed.returncode, shown(completed.stdout), shown(completed.stderr)))
        return completed.returncode, completed.stdout, completed.stderr


def status_problem(status):
    if status is None:
        return "shadec did not finish in time"
    if status < 0:
        return "shadec was killed by signal %d (a crash)" % -status
    return None


def check_failure(result, substrings, what):
    """The problems of a command that must fail per cli.md, or []."""
    status, stdout, stderr = result
    crash = status_problem(status)
    if crash:
        return ["%s: %s" % (what, crash)]
    problems = []
    if status != 1:
        problems.append("%s: exit status %d, expected 1" % (what, status))
    if stdout:
        problems.append("%s: printed on standard output: %s" % (what, shown(stdout)))
    lines = stderr.splitlines()
    if len(lines) != 1:
        problems.append("%s: %d lines on standard error, expected exactly one"
                        % (what, len(lines)))
    if not lines or not lines[0].startswith(ERROR_PREFIX):
        problems.append("%s: standard error does not start with '%s'" % (what, ERROR_PREFIX))
    message = lines[0] if lines else ""
    for substring in substrings:
        if substring not in message:
            problems.append("%s: the error line does not contain '%s'" % (what, substring))
    return problems


def same_value(got, expected, step=0):
    """Equality of values-format JSON: integers (not floats, not booleans)
    and nested lists of the same shape; with a step, each integer may also
    differ from the expected one by exactly `step`."""
    if isinstance(expected, list):
        return (isinstance(got, list) and len(got) == len(expected)
                and all(same_value(g, e, step) for g, e in zip(got, expected)))
    return type(got) is int and (got == expected or abs(got - expected) == step)


def check_results(result, expected, tolerance):
    status, stdout, stderr = result
    crash = status_problem(status)
    if crash:
        return [crash]
    if status != 0:
        return ["exit status %d, expected 0" % status]
    try:
        results = json.loads(stdout)
    except ValueError as error:
        return ["standard output is not one JSON object: %s" % error]
    if not isinstance(results, dict):
        return ["standard output is not a JSON object"]
    problems = []
    if list(results) != list(expected):
        problems.append("outputs %s, expected %s (in this order)"
                        % (list(results), list(expected)))
    for name, value in expected.items():
        step = tolerance.get(name, 0)
        if name in results and not same_value(results[name], value, step):
            problems.append("output '%s' is %s, expected %s%s"
                            % (name, json.dumps(results[name]), json.dumps(value),
                               " (each element, or one step of %d off)" % step
                               if step else ""))
    return problems


def write_text(path, text):
    with open(path, "w") as f:
        f.write(text)


def run_case(case, runner):
    """Returns the list of problems (empty when the case passes)."""
    if "program" in case:
        write_text(runner.path("{program}"), json.dumps(case["program"], indent=1) + "\n")
    else:
        write_text(runner.path("{program}"), case["program_text"])
    if "inputs_text" in case:
        inputs_text = case["inputs_text"]
    else:
        inputs_text = json.dumps(case.get("inputs", {})) + "\n"
    write_text(runner.path("{inputs}"), inputs_text)

    for step in case.get("setup", []):
        if "write" in step:
            write_text(runner.path(step["write"]), step["text"])
            continue
        status, _, _ = runner.shadec_run(step["shadec"])
        if status != 0:
            return ["setup step 'shadec %s' failed" % " ".join(step["shadec"])]

    command = case.get("command", DEFAULT_COMMAND)
    result = runner.shadec_run(command, inputs_text if case.get("stdin") else None)
    if "expected" in case:
        return check_results(result, case["expected"], case.get("tolerance", {}))

    problems = check_failure(result, case["error"], "shadec " + command[0])
    for path in case.get("absent", []):
        if os.path.lexists(runner.path(path)):
            problems.append("a failing command left '%s' behind" % path)
    if case["stage"] == "compile":
        problems += check_failure(runner.shadec_run(COMPILE_COMMAND), case["error"],
                                  "shadec compile --emit=fhe")
    elif case["stage"] == "run":
        status, _, _ = runner.shadec_run(COMPILE_COMMAND)
        crash = status_problem(status)
        if crash or status != 0:
            problems.append("shadec compile --emit=fhe of a valid program: %s"
                            % (crash or "exit status %d, expected 0" % status))
    return problems


def find_shadec(explicit):
    # Absolute: shadec runs in the work directory.
    if explicit:
        return os.path.abspath(explicit) if os.access(explicit, os.X_OK) else None
    found = shutil.which("shadec")
    return os.path.abspath(found) if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="+", metavar="CASE.json")
    parser.add_argument("--shadec", help="the shadec binary (default: from PATH)")
    parser.add_argument("--work-dir", help="work directory of a single case "
                        "(emptied first; default: a temporary directory)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work directories of passing cases too")
    parser.add_argument("--timeout", type=int, default=600,
                        help="seconds allowed to one shadec command")
    args = parser.parse_args()
    if args.work_dir and len(args.cases) != 1:
        parser.error("--work-dir takes a single case")

    shadec = find_shadec(args.shadec)
    if not shadec:
        print("run_case: error: shadec not found (%s); build it first"
              % (args.shadec or "not on PATH"), file=sys.stderr)
        return 2

    failed = 0
    for path in args.cases:
        name = os.path.splitext(os.path.basename(path))[0]
        if args.work_dir:
            work = os.path.abspath(args.work_dir)
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
        else:
            work = tempfile.mkdtemp(prefix="shade-e2e-%s-" % name)
        runner = Runner(shadec, work, args.timeout)
        try:
            problems = run_case(load_case(path), runner)
        except (CaseError, ValueError, KeyError, OSError) as error:
            problems = ["the case file is invalid: %s" % error]
        if problems:
            failed += 1
            print("FAIL %s (work directory %s)" % (path, work))
            print("\n".join(runner.log))
            print("\n".join("  problem: " + p for p in problems))
        else:
            print("PASS %s" % path)
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    if len(args.cases) > 1:
        print("%d passed, %d failed" % (len(args.cases) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
