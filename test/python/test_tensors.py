"""Tensor ops (matmul, dot, sum, layout ops, indexing, where, conv2d,
maxpool2d) traced, run encrypted and compared with numpy."""
import numpy as np

import shade
from conftest import assert_same, uniform_inputset

WEIGHTS = np.array([[1, -1], [0, 2], [-1, 1]])


@shade.compiler({"x": "encrypted"})
def linear(x):
    y = x @ WEIGHTS
    return (y, np.matmul(x, WEIGHTS), np.dot(x[0], np.array([1, 2, -1])), x[1].dot(x[0]),
            np.sum(x), np.sum(x, axis=0), x.sum(axis=1, keepdims=True),
            np.sum(x, axis=(0, 1)), WEIGHTS.T @ x.T)


def test_linear():
    circuit = linear.compile(uniform_inputset(5, 8, (0, 3, (2, 3))))
    x = np.array([[0, 3, 1], [2, 2, 3]])
    assert_same(circuit.encrypt_run_decrypt(x), linear(x))


@shade.compiler({"x": "encrypted", "y": "encrypted"})
def layout(x, y):
    return (x.reshape(3, 2), np.reshape(x, (-1,)), x.T, np.transpose(x, (1, 0)),
            x.flatten(), np.ravel(x), np.concatenate([x, y], axis=0),
            np.concatenate((x, np.ones((2, 3), dtype=np.int64)), axis=1),
            np.broadcast_to(x[0], (2, 2, 3)), np.expand_dims(x, 0),
            np.squeeze(x[:1]), np.squeeze(np.expand_dims(x, 2), axis=2),
            x.shape[0] * y[0, 0], x[1], x[-1, 1:], x[:, ::-1], x[..., 2],
            x[None, 1, :2], x[1, 2], np.stack([x[0], y[1]]), np.stack((x, y), axis=-1),
            x + np.ones_like(x), np.maximum(y, np.zeros_like(y) + 2))


def test_layout_and_indexing():
    circuit = layout.compile(uniform_inputset(6, 6, (0, 3, (2, 3)), (0, 3, (2, 3))))
    x, y = np.array([[0, 1, 2], [3, 2, 1]]), np.array([[3, 3, 0], [1, 0, 2]])
    assert_same(circuit.encrypt_run_decrypt(x, y), layout(x, y))


@shade.compiler({"c": "encrypted", "a": "encrypted", "b": "encrypted", "k": "clear"})
def select(c, a, b, k):
    return (np.where(c > 1, a, b), np.where(c == 0, a, 5), np.where(c, 2, b),
            np.where(k > 0, a, b), np.where(np.array([True, False, True, False]), a, c))


def test_where():
    circuit = select.compile(uniform_inputset(7, 8, (0, 3, (4,)), (0, 3, (4,)),
                                              (-2, 1, (4,)), (-1, 1, (4,))))
    c, a, b = np.array([0, 1, 2, 3]), np.array([3, 2, 1, 0]), np.array([-2, 1, 0, -1])
    k = np.array([1, -1, 0, 1])
    assert_same(circuit.encrypt_run_decrypt(c, a, b, k), select(c, a, b, k))


KERNEL = np.array([[[[1, 0], [-1, 1]]], [[[0, 1], [1, 0]]]])


@shade.compiler({"image": "encrypted"})
def network(image):
    features = shade.conv2d(image, KERNEL, bias=np.array([1, -1]), pads=(1, 1, 0, 0))
    strided = shade.conv2d(image, KERNEL, strides=(2, 2), dilations=(1, 1))
    pooled = shade.maxpool2d(image, kernel_shape=(2, 2))
    padded = shade.maxpool2d(features, kernel_shape=(2, 2), strides=(1, 1),
                             pads=(0, 0, 1, 1))
    return features, strided, pooled, padded


def test_conv2d_and_maxpool2d():
    circuit = network.compile(uniform_inputset(8, 6, (0, 3, (1, 1, 4, 4))))
    image = np.arange(16).reshape(1, 1, 4, 4) % 4
    expected = network(image)
    assert_same(circuit.encrypt_run_decrypt(image), expected)


def test_conv2d_matches_a_direct_loop():
    image = np.arange(2 * 5 * 5).reshape(1, 2, 5, 5) % 7
    weights = np.arange(4 * 1 * 3 * 3).reshape(4, 1, 3, 3) % 5 - 2
    result = shade.conv2d(image, weights, strides=(2, 1), pads=(1, 0, 1, 2),
                          dilations=(1, 2), group=2)
    padded = np.pad(image, ((0, 0), (0, 0), (1, 1), (0, 2)))
    expected = np.zeros(result.shape, dtype=np.int64)
    for f in range(4):
        channel = f // 2
        for i in range(result.shape[2]):
            for j in range(result.shape[3]):
                window = padded[0, channel, 2 * i:2 * i + 3, j:j + 5:2]
                expected[0, f, i, j] = np.sum(window * weights[f, 0])
    assert np.array_equal(result, expected)


def test_where_is_one_node():
    graph = select.trace(uniform_inputset(7, 8, (0, 3, (4,)), (0, 3, (4,)),
                                          (-2, 1, (4,)), (-1, 1, (4,))))
    nodes = graph.document["nodes"]
    wheres = [n for n in nodes if n["op"] == "where"]
    # np.where(c, 2, b) and the constant mask are where nodes too; the
    # condition is the traced value itself (the op reads cond != 0).
    assert len(wheres) == 5
    assert wheres[2]["args"][0] == "c"
    assert not any(n["op"] in ("subtract", "multiply") for n in nodes)
