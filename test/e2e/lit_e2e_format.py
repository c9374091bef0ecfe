"""lit test format of test/e2e: every cases/*.json file is one test, run by
run_case.py; *.test files are ordinary lit shell tests. No other file of the
directory is a test (the data of Inputs/ included)."""
import os
import subprocess
import sys

import lit.formats
import lit.Test

RUN_CASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_case.py")


class EndToEndTest(lit.formats.ShTest):
    def getTestsForPath(self, testSuite, path_in_suite, litConfig, localConfig):
        directory, filename = path_in_suite[-2:] if len(path_in_suite) > 1 else ("", "")
        is_case = directory == "cases" and filename.endswith(".json")
        if is_case or filename.endswith(".test"):
            yield lit.Test.Test(testSuite, path_in_suite, localConfig)

    def execute(self, test, litConfig):
        if not test.getSourcePath().endswith(".json"):
            return super().execute(test, litConfig)
        exec_path = test.getExecPath()
        work = os.path.join(os.path.dirname(exec_path), "Output",
                            os.path.basename(exec_path) + ".tmp")
        command = [sys.executable, RUN_CASE, "--work-dir", work, test.getSourcePath()]
        completed = subprocess.run(command, env=test.config.environment,
                                   capture_output=True, text=True, errors="replace")
        output = "$ %s\n%s%s" % (" ".join(command), completed.stdout, completed.stderr)
        return (lit.Test.PASS if completed.returncode == 0 else lit.Test.FAIL), output
