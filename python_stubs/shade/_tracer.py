"""Tracing: a function runs on Tracer objects, which record the graph of
graph-format.md while computing, for every sample of the inputset, the value
numpy computes (the "samples"), and, for every graph value, the element-wise
interval the compiler derives."""
import numbers
import operator

import numpy as np
from numpy.lib.mixins import NDArrayOperatorsMixin

from . import _semantics as semantics
from ._location import describe, user_location
from .errors import TraceError

# The largest table Shade builds for a univariate function (2^16 entries):
# the compiler cannot bootstrap anything near that wide anyway.
MAX_TABLE_ENTRIES = 1 << 16

# Ops of one encrypted value (and a clear scalar) that need no table.
LEVELLED_OPS = {"add", "subtract", "multiply", "negative", "left_shift"}

# ufuncs of two traced values, or of a traced value and a clear tensor.
BINARY_UFUNC_OPS = {
    np.add: "add", np.subtract: "subtract", np.multiply: "multiply",
    np.maximum: "maximum", np.minimum: "minimum",
    np.less: "less", np.less_equal: "less_equal", np.greater: "greater",
    np.greater_equal: "greater_equal", np.equal: "equal",
    np.not_equal: "not_equal", np.matmul: "matmul",
    np.bitwise_and: "bitwise_and", np.bitwise_or: "bitwise_or",
    np.bitwise_xor: "bitwise_xor",
}
# The op that computes op(b, a) as op'(a, b).
MIRRORED = {"add": "add", "multiply": "multiply", "maximum": "maximum",
            "minimum": "minimum", "less": "greater", "greater": "less",
            "less_equal": "greater_equal", "greater_equal": "less_equal",
            "equal": "equal", "not_equal": "not_equal",
            "bitwise_and": "bitwise_and", "bitwise_or": "bitwise_or",
            "bitwise_xor": "bitwise_xor"}


def _is_integer_dtype(dtype):
    return np.issubdtype(dtype, np.integer) or np.issubdtype(dtype, np.bool_)


def _integer_scalar(value):
    """`value` as a Python int if it is an integer scalar (not a bool)."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, np.ndarray) and value.size == 1 and \
            np.issubdtype(value.dtype, np.integer):
        return int(value.reshape(()))
    return None


class Step:
    """One element-wise op of a chain on one value that the graph format has
    an op for: `op(value, constant)` (or `op(constant, value)`), or
    `op(value)` with `attrs`."""

    def __init__(self, op, constant, constant_first, attrs, samples, location):
        self.op, self.constant, self.constant_first = op, constant, constant_first
        self.attrs, self.samples, self.location = attrs, samples, location


class Trace:
    """The graph being recorded."""

    def __init__(self, sample_count):
        self.sample_count = sample_count
        self.inputs = []
        self.nodes = []
        self.locations = {}
        self.samples = {}
        self.intervals = {}
        self._names = set()
        self._counter = 0

    def fresh_name(self, op):
        self._counter += 1
        return f"{op}_{self._counter}"

    def add_input(self, name, shape, lo, hi, encrypted, samples):
        self.inputs.append({"name": name, "shape": list(shape),
                            "encrypted": encrypted, "range": [int(lo), int(hi)]})
        full = (np.full(shape, lo, np.int64), np.full(shape, hi, np.int64))
        self.intervals[name] = full
        self.samples[name] = samples
        return Tracer(self, name, samples, full, None)

    def constant(self, value, location):
        value = semantics.as_int64(value)
        name = self.fresh_name("constant")
        self.nodes.append({"name": name, "op": "constant", "value": value.tolist()})
        self.locations[name] = location
        self.intervals[name] = (value, value)
        return name

    def emit(self, op, args, attrs, samples, location):
        """Records a node `op(*args, **attrs)` and returns its Tracer. `args`
        are Tracers or clear numpy values (recorded as constants)."""
        names, intervals = [], []
        for arg in args:
            if isinstance(arg, Tracer):
                arg = arg.materialize()
                names.append(arg.name)
                intervals.append(arg.interval)
            else:
                names.append(self.constant(arg, location))
                value = semantics.as_int64(arg)
                intervals.append((value, value))
        name = self.fresh_name(op)
        node = {"name": name, "op": op, "args": names}
        node.update(attrs)
        self.nodes.append(node)
        self.locations[name] = location
        self.samples[name] = samples
        interval = semantics.interval(op, intervals, attrs)
        self.intervals[name] = interval
        return Tracer(self, name, samples, interval, location)

    def unsupported(self, location, construct):
        raise TraceError(describe(location, f"{construct} is not supported by Shade"))


def _samples_of(arg, index):
    return arg._samples[index] if isinstance(arg, Tracer) else arg


def _native(trace, function, args, location, **kwargs):
    """`function` applied by numpy to every sample of the traced arguments."""
    results = []
    for index in range(trace.sample_count):
        try:
            value = function(*[_samples_of(a, index) for a in args], **kwargs)
        except TraceError:
            raise
        except Exception as error:
            raise TraceError(describe(location, f"numpy fails on sample {index} "
                                      f"of the inputset: {error}")) from None
        results.append(np.asarray(value))
    return results


class Tracer(NDArrayOperatorsMixin):
    """A value of the traced function. Either a node of the graph (`name` is
    set), or a chain of element-wise ops on one node (`base`), kept as the
    function `fn` of the base's values until the value is used by something
    that is not element-wise: it then becomes one node (a `lut` unless the
    chain is one op, or only ops that need no table)."""

    __array_priority__ = 1000

    def __init__(self, trace, name, samples, interval, location, base=None,
                 fn=None, steps=None):
        self._trace = trace
        self.name = name
        self._samples = samples
        self.interval = interval
        self._location = location
        self._base = self if base is None else base
        self._fn = fn if fn is not None else (lambda value: value)
        self._steps = [] if base is None else steps
        self._materialized = self if name is not None else None

    # --- numpy protocol -------------------------------------------------

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        location = user_location()
        name = f"np.{ufunc.__name__}"
        if method != "__call__":
            self._trace.unsupported(location, f"{name}.{method}")
        if kwargs:
            self._trace.unsupported(location, f"{name} with the argument(s) "
                                    f"{', '.join(sorted(kwargs))}")
        if ufunc.nout != 1:
            self._trace.unsupported(location, name)
        _check_traces(inputs, location)
        samples = _native(self._trace, ufunc, inputs, location)
        chain = None
        if ufunc.signature is None:
            chain = self._chain(inputs, ufunc, samples, location,
                                lambda: _ufunc_step(ufunc, inputs, samples, location))
        if chain is not None:
            return chain
        op = BINARY_UFUNC_OPS.get(ufunc)
        if op is None or len(inputs) != 2:
            self._trace.unsupported(
                location, f"{name} of two traced values (or of a traced value and "
                "a clear tensor)")
        _require_integer(samples, location, name)
        a, b = inputs
        if not isinstance(a, Tracer) and op in MIRRORED:
            a, b, op = b, a, MIRRORED[op]
        for operand in (a, b):
            if not isinstance(operand, Tracer):
                _require_clear_integer(operand, location, name)
        return self._trace.emit(op, [a, b], {}, samples, location)

    def __array_function__(self, func, types, args, kwargs):
        location = user_location()
        handler = ARRAY_FUNCTIONS.get(func)
        if handler is None:
            self._trace.unsupported(location, f"np.{func.__name__}")
        return handler(self._trace, location, *args, **kwargs)

    def __array__(self, dtype=None):
        raise TraceError(describe(
            user_location(), "a traced value cannot become a numpy array "
            "(np.array, np.asarray or a function that Shade does not trace)"))

    # --- chains of element-wise ops ---------------------------------------

    def _chain(self, inputs, function, samples, location, make_step):
        """The Tracer of `function(*inputs)` as a chain, if every traced input
        is a chain on the same node and every other one a clear scalar."""
        tracers = [i for i in inputs if isinstance(i, Tracer)]
        base = tracers[0]._base
        if any(t._base is not base for t in tracers):
            return None
        for value in inputs:
            if isinstance(value, Tracer):
                continue
            array = np.asarray(value)
            if array.size != 1 or array.ndim > len(self.shape) or \
                    not (_is_integer_dtype(array.dtype) or
                         np.issubdtype(array.dtype, np.floating)):
                return None
        parts = [(i._fn if isinstance(i, Tracer) else np.asarray(i).reshape(()))
                 for i in inputs]

        def composed(value):
            return function(*[p(value) if callable(p) else p for p in parts])

        steps = None
        if len(tracers) == 1 and tracers[0]._steps is not None:
            step = make_step()
            if step is not None:
                steps = tracers[0]._steps + [step]
        return Tracer(self._trace, None, samples, None, location, base=base,
                      fn=composed, steps=steps)

    def materialize(self):
        """The graph node of this value."""
        if self._materialized is not None:
            return self._materialized
        trace, steps = self._trace, self._steps
        if steps is not None and (len(steps) == 1 or
                                  all(s.op in LEVELLED_OPS for s in steps)):
            current = self._base
            for step in steps:
                args = [current]
                if step.constant is not None:
                    args.insert(0 if step.constant_first else 1, step.constant)
                current = trace.emit(step.op, args, step.attrs, step.samples,
                                     step.location)
            self._materialized = current if steps else self._base
            return self._materialized
        self._materialized = self._lookup_table()
        return self._materialized

    def _lookup_table(self):
        location = self._location
        _require_integer(self._samples, location, "the value computed here")
        base = self._base.materialize()
        lo, hi = int(base.interval[0].min()), int(base.interval[1].max())
        if hi - lo + 1 > MAX_TABLE_ENTRIES:
            source = base._location or f"input '{base.name}'"
            raise TraceError(describe(
                location, f"the element-wise function of the value of {source} "
                f"needs a table for its range [{lo}, {hi}], more than "
                f"{MAX_TABLE_ENTRIES} entries"))
        reachable = np.arange(lo, hi + 1, dtype=np.int64)
        with np.errstate(all="ignore"):
            table = np.asarray(self._fn(reachable))
        if not _is_integer_dtype(table.dtype):
            raise TraceError(describe(
                location, f"the value computed here is {table.dtype}, but a "
                "traced value must be an integer: convert it, e.g. "
                "np.round(v).astype(np.int64)"))
        table = np.broadcast_to(table.astype(np.int64), reachable.shape)
        return trace_lut(self._trace, base, table, lo, self._samples, location)

    # --- Python protocol ------------------------------------------------

    def __bool__(self):
        raise TraceError(describe(
            user_location(), "the truth value of a traced value (an `if`, "
            "`while`, `and`, `or`, `not`, or a chained comparison on it) is not "
            "supported by Shade: a traced program cannot branch on encrypted "
            "values; use np.where"))

    def _conversion(self, construct):
        raise TraceError(describe(
            user_location(), f"{construct} is not supported by Shade: its value "
            "is unknown while tracing"))

    def __int__(self):
        self._conversion("converting a traced value with int()")

    def __float__(self):
        self._conversion("converting a traced value with float()")

    def __index__(self):
        self._conversion("using a traced value as an index or a size")

    def __setitem__(self, key, value):
        self._trace.unsupported(user_location(), "assigning to an element or "
                                "slice of a traced value")

    def __len__(self):
        if not self.shape:
            raise TypeError("len() of a traced scalar")
        return self.shape[0]

    def __iter__(self):
        for index in range(len(self)):
            yield self[index]

    def __repr__(self):
        return f"<shade.Tracer {self.name or 'chain'} shape={self.shape}>"

    def __getitem__(self, key):
        return _getitem(self, key, user_location())

    # --- ndarray-like attributes and methods ----------------------------

    @property
    def shape(self):
        return tuple(self._samples[0].shape)

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        return int(np.prod(self.shape, dtype=np.int64))

    @property
    def dtype(self):
        return self._samples[0].dtype

    @property
    def T(self):
        return _transpose(self._trace, user_location(), self)

    def reshape(self, *shape, order="C"):
        if len(shape) == 1 and not isinstance(shape[0], numbers.Integral):
            shape = shape[0]
        return _reshape(self._trace, user_location(), self, shape, order=order)

    def transpose(self, *axes):
        if len(axes) == 1 and not isinstance(axes[0], numbers.Integral):
            axes = axes[0]
        return _transpose(self._trace, user_location(), self, axes or None)

    def flatten(self):
        return _ravel(self._trace, user_location(), self)

    def ravel(self):
        return _ravel(self._trace, user_location(), self)

    def sum(self, axis=None, keepdims=False):
        return _sum(self._trace, user_location(), self, axis=axis, keepdims=keepdims)

    def dot(self, other):
        return _dot(self._trace, user_location(), self, other)

    def clip(self, a_min=None, a_max=None):
        return _clip(self._trace, user_location(), self, a_min, a_max)

    def astype(self, dtype):
        location = user_location()
        samples = _native(self._trace, lambda v: v.astype(dtype), [self], location)
        chain = self._chain([self], lambda v: np.asarray(v).astype(dtype),
                            samples, location, lambda: None)
        if np.dtype(dtype) == np.int64 and _is_integer_dtype(self.dtype) \
                and self._steps is not None:
            chain._steps = list(self._steps)
        return chain


def trace_lut(trace, base, table, offset, samples, location):
    return trace.emit("lut", [base], {"table": table.tolist(), "offset": offset},
                      samples, location)


def _check_traces(values, location):
    traces = {id(v._trace) for v in values if isinstance(v, Tracer)}
    if len(traces) > 1:
        raise TraceError(describe(location, "values of two different traces "
                                  "are combined"))


def _require_integer(samples, location, what):
    dtype = samples[0].dtype
    if not _is_integer_dtype(dtype):
        raise TraceError(describe(
            location, f"{what} is {dtype}, but a traced value must be an integer "
            "(floats are only allowed inside an element-wise function of one "
            "traced value, converted back to integers, e.g. "
            "np.round(np.sqrt(x)).astype(np.int64))"))


def _require_clear_integer(value, location, what):
    if not _is_integer_dtype(np.asarray(value).dtype):
        raise TraceError(describe(location, f"{what} with a clear operand of "
                                  f"dtype {np.asarray(value).dtype}: clear "
                                  "operands must be integers"))


def _ufunc_step(ufunc, inputs, samples, location):
    """The Step of a ufunc of one chain and clear integer scalars, if the graph
    format has an op for it."""
    if not _is_integer_dtype(samples[0].dtype):
        return None
    traced = [isinstance(i, Tracer) for i in inputs]
    if len(inputs) == 1:
        unary = {np.negative: "negative", np.absolute: "abs", np.square: "square"}
        op = unary.get(ufunc)
        return Step(op, None, False, {}, samples, location) if op else None
    constant = _integer_scalar(inputs[traced.index(False)])
    if constant is None:
        return None
    first = traced[1]
    op = BINARY_UFUNC_OPS.get(ufunc)
    if op in MIRRORED:
        return Step(MIRRORED[op] if first else op, np.int64(constant), False, {},
                    samples, location)
    if op == "subtract":
        return Step(op, np.int64(constant), first, {}, samples, location)
    if first:
        return None
    if ufunc is np.floor_divide and constant != 0:
        return Step("floor_divide", None, False, {"divisor": constant}, samples, location)
    if ufunc in (np.left_shift, np.right_shift) and constant >= 0:
        op = "left_shift" if ufunc is np.left_shift else "right_shift"
        return Step(op, None, False, {"bits": constant}, samples, location)
    if ufunc is np.power and constant == 2:
        return Step("square", None, False, {}, samples, location)
    return None


# --- array functions and methods ----------------------------------------


def _structural(trace, location, op, args, attrs, function, **kwargs):
    """A node that is not element-wise: args are materialized."""
    _check_traces(args, location)
    samples = _native(trace, function, args, location, **kwargs)
    _require_integer(samples, location, f"the result of {op}")
    for arg in args:
        if not isinstance(arg, Tracer):
            _require_clear_integer(arg, location, op)
    return trace.emit(op, list(args), attrs, samples, location)


def _axes_attr(axis):
    if axis is None:
        return None
    if isinstance(axis, numbers.Integral):
        return int(axis)
    return [int(a) for a in axis]


def _sum(trace, location, a, axis=None, dtype=None, out=None, keepdims=False, **kw):
    if dtype is not None or out is not None or kw:
        trace.unsupported(location, "np.sum with dtype, out, initial or where")
    attrs = {"axis": _axes_attr(axis), "keepdims": bool(keepdims)}
    axis_arg = tuple(attrs["axis"]) if isinstance(attrs["axis"], list) else attrs["axis"]
    return _structural(trace, location, "sum", [a], attrs,
                       lambda v: np.sum(v, axis=axis_arg, keepdims=keepdims))


def _reshape(trace, location, a, newshape, order="C"):
    if order != "C":
        trace.unsupported(location, f"reshape with order={order!r}")
    shape = [int(newshape)] if isinstance(newshape, numbers.Integral) else \
        [int(d) for d in newshape]
    return _structural(trace, location, "reshape", [a], {"shape": shape},
                       lambda v: np.reshape(v, shape))


def _transpose(trace, location, a, axes=None):
    attrs = {} if axes is None else {"axes": [int(x) for x in axes]}
    return _structural(trace, location, "transpose", [a], attrs,
                       lambda v: np.transpose(v, axes))


def _ravel(trace, location, a, order="C"):
    if order != "C":
        trace.unsupported(location, f"ravel with order={order!r}")
    return _structural(trace, location, "flatten", [a], {}, np.ravel)


def _concatenate(trace, location, arrays, axis=0, out=None, **kw):
    if out is not None or kw:
        trace.unsupported(location, "np.concatenate with out, dtype or casting")
    arrays = list(arrays)
    return _structural(trace, location, "concatenate", arrays,
                       {"axis": None if axis is None else int(axis)},
                       lambda *v: np.concatenate(v, axis=axis))


def _stack(trace, location, arrays, axis=0, out=None, **kw):
    """np.stack: every array gets the new axis, then they are concatenated."""
    if out is not None or kw:
        trace.unsupported(location, "np.stack with out, dtype or casting")
    arrays = list(arrays)
    samples = _native(trace, lambda *v: np.stack(v, axis=axis), arrays, location)
    axis = int(axis) % (np.ndim(samples[0]))
    expanded = [_expand_dims(trace, location, a, axis) if isinstance(a, Tracer)
                else np.expand_dims(a, axis) for a in arrays]
    return _structural(trace, location, "concatenate", expanded, {"axis": axis},
                       lambda *v: np.concatenate(v, axis=axis))


def _constant_like(fill):
    """np.zeros_like and np.ones_like: a clear constant of the traced value's
    shape (and dtype, unless one is given)."""

    def like(trace, location, a, dtype=None, order="K", subok=True, shape=None):
        return np.full(a.shape if shape is None else shape, fill,
                       dtype=a.dtype if dtype is None else dtype)

    return like


def _broadcast_to(trace, location, a, shape, subok=False):
    shape = [int(shape)] if isinstance(shape, numbers.Integral) else [int(d) for d in shape]
    return _structural(trace, location, "broadcast_to", [a], {"shape": shape},
                       lambda v: np.broadcast_to(v, shape))


def _expand_dims(trace, location, a, axis):
    attr = _axes_attr(axis)
    return _structural(trace, location, "expand_dims", [a], {"axis": attr},
                       lambda v: np.expand_dims(v, axis))


def _squeeze(trace, location, a, axis=None):
    if axis is None:
        axis = [i for i, d in enumerate(a.shape) if d == 1]
    attr = _axes_attr(axis)
    numpy_axis = tuple(attr) if isinstance(attr, list) else attr
    return _structural(trace, location, "squeeze", [a], {"axis": attr},
                       lambda v: np.squeeze(v, numpy_axis))


def _dot(trace, location, a, b, out=None):
    if out is not None:
        trace.unsupported(location, "np.dot with out")
    ndims = tuple(len(v.shape) if isinstance(v, Tracer) else np.ndim(v) for v in (a, b))
    if ndims == (1, 1):
        return _structural(trace, location, "dot", [a, b], {}, np.dot)
    if 0 in ndims:
        return np.multiply(a, b)
    if max(ndims) > 2:
        trace.unsupported(location, "np.dot of tensors of more than 2 dimensions "
                          "(use np.matmul)")
    return _structural(trace, location, "matmul", [a, b], {}, np.dot)


def _clip(trace, location, a, a_min=None, a_max=None, out=None, **kw):
    if out is not None or kw:
        trace.unsupported(location, "np.clip with out or other keyword arguments")
    low, high = _integer_scalar(a_min), _integer_scalar(a_max)
    if (a_min is None or low is not None) and (a_max is None or high is not None) \
            and isinstance(a, Tracer):
        samples = _native(trace, lambda v: np.clip(v, a_min, a_max), [a], location)
        if low is not None and high is not None:
            step = Step("clip", None, False, {"min": low, "max": high}, samples, location)
        elif low is not None:
            step = Step("maximum", np.int64(low), False, {}, samples, location)
        elif high is not None:
            step = Step("minimum", np.int64(high), False, {}, samples, location)
        else:
            return a
        chain = a._chain([a], lambda v: np.clip(v, a_min, a_max), samples, location,
                         lambda: step)
        if chain is not None:
            return chain
    result = a
    if a_min is not None:
        result = np.maximum(result, a_min)
    if a_max is not None:
        result = np.minimum(result, a_max)
    return result


def _round(trace, location, a, decimals=0, out=None):
    if out is not None:
        trace.unsupported(location, "np.round with out")
    samples = _native(trace, lambda v: np.round(v, decimals), [a], location)
    return a._chain([a], lambda v: np.round(v, decimals), samples, location,
                    lambda: None)


def _where(trace, location, condition, x, y):
    args = [condition, x, y]
    _check_traces(args, location)
    samples = _native(trace, np.where, args, location)
    first = next(a for a in args if isinstance(a, Tracer))
    chain = first._chain(args, np.where, samples, location, lambda: None)
    if chain is not None:
        return chain
    _require_integer(samples, location, "the result of np.where")
    # The where op reads its condition as numpy does: `cond != 0`.
    for arg in args:
        if not isinstance(arg, Tracer):
            _require_clear_integer(arg, location, "np.where")
    return trace.emit("where", args, {}, samples, location)


def _shape(trace, location, a):
    return a.shape


def _ndim(trace, location, a):
    return a.ndim


ARRAY_FUNCTIONS = {
    np.sum: _sum,
    np.reshape: _reshape,
    np.transpose: _transpose,
    np.ravel: _ravel,
    np.concatenate: _concatenate,
    np.broadcast_to: _broadcast_to,
    np.stack: _stack,
    np.zeros_like: _constant_like(0),
    np.ones_like: _constant_like(1),
    np.expand_dims: _expand_dims,
    np.squeeze: _squeeze,
    np.dot: _dot,
    np.clip: _clip,
    np.round: _round,
    np.around: _round,
    np.where: _where,
    np.shape: _shape,
    np.ndim: _ndim,
}


def _getitem(tracer, key, location):
    trace = tracer._trace
    key = key if isinstance(key, tuple) else (key,)
    for item in key:
        if not (item is None or item is Ellipsis or isinstance(item, slice) or
                _integer_scalar(item) is not None):
            trace.unsupported(location, f"indexing with {type(item).__name__} "
                              "(only integers, slices, None and ... are)")
        if isinstance(item, slice) and any(
                part is not None and _integer_scalar(part) is None
                for part in (item.start, item.stop, item.step)):
            trace.unsupported(location, "a slice whose bounds are not integers")
    indexed = sum(1 for item in key if item is not None and item is not Ellipsis)
    if indexed > tracer.ndim:
        raise IndexError(f"too many indices: {tracer.ndim} dimensions, "
                         f"{indexed} indexed")
    if Ellipsis in key:
        at = key.index(Ellipsis)
        key = key[:at] + (slice(None),) * (tracer.ndim - indexed) + key[at + 1:]
    samples = _native(trace, operator.getitem, [tracer, key], location)
    starts, stops, steps = [], [], []
    axis = 0
    for item in key:
        if item is None:
            continue
        size = tracer.shape[axis]
        if isinstance(item, slice):
            start, stop, step = item.start, item.stop, item.step
            starts.append(None if start is None else int(start))
            stops.append(None if stop is None else int(stop))
            steps.append(None if step is None else int(step))
        else:
            index = int(item)
            if not -size <= index < size:
                raise IndexError(f"index {index} is out of bounds for axis "
                                 f"{axis} with size {size}")
            index %= size
            starts.append(index)
            stops.append(index + 1)
            steps.append(1)
        axis += 1
    while starts and starts[-1] is None and stops[-1] is None and steps[-1] is None:
        starts.pop(), stops.pop(), steps.pop()
    result = tracer
    if starts:
        attrs = {"starts": starts, "stops": stops, "steps": steps}
        sliced_shape = semantics.EVALUATE["slice"](np.empty(tracer.shape), **attrs).shape
        same = sliced_shape == samples[0].shape
        result = trace.emit("slice", [tracer], attrs,
                            samples if same else [
                                s[semantics.slice_index(attrs)]
                                for s in tracer._samples], location)
    if result.shape != samples[0].shape:
        result = trace.emit("reshape", [result], {"shape": list(samples[0].shape)},
                            samples, location)
    return result
