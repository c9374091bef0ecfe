"""The meaning of every op of the graph format (graph-format.md) on int64
arrays, and the element-wise interval of every op's result: the reference
that a traced graph is checked against, and what lookup tables are sized by."""
import numpy as np

INT64_MIN = np.iinfo(np.int64).min
INT64_MAX = np.iinfo(np.int64).max


def as_int64(value):
    return np.asarray(value, dtype=np.int64)


def _pair(value, default):
    return list(value) if value is not None else list(default)


def _conv2d_terms(x, w, attrs):
    """For ONNX Conv with zero padding: P (N, F, K, OH, OW) holds, for each
    output element, the K image cells it reads, W (1, F, K, 1, 1) the weights
    they are multiplied by, so that conv2d = (P * W).sum(axis=2)."""
    sh, sw = _pair(attrs.get("strides"), (1, 1))
    top, left, bottom, right = _pair(attrs.get("pads"), (0, 0, 0, 0))
    dh, dw = _pair(attrs.get("dilations"), (1, 1))
    group = attrs.get("group", 1)
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    padded = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)))
    oh = (h + top + bottom - dh * (kh - 1) - 1) // sh + 1
    ow = (wd + left + right - dw * (kw - 1) - 1) // sw + 1
    cells = np.empty((n, c, kh, kw, oh, ow), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            cells[:, :, i, j] = padded[:, :, i * dh:i * dh + sh * (oh - 1) + 1:sh,
                                       j * dw:j * dw + sw * (ow - 1) + 1:sw]
    per_group = f // group
    channels = np.array([(k // per_group) * cg + ci for k in range(f) for ci in range(cg)])
    gathered = cells[:, channels].reshape(n, f, cg * kh * kw, oh, ow)
    return gathered, w.reshape(1, f, cg * kh * kw, 1, 1)


def conv2d(x, w, bias=None, **attrs):
    cells, weights = _conv2d_terms(as_int64(x), as_int64(w), attrs)
    result = (cells * weights).sum(axis=2)
    if bias is not None:
        result = result + as_int64(bias).reshape(1, -1, 1, 1)
    return result


def _maxpool2d_windows(x, attrs, fill):
    kh, kw = attrs["kernel"]
    sh, sw = _pair(attrs.get("strides"), (kh, kw))
    top, left, bottom, right = _pair(attrs.get("pads"), (0, 0, 0, 0))
    n, c, h, w = x.shape
    padded = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)),
                    constant_values=fill)
    oh = (h + top + bottom - kh) // sh + 1
    ow = (w + left + right - kw) // sw + 1
    windows = np.empty((n, c, kh * kw, oh, ow), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            windows[:, :, i * kw + j] = padded[:, :, i:i + sh * (oh - 1) + 1:sh,
                                               j:j + sw * (ow - 1) + 1:sw]
    return windows


def maxpool2d(x, **attrs):
    return _maxpool2d_windows(as_int64(x), attrs, INT64_MIN).max(axis=2)


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def slice_index(attrs):
    return tuple(slice(start, stop, step) for start, stop, step in
                 zip(attrs["starts"], attrs["stops"], attrs["steps"]))


def round_bits(a, lsbs, exactness="exact"):
    """`((a + 2^(lsbs-1)) >> lsbs) << lsbs`, a rounded to the nearest multiple
    of 2^lsbs (halves up), without overflowing int64 on the way. This is the
    reference for both `exactness` values: an "approximate" round_bits may
    differ from it under encryption, by one step of 2^lsbs near the middle of
    two multiples."""
    a = as_int64(a)
    if lsbs >= 64:
        # From 64 low bits up, every int64 rounds to 0.
        return np.zeros_like(a)
    # (a + 2^(lsbs-1)) >> lsbs is a >> lsbs, plus 1 when bit lsbs-1 is set.
    return ((a >> lsbs) + ((a >> (lsbs - 1)) & 1)) << lsbs


def _lut(a, table, offset):
    return as_int64(table)[a - offset]


# Every op of graph-format.md on int64 arrays.
EVALUATE = {
    "add": lambda a, b: a + b,
    "subtract": lambda a, b: a - b,
    "multiply": lambda a, b: a * b,
    "negative": lambda a: -a,
    "abs": np.abs,
    "square": np.square,
    "relu": lambda a: np.maximum(a, 0),
    "maximum": np.maximum,
    "minimum": np.minimum,
    "less": np.less,
    "less_equal": np.less_equal,
    "greater": np.greater,
    "greater_equal": np.greater_equal,
    "equal": np.equal,
    "not_equal": np.not_equal,
    "bitwise_and": np.bitwise_and,
    "bitwise_or": np.bitwise_or,
    "bitwise_xor": np.bitwise_xor,
    "where": lambda cond, a, b: np.where(cond != 0, a, b),
    "clip": lambda a, min, max: np.clip(a, min, max),
    "floor_divide": lambda a, divisor: a // divisor,
    "left_shift": lambda a, bits: a << bits,
    "right_shift": lambda a, bits: a >> bits,
    "round_bits": round_bits,
    "lut": lambda a, table, offset=0: _lut(a, table, offset),
    "dot": np.dot,
    "matmul": np.matmul,
    "sum": lambda a, axis=None, keepdims=False: np.sum(a, axis=_axis(axis), keepdims=keepdims),
    "conv2d": conv2d,
    "maxpool2d": maxpool2d,
    "reshape": lambda a, shape: np.reshape(a, shape),
    "transpose": lambda a, axes=None: np.transpose(a, axes),
    "concatenate": lambda *args, axis=0: np.concatenate(args, axis=axis),
    "broadcast_to": lambda a, shape: np.broadcast_to(a, shape),
    "expand_dims": lambda a, axis: np.expand_dims(a, _axis(axis)),
    "squeeze": lambda a, axis: np.squeeze(a, _axis(axis)),
    "flatten": np.ravel,
    "slice": lambda a, starts, stops, steps: a[slice_index(
        {"starts": starts, "stops": stops, "steps": steps})],
}

LAYOUT_OPS = {"reshape", "transpose", "concatenate", "broadcast_to",
              "expand_dims", "squeeze", "flatten", "slice"}
COMPARISONS = {"less", "less_equal", "greater", "greater_equal", "equal", "not_equal"}


def evaluate(op, args, attrs):
    return as_int64(EVALUATE[op](*[as_int64(a) for a in args], **attrs))


def _corners(alo, ahi, blo, bhi):
    products = [alo * blo, alo * bhi, ahi * blo, ahi * bhi]
    return np.minimum.reduce(products), np.maximum.reduce(products)


def _abs_interval(lo, hi):
    low = np.where(lo >= 0, lo, np.where(hi <= 0, -hi, 0))
    return low, np.maximum(np.abs(lo), np.abs(hi))


def _matmul_interval(a, b):
    (alo, ahi), (blo, bhi) = a, b
    vector_a, vector_b = alo.ndim == 1, blo.ndim == 1
    if vector_a:
        alo, ahi = alo[None, :], ahi[None, :]
    if vector_b:
        blo, bhi = blo[:, None], bhi[:, None]
    lo, hi = _corners(alo[..., :, :, None], ahi[..., :, :, None],
                      blo[..., None, :, :], bhi[..., None, :, :])
    lo, hi = lo.sum(axis=-2), hi.sum(axis=-2)
    if vector_b:
        lo, hi = lo[..., 0], hi[..., 0]
    if vector_a:
        lo, hi = lo[..., 0, :] if not vector_b else lo[..., 0], \
            hi[..., 0, :] if not vector_b else hi[..., 0]
    return lo, hi


def _table_interval(lo, hi, table, offset):
    """Per element, the least and greatest table entry over [lo, hi]."""
    table = as_int64(table)
    out_lo, out_hi = np.empty_like(lo), np.empty_like(hi)
    for low, high in set(zip(lo.ravel().tolist(), hi.ravel().tolist())):
        entries = table[low - offset:high - offset + 1]
        mask = (lo == low) & (hi == high)
        out_lo[mask], out_hi[mask] = entries.min(), entries.max()
    return out_lo, out_hi


def _round_bits_interval(lo, hi, attrs):
    """round_bits is non-decreasing: exact, its interval is that of its
    bounds. Approximate, a result may be one step of 2^lsbs away from the
    exact one, so the interval grows by a step on each side (saturated to
    int64): a superset of what the compiler may derive, which is what a table
    read from the result must cover."""
    low, high = evaluate("round_bits", [lo], attrs), evaluate("round_bits", [hi], attrs)
    if attrs.get("exactness", "exact") == "approximate":
        step = 1 << attrs["lsbs"]
        low = np.maximum(low.astype(object) - step, INT64_MIN).astype(np.int64)
        high = np.minimum(high.astype(object) + step, INT64_MAX).astype(np.int64)
    return low, high


# Bitwise ops: the least and greatest a & b, a | b, a ^ b over two intervals,
# exactly (Hacker's Delight, 2nd ed., 4-3), on 64-bit two's-complement
# patterns read unsigned. Signed intervals are split at 0: on each part the
# patterns are ordered as the values, and the result's sign is fixed.
_HIGH_BIT = 1 << 63
_MASK = (1 << 64) - 1


def _min_or(a, b, c, d):
    m = _HIGH_BIT
    while m:
        if ~a & c & m:
            raised = (a | m) & -m & _MASK
            if raised <= b:
                a = raised
                break
        elif a & ~c & m:
            raised = (c | m) & -m & _MASK
            if raised <= d:
                c = raised
                break
        m >>= 1
    return a | c


def _max_or(a, b, c, d):
    m = _HIGH_BIT
    while m:
        if b & d & m:
            lowered = (b - m) | (m - 1)
            if lowered >= a:
                b = lowered
                break
            lowered = (d - m) | (m - 1)
            if lowered >= c:
                d = lowered
                break
        m >>= 1
    return b | d


def _min_and(a, b, c, d):
    m = _HIGH_BIT
    while m:
        if ~a & ~c & m:
            raised = (a | m) & -m & _MASK
            if raised <= b:
                a = raised
                break
            raised = (c | m) & -m & _MASK
            if raised <= d:
                c = raised
                break
        m >>= 1
    return a & c


def _max_and(a, b, c, d):
    m = _HIGH_BIT
    while m:
        if b & ~d & m:
            lowered = (b & ~m) | (m - 1)
            if lowered >= a:
                b = lowered
                break
        elif ~b & d & m:
            lowered = (d & ~m) | (m - 1)
            if lowered >= c:
                d = lowered
                break
        m >>= 1
    return b & d


def _min_xor(a, b, c, d):
    m = _HIGH_BIT
    while m:
        if ~a & c & m:
            raised = (a | m) & -m & _MASK
            if raised <= b:
                a = raised
        elif a & ~c & m:
            raised = (c | m) & -m & _MASK
            if raised <= d:
                c = raised
        m >>= 1
    return a ^ c


def _max_xor(a, b, c, d):
    m = _HIGH_BIT
    while m:
        if b & d & m:
            lowered = (b - m) | (m - 1)
            if lowered >= a:
                b = lowered
            else:
                lowered = (d - m) | (m - 1)
                if lowered >= c:
                    d = lowered
        m >>= 1
    return b ^ d


_BITWISE_BOUNDS = {"bitwise_and": (_min_and, _max_and),
                   "bitwise_or": (_min_or, _max_or),
                   "bitwise_xor": (_min_xor, _max_xor)}


def _split_at_zero(lo, hi):
    """The negative and non-negative parts of [lo, hi] as unsigned patterns."""
    parts = []
    if lo < 0:
        parts.append((lo & _MASK, min(hi, -1) & _MASK))
    if hi >= 0:
        parts.append((max(lo, 0), hi))
    return parts


def _signed(pattern):
    return pattern - (1 << 64) if pattern & _HIGH_BIT else pattern


def bitwise_bounds(op, a, b):
    """The exact [lo, hi] of `op` (bitwise_and, bitwise_or, bitwise_xor) over
    a in [a[0], a[1]] and b in [b[0], b[1]] (Python ints)."""
    lowest, highest = _BITWISE_BOUNDS[op]
    bounds = [(_signed(lowest(p, q, r, s)), _signed(highest(p, q, r, s)))
              for p, q in _split_at_zero(*a) for r, s in _split_at_zero(*b)]
    return min(lo for lo, _ in bounds), max(hi for _, hi in bounds)


def where_bounds(cond, a, b):
    """The exact [lo, hi] of where(cond != 0, a, b) over the three hulls."""
    can_be_zero = cond[0] <= 0 <= cond[1]
    if not can_be_zero:
        return a
    if cond == (0, 0):
        return b
    return min(a[0], b[0]), max(a[1], b[1])


def _hull(interval):
    return int(interval[0].min()), int(interval[1].max())


def _uniform(bounds, shape):
    return (np.full(shape, bounds[0], np.int64), np.full(shape, bounds[1], np.int64))


def interval(op, args, attrs):
    """The element-wise interval [lo, hi] of the result of `op`, given the
    intervals of its arguments (pairs of int64 arrays)."""
    if op in LAYOUT_OPS:
        return (evaluate(op, [a[0] for a in args], attrs),
                evaluate(op, [a[1] for a in args], attrs))
    if op in COMPARISONS:
        shape = np.broadcast_shapes(args[0][0].shape, args[1][0].shape)
        return np.zeros(shape, np.int64), np.ones(shape, np.int64)
    # Bitwise ops and where: every element gets the exact bounds over the
    # operands' hulls, which hold what the compiler derives for any element
    # (its packed tables read every pair of the hulls).
    if op in _BITWISE_BOUNDS:
        shape = np.broadcast_shapes(args[0][0].shape, args[1][0].shape)
        return _uniform(bitwise_bounds(op, _hull(args[0]), _hull(args[1])), shape)
    if op == "where":
        shape = np.broadcast_shapes(*[a[0].shape for a in args])
        return _uniform(where_bounds(*[_hull(a) for a in args]), shape)
    if op == "add":
        (alo, ahi), (blo, bhi) = args
        return alo + blo, ahi + bhi
    if op in ("maximum", "minimum"):
        # What the compiler derives, so that a table on the result covers it:
        # the interval of b + relu(a - b) (or b + min(a - b, 0)) per element,
        # bounded by the exact range of the whole maximum (minimum), which it
        # knows from the hulls of a and b.
        (alo, ahi), (blo, bhi) = args
        pick = np.maximum if op == "maximum" else np.minimum
        exact_lo = pick(alo.min(), blo.min())
        exact_hi = pick(ahi.max(), bhi.max())
        lo = blo + pick(alo - bhi, 0)
        hi = bhi + pick(ahi - blo, 0)
        return np.maximum(lo, exact_lo), np.minimum(hi, exact_hi)
    if op == "subtract":
        (alo, ahi), (blo, bhi) = args
        return alo - bhi, ahi - blo
    if op == "multiply":
        (alo, ahi), (blo, bhi) = args
        return _corners(alo, ahi, blo, bhi)
    (lo, hi) = args[0]
    if op == "negative":
        return -hi, -lo
    if op == "abs":
        return _abs_interval(lo, hi)
    if op == "square":
        low, high = _abs_interval(lo, hi)
        return low * low, high * high
    if op == "round_bits":
        return _round_bits_interval(lo, hi, attrs)
    if op in ("relu", "clip", "left_shift", "right_shift"):
        return evaluate(op, [lo], attrs), evaluate(op, [hi], attrs)
    if op == "floor_divide":
        a, b = evaluate(op, [lo], attrs), evaluate(op, [hi], attrs)
        return np.minimum(a, b), np.maximum(a, b)
    if op == "lut":
        return _table_interval(lo, hi, attrs["table"], attrs.get("offset", 0))
    if op in ("dot", "matmul"):
        lo, hi = _matmul_interval(args[0], args[1])
        return as_int64(lo), as_int64(hi)
    if op == "sum":
        return evaluate(op, [lo], attrs), evaluate(op, [hi], attrs)
    if op == "conv2d":
        cells_lo, weights_lo = _conv2d_terms(lo, args[1][0], attrs)
        cells_hi, weights_hi = _conv2d_terms(hi, args[1][1], attrs)
        low, high = _corners(cells_lo, cells_hi, weights_lo, weights_hi)
        low, high = low.sum(axis=2), high.sum(axis=2)
        if len(args) > 2:
            low = low + args[2][0].reshape(1, -1, 1, 1)
            high = high + args[2][1].reshape(1, -1, 1, 1)
        return low, high
    if op == "maxpool2d":
        return (_maxpool2d_windows(lo, attrs, INT64_MIN).max(axis=2),
                _maxpool2d_windows(hi, attrs, INT64_MIN).max(axis=2))
    raise KeyError(op)
