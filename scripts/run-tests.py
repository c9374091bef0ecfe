#!/usr/bin/env python3
"""Runs every Shade test suite (lit FileCheck tests, GoogleTest through lit,
the Python front end's pytest suite) and prints one summary line:
'N passed, N failed, N skipped'."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Debian's interpreter, which has python3-numpy and python3-pytest.
PYTEST_PYTHON = "/usr/bin/python3"

PASS_CODES = {"PASS", "XFAIL"}
SKIP_CODES = {"UNSUPPORTED", "SKIPPED", "EXCLUDED"}


def run_lit(lit, suite_dir, extra):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        report = out.name
    cmd = [sys.executable, lit, "-sv", "--output", report, suite_dir] + extra
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd)
    try:
        with open(report) as f:
            tests = json.load(f).get("tests", [])
    except (OSError, ValueError):
        print(f"run-tests: error: lit produced no report for {suite_dir}")
        tests = [{"name": suite_dir, "code": "FAIL"}]
    finally:
        if os.path.exists(report):
            os.unlink(report)
    return tests


def run_pytest(build_dir):
    """The pytest suite of test/python on the build tree's package and shadec,
    as lit-like results (name, code) read from pytest's JUnit XML report."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as out:
        report = out.name
    suite = os.path.join(ROOT, "test", "python")
    cmd = [PYTEST_PYTHON, "-m", "pytest", suite, "-q", "-p", "no:cacheprovider",
           f"--junitxml={report}"]
    env = dict(os.environ, PYTHONPATH=os.path.join(build_dir, "python"),
               SHADEC=os.path.join(build_dir, "bin", "shadec"))
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, env=env, cwd=ROOT)
    tests = []
    try:
        for case in ElementTree.parse(report).iter("testcase"):
            name = f"python :: {case.get('classname')}::{case.get('name')}"
            kinds = {child.tag for child in case}
            if kinds & {"failure", "error"}:
                code = "FAIL"
            elif "skipped" in kinds:
                code = "SKIPPED"
            else:
                code = "PASS"
            tests.append({"name": name, "code": code})
    except (OSError, ElementTree.ParseError):
        print("run-tests: error: pytest produced no report for test/python")
        tests = [{"name": suite, "code": "FAIL"}]
    finally:
        if os.path.exists(report):
            os.unlink(report)
    if not tests:
        tests = [{"name": suite, "code": "FAIL"}]
    return tests


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lit", required=True)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--filter", default=None,
                        help="regex passed to lit; the pytest suite is then not run")
    parser.add_argument("--no-python", action="store_true",
                        help="do not run the pytest suite of test/python")
    args = parser.parse_args()

    extra = ["--filter", args.filter] if args.filter else []
    suites = [os.path.join(args.build_dir, "test"),
              os.path.join(args.build_dir, "test", "unit")]
    results = []
    for suite in suites:
        results += run_lit(args.lit, suite, extra)
    if not args.filter and not args.no_python:
        results += run_pytest(os.path.abspath(args.build_dir))

    passed = sum(1 for t in results if t["code"] in PASS_CODES)
    skipped = sum(1 for t in results if t["code"] in SKIP_CODES)
    failed = [t["name"] for t in results
              if t["code"] not in PASS_CODES | SKIP_CODES]
    for name in failed:
        print(f"FAILED: {name}")
    print(f"{passed} passed, {len(failed)} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
