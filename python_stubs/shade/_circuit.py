"""Compiled programs: a Circuit (graph + artifact + keys, the client's
view), a Client and a Server on a saved artifact. Every cryptographic step
runs `shadec` as a subprocess (cli.md)."""
import json
import os
import re
import shutil
import subprocess
import tempfile

import numpy as np

from ._graph import values_document
from .errors import CompilationError, RuntimeFailure, ShadeError


def find_shadec(explicit=None):
    """shadec: `explicit`, else $SHADEC, else the build tree's bin/shadec
    (the package being BUILD/python/shade), else the one on PATH. A relative
    path is made absolute, so that it still names the same file for a server
    run from another directory."""
    given = explicit or os.environ.get("SHADEC")
    if given:
        # A bare name ("shadec") is looked up on PATH when it is run.
        return os.path.abspath(given) if os.sep in given else given
    package = os.path.dirname(os.path.abspath(__file__))
    in_build_tree = os.path.join(package, os.pardir, os.pardir, "bin", "shadec")
    if os.access(in_build_tree, os.X_OK):
        return os.path.normpath(in_build_tree)
    on_path = shutil.which("shadec")
    if on_path:
        return on_path
    raise ShadeError("shadec not found: set the SHADEC environment variable to "
                     "its path, or put it on PATH")


def _run_shadec(shadec, arguments, error_class, locations=None, work_dir=None):
    """Runs shadec; on failure raises `error_class` with its error line, the
    temporary directory `work_dir` left out of the file names it mentions."""
    command = [shadec] + [str(a) for a in arguments]
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except OSError as error:
        raise ShadeError(f"cannot run {shadec}: {error}") from None
    if done.returncode != 0:
        message = done.stderr.strip() or f"{shadec} exited with status {done.returncode}"
        if work_dir:
            message = re.sub(re.escape(work_dir + os.sep) + r"(\d+" +
                             re.escape(os.sep) + ")?", "", message)
        node = re.search(r"node '([A-Za-z0-9_.]+)'", message)
        if node and locations and node.group(1) in locations:
            location = locations[node.group(1)]
            message += f"\n    (node '{node.group(1)}' was traced at {location}: " \
                       f"{location.source})"
        raise error_class(message)
    return done.stdout


def _discard(*paths):
    """Removes temporary files and the directories _temporary made for them."""
    for path in paths:
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


class Value:
    """Encrypted arguments or results: the bytes of a shadec ARGS or RESULTS
    file."""

    def __init__(self, data):
        self.data = bytes(data)

    def serialize(self):
        return self.data

    @classmethod
    def deserialize(cls, data):
        return cls(data)

    def save(self, path):
        with open(path, "wb") as file:
            file.write(self.data)

    @classmethod
    def load(cls, path):
        with open(path, "rb") as file:
            return cls(file.read())


class EvaluationKeys:
    """The server's evaluation keys (a shadec EK file; large, kept on disk)."""

    def __init__(self, path):
        self.path = os.fspath(path)

    def save(self, path):
        shutil.copyfile(self.path, path)

    @classmethod
    def load(cls, path):
        if not os.path.isfile(path):
            raise ShadeError(f"{path}: no evaluation key file")
        return cls(path)


class _Artifact:
    """A compiled artifact directory (program.so and client.json)."""

    def __init__(self, artifact, shadec=None):
        self.artifact = os.fspath(artifact)
        self.shadec = find_shadec(shadec)
        spec_path = os.path.join(self.artifact, "client.json")
        try:
            with open(spec_path) as file:
                self.specification = json.load(file)
        except (OSError, ValueError) as error:
            raise ShadeError(f"{self.artifact}: not a Shade artifact ({error})") from None
        self._work = tempfile.TemporaryDirectory(prefix="shade-")
        self._counter = 0

    def _temporary(self, name):
        """A fresh path `name` in a directory of its own."""
        self._counter += 1
        directory = os.path.join(self._work.name, str(self._counter))
        os.mkdir(directory)
        return os.path.join(directory, name)

    @property
    def statistics(self):
        """Parameters, statistics and failure probabilities from client.json."""
        spec = self.specification
        statistics = dict(spec.get("statistics", {}))
        for key in ("security_bits", "p_error", "global_p_error", "parameters",
                    "key_patterns"):
            if key in spec:
                statistics[key] = spec[key]
        return statistics

    def _shadec(self, arguments, error_class=RuntimeFailure):
        return _run_shadec(self.shadec, arguments, error_class,
                           getattr(self, "_locations", None), self._work.name)


class Server(_Artifact):
    """Runs a saved artifact on encrypted arguments with evaluation keys only."""

    @classmethod
    def load(cls, path, shadec=None):
        return cls(path, shadec)

    def run(self, args, evaluation_keys, threads=None):
        """The encrypted results of the program on encrypted `args`."""
        args_path, results_path = self._temporary("args"), self._temporary("results")
        options = ["--quiet"] + ([f"--threads={threads}"] if threads else [])
        try:
            args.save(args_path)
            self._shadec(["execute", self.artifact, "--eval-key", evaluation_keys.path,
                          "--args", args_path, "-o", results_path] + options)
            return Value.load(results_path)
        finally:
            _discard(args_path, results_path)


class Client(Server):
    """Makes keys, encrypts and decrypts for an artifact."""

    def __init__(self, artifact, shadec=None):
        super().__init__(artifact, shadec)
        self._secret_key = None
        self._evaluation_keys = None

    def keygen(self, force=False):
        """Makes the secret keys and the evaluation keys (once, unless
        `force`)."""
        if self._secret_key is not None and not force:
            return
        secret, evaluation = self._temporary("client.sk"), self._temporary("server.ek")
        self._shadec(["keygen", self.artifact, "--secret-key", secret,
                      "--eval-key", evaluation])
        self._secret_key, self._evaluation_keys = secret, EvaluationKeys(evaluation)

    @property
    def evaluation_keys(self):
        """The evaluation keys to give the server (made on first use)."""
        self.keygen()
        return self._evaluation_keys

    def _input_names(self):
        return [spec["name"] for spec in self.specification["inputs"]]

    def encrypt(self, *args):
        """Encrypts one value per input (clear inputs are stored in clear)."""
        names = self._input_names()
        if len(args) != len(names):
            raise ShadeError(f"encrypt: expected {len(names)} arguments "
                             f"({', '.join(names)}), got {len(args)}")
        for name, value in zip(names, args):
            array = np.asarray(value)
            if not (np.issubdtype(array.dtype, np.integer) or array.dtype == np.bool_):
                raise ShadeError(f"encrypt: input '{name}' is {array.dtype}; "
                                 "inputs must be integers")
        self.keygen()
        inputs_path, args_path = self._temporary("inputs.json"), self._temporary("args")
        try:
            with open(inputs_path, "w") as file:
                json.dump(values_document(names, args), file)
            self._shadec(["encrypt", self.artifact, "--secret-key", self._secret_key,
                          "--inputs", inputs_path, "-o", args_path])
            return Value.load(args_path)
        finally:
            _discard(inputs_path, args_path)

    def run(self, args, evaluation_keys=None, threads=None):
        return super().run(args, evaluation_keys or self.evaluation_keys, threads)

    def decrypt(self, results):
        """The outputs as int64 arrays: one value, or a tuple of several."""
        if self._secret_key is None:
            raise ShadeError("decrypt: no secret key; call keygen() and encrypt first")
        results_path = self._temporary("results")
        try:
            results.save(results_path)
            text = self._shadec(["decrypt", self.artifact, "--secret-key",
                                 self._secret_key, results_path])
        finally:
            _discard(results_path)
        document = json.loads(text)
        outputs = [np.asarray(document[spec["name"]], dtype=np.int64)
                   for spec in self.specification["outputs"]]
        outputs = [o if o.ndim else o[()] for o in outputs]
        return outputs[0] if len(outputs) == 1 else tuple(outputs)

    def encrypt_run_decrypt(self, *args):
        """Encrypts `args`, runs the program, decrypts its outputs."""
        return self.decrypt(self.run(self.encrypt(*args)))


class Circuit(Client):
    """A traced and compiled function: its `graph`, its artifact and keys."""

    def __init__(self, graph, artifact, shadec=None, owner=None):
        super().__init__(artifact, shadec)
        self.graph = graph
        self._locations = graph.locations
        self._owner = owner

    @classmethod
    def compile(cls, graph, p_error=None, shadec=None,
                single_parameter_set=False):
        shadec = find_shadec(shadec)
        owner = tempfile.TemporaryDirectory(prefix="shade-circuit-")
        graph_path = os.path.join(owner.name, graph.document["name"] + ".json")
        artifact = os.path.join(owner.name, "artifact")
        with open(graph_path, "w") as file:
            file.write(graph.to_json())
        options = [f"--p-error={p_error}"] if p_error is not None else []
        if single_parameter_set:
            options.append("--single-parameter-set")
        _run_shadec(shadec, ["compile", graph_path, "-o", artifact] + options,
                    CompilationError, graph.locations, owner.name)
        return cls(graph, artifact, shadec, owner)

    def save(self, path):
        """Writes the artifact (program.so and client.json) to the new
        directory `path`, for a Server or a Client."""
        if os.path.exists(path):
            raise ShadeError(f"{path}: exists (not replaced)")
        shutil.copytree(self.artifact, path)
