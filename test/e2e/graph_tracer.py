"""A tracer that records a shade-graph program (graph-format.md) while
computing it with numpy on int64, and derives the interval of every element of
every value as the compiler's range analysis does (dot, matmul and conv2d per
output element from the actual weights). generate_cases.py builds the
end-to-end cases with it.

Besides the interval of every value, the tracer records which values a lookup
table reads (`Graph.table_width`): the operand of a table op and the values
the compiler creates to evaluate products and maxima (`a+b`, `a-b`). A
rounding by a power of two (round_bits, right_shift, floor_divide by 2^k) of
a value wider than DEFAULT_WIDTH_BUDGET reads nothing wide: the compiler clears its low
bits with small bootstraps, and a table after it reads the narrow quotient
(`Tensor.quotient`: the quotient of a round_bits result, kept at its scale),
which the tracer counts as read by a table in any case. It also tells the values computed from the inputs by levelled ops
alone (`Tensor.levelled`), for which the contract promises wider values than
for the others."""
import zlib

import numpy as np

# The largest width Shade is expected to bootstrap.
MAX_WIDTH = 8
# The widest encrypted value Shade evaluates at all (levelled ops, inputs,
# outputs).
MAX_LEVELLED_WIDTH = 62
# What graph-format.md ("Widths") promises: every op on values of up to
# CONTRACT_WIDTH bits; values computed from the inputs by levelled ops alone
# (LEVELLED_OPS, products with at most one encrypted operand) up to
# CONTRACT_LEVELLED_WIDTH bits. Positive cases stay within both.
CONTRACT_WIDTH = 16
CONTRACT_LEVELLED_WIDTH = 24
PRODUCT_OPS = {"multiply", "dot", "matmul", "conv2d"}
LEVELLED_OPS = {"constant", "add", "subtract", "negative", "sum"} | PRODUCT_OPS
# Default bound on a positive case's widest encrypted value: the cost of every
# bootstrap grows quickly with the width (the polynomial size doubles per bit).
DEFAULT_WIDTH_BUDGET = 6
# Rough single-core milliseconds per bootstrap by width, for --summary only.
BOOTSTRAP_MS = {1: 3, 2: 3, 3: 4, 4: 8, 5: 20, 6: 50, 7: 150, 8: 400}


def as_int64(value):
    return np.asarray(value, dtype=np.int64)


def dtype_range(dtype):
    if dtype.startswith("uint"):
        return 0, 2 ** int(dtype[4:]) - 1
    bits = int(dtype[3:])
    return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def width_of(lo, hi):
    """The least width of the contract's encodings that holds [lo, hi]."""
    if lo >= 0:
        return max(1, int(hi).bit_length())
    width = 1
    while not (-(2 ** (width - 1)) <= lo and hi <= 2 ** (width - 1) - 1):
        width += 1
    return width


def interval_product(alo, ahi, blo, bhi):
    """Element-wise interval of a * b (numpy broadcasting)."""
    products = [alo * blo, alo * bhi, ahi * blo, ahi * bhi]
    return np.minimum.reduce(products), np.maximum.reduce(products)


def hull(lo, hi):
    return int(np.min(lo)), int(np.max(hi))


def product_headroom(a, b):
    """Hulls of the values the compiler creates for an encrypted product
    a * b = floor((a+b)^2 / 4) - floor((a-b)^2 / 4)."""
    alo, ahi = hull(a.lo, a.hi)
    blo, bhi = hull(b.lo, b.hi)
    total, difference = (alo + blo, ahi + bhi), (alo - bhi, ahi - blo)
    squares = [(0, max(lo * lo, hi * hi) // 4) for lo, hi in (total, difference)]
    return [total, difference] + squares


def difference_headroom(a, b):
    """Hull of a - b, which a maximum, minimum or comparison is computed on."""
    alo, ahi = hull(a.lo, a.hi)
    blo, bhi = hull(b.lo, b.hi)
    return [(alo - bhi, ahi - blo)]


class Result:
    """An op's value and interval; `headroom`, the hulls of the values the
    compiler creates to evaluate it; `reads`, the hulls of the values its
    lookup tables read (None: its encrypted operands, a plain table op)."""

    def __init__(self, value, lo, hi, headroom=(), bootstraps=0, reads=None,
                 quotient=None):
        self.value = as_int64(value)
        self.quotient = quotient
        self.lo = np.broadcast_to(as_int64(lo), self.value.shape).copy()
        self.hi = np.broadcast_to(as_int64(hi), self.value.shape).copy()
        self.headroom = list(headroom)
        self.bootstraps = bootstraps
        self.reads = reads


class Tensor:
    """A value of the traced program: its name, exact value and element-wise
    interval."""

    def __init__(self, name, value, lo, hi, encrypted, levelled=True, quotient=None):
        self.name, self.value, self.lo, self.hi = name, value, lo, hi
        self.encrypted = encrypted
        # The hull a table reading this value reads, if not its own: the
        # quotient of a rounding at its scale.
        self.quotient = quotient
        # Computed from the inputs by levelled ops alone.
        self.levelled = levelled

    @property
    def width(self):
        return width_of(int(self.lo.min()), int(self.hi.max()))

    @property
    def size(self):
        return int(self.value.size)


# --- Reference semantics (numpy on int64) and intervals, one function per op.


def elementwise_binary(function, interval, headroom=None, lookup=False):
    def evaluate(args, attrs):
        a, b = args
        value = as_int64(function(a.value, b.value))
        lo, hi = interval(a, b)
        encrypted = a.encrypted or b.encrypted
        extra = headroom(a, b) if headroom and encrypted else []
        bootstraps = value.size if lookup and encrypted else 0
        reads = extra if lookup else []
        if function is np.multiply and a.encrypted and b.encrypted:
            extra, bootstraps = product_headroom(a, b), 2 * value.size
            reads = extra[:2]
        return Result(value, lo, hi, extra, bootstraps, reads)

    return evaluate


def monotone_unary(function, lookup=True, headroom=None, quotient=None):
    """An op that is non-decreasing in its operand. `quotient(v, attrs)`, for
    a rounding by a power of two: its quotient, when the result is not."""

    def evaluate(args, attrs):
        (a,) = args
        value = function(a.value, attrs)
        lo, hi = function(a.lo, attrs), function(a.hi, attrs)
        extra = headroom(a, attrs) if headroom and a.encrypted else []
        result = Result(value, lo, hi, extra, value.size if lookup and a.encrypted else 0,
                        None if lookup else [])
        if rounding and a.encrypted:
            if quotient:
                result.quotient = hull(quotient(a.lo, attrs), quotient(a.hi, attrs))
            rounded(result, a, result.quotient or hull(lo, hi))
        return result

    rounding = quotient is not None or function is right_shift
    return evaluate


def right_shift(value, attrs):
    return np.right_shift(value, attrs["bits"])


def rounded(result, a, quotient):
    """The reads and a rough count of the bootstraps of a rounding of `a` to
    `quotient`: one table per element on a narrow value (which the compiler
    may choose); on a wider one, the
    compiler clears the dropped bits in chunks of a few bits, two bootstraps
    of tables of a few bits per chunk, and counted here as read by a table:
    the quotient, which a table after the rounding reads, and which the
    compiler re-encodes through a table to add it to a value of another
    scale."""
    if a.width <= DEFAULT_WIDTH_BUDGET:
        result.reads, result.bootstraps = [hull(a.lo, a.hi)], a.size
        return
    dropped = max(1, a.width - width_of(*quotient))
    result.reads, result.bootstraps = [quotient], a.size * (2 * -(-dropped // 4) + 1)


def comparison(function):
    return elementwise_binary(lambda a, b: function(a, b).astype(np.int64),
                              lambda a, b: (0, 1), difference_headroom,
                              lookup=True)


def value_count(t):
    """The number of values of the hull of `t`."""
    lo, hi = hull(t.lo, t.hi)
    return hi - lo + 1


def box_bounds(function, a, b):
    """The least and greatest function(x, y) over x and y in the hulls of `a`
    and `b`: what the compiler derives for a function of two values that one
    table of their packing computes."""
    (alo, ahi), (blo, bhi) = hull(a.lo, a.hi), hull(b.lo, b.hi)
    assert (ahi - alo + 1) * (bhi - blo + 1) <= 1 << 20, "too large a box"
    values = function(np.arange(alo, ahi + 1)[:, None], np.arange(blo, bhi + 1)[None, :])
    return int(values.min()), int(values.max())


def is_splat_constant(t):
    """A constant of one value (lo == hi == value everywhere)."""
    return (not t.encrypted and t.size > 0 and bool(np.all(t.lo == t.hi))
            and int(t.lo.min()) == int(t.lo.max()))


# Two operands whose packing takes more values than a table of this many bits
# reads are read digit by digit, pairs of 2-bit digits by 4-bit tables.
MAX_PACKED_WIDTH = 6


def twos_complement_bounds(a, b):
    """Bounds of any bitwise op of the hulls of `a` and `b`: the values of
    the least width (unsigned, or signed when either can be negative) that
    holds both."""
    (alo, ahi), (blo, bhi) = hull(a.lo, a.hi), hull(b.lo, b.hi)
    lo, hi = min(alo, blo), max(ahi, bhi)
    if lo >= 0:
        return 0, 2 ** max(1, hi.bit_length()) - 1
    width = width_of(lo, hi)
    return -(2 ** (width - 1)), 2 ** (width - 1) - 1


def bitwise(function):
    """a & b, a | b, a ^ b. An encrypted value and a constant of one value,
    or a value with itself, are one table on the encrypted value; otherwise the compiler packs the
    two operands (a clear one encrypted trivially) into
    (a - a.lo) * |b| + (b - b.lo) and reads that with one table, or, when
    that takes more than MAX_PACKED_WIDTH bits, reads pairs of their 2-bit
    digits (bounds: those of the two's complement width)."""

    def evaluate(args, attrs):
        a, b = args
        value = as_int64(function(a.value, b.value))
        packed_count = value_count(a) * value_count(b)
        digitwise = (a.encrypted or b.encrypted) and packed_count > 2 ** MAX_PACKED_WIDTH
        lo, hi = (twos_complement_bounds(a, b) if digitwise and packed_count > 1 << 20
                  else box_bounds(function, a, b))
        if not (a.encrypted or b.encrypted):
            return Result(value, lo, hi, reads=[])
        single = [t for t in (a, b) if t.encrypted]
        other = b if single[0] is a else a
        if a is b or (len(single) == 1 and is_splat_constant(other)):
            return Result(value, lo, hi, bootstraps=value.size)
        if digitwise:
            width = width_of(*twos_complement_bounds(a, b))
            digits = (width + 1) // 2
            return Result(value, lo, hi, [(0, 15)], value.size * (3 * digits - 2),
                          reads=[(0, 15)])
        packed = [(0, value_count(a) - 1), (0, packed_count - 1)]
        return Result(value, lo, hi, packed, value.size, packed[1:])

    return evaluate


def eval_where(args, attrs):
    """b + c * (a - b), c = (cond != 0): levelled when cond is clear. With an
    encrypted cond: one table on cond when a and b are constants of one
    value each; else a table for c when cond is not already 0 or 1, and
    c * (a - b) one table of the packing c * |a - b| + (a - b - lo) when
    a - b is encrypted too."""
    cond, a, b = args
    value = np.where(cond.value != 0, a.value, b.value)
    (clo, chi), ahull, bhull = hull(cond.lo, cond.hi), hull(a.lo, a.hi), hull(b.lo, b.hi)
    if not clo <= 0 <= chi:
        lo, hi = ahull
    elif (clo, chi) == (0, 0):
        lo, hi = bhull
    else:
        lo, hi = min(ahull[0], bhull[0]), max(ahull[1], bhull[1])
    if not cond.encrypted:
        headroom = [] if not (a.encrypted or b.encrypted) else [
            (ahull[0] - bhull[1], ahull[1] - bhull[0])]
        return Result(value, lo, hi, headroom, reads=[])
    if is_splat_constant(a) and is_splat_constant(b) and cond.value.shape == value.shape:
        return Result(value, lo, hi, bootstraps=value.size, reads=[(clo, chi)])
    reads, bootstraps = [], 0
    if not (0 <= clo and chi <= 1):
        reads.append((clo, chi))
        bootstraps += cond.size
    difference = (ahull[0] - bhull[1], ahull[1] - bhull[0])
    headroom = [difference]
    if a.encrypted or b.encrypted:
        packed = (0, 2 * (difference[1] - difference[0] + 1) - 1)
        headroom.append(packed)
        reads.append(packed)
        bootstraps += value.size
    return Result(value, lo, hi, headroom, bootstraps, reads)


def eval_constant(args, attrs):
    value = as_int64(attrs["value"])
    return Result(value, value, value, reads=[])


def eval_negative(args, attrs):
    (a,) = args
    return Result(-a.value, -a.hi, -a.lo, reads=[])


def abs_interval(lo, hi):
    low = np.where(lo >= 0, lo, np.where(hi <= 0, -hi, 0))
    return low, np.maximum(np.abs(lo), np.abs(hi))


def eval_abs(args, attrs):
    (a,) = args
    lo, hi = abs_interval(a.lo, a.hi)
    return Result(np.abs(a.value), lo, hi, bootstraps=a.size if a.encrypted else 0)


def eval_square(args, attrs):
    (a,) = args
    lo, hi = abs_interval(a.lo, a.hi)
    return Result(np.square(a.value), lo * lo, hi * hi,
                  bootstraps=a.size if a.encrypted else 0)


def eval_floor_divide(args, attrs):
    (a,) = args
    divisor = attrs["divisor"]
    ends = (a.lo // divisor, a.hi // divisor)
    lo, hi = ends if divisor > 0 else ends[::-1]
    result = Result(a.value // divisor, lo, hi, bootstraps=a.size if a.encrypted else 0)
    if divisor > 0 and divisor & (divisor - 1) == 0 and a.encrypted:
        rounded(result, a, hull(lo, hi))
    return result


def round_bits(value, attrs):
    lsbs = attrs["lsbs"]
    return ((value + 2 ** (lsbs - 1)) >> lsbs) << lsbs


def eval_lut(args, attrs):
    (a,) = args
    table, offset = as_int64(attrs["table"]), attrs.get("offset", 0)
    lo, hi = np.empty_like(a.lo), np.empty_like(a.hi)
    for index in np.ndindex(a.value.shape):
        first, last = a.lo[index] - offset, a.hi[index] - offset
        assert 0 <= first and last < len(table), "reachable index outside the table"
        lo[index] = table[first:last + 1].min()
        hi[index] = table[first:last + 1].max()
    extra = []
    if offset and a.encrypted:
        extra = [(int(a.lo.min()) - offset, int(a.hi.max()) - offset)]
    return Result(table[a.value - offset], lo, hi, extra,
                  a.size if a.encrypted else 0, [hull(a.lo, a.hi)] + extra)


def linear_bootstraps(a, b, terms):
    return 2 * terms if a.encrypted and b.encrypted else 0


def linear_headroom(a, b):
    return product_headroom(a, b) if a.encrypted and b.encrypted else []


def linear_reads(a, b):
    return product_headroom(a, b)[:2] if a.encrypted and b.encrypted else []


def eval_dot(args, attrs):
    a, b = args
    assert a.value.ndim == 1 and b.value.ndim == 1
    lo, hi = interval_product(a.lo, a.hi, b.lo, b.hi)
    return Result(np.dot(a.value, b.value), lo.sum(), hi.sum(),
                  linear_headroom(a, b), linear_bootstraps(a, b, a.size),
                  linear_reads(a, b))


def eval_matmul(args, attrs):
    a, b = args
    value = np.matmul(a.value, b.value)
    # Per output element: the sum over the contraction axis of the interval
    # products, with numpy's promotion of 1-D operands.
    alo, ahi = (a.lo[None, :], a.hi[None, :]) if a.value.ndim == 1 else (a.lo, a.hi)
    blo, bhi = (b.lo[:, None], b.hi[:, None]) if b.value.ndim == 1 else (b.lo, b.hi)
    lo, hi = interval_product(alo[..., :, :, None], ahi[..., :, :, None],
                              blo[..., None, :, :], bhi[..., None, :, :])
    terms = lo.size
    lo, hi = lo.sum(axis=-2).reshape(value.shape), hi.sum(axis=-2).reshape(value.shape)
    return Result(value, lo, hi, linear_headroom(a, b), linear_bootstraps(a, b, terms),
                  linear_reads(a, b))


def axis_argument(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def eval_sum(args, attrs):
    (a,) = args
    axis, keepdims = axis_argument(attrs.get("axis")), attrs.get("keepdims", False)
    total = lambda v: np.sum(v, axis=axis, keepdims=keepdims)
    return Result(total(a.value), total(a.lo), total(a.hi), reads=[])


def conv2d_terms(x_shape, w_shape, attrs):
    """For each output element of conv2d (ONNX Conv, zero padding), the pairs
    (input index, weight index) whose products it sums."""
    n_count, channels, height, width = x_shape
    filters, group_channels, kernel_h, kernel_w = w_shape
    group = attrs.get("group", 1)
    stride_h, stride_w = attrs.get("strides", [1, 1])
    top, left, bottom, right = attrs.get("pads", [0, 0, 0, 0])
    dilation_h, dilation_w = attrs.get("dilations", [1, 1])
    assert channels == group_channels * group and filters % group == 0
    out_h = (height + top + bottom - dilation_h * (kernel_h - 1) - 1) // stride_h + 1
    out_w = (width + left + right - dilation_w * (kernel_w - 1) - 1) // stride_w + 1
    filters_per_group = filters // group
    for n, f, oh, ow in np.ndindex(n_count, filters, out_h, out_w):
        first_channel = (f // filters_per_group) * group_channels
        terms = []
        for c, kh, kw in np.ndindex(group_channels, kernel_h, kernel_w):
            ih = oh * stride_h - top + kh * dilation_h
            iw = ow * stride_w - left + kw * dilation_w
            if 0 <= ih < height and 0 <= iw < width:
                terms.append(((n, first_channel + c, ih, iw), (f, c, kh, kw)))
        yield (n, f, oh, ow), (n_count, filters, out_h, out_w), terms


def eval_conv2d(args, attrs):
    x, w = args[0], args[1]
    bias = args[2] if len(args) == 3 else None
    outputs = list(conv2d_terms(x.value.shape, w.value.shape, attrs))
    shape = outputs[0][1]
    value, lo, hi = (np.zeros(shape, np.int64) for _ in range(3))
    term_count = 0
    for index, _, terms in outputs:
        term_count += len(terms)
        for x_index, w_index in terms:
            value[index] += x.value[x_index] * w.value[w_index]
            low, high = interval_product(x.lo[x_index], x.hi[x_index],
                                         w.lo[w_index], w.hi[w_index])
            lo[index] += low
            hi[index] += high
        if bias is not None:
            f = index[1]
            value[index] += bias.value[f]
            lo[index] += bias.lo[f]
            hi[index] += bias.hi[f]
    return Result(value, lo, hi, linear_headroom(x, w),
                  linear_bootstraps(x, w, term_count), linear_reads(x, w))


def maxpool2d_windows(x_shape, attrs):
    n_count, channels, height, width = x_shape
    kernel_h, kernel_w = attrs["kernel"]
    stride_h, stride_w = attrs.get("strides", attrs["kernel"])
    top, left, bottom, right = attrs.get("pads", [0, 0, 0, 0])
    out_h = (height + top + bottom - kernel_h) // stride_h + 1
    out_w = (width + left + right - kernel_w) // stride_w + 1
    for n, c, oh, ow in np.ndindex(n_count, channels, out_h, out_w):
        cells = []
        for kh, kw in np.ndindex(kernel_h, kernel_w):
            ih, iw = oh * stride_h - top + kh, ow * stride_w - left + kw
            if 0 <= ih < height and 0 <= iw < width:
                cells.append((n, c, ih, iw))
        assert cells, "a window made of padding only"
        yield (n, c, oh, ow), (n_count, channels, out_h, out_w), cells


def eval_maxpool2d(args, attrs):
    (x,) = args
    windows = list(maxpool2d_windows(x.value.shape, attrs))
    shape = windows[0][1]
    value, lo, hi = (np.zeros(shape, np.int64) for _ in range(3))
    maxima = 0
    for index, _, cells in windows:
        value[index] = max(x.value[cell] for cell in cells)
        lo[index] = max(x.lo[cell] for cell in cells)
        hi[index] = max(x.hi[cell] for cell in cells)
        maxima += len(cells) - 1
    extra = []
    if x.encrypted:
        xlo, xhi = hull(x.lo, x.hi)
        extra = [(xlo - xhi, xhi - xlo)]
    return Result(value, lo, hi, extra, maxima if x.encrypted else 0, extra)


def layout(function):
    """An op that only moves elements: the same function moves the bounds."""

    def evaluate(args, attrs):
        (a,) = args
        return Result(function(a.value, attrs), function(a.lo, attrs),
                      function(a.hi, attrs), reads=[])

    return evaluate


def eval_concatenate(args, attrs):
    axis = attrs.get("axis", 0)
    join = lambda parts: np.concatenate(parts, axis=axis)
    return Result(join([a.value for a in args]), join([a.lo for a in args]),
                  join([a.hi for a in args]), reads=[])


def slice_value(value, attrs):
    steps = attrs["steps"]
    index = tuple(slice(start, stop, step) for start, stop, step in
                  zip(attrs["starts"], attrs["stops"], steps))
    result = value[index]
    assert result.size > 0, "an empty slice"
    return result


OPS = {
    "constant": eval_constant,
    "add": elementwise_binary(np.add, lambda a, b: (a.lo + b.lo, a.hi + b.hi)),
    "subtract": elementwise_binary(np.subtract,
                                   lambda a, b: (a.lo - b.hi, a.hi - b.lo)),
    "multiply": elementwise_binary(
        np.multiply, lambda a, b: interval_product(a.lo, a.hi, b.lo, b.hi)),
    "negative": eval_negative,
    "abs": eval_abs,
    "square": eval_square,
    "relu": monotone_unary(lambda v, attrs: np.maximum(v, 0)),
    "maximum": elementwise_binary(np.maximum, lambda a, b: (np.maximum(a.lo, b.lo),
                                                            np.maximum(a.hi, b.hi)),
                                  difference_headroom, lookup=True),
    "minimum": elementwise_binary(np.minimum, lambda a, b: (np.minimum(a.lo, b.lo),
                                                            np.minimum(a.hi, b.hi)),
                                  difference_headroom, lookup=True),
    "less": comparison(np.less),
    "less_equal": comparison(np.less_equal),
    "greater": comparison(np.greater),
    "greater_equal": comparison(np.greater_equal),
    "equal": comparison(np.equal),
    "not_equal": comparison(np.not_equal),
    "bitwise_and": bitwise(np.bitwise_and),
    "bitwise_or": bitwise(np.bitwise_or),
    "bitwise_xor": bitwise(np.bitwise_xor),
    "where": eval_where,
    "clip": monotone_unary(lambda v, attrs: np.clip(v, attrs["min"], attrs["max"])),
    "floor_divide": eval_floor_divide,
    "left_shift": monotone_unary(lambda v, attrs: np.left_shift(v, attrs["bits"]),
                                 lookup=False),
    "right_shift": monotone_unary(right_shift),
    "round_bits": monotone_unary(
        round_bits, headroom=lambda a, attrs: [
            (int(a.lo.min()) + 2 ** (attrs["lsbs"] - 1),
             int(a.hi.max()) + 2 ** (attrs["lsbs"] - 1))],
        quotient=lambda v, attrs: round_bits(v, attrs) >> attrs["lsbs"]),
    "lut": eval_lut,
    "dot": eval_dot,
    "matmul": eval_matmul,
    "sum": eval_sum,
    "conv2d": eval_conv2d,
    "maxpool2d": eval_maxpool2d,
    "reshape": layout(lambda v, attrs: np.reshape(v, attrs["shape"])),
    "transpose": layout(lambda v, attrs: np.transpose(v, attrs.get("axes"))),
    "concatenate": eval_concatenate,
    "broadcast_to": layout(lambda v, attrs: np.broadcast_to(v, attrs["shape"]).copy()),
    "expand_dims": layout(
        lambda v, attrs: np.expand_dims(v, axis_argument(attrs["axis"]))),
    "squeeze": layout(lambda v, attrs: np.squeeze(v, axis_argument(attrs["axis"]))),
    "flatten": layout(lambda v, attrs: np.ravel(v)),
    "slice": layout(slice_value),
}


def to_json_value(array):
    return array.tolist() if array.ndim else int(array)


class Graph:
    """Records a shade-graph document while computing it with numpy."""

    def __init__(self, case_name):
        self.rng = np.random.default_rng(zlib.crc32(case_name.encode()))
        self.program_name = None
        self.inputs, self.nodes, self.output_names = [], [], []
        self.values, self.tensors = {}, {}
        # Hulls of every encrypted value (and of the values the compiler
        # creates), and of the values lookup tables read.
        self.hulls, self.table_hulls = [], []
        self.node_reads = {}
        self.bootstraps = 0
        self.command = None
        self.stdin = False
        # {output: step}: the results of that output may be one step off.
        self.tolerance = {}

    def _add(self, tensor):
        assert tensor.name not in self.tensors, tensor.name
        self.tensors[tensor.name] = tensor
        return tensor

    def _sample(self, shape, lo, hi, ends):
        """Deterministic values that include both ends of the range: `ends`
        is "up" (lo first, hi last) or "down" (hi first, lo last)."""
        value = self.rng.integers(lo, hi + 1, size=shape, dtype=np.int64)
        flat = value.reshape(-1)
        if flat.size >= 2:
            flat[0], flat[-1] = (lo, hi) if ends == "up" else (hi, lo)
        return value

    def input(self, name, shape, range=None, dtype=None, encrypted=None, value=None,
              ends="up"):
        assert (range is None) != (dtype is None)
        lo, hi = range if range is not None else dtype_range(dtype)
        spec = {"name": name, "shape": list(shape)}
        if encrypted is not None:
            spec["encrypted"] = encrypted
        if range is not None:
            spec["range"] = list(range)
        else:
            spec["dtype"] = dtype
        value = self._sample(shape, lo, hi, ends) if value is None else as_int64(value)
        assert value.shape == tuple(shape), name
        assert lo <= value.min() and value.max() <= hi, name
        self.inputs.append(spec)
        self.values[name] = to_json_value(value)
        tensor = Tensor(name, value, np.full(shape, lo, np.int64),
                        np.full(shape, hi, np.int64), encrypted is not False)
        if tensor.encrypted:
            self.hulls.append((lo, hi))
        return self._add(tensor)

    def const(self, value, name=None):
        return self.node("constant", name=name, value=value)

    def node(self, op, *args, name=None, **attrs):
        name = name or "%s_%d" % (op, len(self.nodes))
        result = OPS[op](args, attrs)
        encrypted = any(a.encrypted for a in args)
        levelled = (op in LEVELLED_OPS and all(a.levelled for a in args)
                    and not (op in PRODUCT_OPS and sum(a.encrypted for a in args) > 1))
        spec = {"name": name, "op": op}
        if op != "constant":
            spec["args"] = [a.name for a in args]
        spec.update(attrs)
        self.nodes.append(spec)
        if encrypted:
            self.hulls.append(hull(result.lo, result.hi))
            self.hulls.extend(result.headroom)
            reads = result.reads
            if reads is None:
                reads = [a.quotient or hull(a.lo, a.hi) for a in args if a.encrypted]
            self.table_hulls.extend(reads)
            self.node_reads[name] = reads
            self.bootstraps += result.bootstraps
        return self._add(Tensor(name, result.value, result.lo, result.hi, encrypted,
                                levelled, result.quotient))

    def __getattr__(self, op):
        if op in OPS:
            return lambda *args, **attrs: self.node(op, *args, **attrs)
        raise AttributeError(op)

    def output(self, *tensors):
        self.output_names.extend(t.name for t in tensors)

    def width_bound(self):
        """An upper bound of the widest encrypted value the compiler makes:
        the width of the hull of every encrypted value, decomposition
        intermediates included."""
        lo = min(low for low, _ in self.hulls)
        hi = max(high for _, high in self.hulls)
        return width_of(lo, hi)

    def table_width(self):
        """The width of the widest value a lookup table reads (0 when the
        program has no table)."""
        return max((width_of(lo, hi) for lo, hi in self.table_hulls), default=0)

    def table_width_except(self, name):
        """table_width() of the tables of every node but `name`."""
        return max((width_of(lo, hi) for node, reads in self.node_reads.items()
                    if node != name for lo, hi in reads), default=0)

    def widest_value(self):
        """The width of the widest encrypted value, or value the compiler
        creates."""
        return max(width_of(lo, hi) for lo, hi in self.hulls)

    def beyond_contract(self, table_limit=CONTRACT_WIDTH):
        """The encrypted values wider than the contract promises: a levelled
        value wider than CONTRACT_LEVELLED_WIDTH, any other value wider than
        CONTRACT_WIDTH, or a value a table reads wider than `table_limit`
        (the contract's ops on 16-bit operands read their difference, up to
        two bits wider)."""
        names = [t.name for t in self.tensors.values() if t.encrypted and t.width > (
            CONTRACT_LEVELLED_WIDTH if t.levelled else CONTRACT_WIDTH)]
        if self.table_width() > table_limit:
            names.append("a table input")
        return names

    def program(self):
        document = {"format": "shade-graph", "version": 1}
        if self.program_name:
            document["name"] = self.program_name
        document.update(inputs=self.inputs, nodes=self.nodes,
                        outputs=self.output_names)
        return document

    def expected(self):
        return {name: to_json_value(self.tensors[name].value)
                for name in self.output_names}
