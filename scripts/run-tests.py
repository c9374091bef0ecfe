#!/usr/bin/env python3
"""Runs every Shade test suite (lit FileCheck tests, GoogleTest through lit)
and prints one summary line: 'N passed, N failed, N skipped'."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

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


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lit", required=True)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--filter", default=None, help="regex passed to lit")
    args = parser.parse_args()

    extra = ["--filter", args.filter] if args.filter else []
    suites = [os.path.join(args.build_dir, "test"),
              os.path.join(args.build_dir, "test", "unit")]
    results = []
    for suite in suites:
        results += run_lit(args.lit, suite, extra)

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
