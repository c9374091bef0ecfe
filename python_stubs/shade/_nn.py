"""`shade.conv2d` and `shade.maxpool2d`: ONNX `Conv` and `MaxPool` on numpy
arrays, traced into the graph's conv2d and maxpool2d ops."""

from . import _semantics as semantics
from ._location import user_location
from ._tracer import Tracer, _structural


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


