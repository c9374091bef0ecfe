"""Element-wise operators and numpy ufuncs on encrypted values, traced,
run encrypted and compared with numpy."""
import numpy as np
import pytest

import shade
from conftest import assert_same, uniform_inputset


@shade.compiler({"x": "encrypted"})
def unary(x):
    return (x + 3, x - 1, 2 - x, x * 3, -x, x // 2, x << 1, x >> 1, x ** 2,
            abs(x - 3), np.abs(x), x > 2, x <= 1, x == 3, x != 3, x < 4, x >= 5,
            np.maximum(x, 2), np.minimum(5, x), np.clip(x, 1, 5), x.clip(2, 4),
            np.add(x, 1), np.subtract(7, x), np.multiply(x, -2), np.negative(x),
            np.square(x), np.round(np.sqrt(x) * 3).astype(np.int64),
            ((x + 1) * (x + 2)) // 3, np.where(x > 3, x, 7 - x))


@pytest.fixture(scope="module")
def unary_circuit():
    return unary.compile(uniform_inputset(1, 8, (0, 7, (3,))))


def test_unary_graph(unary_circuit):
    ops = [node["op"] for node in unary_circuit.graph.document["nodes"]]
    # One op of the format where numpy has one; fused chains are one lut.
    for op in ("add", "subtract", "multiply", "negative", "floor_divide",
               "left_shift", "right_shift", "square", "abs", "greater", "less_equal",
               "equal", "not_equal", "less", "greater_equal", "maximum", "minimum",
               "clip", "lut"):
        assert op in ops, op
    assert ops.count("lut") == 4  # abs(x - 3), sqrt chain, product chain, where


@pytest.mark.parametrize("x", [[0, 7, 3], [1, 2, 6], [5, 4, 0]])
def test_unary_encrypted(unary_circuit, x):
    x = np.array(x)
    assert_same(unary_circuit.encrypt_run_decrypt(x), unary(x))


@shade.compiler({"x": "encrypted", "y": "encrypted"})
def binary(x, y):
    return (x + y, x - y, y - x, x * y, np.maximum(x, y), np.minimum(x, y),
            x < y, x <= y, x > y, x >= y, x == y, x != y, x @ y,
            np.maximum(x, y) * 3 // 2, np.minimum(x, y) ** 2)


def test_binary_encrypted():
    circuit = binary.compile(uniform_inputset(2, 8, (0, 3, (4,)), (-2, 1, (4,))))
    for x, y in ([[0, 1, 2, 3], [-2, -1, 0, 1]], [[3, 3, 0, 1], [1, -2, 0, 1]]):
        x, y = np.array(x), np.array(y)
        assert_same(circuit.encrypt_run_decrypt(x, y), binary(x, y))


@shade.compiler({"x": "encrypted", "w": "clear"})
def with_clear(x, w):
    return (x + w, x * w, w - x, np.maximum(x, w), x > w, x @ w, (x + 1) * 2 - w,
            w * 2, (w * w) // 3, np.sum(w))  # the last three are clear outputs


def test_clear_operands():
    circuit = with_clear.compile(uniform_inputset(3, 8, (0, 3, (3,)), (-2, 2, (3,))))
    for x, w in ([[0, 1, 3], [2, -2, 0]], [[3, 2, 1], [-1, 1, 2]]):
        x, w = np.array(x), np.array(w)
        assert_same(circuit.encrypt_run_decrypt(x, w), with_clear(x, w))


@shade.compiler({"x": "encrypted"})
def constants(x):
    c = np.array([[1, -1, 2], [0, 3, -2]])
    return x + c, c * x, np.maximum(x, np.array([1, 2, 0])), x - c[1], np.array(5)


def test_clear_constants():
    circuit = constants.compile(uniform_inputset(4, 6, (-2, 2, (2, 3))))
    x = np.array([[-2, 0, 2], [1, -1, 0]])
    assert_same(circuit.encrypt_run_decrypt(x), constants(x))


@shade.compiler({"x": "encrypted", "s": "encrypted"})
def univariate(x, s):
    return (np.round(np.exp(x / 2)).astype(np.int64),
            np.floor(np.sin(x) * 4).astype(np.int64),
            x % 3, x ** 3, (x + 4) // (x * 0 + 2),
            np.where(x < 0, -x * 2, x + 1),
            (x > 0).astype(np.int64) + (x > 2).astype(np.int64),
            x, s, s * s + 1, s)


def test_univariate_functions_and_outputs():
    inputset = [(np.array([-4, 0, 3]), 5), (np.array([3, -4, 1]), 0),
                (np.array([0, 2, -1]), 2)]
    circuit = univariate.compile(inputset)
    document = circuit.graph.document
    assert [i["range"] for i in document["inputs"]] == [[-4, 3], [0, 5]]
    assert document["inputs"][1]["shape"] == []
    outputs = document["outputs"]
    # Inputs are outputs as they are; a value returned twice is copied.
    assert outputs[7:9] == ["x", "s"] and outputs[10] != "s"
    assert [n["op"] for n in document["nodes"]].count("lut") == 8
    for x, s in ((np.array([-4, 3, 0]), 4), (np.array([-1, 1, 2]), 0)):
        assert_same(circuit.encrypt_run_decrypt(x, s), univariate(x, s))


@shade.compiler({"x": "encrypted", "y": "encrypted", "k": "clear"})
def bitwise(x, y, k):
    return (x & y, x | y, x ^ y, np.bitwise_and(x, 6), 5 | x, np.bitwise_xor(-3, x),
            x & k, k ^ y, np.bitwise_or(x, np.array([1, -2, 4, 0])), (x + 1) & 6,
            (x > 1) & (y < 0), k & 3)


def test_bitwise_graph():
    graph = bitwise.trace(uniform_inputset(9, 6, (0, 3, (4,)), (-2, 1, (4,)), (-2, 2, (4,))))
    ops = [node["op"] for node in graph.document["nodes"]]
    # Operators and ufuncs with a traced operand are the format's ops, a
    # constant on the left included; a chain of one value is one lut.
    assert ops.count("bitwise_and") == 5 and ops.count("bitwise_or") == 3
    assert ops.count("bitwise_xor") == 3 and ops.count("lut") == 1
    # 5 | x: the constant is the second operand of the node.
    reflected = [n for n in graph.document["nodes"] if n["op"] == "bitwise_or"][1]
    assert reflected["args"][0] == "x"


def test_bitwise_encrypted():
    circuit = bitwise.compile(uniform_inputset(9, 6, (0, 3, (4,)), (-2, 1, (4,)),
                                               (-2, 2, (4,))))
    for x, y, k in (([0, 1, 2, 3], [-2, -1, 0, 1], [-2, -1, 1, 2]),
                    ([3, 3, 0, 2], [1, -2, 0, -1], [0, 2, -2, 1])):
        x, y, k = np.array(x), np.array(y), np.array(k)
        assert_same(circuit.encrypt_run_decrypt(x, y, k), bitwise(x, y, k))
