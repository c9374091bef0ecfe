"""`shade.conv2d` and `shade.maxpool2d`: ONNX `Conv` and `MaxPool` on numpy
arrays, traced into the graph's conv2d and maxpool2d ops; `shade.round_bits`,
the rounding of a quantized network's accumulators, traced into round_bits."""
import numbers

import numpy as np

from . import _semantics as semantics
from ._location import user_location
from ._tracer import Tracer, _is_integer_dtype, _structural

EXACTNESS = ("exact", "approximate")


def _attrs(**given):
    return {name: [int(v) for v in value] if isinstance(value, (list, tuple)) else value
            for name, value in given.items() if value is not None}


def conv2d(x, weight, bias=None, strides=(1, 1), pads=(0, 0, 0, 0),
           dilations=(1, 1), group=1):
    """ONNX Conv: x is N×C×H×W, weight F×(C/group)×KH×KW, bias F values;
    pads are [top, left, bottom, right] zeros."""
    attrs = _attrs(strides=strides, pads=pads, dilations=dilations)
    attrs["group"] = int(group)
    args = [x, weight] + ([] if bias is None else [bias])
    tracers = [a for a in args if isinstance(a, Tracer)]
    if not tracers:
        return semantics.conv2d(x, weight, bias, **attrs)
    location = user_location()
    return _structural(tracers[0]._trace, location, "conv2d", args, attrs,
                       lambda *v: semantics.conv2d(*v, **attrs))


def maxpool2d(x, kernel_shape, strides=None, pads=(0, 0, 0, 0)):
    """ONNX MaxPool: x is N×C×H×W; strides default to the kernel; padded
    cells never win."""
    attrs = _attrs(kernel=kernel_shape, strides=strides, pads=pads)
    if not isinstance(x, Tracer):
        return semantics.maxpool2d(x, **attrs)
    location = user_location()
    return _structural(x._trace, location, "maxpool2d", [x], attrs,
                       lambda v: semantics.maxpool2d(v, **attrs))


def round_bits(x, lsbs, exactness="exact"):
    """x rounded to the nearest multiple of 2^lsbs, halves up:
    `((x + 2^(lsbs-1)) >> lsbs) << lsbs` (the graph's round_bits). The low
    `lsbs` bits of the result are zero, which lets the compiler evaluate what
    reads it at a smaller width.

    With exactness="approximate", the encrypted result may be the
    neighbouring multiple of 2^lsbs (one step up or down) when x lies near
    the middle of two multiples, never further off, for a cheaper evaluation.
    In clear (numpy arrays, Python ints, `Graph.evaluate`) both exactness
    values compute the exact rounding, in int64 (an array, or a numpy scalar
    for a scalar, as numpy's ufuncs do)."""
    if isinstance(lsbs, (bool, np.bool_)) or not isinstance(lsbs, numbers.Integral):
        raise TypeError(f"shade.round_bits: lsbs must be an integer >= 1, got "
                        f"{lsbs!r} ({type(lsbs).__name__})")
    if lsbs < 1:
        raise ValueError(f"shade.round_bits: lsbs must be an integer >= 1, got {lsbs}")
    if not isinstance(exactness, str):
        raise TypeError(f"shade.round_bits: exactness must be 'exact' or "
                        f"'approximate', got {exactness!r} ({type(exactness).__name__})")
    if exactness not in EXACTNESS:
        raise ValueError(f"shade.round_bits: exactness must be 'exact' or "
                         f"'approximate', got {exactness!r}")
    # Exact is the default of the format: leaving it out keeps the graph
    # files of exact roundings as they were.
    attrs = {"lsbs": int(lsbs)}
    if exactness == "approximate":
        attrs["exactness"] = exactness
    if isinstance(x, Tracer):
        # A node of its own, never fused into a table with the element-wise
        # ops around it: the rounding is what narrows the value they read.
        return _structural(x._trace, user_location(), "round_bits", [x], attrs,
                           lambda v: semantics.round_bits(v, **attrs))
    array = np.asarray(x)
    if not _is_integer_dtype(array.dtype):
        raise TypeError(f"shade.round_bits: x must hold integers, got {array.dtype}")
    return semantics.round_bits(array, **attrs)
