"""Unsupported code and refused traces name the construct and the user's
line; errors of shadec surface as shade.ShadeError subclasses."""
import inspect
import re

import numpy as np
import pytest

import shade
from conftest import uniform_inputset

INPUTSET = uniform_inputset(9, 4, (0, 3, (3,)))


def line_of(function, text):
    """The file:line of the line of `function` that contains `text`."""
    function = function.function
    lines, first = inspect.getsourcelines(function)
    offset = next(i for i, line in enumerate(lines) if text in line)
    return f"{inspect.getsourcefile(function)}:{first + offset}"


def trace_error(function, inputset=INPUTSET):
    with pytest.raises(shade.TraceError) as info:
        function.trace(inputset)
    return str(info.value)


def test_branching_on_an_encrypted_value():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        if np.sum(x) > 2:
            return x
        return -x

    message = trace_error(f)
    assert message.startswith(line_of(f, "if np.sum"))
    assert "the truth value of a traced value" in message
    assert "if np.sum(x) > 2:" in message


def test_conversion_to_int():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        return x * int(x[0])

    message = trace_error(f)
    assert message.startswith(line_of(f, "int(x[0])"))
    assert "converting a traced value with int()" in message


def test_unsupported_numpy_function():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        return np.sort(x)

    message = trace_error(f)
    assert message.startswith(line_of(f, "np.sort"))
    assert "np.sort is not supported by Shade" in message


def test_unsupported_ufunc_of_two_values():
    @shade.compiler({"x": "encrypted", "y": "encrypted"})
    def f(x, y):
        return x // y

    inputset = uniform_inputset(10, 4, (0, 3, (3,)), (1, 3, (3,)))
    message = trace_error(f, inputset)
    assert message.startswith(line_of(f, "x // y"))
    assert "np.floor_divide of two traced values" in message


def test_float_output():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        return np.sqrt(x) * 1.5

    message = trace_error(f)
    assert message.startswith(line_of(f, "np.sqrt"))
    assert "the value computed here is float64" in message


def test_float_operand_of_a_tensor_op():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        return np.sum(x / 2)

    message = trace_error(f)
    assert message.startswith(line_of(f, "np.sum"))
    assert "float64, but a traced value must be an integer" in message


def test_fancy_indexing():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        return x[[0, 2]]

    message = trace_error(f)
    assert message.startswith(line_of(f, "x[[0, 2]]"))
    assert "indexing with list" in message


def test_assignment():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        x[0] = 1
        return x

    assert "assigning to an element or slice" in trace_error(f)


def test_trace_that_changes_the_meaning():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        return x - 2

    inputset = [np.array([0, 1, 3], dtype=np.uint8), np.array([3, 2, 1], dtype=np.uint8)]
    message = trace_error(f, inputset)
    assert message.startswith(line_of(f, "x - 2"))
    assert "would change the function's meaning on sample 0" in message
    assert "numpy gives 254 (uint8), the graph -2" in message


def test_booleans_added_as_integers_are_refused():
    @shade.compiler({"x": "encrypted", "y": "encrypted"})
    def f(x, y):
        return (x > 1) + (y > 1)

    inputset = uniform_inputset(11, 4, (0, 3, (3,)), (0, 3, (3,)))
    message = trace_error(f, inputset)
    assert message.startswith(line_of(f, "(x > 1) + (y > 1)"))
    assert "would change the function's meaning" in message


def test_parameters_and_inputsets():
    with pytest.raises(TypeError, match="say whether parameter 'y'"):
        shade.compiler({"x": "encrypted"})(lambda x, y: x)
    with pytest.raises(TypeError, match="'z' is not a parameter"):
        shade.compiler({"z": "clear"})(lambda x: x)
    with pytest.raises(TypeError, match="expected 'encrypted' or 'clear'"):
        shade.compiler({"x": "secret"})(lambda x: x)
    identity = shade.compiler({"x": "encrypted"})(lambda x: x + 1)
    with pytest.raises(shade.TraceError, match="inputset is empty"):
        identity.trace([])
    with pytest.raises(shade.TraceError, match=r"input 'x': sample 0 .* is float64"):
        identity.trace([np.array([0.5])])
    with pytest.raises(shade.TraceError, match=r"outside the given range \[0, 2\]"):
        identity.trace(INPUTSET, ranges={"x": (0, 2)})


def test_compiler_error_names_the_user_line():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        y = x @ np.full((3, 3), 100)
        return y // 3

    with pytest.raises(shade.CompilationError) as info:
        f.compile(INPUTSET)
    # The 10-bit matmul is fine; the division's table cannot read it (it
    # steps every third value: no small bootstraps evaluate it).
    message = str(info.value)
    assert re.match(r"shadec: error: f\.json: node '\w+' \(floor_divide\): ", message)
    assert "need 10 bits (range [0, 900])" in message
    node = re.search(r"node '([a-z_0-9]+)'", message).group(1)
    assert f"(node '{node}' was traced at {line_of(f, 'y // 3')}" in message


def test_value_outside_the_range_is_refused():
    @shade.compiler({"x": "encrypted"})
    def f(x):
        return x + 1

    circuit = f.compile(INPUTSET)
    with pytest.raises(shade.RuntimeFailure, match=r"^shadec: error: inputs.json: "
                       r"input 'x': the value 4 at \[1\] "
                       r"is outside the declared range \[0, 3\]"):
        circuit.encrypt(np.array([0, 4, 1]))
    with pytest.raises(shade.ShadeError, match="expected 1 arguments"):
        circuit.encrypt(np.array([0, 1, 1]), np.array([0, 1, 1]))


def builtin_max(x):
    return max(x[0], x[1])


def numpy_array_of_tracers(x):
    return np.array([x[0], x[1]])


def ufunc_method(x):
    return np.add.reduce(x)


def ufunc_out(x):
    return np.add(x, 1, out=np.zeros(3, dtype=np.int64))


def float_matmul(x):
    return x @ np.ones((3, 2)) * 0.5


@pytest.mark.parametrize("function, construct", [
    (builtin_max, "the truth value of a traced value"),
    (numpy_array_of_tracers, "a traced value cannot become a numpy array"),
    (ufunc_method, "np.add.reduce is not supported by Shade"),
    (ufunc_out, "np.add with the argument(s) out is not supported by Shade"),
    (float_matmul, "np.matmul is float64, but a traced value must be an integer"),
])
def test_unsupported_constructs(function, construct):
    traced = shade.compiler({"x": "encrypted"})(function)
    message = trace_error(traced)
    assert message.startswith(line_of(traced, "return"))
    assert construct in message
