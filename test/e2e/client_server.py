#!/usr/bin/env python3
"""Client/server test of `shadec` (cli.md): the client compiles, makes keys and
encrypts in its own directory; only the artifact, the evaluation key and the
arguments are copied to a separate server directory, where `execute` runs in a
separate process whose HOME and working directory are that directory, while no
secret key exists on disk; the client decrypts the copied results and compares
them exactly with numpy's (Inputs/client_server.json, made by
generate_cases.py). Also checked: the secret key file has mode 0600, and
tampered or mismatched files make execute and decrypt fail cleanly (exit
status 1, one `shadec: error:` line, nothing on standard output, no results
file left).

Usage: client_server.py [--shadec PATH] --work-dir DIR
"""
import argparse
import json
import os
import shutil
import stat
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "Inputs", "client_server.json")
ERROR_PREFIX = "shadec: error: "
TIMEOUT = 600


class Failure(Exception):
    pass


def shadec(binary, argv, cwd, env=None, check=True):
    """Runs shadec; returns (exit status, stdout, stderr)."""
    print("$ (cd %s && shadec %s)" % (cwd, " ".join(argv)), flush=True)
    try:
        completed = subprocess.run([binary] + argv, cwd=cwd, env=env,
                                   stdin=subprocess.DEVNULL, capture_output=True,
                                   text=True, errors="replace", timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Failure("shadec %s did not finish in %d s" % (argv[0], TIMEOUT))
    if completed.returncode < 0:
        raise Failure("shadec %s was killed by signal %d (a crash)"
                      % (argv[0], -completed.returncode))
    if check and completed.returncode != 0:
        raise Failure("shadec %s failed with exit status %d: %s"
                      % (argv[0], completed.returncode, completed.stderr.strip()))
    return completed.returncode, completed.stdout, completed.stderr


def expect_clean_error(result, what):
    status, stdout, stderr = result
    lines = stderr.splitlines()
    if status != 1:
        raise Failure("%s: exit status %d, expected 1" % (what, status))
    if stdout:
        raise Failure("%s: printed on standard output: %s" % (what, stdout.strip()))
    if len(lines) != 1 or not lines[0].startswith(ERROR_PREFIX):
        raise Failure("%s: standard error is not one '%s...' line: %r"
                      % (what, ERROR_PREFIX, stderr))
    print("  refused: " + lines[0])


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f)


def copy_tree_or_file(source, destination):
    if os.path.isdir(source):
        shutil.copytree(source, destination)
    else:
        shutil.copyfile(source, destination)


def files_under(root):
    for directory, _, names in os.walk(root):
        for name in names:
            yield os.path.join(directory, name)


def same_value(got, expected):
    """Exact equality of values-format JSON (integers, nested lists)."""
    if isinstance(expected, list):
        return (isinstance(got, list) and len(got) == len(expected)
                and all(same_value(g, e) for g, e in zip(got, expected)))
    return type(got) is int and got == expected


def check_results(stdout, expected, what):
    try:
        results = json.loads(stdout)
    except ValueError as error:
        raise Failure("%s: standard output is not JSON: %s" % (what, error))
    if not isinstance(results, dict) or list(results) != list(expected) or \
            not all(same_value(results[name], value) for name, value in expected.items()):
        raise Failure("%s: results %s, expected %s"
                      % (what, json.dumps(results), json.dumps(expected)))


def tampered_copy(source, destination, how):
    with open(source, "rb") as f:
        data = f.read()
    if how == "truncated":
        data = data[:len(data) // 2]
    elif how == "header":
        data = bytes(b ^ 0xFF for b in data[:16]) + data[16:]
    with open(destination, "wb") as f:
        f.write(data)


def run(binary, work):
    with open(DATA) as f:
        data = json.load(f)
    shutil.rmtree(work, ignore_errors=True)
    client, server = os.path.join(work, "client"), os.path.join(work, "server")
    os.makedirs(os.path.join(client, "keys"))
    os.makedirs(os.path.join(server, "tmp"))

    # Client: compile, make keys, encrypt.
    write_json(os.path.join(client, "program.json"), data["program"])
    write_json(os.path.join(client, "inputs.json"), data["inputs"])
    secret_key = os.path.join(client, "keys", "client.sk")
    shadec(binary, ["compile", "program.json", "-o", "artifact"], client)
    shadec(binary, ["keygen", "artifact", "--secret-key", secret_key,
                    "--eval-key", "keys/server.ek"], client)
    mode = stat.S_IMODE(os.stat(secret_key).st_mode)
    if mode != 0o600:
        raise Failure("the secret key file has mode %o, expected 600" % mode)
    shadec(binary, ["encrypt", "artifact", "--secret-key", secret_key,
                    "--inputs", "inputs.json", "-o", "call.args"], client)

    # Server: only the artifact, the evaluation key and the arguments.
    for source, name in (("artifact", "artifact"), ("keys/server.ek", "server.ek"),
                         ("call.args", "call.args")):
        copy_tree_or_file(os.path.join(client, source), os.path.join(server, name))
    with open(secret_key, "rb") as f:
        secret_bytes = f.read()
    for path in files_under(server):
        if os.path.basename(path) == os.path.basename(secret_key):
            raise Failure("the server directory holds a secret key file: " + path)
        with open(path, "rb") as f:
            if f.read() == secret_bytes:
                raise Failure("the server directory holds a copy of the secret key: " + path)
    server_env = {"HOME": server, "TMPDIR": os.path.join(server, "tmp"),
                  "PATH": "/usr/bin:/bin"}
    if "LD_LIBRARY_PATH" in os.environ:
        server_env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    execute = ["execute", "artifact", "--eval-key", "server.ek", "--args", "call.args",
               "-o", "call.results"]
    # No secret key exists on disk while the server runs.
    os.remove(secret_key)
    try:
        shadec(binary, execute, server, server_env)
    finally:
        with open(secret_key, "wb") as f:
            f.write(secret_bytes)
        os.chmod(secret_key, 0o600)

    # Client: decrypt the copied results.
    shutil.copyfile(os.path.join(server, "call.results"), os.path.join(client, "call.results"))
    _, stdout, _ = shadec(binary, ["decrypt", "artifact", "--secret-key", secret_key,
                                   "call.results"], client)
    check_results(stdout, data["expected"], "decrypt")
    print("  results match: " + stdout.strip())

    # Tampered files are refused cleanly, and execute leaves no results.
    def refused_execute(eval_key, args, what):
        results = os.path.join(server, "refused.results")
        result = shadec(binary, ["execute", "artifact", "--eval-key", eval_key,
                                 "--args", args, "-o", results], server, server_env, check=False)
        expect_clean_error(result, what)
        if os.path.lexists(results):
            raise Failure("%s: a results file was left behind" % what)

    for how in ("truncated", "header"):
        tampered_copy(os.path.join(server, "call.args"),
                      os.path.join(server, how + ".args"), how)
        refused_execute("server.ek", how + ".args", "execute with %s arguments" % how)
        tampered_copy(os.path.join(server, "server.ek"),
                      os.path.join(server, how + ".ek"), how)
        refused_execute(how + ".ek", "call.args", "execute with a %s evaluation key" % how)
        tampered_copy(os.path.join(client, "call.results"),
                      os.path.join(client, how + ".results"), how)
        expect_clean_error(shadec(binary, ["decrypt", "artifact", "--secret-key", secret_key,
                                           how + ".results"], client, check=False),
                           "decrypt of %s results" % how)

    # Arguments encrypted for another program (another signature).
    other = os.path.join(work, "other")
    os.makedirs(other)
    write_json(os.path.join(other, "program.json"), data["other_program"])
    write_json(os.path.join(other, "inputs.json"), data["other_inputs"])
    shadec(binary, ["compile", "program.json", "-o", "artifact"], other)
    shadec(binary, ["keygen", "artifact", "--secret-key", "other.sk",
                    "--eval-key", "other.ek"], other)
    shadec(binary, ["encrypt", "artifact", "--secret-key", "other.sk",
                    "--inputs", "inputs.json", "-o", "other.args"], other)
    shutil.copyfile(os.path.join(other, "other.args"), os.path.join(server, "other.args"))
    refused_execute("server.ek", "other.args", "execute with another program's arguments")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shadec", help="the shadec binary (default: from PATH)")
    parser.add_argument("--work-dir", required=True,
                        help="emptied, then holds the client, server and other directories")
    args = parser.parse_args()
    binary = args.shadec or shutil.which("shadec")
    if not binary or not os.access(binary, os.X_OK):
        print("client_server: error: shadec not found (%s); build it first"
              % (args.shadec or "not on PATH"), file=sys.stderr)
        return 2
    binary = os.path.abspath(binary)
    work = os.path.abspath(args.work_dir)
    try:
        run(binary, work)
    except Failure as failure:
        print("client_server: FAILED: %s (files kept in %s)" % (failure, work))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("client_server: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
