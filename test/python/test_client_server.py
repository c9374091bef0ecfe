"""Keys, encryption, execution and decryption split between a client and a
server that has only the artifact, the evaluation keys and the arguments;
statistics, the traced graph and how shadec is found."""
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import shade
from conftest import assert_same, uniform_inputset


@shade.compiler({"x": "encrypted", "bias": "clear"})
def score(x, bias):
    return np.maximum(x @ np.array([[1, -1], [2, 1]]) + bias, 0), np.sum(x)


INPUTSET = uniform_inputset(12, 6, (0, 3, (2,)), (-1, 1, (2,)))

SERVER = """
import shade
server = shade.Server.load("artifact")
args = shade.Value.load("args")
results = server.run(args, shade.EvaluationKeys.load("server.ek"))
results.save("results")
"""


@pytest.fixture(scope="module")
def circuit():
    return score.compile(INPUTSET)


def test_client_server_in_separate_directories(circuit, tmp_path):
    x, bias = np.array([3, 1]), np.array([-1, 1])
    server_dir = tmp_path / "server"
    server_dir.mkdir()
    circuit.save(str(server_dir / "artifact"))
    assert sorted(os.listdir(server_dir / "artifact")) == ["client.json", "program.so"]
    circuit.keygen()
    circuit.evaluation_keys.save(str(server_dir / "server.ek"))
    circuit.encrypt(x, bias).save(str(server_dir / "args"))
    environment = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(
        os.path.abspath(shade.__file__))), SHADEC=circuit.shadec)
    subprocess.run([sys.executable, "-c", SERVER], cwd=server_dir, env=environment,
                   check=True)
    assert sorted(os.listdir(server_dir)) == ["args", "artifact", "results", "server.ek"]
    results = shade.Value.load(str(server_dir / "results"))
    assert_same(circuit.decrypt(results), score(x, bias))


def test_client_of_a_saved_artifact(circuit, tmp_path):
    circuit.save(str(tmp_path / "artifact"))
    client = shade.Client(str(tmp_path / "artifact"))
    server = shade.Server(str(tmp_path / "artifact"))
    x, bias = np.array([0, 2]), np.array([1, 0])
    args = shade.Value.deserialize(client.encrypt(x, bias).serialize())
    results = server.run(args, client.evaluation_keys)
    assert_same(client.decrypt(results), score(x, bias))
    with pytest.raises(shade.ShadeError, match="exists"):
        circuit.save(str(tmp_path / "artifact"))


def test_keys_of_another_program_are_refused(circuit, tmp_path):
    # A 6-bit table: other parameters than the circuit's 4-bit ones.
    other = shade.compiler({"x": "encrypted"})(lambda x: x * x).compile(
        [np.array([0, 63]), np.array([63, 0])])
    args = circuit.encrypt(np.array([1, 1]), np.array([0, 0]))
    with pytest.raises(shade.RuntimeFailure, match="shadec: error: "):
        shade.Server(circuit.artifact).run(args, other.evaluation_keys)


def test_statistics(circuit, tmp_path):
    statistics = circuit.statistics
    assert statistics["security_bits"] == 128
    assert statistics["bootstraps"] == 2
    assert statistics["keyswitches"] == 2
    assert 0 < statistics["p_error"] <= 2 ** -40
    assert statistics["p_error"] <= statistics["global_p_error"] < 1
    # The inputs' big key and the lookups' set (docs/parameters.md,
    # "Partitions").
    assert len(statistics["parameters"]) == 2
    assert statistics["key_patterns"] == [[0, 1]]
    for parameters in statistics["parameters"]:
        assert parameters["polynomial_size"] >= 256
        assert parameters["lwe_dimension"] > 0
    graph = tmp_path / "graph.json"
    graph.write_text(circuit.graph.to_json())
    emitted = subprocess.run([circuit.shadec, "compile", str(graph), "--emit=params"],
                             capture_output=True, text=True, check=True)
    params = json.loads(emitted.stdout)
    for key in ("p_error", "global_p_error", "parameters", "key_patterns"):
        assert params[key] == statistics[key]
    assert params["statistics"]["bootstraps"] == 2


def test_single_parameter_set():
    f = shade.compiler({"x": "encrypted"})(lambda x: np.abs(x - 2))
    single = f.compile([np.array([0, 3])], single_parameter_set=True)
    assert len(single.statistics["parameters"]) == 1
    assert "key_patterns" not in single.statistics
    assert_same(single.encrypt_run_decrypt(np.array([3, 0])), np.array([1, 2]))


def test_p_error_and_ranges_options():
    f = shade.compiler({"x": "encrypted"})(lambda x: np.abs(x - 2))
    loose = f.compile([np.array([0, 3])], p_error=1e-3, ranges={"x": (0, 6)})
    assert loose.statistics["p_error"] <= 1e-3
    assert loose.graph.document["inputs"][0]["range"] == [0, 6]
    assert_same(loose.encrypt_run_decrypt(np.array([6, 0])), np.array([4, 2]))


def test_graph(circuit):
    document = circuit.graph.document
    assert document["format"] == "shade-graph" and document["version"] == 1
    assert document["inputs"] == [
        {"name": "x", "shape": [2], "encrypted": True, "range": [0, 3]},
        {"name": "bias", "shape": [2], "encrypted": False, "range": [-1, 1]}]
    assert [node["op"] for node in document["nodes"]] == [
        "constant", "matmul", "add", "sum", "constant", "maximum"]
    assert json.loads(circuit.graph.to_json()) == document
    text = str(circuit.graph)
    assert "matmul_2 = matmul(x, constant_1)  # " + __file__ in text
    assert text.splitlines()[-1] == "return maximum_6, sum_4"
    values = circuit.graph.evaluate({"x": [3, 1], "bias": [-1, 1]})
    assert values["maximum_6"].tolist() == [4, 0]
    assert values["sum_4"].tolist() == 4


def find_shadec_in(package_parent, path):
    """shade.find_shadec() of the package copied under `package_parent`, in a
    process whose PATH is `path` and that has no SHADEC."""
    environment = {key: value for key, value in os.environ.items() if key != "SHADEC"}
    environment.update(PYTHONPATH=str(package_parent), PATH=str(path))
    done = subprocess.run([sys.executable, "-c", "import shade; print(shade.find_shadec())"],
                          env=environment, capture_output=True, text=True)
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def test_shadec_is_found(monkeypatch, tmp_path):
    monkeypatch.setenv("SHADEC", "/somewhere/shadec")
    assert shade.find_shadec() == "/somewhere/shadec"
    assert shade.find_shadec("/explicit/shadec") == "/explicit/shadec"
    # A build tree: BUILD/python/shade and BUILD/bin/shadec.
    package = os.path.dirname(os.path.abspath(shade.__file__))
    build = tmp_path / "build"
    shutil.copytree(package, build / "python" / "shade",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (build / "bin").mkdir()
    (build / "bin" / "shadec").write_text("#!/bin/sh\n")
    (build / "bin" / "shadec").chmod(0o755)
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "shadec").write_text("#!/bin/sh\n")
    (tools / "shadec").chmod(0o755)
    assert find_shadec_in(build / "python", tools) == str(build / "bin" / "shadec")
    # Installed elsewhere: the one on PATH, else an error.
    shutil.move(str(build / "python" / "shade"), str(tmp_path / "shade"))
    assert find_shadec_in(tmp_path, tools) == str(tools / "shadec")
    assert find_shadec_in(tmp_path, tmp_path / "empty") == (
        "shade.errors.ShadeError: shadec not found: set the SHADEC environment "
        "variable to its path, or put it on PATH")
    monkeypatch.setenv("SHADEC", str(tmp_path / "missing-shadec"))
    with pytest.raises(shade.ShadeError, match="cannot run .*missing-shadec"):
        score.compile(INPUTSET)
