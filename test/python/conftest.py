"""Shared helpers of the Python front end's tests. Run with the package and
shadec of a build tree:
  SHADEC=BUILD/bin/shadec PYTHONPATH=BUILD/python /usr/bin/python3 -m pytest test/python
"""
import numpy as np
import pytest


def assert_same(got, expected):
    """Decrypted outputs equal numpy's, output by output, exactly."""
    got = got if isinstance(got, tuple) else (got,)
    expected = expected if isinstance(expected, tuple) else (expected,)
    assert len(got) == len(expected)
    for index, (g, e) in enumerate(zip(got, expected)):
        e = np.asarray(e).astype(np.int64)
        assert np.asarray(g).shape == e.shape, f"output {index}"
        assert np.array_equal(g, e), f"output {index}: got {g}, numpy {e}"


def uniform_inputset(seed, count, *specs):
    """`count` samples of arrays, spec = (lo, hi, shape); each input's first
    two samples hold its lo and hi so that the inputset spans the range."""
    rng = np.random.default_rng(seed)
    samples = []
    for index in range(count):
        row = []
        for lo, hi, shape in specs:
            if index == 0:
                row.append(np.full(shape, lo, dtype=np.int64))
            elif index == 1:
                row.append(np.full(shape, hi, dtype=np.int64))
            else:
                row.append(rng.integers(lo, hi + 1, shape, dtype=np.int64))
        samples.append(tuple(row) if len(row) > 1 else row[0])
    return samples


@pytest.fixture
def check():
    def run(circuit, function, inputs):
        inputs = inputs if isinstance(inputs, tuple) else (inputs,)
        assert_same(circuit.encrypt_run_decrypt(*inputs), function(*inputs))
    return run
