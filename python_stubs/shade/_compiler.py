"""`shade.compiler`: the decorator that traces a numpy function into a graph,
calibrates it on an inputset and compiles it with shadec."""
import functools
import inspect
import re

import numpy as np

from ._circuit import Circuit
from ._graph import Graph, prune
from ._location import Location, describe
from ._tracer import Trace, Tracer, _is_integer_dtype
from .errors import TraceError

_KINDS = ("encrypted", "clear")


def compiler(parameters):
    """Decorates a function whose parameters are each "encrypted" or "clear":
    `compiler({"x": "encrypted", "w": "clear"})(f)`. The result calls `f`
    unchanged and has `trace(inputset)` and `compile(inputset)`."""
    if not isinstance(parameters, dict):
        raise TypeError("shade.compiler takes a dict from parameter name to "
                        "'encrypted' or 'clear'")

    def decorate(function):
        return Compiler(function, parameters)

    return decorate


class Compiler:
    """A function to trace and compile."""

    def __init__(self, function, parameters):
        self.function = function
        self.parameters = dict(parameters)
        signature = inspect.signature(function)
        self.names = list(signature.parameters)
        for name, kind in self.parameters.items():
            if name not in self.names:
                raise TypeError(f"shade.compiler: '{name}' is not a parameter of "
                                f"{function.__name__}")
            if kind not in _KINDS:
                raise TypeError(f"shade.compiler: parameter '{name}' is {kind!r}, "
                                "expected 'encrypted' or 'clear'")
        for name in self.names:
            if name not in self.parameters:
                raise TypeError(f"shade.compiler: say whether parameter '{name}' "
                                f"of {function.__name__} is 'encrypted' or 'clear'")
        functools.update_wrapper(self, function)

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)

    def _samples(self, inputset):
        samples = list(inputset)
        if not samples:
            raise TraceError(f"{self.function.__name__}: the inputset is empty")
        rows = []
        for index, sample in enumerate(samples):
            if len(self.names) == 1 and not isinstance(sample, tuple):
                sample = (sample,)
            if not isinstance(sample, tuple) or len(sample) != len(self.names):
                raise TraceError(f"{self.function.__name__}: sample {index} of the "
                                 f"inputset must be a tuple of {len(self.names)} "
                                 "values, one per parameter")
            rows.append([np.asarray(value) for value in sample])
        return rows

    def trace(self, inputset, ranges=None):
        """The graph of the function, calibrated on `inputset` (a list of
        samples: one value per sample for a function of one parameter, else
        a tuple per sample). `ranges` maps a parameter to the inclusive range
        (lo, hi) of its elements, wider than the inputset's."""
        rows = self._samples(inputset)
        ranges = dict(ranges or {})
        for name in ranges:
            if name not in self.names:
                raise TraceError(f"ranges: '{name}' is not a parameter of "
                                 f"{self.function.__name__}")
        trace = Trace(len(rows))
        tracers = []
        for position, name in enumerate(self.names):
            values = [row[position] for row in rows]
            for index, value in enumerate(values):
                if not _is_integer_dtype(value.dtype):
                    raise TraceError(f"input '{name}': sample {index} of the "
                                     f"inputset is {value.dtype}; inputs must be "
                                     "integers")
                if value.shape != values[0].shape:
                    raise TraceError(f"input '{name}': sample {index} of the "
                                     f"inputset has the shape {list(value.shape)}, "
                                     f"sample 0 {list(values[0].shape)}")
            lo = min(int(v.min()) if v.size else 0 for v in values)
            hi = max(int(v.max()) if v.size else 0 for v in values)
            if name in ranges:
                given_lo, given_hi = (int(b) for b in ranges[name])
                if not (given_lo <= lo and hi <= given_hi):
                    raise TraceError(f"input '{name}': the inputset's values span "
                                     f"[{lo}, {hi}], outside the given range "
                                     f"[{given_lo}, {given_hi}]")
                lo, hi = given_lo, given_hi
            encrypted = self.parameters[name] == "encrypted"
            tracers.append(trace.add_input(name, values[0].shape, lo, hi, encrypted,
                                           values))
        result = self.function(*tracers)
        results = result if isinstance(result, tuple) else (result,)
        outputs = []
        for position, value in enumerate(results):
            outputs.append(self._output(trace, value, position))
        names = []
        for output in outputs:
            if output.name in names:
                output = trace.emit("reshape", [output], {"shape": list(output.shape)},
                                    output._samples, output._location)
            names.append(output.name)
        name = re.sub(r"[^A-Za-z0-9_]", "_", self.function.__name__)
        document = {"format": "shade-graph", "version": 1,
                    "name": name if re.match(r"[A-Za-z_]", name) else "_" + name,
                    "inputs": trace.inputs,
                    "nodes": prune(trace.nodes, names), "outputs": names}
        graph = Graph(document, trace.locations)
        _calibrate(graph, trace, rows)
        return graph

    def _output(self, trace, value, position):
        if isinstance(value, Tracer):
            if value._trace is not trace:
                raise TraceError(f"{self.function.__name__}: output {position} "
                                 "comes from another trace")
            return value.materialize()
        array = np.asarray(value)
        if not _is_integer_dtype(array.dtype):
            raise TraceError(f"{self.function.__name__}: output {position} is "
                             f"{array.dtype}; outputs must be integer tensors")
        location = Location(inspect.getsourcefile(self.function) or "<unknown>",
                            inspect.getsourcelines(self.function)[1])
        name = trace.constant(array, location)
        trace.samples[name] = [array] * trace.sample_count
        return Tracer(trace, name, trace.samples[name], trace.intervals[name], location)

    def compile(self, inputset, ranges=None, p_error=None, shadec=None,
                single_parameter_set=False):
        """Traces the function on `inputset` and compiles it with shadec; see
        `trace` for `ranges`. `p_error` is the largest failure probability of
        one bootstrap (shadec's --p-error); `single_parameter_set` compiles
        with one parameter set for every bootstrap instead of one per
        partition (shadec's --single-parameter-set)."""
        graph = self.trace(inputset, ranges)
        return Circuit.compile(graph, p_error=p_error, shadec=shadec,
                               single_parameter_set=single_parameter_set)


def _calibrate(graph, trace, rows):
    """Checks that the graph computes, on every sample, what numpy computed
    while tracing: the refused case is a trace that changes the function's
    meaning (numpy's fixed-width wrap-around, booleans added as 0 and 1, ...)."""
    for index, row in enumerate(rows):
        values = graph.evaluate(dict(zip(graph.input_names, row)))
        for node in graph.document["nodes"]:
            name = node["name"]
            if name not in trace.samples:
                continue
            expected = np.asarray(trace.samples[name][index])
            got = values[name]
            same = expected.shape == got.shape and np.array_equal(
                expected.astype(np.int64), got) and np.array_equal(
                expected.astype(np.float64), got.astype(np.float64))
            if not same:
                where = np.argwhere(np.asarray(expected != got).reshape(got.shape)) \
                    if expected.shape == got.shape else None
                position = tuple(int(i) for i in where[0]) if where is not None \
                    and len(where) else None
                detail = (f" at index {list(position)}: numpy gives "
                          f"{expected[position]!r} ({expected.dtype}), the graph "
                          f"{int(got[position])}") if position is not None else \
                    f": numpy gives shape {list(expected.shape)}, the graph " \
                    f"{list(got.shape)}"
                raise TraceError(describe(
                    trace.locations.get(name),
                    f"the traced program would change the function's meaning on "
                    f"sample {index} of the inputset (node '{name}' "
                    f"({node['op']})){detail}; numpy computes in the inputs' "
                    f"dtype, Shade exactly: use int64 inputs"))
