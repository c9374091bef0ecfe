#!/usr/bin/env python3
"""Generates Shade's end-to-end test cases: test/e2e/cases/*.json and the data
of the client/server test, test/e2e/Inputs/client_server.json.

A positive case is a small numpy program written with the `Graph` tracer of
graph_tracer.py: every call adds one node of the shade-graph format
(graph-format.md) and computes its value with numpy on int64, so the graph and
its expected results come from one description. The tracer also derives the
interval of every element, as the compiler's range analysis does, to keep each
case within a small encrypted width (`Graph.width_bound`, checked against the
case's budget) and to estimate its bootstraps. A wide case (`wide=True`) bounds
only the width of the values its lookup tables read (`Graph.table_width`); its
other values may be as wide as the contract allows. Every positive case stays
within what the contract promises (`Graph.beyond_contract`).

An error case is the invalid document or command line, and the substrings the
single `shadec: error: ...` line must contain: the name of the offending input,
node, op, attribute, option or file, and the contract's word for what is wrong.

Usage (Debian's /usr/bin/python3 has numpy):
  generate_cases.py             rewrite the case files (stale ones are removed)
  generate_cases.py --check     exit 1 if the files differ from what this script makes
  generate_cases.py --summary   print each positive case's width bounds and (roughly
                                estimated) bootstraps (writes nothing)
"""
import argparse
import json
import os
import sys

import numpy as np

from graph_tracer import (BOOTSTRAP_MS, CONTRACT_LEVELLED_WIDTH, CONTRACT_WIDTH,
                          DEFAULT_WIDTH_BUDGET, MAX_LEVELLED_WIDTH, MAX_WIDTH, Graph,
                          dtype_range, width_of)

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
CLIENT_SERVER_DATA = os.path.join(HERE, "Inputs", "client_server.json")

# --- Case registry.

POSITIVE = []
ERRORS = []


def case(description, width_budget=DEFAULT_WIDTH_BUDGET, wide=False,
         wide_tables=False):
    """Registers a positive case built by the decorated function. The budget
    bounds the width of every encrypted value of the case, or with `wide`,
    only of the values its lookup tables read. With `wide_tables` (and
    `wide`), the tables may read the widest values the contract's ops read
    (the difference of a uint16 and an int16 value): Shade evaluates the ones that are
    affine between a few breakpoints by small bootstraps."""

    def register(build):
        name = build.__name__[len("build_"):]
        POSITIVE.append((name, description, (width_budget, wide, wide_tables),
                         build))
        return build

    return register


def error_case(name, description, error, stage, **fields):
    ERRORS.append((name, description, error, stage, fields))


def build_positive(name, description, budget, build):
    """Returns the case document, the width its budget bounds (its widest
    table for a wide case, else the hull of its values), the width of its
    widest value (that hull for a narrow case), and its estimated
    bootstraps."""
    width_budget, wide, wide_tables = budget
    g = Graph(name)
    build(g)
    assert g.output_names, name
    width = g.width_bound()
    table_width = g.table_width() if wide else width
    table_limit = CONTRACT_WIDTH + 2 if wide_tables else min(width_budget, MAX_WIDTH)
    assert table_width <= table_limit, \
        "%s: %s need up to %d bits (budget %d)" % (
            name, "tables" if wide else "encrypted values", table_width, width_budget)
    if wide:
        width = g.widest_value()
    assert width <= MAX_LEVELLED_WIDTH, name
    beyond = g.beyond_contract(table_limit=max(table_limit, CONTRACT_WIDTH))
    assert not beyond, "%s: wider than the contract promises: %s" % (
        name, ", ".join(beyond))
    document = {"description": description, "program": g.program(),
                "inputs": g.values, "expected": g.expected()}
    if g.tolerance:
        document["tolerance"] = g.tolerance
    if g.command:
        document["command"] = g.command
    if g.stdin:
        document["stdin"] = True
    return document, table_width, width, g.bootstraps


# --- Positive cases: build_NAME builds the program of case NAME.
# Inputs are sampled deterministically and include both ends of their range
# unless given.

# Element-wise arithmetic.


@case("add: encrypted + constant (row broadcast, scalar), + clear run-time "
      "input, and the clear operand first")
def build_add_clear(g):
    x = g.input("x", [2, 3], range=(0, 7))
    k = g.input("k", [3], range=(-2, 2), encrypted=False)
    c = g.const([1, -1, 2], name="c")
    five = g.const(5, name="five")
    g.output(g.add(x, c, name="x_plus_c"), g.add(x, five, name="x_plus_5"),
             g.add(x, k, name="x_plus_k"), g.add(c, x, name="c_plus_x"),
             g.add(k, x, name="k_plus_x"))


@case("add: encrypted + encrypted, same shape, rank broadcast, same operand twice")
def build_add_enc_enc(g):
    x = g.input("x", [2, 3], range=(0, 7), encrypted=True)
    y = g.input("y", [2, 3], range=(-4, 3))
    z = g.input("z", [3], range=(0, 3))
    g.output(g.add(x, y, name="x_plus_y"), g.add(x, z, name="x_plus_z"),
             g.add(y, y, name="y_plus_y"))


@case("subtract: encrypted - constant, constant - encrypted, size-1 broadcast "
      "with a clear run-time input, both orders")
def build_subtract_clear(g):
    x = g.input("x", [2, 3], range=(0, 7))
    k = g.input("k", [2, 1], range=(-3, 3), encrypted=False)
    c = g.const([3, -1, 0], name="c")
    two = g.const(2, name="two")
    g.output(g.subtract(x, c, name="x_minus_c"), g.subtract(c, x, name="c_minus_x"),
             g.subtract(x, k, name="x_minus_k"), g.subtract(k, x, name="k_minus_x"),
             g.subtract(x, two, name="x_minus_2"))


@case("subtract: encrypted - encrypted (signed results), with a scalar operand")
def build_subtract_enc_enc(g):
    x = g.input("x", [4], range=(0, 7))
    y = g.input("y", [4], range=(0, 7))
    z = g.input("z", [], range=(-4, 3), value=-3)
    g.output(g.subtract(x, y, name="x_minus_y"), g.subtract(y, x, name="y_minus_x"),
             g.subtract(x, z, name="x_minus_z"))


@case("multiply: encrypted * constant (negative and zero factors, size-1 "
      "broadcast), * clear run-time input, clear operand first")
def build_multiply_clear(g):
    x = g.input("x", [2, 3], range=(-4, 3))
    k = g.input("k", [3], range=(-2, 2), encrypted=False)
    c = g.const([[2, -1, 0]], name="c")
    minus_three = g.const(-3, name="minus_three")
    g.output(g.multiply(x, c, name="x_times_c"), g.multiply(c, x, name="c_times_x"),
             g.multiply(x, k, name="x_times_k"), g.multiply(k, x, name="k_times_x"),
             g.multiply(x, minus_three, name="x_times_minus_3"))


@case("multiply: encrypted * encrypted, unsigned by signed, and an operand by itself")
def build_multiply_enc_enc(g):
    x = g.input("x", [4], range=(0, 3))
    y = g.input("y", [4], range=(-4, 3))
    g.output(g.multiply(x, y, name="x_times_y"), g.multiply(y, x, name="y_times_x"),
             g.multiply(x, x, name="x_times_x"))


@case("negative of a signed and of an unsigned encrypted tensor")
def build_negative(g):
    x = g.input("x", [5], range=(-4, 3))
    u = g.input("u", [3], range=(0, 7))
    g.output(g.negative(x, name="minus_x"), g.negative(u, name="minus_u"))


@case("abs of a signed input and of a signed intermediate")
def build_abs(g):
    x = g.input("x", [6], range=(-4, 3))
    u = g.input("u", [4], range=(0, 7))
    shifted = g.subtract(u, g.const(4, name="four"), name="u_minus_4")
    g.output(g.abs(x, name="abs_x"), g.abs(shifted, name="abs_u_minus_4"))


@case("square of a signed and of an unsigned encrypted tensor")
def build_square(g):
    x = g.input("x", [5], range=(-4, 3))
    u = g.input("u", [3], range=(0, 3))
    g.output(g.square(x, name="x_squared"), g.square(u, name="u_squared"))


@case("relu of a signed input, of an unsigned input and of x - 3")
def build_relu(g):
    x = g.input("x", [6], range=(-8, 7))
    u = g.input("u", [3], range=(0, 3))
    shifted = g.subtract(u, g.const(2, name="two"), name="u_minus_2")
    g.output(g.relu(x, name="relu_x"), g.relu(u, name="relu_u"),
             g.relu(shifted, name="relu_u_minus_2"))


def min_max_clear(g, op):
    x = g.input("x", [2, 3], range=(-4, 3))
    k = g.input("k", [2, 1], range=(-3, 3), encrypted=False)
    c = g.const([-1, 0, 2], name="c")
    one = g.const(1, name="one")
    g.output(g.node(op, x, c, name=op + "_x_c"), g.node(op, x, k, name=op + "_x_k"),
             g.node(op, x, one, name=op + "_x_1"))


def min_max_enc_enc(g, op):
    x = g.input("x", [2, 3], range=(0, 7))
    y = g.input("y", [3], range=(-4, 3))
    z = g.input("z", [2, 3], range=(0, 7))
    g.output(g.node(op, x, y, name=op + "_x_y"), g.node(op, y, x, name=op + "_y_x"),
             g.node(op, x, z, name=op + "_x_z"))


@case("maximum of encrypted with a constant row, a clear run-time column, a scalar")
def build_maximum_clear(g):
    min_max_clear(g, "maximum")


@case("maximum of two encrypted tensors, broadcast both ways, signed and unsigned")
def build_maximum_enc_enc(g):
    min_max_enc_enc(g, "maximum")


@case("minimum of encrypted with a constant row, a clear run-time column, a scalar")
def build_minimum_clear(g):
    min_max_clear(g, "minimum")


@case("minimum of two encrypted tensors, broadcast both ways, signed and unsigned")
def build_minimum_enc_enc(g):
    min_max_enc_enc(g, "minimum")


# Comparisons: every pair of operands is less, equal and greater somewhere.
COMPARED_X = [-4, -1, 0, 1, 2, 3]
COMPARED_C = [-4, 0, 0, 2, 1, -1]
COMPARED_K = [-3, -1, 1, 1, 2, 3]
COMPARED_Y = [-4, 2, 0, -3, 2, 1]


def comparison_case(op):
    def build(g):
        x = g.input("x", [6], range=(-4, 3), value=COMPARED_X)
        k = g.input("k", [6], range=(-4, 3), encrypted=False, value=COMPARED_K)
        y = g.input("y", [6], range=(-4, 3), value=COMPARED_Y)
        c = g.const(COMPARED_C, name="c")
        zero = g.const(0, name="zero")
        g.output(g.node(op, x, c, name=op + "_x_c"), g.node(op, x, k, name=op + "_x_k"),
                 g.node(op, x, y, name=op + "_x_y"), g.node(op, x, zero, name=op + "_x_0"))

    build.__name__ = "build_" + op
    case(op + " of encrypted with a constant, a clear run-time input, an "
         "encrypted tensor and a scalar constant")(build)


for _op in ("less", "less_equal", "greater", "greater_equal", "equal", "not_equal"):
    comparison_case(_op)


# Univariate ops with attributes.


@case("clip of a signed input to [-2, 3] and [0, 5]")
def build_clip(g):
    x = g.input("x", [8], range=(-8, 7))
    g.output(g.clip(x, min=-2, max=3, name="clip_m2_3"),
             g.clip(x, min=0, max=5, name="clip_0_5"))


@case("floor_divide of negative values by positive and negative divisors "
      "(numpy floors), and of an unsigned input")
def build_floor_divide(g):
    x = g.input("x", [8], range=(-8, 7), value=[-8, -7, -4, -3, -1, 0, 5, 7])
    u = g.input("u", [4], range=(0, 15))
    g.output(g.floor_divide(x, divisor=3, name="x_div_3"),
             g.floor_divide(x, divisor=-3, name="x_div_m3"),
             g.floor_divide(x, divisor=-1, name="x_div_m1"),
             g.floor_divide(x, divisor=1, name="x_div_1"),
             g.floor_divide(u, divisor=4, name="u_div_4"))


@case("left_shift of signed and unsigned values, by 0 and more bits")
def build_left_shift(g):
    x = g.input("x", [5], range=(-4, 3))
    u = g.input("u", [3], range=(0, 3))
    g.output(g.left_shift(x, bits=2, name="x_shl_2"),
             g.left_shift(x, bits=0, name="x_shl_0"),
             g.left_shift(u, bits=3, name="u_shl_3"))


@case("right_shift (arithmetic) of negative values, by 0, 1, 2 bits, and unsigned")
def build_right_shift(g):
    x = g.input("x", [8], range=(-8, 7), value=[-8, -7, -5, -2, -1, 0, 3, 7])
    u = g.input("u", [4], range=(0, 15))
    g.output(g.right_shift(x, bits=1, name="x_shr_1"),
             g.right_shift(x, bits=2, name="x_shr_2"),
             g.right_shift(x, bits=0, name="x_shr_0"),
             g.right_shift(u, bits=3, name="u_shr_3"))


@case("round_bits of unsigned values with 2 and 1 low bits dropped")
def build_round_bits_unsigned(g):
    x = g.input("x", [8], range=(0, 31), value=[0, 1, 2, 5, 6, 13, 30, 31])
    g.output(g.round_bits(x, lsbs=2, name="round_2"),
             g.round_bits(x, lsbs=1, name="round_1"))


@case("round_bits of signed values (rounding halves up, as the formula does)")
def build_round_bits_signed(g):
    x = g.input("x", [8], range=(-8, 7), value=[-8, -5, -4, -3, -1, 0, 4, 7])
    g.output(g.round_bits(x, lsbs=1, name="round_1"),
             g.round_bits(x, lsbs=3, name="round_3"))


@case("lut with the default offset, with a negative offset on a signed input, "
      "with a positive offset, tables holding negative entries")
def build_lut(g):
    x = g.input("x", [6], range=(0, 7))
    s = g.input("s", [5], range=(-4, 3))
    r = g.input("r", [4], range=(2, 5))
    g.output(g.lut(x, table=[3, -1, 4, -1, 5, -9, 2, 6], name="lut_x"),
             g.lut(s, table=[-4, 9, 0, 1, 7, -2, 5, 3], offset=-4, name="lut_s"),
             g.lut(r, table=[10, 0, -10, 5], offset=2, name="lut_r"))


# Bitwise ops and where. An encrypted value and a constant of one value are
# one table on the value; otherwise both operands (a clear one encrypted
# trivially) are packed into one value that one table reads: two 4-bit
# operands make an 8-bit table, which the exhaustive cases read.

BITWISE_OPS = ("bitwise_and", "bitwise_or", "bitwise_xor")


def all_pairs(lo, hi):
    """Two vectors holding every pair of values of [lo, hi]."""
    values = np.arange(lo, hi + 1, dtype=np.int64)
    return np.repeat(values, len(values)), np.tile(values, len(values))


def bitwise_enc_enc_case(op, signed):
    lo, hi = (-8, 7) if signed else (0, 15)
    kind = "signed" if signed else "unsigned"

    def build(g):
        a_values, b_values = all_pairs(lo, hi)
        a = g.input("a", [256], range=(lo, hi), value=a_values)
        b = g.input("b", [256], range=(lo, hi), value=b_values)
        g.output(g.node(op, a, b, name=op + "_a_b"))

    build.__name__ = "build_%s_enc_enc_%s" % (op, kind)
    # A signed operand shares its encoding with the packed value [0, 255]:
    # 9 signed bits, which only the table's input narrows to 8.
    case("%s of two encrypted 4-bit %s inputs, every pair of values" % (op, kind),
         width_budget=8, wide=signed)(build)


def bitwise_clear_case(op):
    def build(g):
        # Every pair of 3-bit values, unsigned by signed, with the clear
        # operand given at run time and as a constant, on either side.
        x_values, k_values = all_pairs(0, 7)
        k_values = k_values - 4
        x = g.input("x", [64], range=(0, 7), value=x_values)
        k = g.input("k", [64], range=(-4, 3), encrypted=False, value=k_values)
        c = g.const(k_values.tolist(), name="c")
        # Every 4-bit value, signed and unsigned, with constants of one value
        # (one 4-bit table each, the constant on either side).
        s = g.input("s", [16], range=(-8, 7), value=np.arange(-8, 8))
        u = g.input("u", [16], range=(0, 15), value=np.arange(16))
        five, minus_six = g.const(5, name="five"), g.const(-6, name="minus_six")
        twelve = g.const(12, name="twelve")
        g.output(g.node(op, x, k, name=op + "_x_k"), g.node(op, k, x, name=op + "_k_x"),
                 g.node(op, x, c, name=op + "_x_c"), g.node(op, c, x, name=op + "_c_x"),
                 g.node(op, s, five, name=op + "_s_5"),
                 g.node(op, minus_six, s, name=op + "_m6_s"),
                 g.node(op, u, twelve, name=op + "_u_12"),
                 g.node(op, u, minus_six, name=op + "_u_m6"),
                 g.node(op, k, c, name=op + "_k_c"))

    build.__name__ = "build_%s_clear" % op
    case(op + " of encrypted values with clear run-time inputs and constants "
         "(every pair of 3-bit values, both orders), with constants of one "
         "value (every 4-bit value, signed and unsigned), and of clear values "
         "only", width_budget=7)(build)


for _op in BITWISE_OPS:
    for _signed in (False, True):
        bitwise_enc_enc_case(_op, _signed)
    bitwise_clear_case(_op)


@case("bitwise ops with broadcasting (rank and size-1 dimensions), an operand "
      "with itself, and chained with other element-wise ops")
def build_bitwise_broadcasting(g):
    x = g.input("x", [2, 3], range=(-4, 3))
    y = g.input("y", [3], range=(0, 3))
    z = g.input("z", [2, 1], range=(0, 7))
    one = g.const(1, name="one")
    shifted = g.add(x, one, name="x_plus_1")
    masked = g.bitwise_and(shifted, g.const(6, name="six"), name="masked")
    g.output(g.bitwise_xor(x, y, name="x_xor_y"), g.bitwise_or(z, y, name="z_or_y"),
             g.bitwise_and(x, x, name="x_and_x"), g.bitwise_xor(x, x, name="x_xor_x"),
             g.relu(g.subtract(masked, g.const(2, name="two"), name="masked_minus_2"),
                    name="relu_masked"),
             g.bitwise_or(x, g.const([[1], [-2]], name="column"), name="x_or_column"))


@case("where with an encrypted condition (not 0 or 1: a table first) and "
      "encrypted, clear run-time and constant values", width_budget=7)
def build_where_enc_cond(g):
    c = g.input("c", [8], range=(-2, 2), value=[-2, -1, 0, 1, 2, 0, 1, 0])
    a = g.input("a", [8], range=(0, 7))
    b = g.input("b", [8], range=(-4, 3))
    k = g.input("k", [8], range=(-3, 3), encrypted=False)
    row = g.const([3, -1, 0, 2, -4, 1, 5, 6], name="row")
    five, two = g.const(5, name="five"), g.const(2, name="two")
    g.output(g.where(c, a, b, name="where_c_a_b"), g.where(c, a, k, name="where_c_a_k"),
             g.where(c, k, b, name="where_c_k_b"), g.where(c, five, two, name="where_c_5_2"),
             g.where(c, k, two, name="where_c_k_2"), g.where(c, row, b, name="where_c_row_b"),
             g.where(c, a, five, name="where_c_a_5"))


@case("where with an encrypted condition of 0 and 1 (a comparison), and "
      "broadcasting of the three operands")
def build_where_enc_bit(g):
    x = g.input("x", [2, 1], range=(0, 3), value=[[0], [3]])
    a = g.input("a", [3], range=(-4, 3))
    b = g.input("b", [], range=(0, 7), value=6)
    bit = g.greater(x, g.const(1, name="one"), name="x_gt_1")
    g.output(g.where(bit, a, b, name="where_bit_a_b"),
             g.where(bit, b, g.const([1, 2, 3], name="row"), name="where_bit_b_row"))


@case("where with a clear condition (run-time input and constant) and "
      "encrypted or clear values, and of clear values only")
def build_where_clear_cond(g):
    k = g.input("k", [2, 3], range=(-2, 2), encrypted=False,
                value=[[-2, 0, 1], [0, 2, -1]])
    a = g.input("a", [2, 3], range=(0, 7))
    b = g.input("b", [3], range=(-4, 3))
    m = g.input("m", [2, 3], range=(-5, 5), encrypted=False)
    mask = g.const([[1, 0, 3], [0, 0, -1]], name="mask")
    five = g.const(5, name="five")
    g.output(g.where(k, a, b, name="where_k_a_b"), g.where(k, a, five, name="where_k_a_5"),
             g.where(k, m, b, name="where_k_m_b"), g.where(mask, a, b, name="where_mask_a_b"),
             g.where(mask, m, a, name="where_mask_m_a"),
             g.where(k, m, five, name="where_k_m_5"))


# Linear algebra.


@case("dot of encrypted with a constant, a clear run-time vector, and the "
      "constant first; scalar results")
def build_dot_clear(g):
    x = g.input("x", [4], range=(0, 3))
    k = g.input("k", [4], range=(-2, 2), encrypted=False)
    w = g.const([1, -2, 0, 3], name="w")
    g.output(g.dot(x, w, name="x_dot_w"), g.dot(x, k, name="x_dot_k"),
             g.dot(w, x, name="w_dot_x"))


@case("dot of two encrypted vectors")
def build_dot_enc_enc(g):
    x = g.input("x", [3], range=(0, 3))
    y = g.input("y", [3], range=(-2, 1))
    g.output(g.dot(x, y, name="x_dot_y"))


@case("matmul of encrypted by constant: 2-D @ 2-D, 1-D @ 2-D, 2-D @ 1-D, "
      "constant @ encrypted, encrypted @ clear run-time matrix")
def build_matmul_clear(g):
    x = g.input("x", [2, 3], range=(0, 3))
    v = g.input("v", [3], range=(0, 3))
    k = g.input("k", [3, 2], range=(-1, 1), encrypted=False)
    w = g.const([[1, -1], [0, 2], [-1, 1]], name="w")
    u = g.const([2, -1, 1], name="u")
    a = g.const([[1, 0], [-1, 2]], name="a")
    g.output(g.matmul(x, w, name="x_at_w"), g.matmul(v, w, name="v_at_w"),
             g.matmul(x, u, name="x_at_u"), g.matmul(a, x, name="a_at_x"),
             g.matmul(x, k, name="x_at_k"))


@case("matmul of stacks of matrices: stack @ matrix, stack @ stack, "
      "batch broadcasting, matrix @ stack")
def build_matmul_stacks(g):
    x = g.input("x", [2, 2, 3], range=(0, 3))
    w = g.const([[1, 0], [-1, 1], [0, 2]], name="w")
    ws = g.const([[[1, 0], [0, 1], [1, 1]], [[-1, 1], [2, 0], [0, -1]]], name="ws")
    wb = g.const([[[0, 1], [1, 0], [-1, 1]]], name="wb")
    a = g.const([[1, -1], [0, 1]], name="a")
    g.output(g.matmul(x, w, name="x_at_w"), g.matmul(x, ws, name="x_at_ws"),
             g.matmul(x, wb, name="x_at_wb"), g.matmul(a, x, name="a_at_x"))


@case("matmul of two encrypted operands: matrix @ matrix and vector @ matrix")
def build_matmul_enc_enc(g):
    x = g.input("x", [2, 2], range=(0, 3))
    y = g.input("y", [2, 2], range=(-2, 1))
    v = g.input("v", [2], range=(0, 3))
    g.output(g.matmul(x, y, name="x_at_y"), g.matmul(v, y, name="v_at_y"))


@case("sum with axis default (null), null with keepdims, an integer, a "
      "negative integer, a list, and keepdims")
def build_sum(g):
    x = g.input("x", [2, 3, 2], range=(0, 3))
    g.output(g.sum(x, name="sum_all"),
             g.sum(x, axis=None, keepdims=True, name="sum_all_keepdims"),
             g.sum(x, axis=0, name="sum_0"), g.sum(x, axis=-1, name="sum_m1"),
             g.sum(x, axis=[0, 2], name="sum_0_2"),
             g.sum(x, axis=1, keepdims=True, name="sum_1_keepdims"),
             g.sum(x, axis=[-1, 0], keepdims=False, name="sum_m1_0"))


# Convolutions and pooling.


@case("conv2d with every attribute defaulted (no bias)")
def build_conv2d_default(g):
    x = g.input("x", [1, 1, 4, 4], range=(0, 3))
    w = g.const([[[[1, -1], [0, 2]]], [[[0, 1], [-1, 0]]]], name="w")
    g.output(g.conv2d(x, w, name="conv"))


@case("conv2d with strides, asymmetric pads and a bias")
def build_conv2d_strides_pads(g):
    x = g.input("x", [1, 2, 4, 5], range=(0, 3))
    w = g.const([[[[1, 0, 0], [0, -1, 0], [0, 0, 1]], [[0, 0, 0], [0, 1, 0], [0, 0, 0]]],
                 [[[0, -1, 0], [0, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 0, 0], [0, 0, -1]]]],
                name="w")
    b = g.const([1, -2], name="b")
    g.output(g.conv2d(x, w, b, strides=[2, 1], pads=[1, 0, 1, 2], name="conv"))


@case("conv2d with dilations, alone and with strides")
def build_conv2d_dilations(g):
    x = g.input("x", [1, 1, 5, 5], range=(0, 3))
    w = g.const([[[[1, -1], [2, 0]]]], name="w")
    g.output(g.conv2d(x, w, dilations=[2, 2], name="dilated"),
             g.conv2d(x, w, dilations=[2, 1], strides=[1, 2], name="dilated_strided"))


@case("conv2d with groups: two groups of two channels, depthwise with a bias")
def build_conv2d_group(g):
    x = g.input("x", [1, 4, 3, 3], range=(0, 3))
    w2 = g.const([[[[1, 0], [0, 1]], [[0, -1], [0, 0]]],
                  [[[0, 1], [1, 0]], [[1, 0], [0, 0]]],
                  [[[-1, 0], [0, 0]], [[0, 0], [1, 1]]],
                  [[[0, 0], [2, 0]], [[0, 1], [0, -1]]]], name="w2")
    w4 = g.const([[[[1, 0], [0, -1]]], [[[0, 2], [0, 0]]],
                  [[[1, 1], [0, 0]]], [[[0, 0], [-1, 1]]]], name="w4")
    b = g.const([0, 1, -1, 2], name="b")
    g.output(g.conv2d(x, w2, group=2, name="grouped"),
             g.conv2d(x, w4, b, group=4, name="depthwise"))


@case("conv2d on a batch of two images")
def build_conv2d_batch(g):
    x = g.input("x", [2, 1, 3, 3], range=(0, 3))
    w = g.const([[[[1, 0], [-1, 1]]]], name="w")
    g.output(g.conv2d(x, w, pads=[0, 1, 0, 0], name="conv"))


@case("conv2d with clear run-time weights and bias")
def build_conv2d_clear_weights(g):
    x = g.input("x", [1, 1, 3, 3], range=(0, 3))
    w = g.input("w", [1, 1, 2, 2], range=(-1, 1), encrypted=False)
    b = g.input("b", [1], range=(-2, 2), encrypted=False)
    g.output(g.conv2d(x, w, b, name="conv"))


@case("conv2d with encrypted weights, and with an encrypted bias")
def build_conv2d_enc_weights(g):
    x = g.input("x", [1, 1, 3, 3], range=(0, 3))
    w = g.input("w", [1, 1, 2, 2], range=(-2, 1))
    b = g.input("b", [1], range=(0, 3))
    wc = g.const([[[[1, 0], [0, -1]]]], name="wc")
    g.output(g.conv2d(x, w, name="conv_enc_w"), g.conv2d(x, wc, b, name="conv_enc_b"))


@case("maxpool2d with strides defaulting to the kernel")
def build_maxpool2d_default(g):
    x = g.input("x", [1, 2, 4, 4], range=(-4, 3))
    g.output(g.maxpool2d(x, kernel=[2, 2], name="pool"))


@case("maxpool2d with pads over all-negative values (padded cells never win), "
      "explicit strides, a non-square kernel")
def build_maxpool2d_pads(g):
    x = g.input("x", [1, 1, 3, 3], range=(-4, 3),
                value=[[[[-4, -3, -2], [-1, -4, -3], [-2, -1, -3]]]])
    y = g.input("y", [1, 1, 4, 3], range=(-4, 3),
                value=[[[[-1, -2, -3], [-4, -4, -2], [-3, 3, -1], [-2, -1, -4]]]])
    g.output(g.maxpool2d(x, kernel=[2, 2], strides=[1, 1], pads=[1, 1, 1, 1],
                         name="pool_padded"),
             g.maxpool2d(y, kernel=[3, 2], strides=[2, 1], pads=[1, 0, 1, 0],
                         name="pool_rect"))


# Data movement.


@case("reshape, with -1 in several places")
def build_reshape(g):
    x = g.input("x", [2, 6], range=(0, 7))
    g.output(g.reshape(x, shape=[3, 4], name="r_3_4"),
             g.reshape(x, shape=[-1, 2], name="r_m1_2"),
             g.reshape(x, shape=[2, -1, 2], name="r_2_m1_2"),
             g.reshape(x, shape=[12], name="r_12"))


@case("transpose with the default (reversed) axes and explicit axes")
def build_transpose(g):
    x = g.input("x", [2, 3, 4], range=(0, 7))
    y = g.input("y", [2, 3], range=(-4, 3))
    g.output(g.transpose(x, name="t_default"),
             g.transpose(x, axes=[1, 0, 2], name="t_1_0_2"),
             g.transpose(x, axes=[2, 0, 1], name="t_2_0_1"),
             g.transpose(y, name="t_y"))


@case("concatenate with the default axis, axis 1 with a clear run-time input, "
      "three operands with a constant, a negative axis")
def build_concatenate(g):
    x = g.input("x", [2, 2], range=(0, 7))
    y = g.input("y", [1, 2], range=(0, 7))
    k = g.input("k", [2, 1], range=(0, 3), encrypted=False)
    c = g.const([[1, 2]], name="c")
    g.output(g.concatenate(x, y, name="cat_default"),
             g.concatenate(x, k, axis=1, name="cat_1"),
             g.concatenate(x, c, y, axis=0, name="cat_three"),
             g.concatenate(x, x, axis=-1, name="cat_m1"))


@case("broadcast_to from a vector, a column, a scalar, and to a higher rank")
def build_broadcast_to(g):
    x = g.input("x", [3], range=(0, 7))
    y = g.input("y", [2, 1], range=(-4, 3))
    s = g.input("s", [], range=(0, 7), value=6)
    g.output(g.broadcast_to(x, shape=[2, 3], name="b_x"),
             g.broadcast_to(y, shape=[2, 3], name="b_y"),
             g.broadcast_to(s, shape=[2, 2], name="b_s"),
             g.broadcast_to(y, shape=[2, 2, 3], name="b_y3"))


@case("expand_dims at axes 0, 1 and -1")
def build_expand_dims(g):
    x = g.input("x", [2, 3], range=(0, 7))
    g.output(g.expand_dims(x, axis=0, name="e_0"), g.expand_dims(x, axis=1, name="e_1"),
             g.expand_dims(x, axis=-1, name="e_m1"))


@case("squeeze of one axis: 0, 2 and -1")
def build_squeeze(g):
    x = g.input("x", [1, 3, 1], range=(0, 7))
    g.output(g.squeeze(x, axis=0, name="s_0"), g.squeeze(x, axis=2, name="s_2"),
             g.squeeze(x, axis=-1, name="s_m1"))


@case("squeeze of a list of axes (numpy semantics)")
def build_squeeze_axis_list(g):
    x = g.input("x", [1, 3, 1], range=(0, 7))
    g.output(g.squeeze(x, axis=[0, 2], name="s_0_2"))


@case("flatten of a matrix and of a rank-3 tensor")
def build_flatten(g):
    x = g.input("x", [2, 3], range=(0, 7))
    y = g.input("y", [2, 1, 2], range=(-4, 3))
    g.output(g.flatten(x, name="f_x"), g.flatten(y, name="f_y"))


@case("slice with null entries, negative indices, negative steps, fewer "
      "entries than axes, and a stop past the end")
def build_slice(g):
    x = g.input("x", [4, 5], range=(0, 7))
    g.output(g.slice(x, starts=[1], stops=[None], steps=[None], name="rows_from_1"),
             g.slice(x, starts=[None, -4], stops=[-1, None], steps=[2, 2], name="strided"),
             g.slice(x, starts=[None, -1], stops=[None, 0], steps=[-1, -2], name="reversed"),
             g.slice(x, starts=[3], stops=[0], steps=[-2], name="rows_3_1"),
             g.slice(x, starts=[0, 2], stops=[10, 4], steps=[1, 1], name="past_end"))


# Programs mixing ops, values of every kind.


@case("clear run-time values through every kind of op, with clear outputs, "
      "and constant folding; one encrypted output")
def build_clear_values(g):
    x = g.input("x", [4], range=(0, 3))
    k = g.input("k", [4], range=(-4, 3), encrypted=False)
    a = g.const([[1, 2], [3, 4]], name="a")
    b = g.const([[0, -1], [1, 0]], name="b")
    relu_k = g.relu(k, name="relu_k")
    g.output(g.add(x, relu_k, name="x_plus_relu_k"), relu_k,
             g.abs(k, name="abs_k"), g.multiply(k, g.const(3, name="three"), name="k_times_3"),
             g.floor_divide(k, divisor=2, name="k_div_2"),
             g.lut(k, table=[0, 1, 4, 9, 16, 25, 36, 49], offset=-4, name="lut_k"),
             g.sum(k, name="sum_k"), g.less(k, g.const(1, name="one"), name="k_lt_1"),
             g.right_shift(k, bits=1, name="k_shr_1"), g.matmul(a, b, name="a_at_b"),
             g.maximum(k, g.const(0, name="zero"), name="max_k_0"))


@case("scalars (shape []): encrypted and clear scalar inputs, scalar results "
      "of sum and dot, scalar broadcast, reshape to and expand_dims from []")
def build_scalars(g):
    x = g.input("x", [], range=(0, 7), value=5)
    k = g.input("k", [], range=(-4, 3), encrypted=False, value=-3)
    v = g.input("v", [3], range=(0, 3))
    w = g.input("w", [1, 1], range=(0, 7), value=[[6]])
    g.output(g.add(x, k, name="x_plus_k"),
             g.multiply(x, g.const(2, name="two"), name="x_times_2"),
             g.relu(g.subtract(x, g.const(4, name="four"), name="x_minus_4"), name="relu"),
             g.lut(x, table=[7, 6, 5, 4, 3, 2, 1, 0], name="lut_x"),
             g.sum(v, name="sum_v"), g.dot(v, g.const([1, 2, -1], name="c"), name="dot_v"),
             g.add(x, v, name="x_plus_v"), g.expand_dims(x, axis=0, name="x_1"),
             g.reshape(w, shape=[], name="w_scalar"), x)


@case("broadcasting: size-1 dimensions on both sides (encrypted * encrypted, "
      "maximum, less), rank differences, a scalar encrypted operand")
def build_broadcasting(g):
    a = g.input("a", [2, 1], range=(0, 3))
    b = g.input("b", [1, 3], range=(0, 3))
    s = g.input("s", [], range=(0, 3), value=2)
    t = g.input("t", [2, 1, 3], range=(0, 3))
    c = g.const([1, -1, 2], name="c")
    g.output(g.add(a, b, name="a_plus_b"), g.multiply(a, b, name="a_times_b"),
             g.maximum(a, b, name="max_a_b"), g.subtract(b, a, name="b_minus_a"),
             g.less(a, b, name="a_lt_b"), g.multiply(s, c, name="s_times_c"),
             g.add(a, c, name="a_plus_c"), g.add(t, b, name="t_plus_b"),
             g.add(t, s, name="t_plus_s"))


@case("several outputs in a chosen order: an encrypted input, a clear input, a "
      "constant, a clear computed value, encrypted intermediates")
def build_multi_output(g):
    g.program_name = "multi_output"
    x = g.input("x", [3], range=(0, 7))
    y = g.input("y", [3], range=(0, 7))
    k = g.input("k", [3], range=(-2, 2), encrypted=False)
    c = g.const([1, 2, 3], name="c")
    s = g.add(x, k, name="s")
    k2 = g.multiply(k, g.const(2, name="two"), name="k2")
    diff = g.subtract(x, y, name="diff")
    relu_xy = g.relu(diff, name="relu_xy")
    g.output(s, x, k2, relu_xy, k, c, diff)


@case("inputs declared with dtype instead of range (uintN, intN, a clear intN, uint1)")
def build_dtypes(g):
    x = g.input("x", [4], dtype="uint3")
    y = g.input("y", [3], dtype="int4")
    k = g.input("k", [3], dtype="int2", encrypted=False)
    z = g.input("z", [2], dtype="uint1")
    g.output(g.add(x, g.const(1, name="one"), name="x_plus_1"), g.relu(y, name="relu_y"),
             g.multiply(y, k, name="y_times_k"),
             g.multiply(z, g.const(5, name="five"), name="z_times_5"))


@case("a chain of signed values through levelled ops and lookup tables")
def build_signed_chain(g):
    x = g.input("x", [6], range=(-8, 7))
    doubled = g.multiply(x, g.const(-2, name="minus_two"), name="doubled")
    halved = g.right_shift(doubled, bits=1, name="halved")
    magnitude = g.abs(halved, name="magnitude")
    centred = g.subtract(magnitude, g.const(4, name="four"), name="centred")
    table = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    mapped = g.lut(centred, table=table, offset=-4, name="mapped")
    g.output(halved, centred, mapped)


@case("a small quantized MLP: matmul with constant weights, bias, relu, "
      "rescaling shift, second layer, clip", width_budget=5)
def build_mlp(g):
    g.program_name = "mlp_tiny"
    x = g.input("x", [4], range=(0, 3))
    w1 = g.const([[1, -1, 2], [2, 0, -1], [-1, 1, 1], [0, 2, -1]], name="w1")
    b1 = g.const([1, 0, -2], name="b1")
    w2 = g.const([[1, -1], [-1, 2], [2, 1]], name="w2")
    b2 = g.const([0, -1], name="b2")
    h = g.add(g.matmul(x, w1, name="x_at_w1"), b1, name="h")
    r = g.right_shift(g.relu(h, name="relu_h"), bits=1, name="scaled")
    o = g.add(g.matmul(r, w2, name="r_at_w2"), b2, name="o")
    g.output(o, g.clip(o, min=0, max=7, name="clipped"))


@case("run with the options every compiling verb takes")
def build_run_options(g):
    x = g.input("x", [3], range=(-4, 3))
    g.output(g.relu(x, name="relu_x"))
    g.command = ["run", "{program}", "--inputs", "{inputs}", "--p-error=1e-9",
                 "--security-bits=128", "--threads=1"]


@case("run reading the values from standard input (--inputs -)")
def build_run_inputs_stdin(g):
    x = g.input("x", [3], range=(0, 7))
    g.output(g.add(x, g.const(1, name="one"), name="x_plus_1"))
    g.command = ["run", "{program}", "--inputs", "-"]
    g.stdin = True


@case("a 7-bit intermediate before a lookup table", width_budget=7)
def build_width7(g):
    x = g.input("x", [3], range=(0, 63))
    doubled = g.multiply(x, g.const(2, name="two"), name="doubled")
    g.output(g.right_shift(doubled, bits=3, name="shifted"))


@case("8-bit signed values through relu", width_budget=8)
def build_width8(g):
    x = g.input("x", [3], dtype="int8", value=[-128, 5, 127])
    g.output(g.relu(x, name="relu_x"))


# Wide values. The contract (graph-format.md, "Widths") promises every op on
# values of up to 16 bits, and values computed from the inputs by levelled
# ops alone (add, subtract, negative, sum, products and matmuls with clear
# integers), read only by such ops or returned, up to 24 bits. Shade
# evaluates levelled ops without bootstrapping, and rounds a wide value
# (round_bits, right_shift, floor_divide by 2^k) by small bootstraps, the
# element-wise ops after it fused into one table on the narrow quotient; a
# table itself reads few bits (`width_budget` bounds the values tables
# read). Every bootstrap of a program costs what its widest table and its
# widest value need (one parameter set for the program), so a case that
# bootstraps keeps its outputs narrow, and the cases of wide outputs are
# levelled.


def spread(g, shape, lo, hi):
    """Random values in [lo, hi] from the case's generator."""
    return g.rng.integers(lo, hi + 1, size=shape, dtype=np.int64)


def check_widths(g, **widths):
    """Asserts the width of the named values: what each case says it tests."""
    for name, width in widths.items():
        assert g.tensors[name].width == width, (name, g.tensors[name].width, width)


@case("levelled ops on inputs declared by dtype (uint9, int11, uint15, int19, "
      "uint23, int23, int24, uint24): add, subtract, negative; results at 10, "
      "12, 16, 20 and 24 bits, and 24-bit inputs returned as they are", wide=True)
def build_wide_levelled_dtype(g):
    a = g.input("a", [4], dtype="uint9")
    b = g.input("b", [4], dtype="uint9")
    c = g.input("c", [4], dtype="int11", ends="down")
    d = g.input("d", [4], dtype="uint15")
    e = g.input("e", [4], dtype="uint15")
    f = g.input("f", [4], dtype="int19")
    h = g.input("h", [4], dtype="int19", ends="down")
    u = g.input("u", [4], dtype="uint23")
    v = g.input("v", [4], dtype="uint23", ends="down")
    w = g.input("w", [4], dtype="uint23")
    s = g.input("s", [4], dtype="int23")
    x = g.input("x", [4], dtype="int24")
    y = g.input("y", [4], dtype="uint24")
    g.output(g.add(a, b, name="a_plus_b"), g.subtract(c, a, name="c_minus_a"),
             g.add(d, e, name="d_plus_e"), g.subtract(f, h, name="f_minus_h"),
             g.add(u, w, name="u_plus_w"), g.subtract(v, u, name="v_minus_u"),
             g.negative(u, name="minus_u"), g.negative(s, name="minus_s"),
             g.add(g.negative(c, name="minus_c"), a, name="a_minus_c"), x, y)
    check_widths(g, a_plus_b=10, c_minus_a=12, d_plus_e=16, f_minus_h=20, u_plus_w=24,
                 v_minus_u=24, minus_u=24, minus_s=24, a_minus_c=12, x=24, y=24)


@case("levelled ops on inputs declared by range, signed and unsigned: + and - "
      "constants and clear run-time inputs, both operand orders, scalar "
      "broadcast; results at 10, 12, 16, 20 and 24 bits", wide=True)
def build_wide_levelled_range(g):
    w = g.input("w", [4], range=(0, 1000))
    x = g.input("x", [4], range=(-1000, 3000))
    k = g.input("k", [4], range=(-29000, 29000), encrypted=False)
    y = g.input("y", [4], range=(100000, 500000))
    z = g.input("z", [4], range=(0, 500000))
    s = g.input("s", [2, 3], range=(-4000000, 4000000))
    m = g.input("m", [3], range=(-4000000, 4000000), encrypted=False, ends="down")
    g.output(g.add(w, g.const(23, name="c23"), name="w_plus_23"),
             g.subtract(w, g.const(2000, name="c2000"), name="w_minus_2000"),
             g.add(x, k, name="x_plus_k"), g.subtract(k, x, name="k_minus_x"),
             g.add(y, z, name="y_plus_z"),
             g.subtract(g.const(1000000, name="million"), y, name="million_minus_y"),
             g.add(s, m, name="s_plus_m"), g.subtract(s, m, name="s_minus_m"),
             g.add(s, g.const(-388607, name="shift"), name="s_shifted"))
    check_widths(g, w_plus_23=10, w_minus_2000=12, x_plus_k=16, k_minus_x=16, y_plus_z=20,
                 million_minus_y=20, s_plus_m=24, s_minus_m=24, s_shifted=24)


@case("sum of wide values: 16 uint8 values (12 bits), int16 rows (20 bits), "
      "256 uint16 values (24 bits, rows of the lowest, random and highest "
      "values), keepdims, and the negative of a sum", wide=True)
def build_wide_levelled_sum(g):
    a = g.input("a", [16], dtype="uint8")
    b = g.input("b", [2, 16], dtype="int16")
    lo, hi = dtype_range("uint16")
    c = g.input("c", [3, 256], dtype="uint16",
                value=np.stack([np.full(256, lo), spread(g, [256], lo, hi), np.full(256, hi)]))
    total_b = g.sum(b, axis=1, name="sum_b_rows")
    g.output(g.sum(a, name="sum_a"), total_b,
             g.sum(c, axis=-1, keepdims=True, name="sum_c_rows"),
             g.negative(g.sum(b, name="sum_b"), name="minus_sum_b"))
    check_widths(g, sum_a=12, sum_b_rows=20, sum_c_rows=24, minus_sum_b=22)


@case("multiply of wide values by constants (scalar, negative, row) and by "
      "clear run-time inputs, the clear operand first; results at 10, 16, 20 "
      "and 24 bits", wide=True)
def build_wide_levelled_multiply(g):
    x = g.input("x", [4], dtype="uint8")
    k = g.input("k", [4], dtype="uint8", encrypted=False)
    s = g.input("s", [4], dtype="int12")
    j = g.input("j", [4], range=(-255, 255), encrypted=False,
                value=[255, -255, 17, 255])
    u = g.input("u", [2, 3], dtype="uint12")
    row = g.const([4096, 2048, 1], name="row")
    g.output(g.multiply(x, g.const(3, name="three"), name="x_times_3"),
             g.multiply(x, k, name="x_times_k"), g.multiply(k, x, name="k_times_x"),
             g.multiply(s, j, name="s_times_j"),
             g.multiply(s, g.const(-2048, name="minus_2048"), name="s_times_minus_2048"),
             g.multiply(u, row, name="u_times_row"),
             g.multiply(g.const(4096, name="c4096"), u, name="c4096_times_u"))
    check_widths(g, x_times_3=10, x_times_k=16, k_times_x=16, s_times_j=20,
                 s_times_minus_2048=24, u_times_row=24, c4096_times_u=24)


@case("dot, matmul and conv2d of wide values with constant and clear run-time "
      "weights: results at 12 to 24 bits", wide=True)
def build_wide_levelled_linear(g):
    lo, hi = dtype_range("uint8")
    x = g.input("x", [3, 16], dtype="uint8",
                value=np.stack([np.full(16, lo), spread(g, [16], lo, hi), np.full(16, hi)]))
    weights = g.const([[100, -100, 0]] * 8 + [[100, -100, 1]] * 8, name="weights")
    v = g.input("v", [16], dtype="uint12", value=[4095] * 16)
    r = g.input("r", [8], dtype="uint12")
    k = g.input("k", [8], range=(-128, 127), encrypted=False)
    p = g.input("p", [2, 4], dtype="uint10")
    q = g.input("q", [4, 2], range=(-500, 500), encrypted=False)
    a = g.const([[3, -1], [-2, 4]], name="a")
    image = g.input("image", [1, 1, 4, 4], dtype="uint8")
    filters = g.const([[[[100, -100], [50, 25]]], [[[-128, 127], [127, -128]]]],
                      name="filters")
    bias = g.const([1000, -1000], name="bias")
    g.output(g.matmul(x, weights, name="x_at_weights"),
             g.dot(v, g.const([255] * 16, name="ones_255"), name="v_dot_255"),
             g.dot(r, k, name="r_dot_k"), g.matmul(p, q, name="p_at_q"),
             g.matmul(a, p, name="a_at_p"), g.conv2d(image, filters, bias, name="conv"))
    check_widths(g, x_at_weights=20, v_dot_255=24, r_dot_k=23, p_at_q=22, a_at_p=13,
                 conv=18)


# Programs that were errors while every encrypted value was capped at 9 bits:
# a value wider than any table, computed by levelled ops, returned, and
# brought back to a few bits by a shift.


@case("x in [0, 15] times a clear run-time k in [0, 1000] (14 bits), returned, "
      "and >> 11", wide=True)
def build_wide_product(g):
    x = g.input("x", [4], range=(0, 15))
    k = g.input("k", [4], range=(0, 1000), encrypted=False)
    scaled = g.multiply(x, k, name="scaled")
    g.output(scaled, g.right_shift(scaled, bits=11, name="out"))


@case("x in [-8, 7] times a clear run-time k in [0, 100] (11 bits), returned, "
      "and >> 8", wide=True)
def build_wide_signed_product(g):
    x = g.input("x", [4], range=(-8, 7), value=[-8, 7, -1, 7])
    k = g.input("k", [4], range=(0, 100), encrypted=False, value=[100, 100, 3, 0])
    scaled = g.multiply(x, k, name="scaled")
    g.output(scaled, g.right_shift(scaled, bits=8, name="out"))


@case("the sum of 40 values in [0, 63] (12 bits), returned, and >> 9", wide=True)
def build_wide_sum(g):
    x = g.input("x", [40], range=(0, 63))
    total = g.sum(x, name="total")
    g.output(total, g.right_shift(total, bits=9, name="out"))


@case("matmul of 3 values in [0, 15] with weights of 40 (11 bits), returned, "
      "and >> 8", wide=True)
def build_wide_matmul(g):
    x = g.input("x", [2, 3], range=(0, 15))
    dense = g.matmul(x, g.const([[40], [40], [40]], name="w"), name="dense")
    g.output(dense, g.right_shift(dense, bits=8, name="out"))


@case("product of two encrypted 5-bit values (10 bits: its tables read 6-bit "
      "sums and differences), returned, and >> 7", wide=True)
def build_wide_encrypted_product(g):
    x = g.input("x", [3], range=(0, 31), value=[0, 17, 31])
    y = g.input("y", [3], range=(0, 31), value=[9, 31, 31])
    product = g.multiply(x, y, name="product")
    g.output(product, g.right_shift(product, bits=7, name="out"))
    check_widths(g, product=10)


# Exact rounding of wide values: the low bits are cleared by small
# bootstraps whatever the width; the outputs are the narrow quotients (and a
# rounded value at its scale), the tables after a rounding read the quotient
# (a rounding that a table reads has no other reader here). The inputs
# include the values just below and at each rounding boundary.


@case("round_bits of a 12-bit unsigned and a 16-bit signed value (8 and 10 "
      "low bits, ties rounding up, as the formula does; the signed range keeps "
      "the rounded values within 16 bits)", wide=True)
def build_wide_round_bits(g):
    u = g.input("u", [8], dtype="uint12", value=[0, 127, 128, 383, 384, 2000, 4031, 4095])
    s = g.input("s", [8], range=(-32000, 32000),
                value=[-32000, -31233, -31232, -513, -512, 511, 512, 32000])
    g.output(g.round_bits(u, lsbs=8, name="u_round_8"),
             g.round_bits(s, lsbs=10, name="s_round_10"))


@case("right_shift of 12- and 16-bit values, signed (arithmetic) and unsigned, "
      "to 4 and 5 bits", wide=True)
def build_wide_right_shift(g):
    u = g.input("u", [6], dtype="uint16", value=[0, 2047, 2048, 30000, 63487, 65535])
    s = g.input("s", [8], dtype="int12", value=[-2048, -129, -128, -1, 0, 127, 128, 2047])
    t = g.input("t", [6], dtype="int16", value=[-32768, -4097, -4096, -1, 4095, 32767])
    g.output(g.right_shift(u, bits=11, name="u_shr_11"),
             g.right_shift(s, bits=7, name="s_shr_7"),
             g.right_shift(t, bits=12, name="t_shr_12"))


@case("floor_divide of 12- and 16-bit values by powers of two (numpy floors "
      "negative quotients)", wide=True)
def build_wide_floor_divide(g):
    u = g.input("u", [6], dtype="uint12", value=[0, 255, 256, 2000, 3840, 4095])
    s = g.input("s", [8], dtype="int16",
                value=[-32768, -2049, -2048, -2047, -1, 0, 2048, 32767])
    g.output(g.floor_divide(u, divisor=256, name="u_div_256"),
             g.floor_divide(s, divisor=2048, name="s_div_2048"))


@case("a table after the rounding of a wide value: relu of a 12-bit value >> 8, "
      "clip of a 16-bit value // 4096, lut of round_bits(16-bit, 12) >> 12",
      wide=True)
def build_wide_rounding_then_table(g):
    s = g.input("s", [6], dtype="int12", value=[-2048, -257, -256, -1, 256, 2047])
    u = g.input("u", [6], dtype="uint16", value=[0, 8191, 8192, 40000, 53248, 65535])
    t = g.input("t", [6], range=(-30000, 30000), value=[-30000, -2049, -2048, 2047, 2048, 30000])
    rounded = g.round_bits(t, lsbs=12, name="t_round_12")
    g.output(g.relu(g.right_shift(s, bits=8, name="s_shr_8"), name="relu_s_shr_8"),
             g.clip(g.floor_divide(u, divisor=4096, name="u_div_4096"), min=2, max=12,
                    name="clip_u_div_4096"),
             g.lut(g.right_shift(rounded, bits=12, name="t_quotient"),
                   table=[5, -3, 0, 7, 1, -6, 2, 4, -1, 3, 6, -2, 0, -5, 1, 2, 7],
                   offset=-8, name="lut_t_quotient"))


@case("x + (x >> k): a quotient levelled with the value it divides (the "
      "compiler re-encodes it through a table): unsigned and signed 12-bit x "
      "with k = 8 (13-bit results), and x + (x >> 3) for x in [0, 127]", wide=True)
def build_wide_add_own_quotient(g):
    u = g.input("u", [6], dtype="uint12", value=[0, 255, 256, 1000, 3840, 4095])
    s = g.input("s", [6], dtype="int12", value=[-2048, -257, -256, -1, 256, 2047])
    x = g.input("x", [6], range=(0, 127), value=[0, 7, 8, 100, 120, 127])
    g.output(g.add(u, g.right_shift(u, bits=8, name="u_shr_8"), name="u_plus_quotient"),
             g.add(s, g.right_shift(s, bits=8, name="s_shr_8"), name="s_plus_quotient"),
             g.add(x, g.right_shift(x, bits=3, name="x_shr_3"), name="x_plus_quotient"))
    check_widths(g, u_plus_quotient=13, s_plus_quotient=13, x_plus_quotient=8)


@case("a quantized layer: 64 inputs in [0, 15] @ 64x32 weights in [-7, 7] + "
      "bias (a 13-bit accumulator), round_bits and right_shift to 5 bits, relu, "
      "clip, @ 32x10 weights + bias: 10 scores per row, exact", wide=True)
def build_wide_quantized_layer(g):
    g.program_name = "quantized_layer"
    rng = np.random.default_rng(20261207)
    x = g.input("x", [2, 64], range=(0, 15),
                value=np.stack([np.full(64, 15), rng.integers(0, 16, 64)]))
    w1 = g.const(rng.integers(-7, 8, (64, 32)).tolist(), name="w1")
    b1 = g.const(rng.integers(-100, 101, 32).tolist(), name="b1")
    w2 = g.const(rng.integers(-7, 8, (32, 10)).tolist(), name="w2")
    b2 = g.const(rng.integers(-50, 51, 10).tolist(), name="b2")
    accumulator = g.add(g.matmul(x, w1, name="x_at_w1"), b1, name="accumulator")
    rounded = g.round_bits(accumulator, lsbs=8, name="rounded")
    hidden = g.clip(g.relu(g.right_shift(rounded, bits=8, name="quotient"),
                           name="activation"), min=0, max=7, name="hidden")
    g.output(g.add(g.matmul(hidden, w2, name="h_at_w2"), b2, name="scores"))
    check_widths(g, accumulator=13, quotient=5)


@case("approximate round_bits of 12- and 16-bit values (each result may be the "
      "neighbouring multiple of 2^lsbs: `tolerance`; the signed ranges keep "
      "the neighbours within 16 bits), returned, then >> lsbs, and relu of "
      "one (a table that rounds the quotient)", wide=True)
def build_wide_round_bits_approximate(g):
    u = g.input("u", [6], dtype="uint12", value=[0, 100, 127, 128, 2000, 4095])
    s = g.input("s", [6], range=(-26000, 26000),
                value=[-26000, -2049, -2048, 2047, 20000, 26000])
    t = g.input("t", [6], range=(-26000, 26000), value=[-26000, -6145, -1, 1, 6143, 26000])
    u_round = g.round_bits(u, lsbs=8, exactness="approximate", name="u_round_8")
    s_round = g.round_bits(s, lsbs=12, exactness="approximate", name="s_round_12")
    t_round = g.round_bits(t, lsbs=12, exactness="approximate", name="t_round_12")
    g.output(u_round, g.right_shift(u_round, bits=8, name="u_quotient"), s_round,
             g.relu(t_round, name="relu_t_round_12"))
    g.tolerance = {"u_round_8": 256, "u_quotient": 1, "s_round_12": 4096,
                   "relu_t_round_12": 4096}


# The program of the client/server test (Inputs/client_server.json), and a
# program with another signature whose arguments must be refused by it.


@case("client/server: encrypted * encrypted, relu with a clear run-time "
      "input, a lookup table", width_budget=4)
def build_client_server(g):
    x = g.input("x", [4], range=(0, 3), value=[0, 1, 2, 3])
    y = g.input("y", [4], range=(0, 1), value=[1, 0, 1, 1])
    k = g.input("k", [4], range=(-1, 1), encrypted=False, value=[-1, 0, 1, 1])
    shifted = g.add(g.subtract(x, y, name="x_minus_y"), k, name="shifted")
    g.output(g.multiply(x, y, name="product"), g.relu(shifted, name="rectified"),
             g.lut(x, table=[3, -1, 0, 2], name="mapped"))


@case("client/server: another signature", width_budget=4)
def build_client_server_other(g):
    x = g.input("x", [3], range=(0, 3))
    g.output(g.lut(x, table=[1, 0, 3, 2], name="mapped"))

# --- Error cases: one per rule of the contract. Each names the substrings the
# error line must contain: the offending input, node, op, attribute, option or
# file, and the contract's word for what is wrong where there is one.


def base_program():
    """A small valid program that the document error cases break."""
    return {"format": "shade-graph", "version": 1, "name": "base",
            "inputs": [{"name": "pixels", "shape": [4], "range": [0, 7]}],
            "nodes": [{"name": "offset_one", "op": "constant", "value": 1},
                      {"name": "shifted", "op": "add", "args": ["pixels", "offset_one"]}],
            "outputs": ["shifted"]}


BASE_INPUTS = {"pixels": [0, 3, 5, 7]}


def broken(edit):
    program = base_program()
    edit(program)
    return program


def compile_error(name, description, error, program, inputs=BASE_INPUTS):
    error_case(name, description, error, "compile", program=program, inputs=inputs)


def node_error(name, description, error, nodes, inputs=None, input_specs=None):
    """A program whose input specs and nodes are given; the last node is the
    output."""
    program = {"format": "shade-graph", "version": 1,
               "inputs": input_specs or [{"name": "pixels", "shape": [4], "range": [0, 7]}],
               "nodes": nodes, "outputs": [nodes[-1]["name"]]}
    compile_error(name, description, error, program, inputs or BASE_INPUTS)


def set_field(key, value):
    return lambda program: program.update({key: value})


def drop_field(key):
    return lambda program: program.pop(key)


def set_input_field(key, value):
    return lambda program: program["inputs"][0].update({key: value})


def drop_input_field(key):
    return lambda program: program["inputs"][0].pop(key)


# The document.
compile_error("error_format_missing", "'format' is required", ["format"],
              broken(drop_field("format")))
compile_error("error_format_wrong", "'format' must be exactly shade-graph", ["format"],
              broken(set_field("format", "shade-graf")))
compile_error("error_version_missing", "'version' is required", ["version"],
              broken(drop_field("version")))
compile_error("error_version_wrong", "'version' must be exactly 1", ["version"],
              broken(set_field("version", 2)))
compile_error("error_version_string", "'version' is the integer 1, not a string",
              ["version"], broken(set_field("version", "1")))
compile_error("error_document_not_object", "a graph file is a JSON object (names the file)",
              ["program.json"], [base_program()])
error_case("error_program_malformed_json", "a graph file that is not JSON (names the file)",
           ["program.json"], "compile",
           program_text='{"format": "shade-graph", "version": 1, "inputs": [', inputs=BASE_INPUTS)

# Names.
compile_error("error_duplicate_node_names", "two nodes with one name", ["twin"],
              broken(lambda p: p["nodes"].extend([
                  {"name": "twin", "op": "relu", "args": ["pixels"]},
                  {"name": "twin", "op": "negative", "args": ["pixels"]}])))
compile_error("error_duplicate_input_names", "two inputs with one name", ["twin"],
              broken(lambda p: p["inputs"].extend([
                  {"name": "twin", "shape": [1], "range": [0, 1]},
                  {"name": "twin", "shape": [1], "range": [0, 1]}])),
              dict(BASE_INPUTS, twin=[1]))
compile_error("error_input_node_same_name", "an input and a node with one name", ["pixels"],
              broken(lambda p: p["nodes"].append(
                  {"name": "pixels", "op": "constant", "value": 2})))
compile_error("error_input_name_syntax", "an input name must match [A-Za-z_][A-Za-z0-9_.]*",
              ["2x"], broken(lambda p: p["inputs"].append(
                  {"name": "2x", "shape": [1], "range": [0, 1]})),
              dict(BASE_INPUTS, **{"2x": [0]}))
compile_error("error_node_name_syntax", "a node name must match [A-Za-z_][A-Za-z0-9_.]*",
              ["bad-name"], broken(lambda p: p["nodes"].append(
                  {"name": "bad-name", "op": "relu", "args": ["pixels"]})))
compile_error("error_arg_names_later_node", "args name only inputs or earlier nodes",
              ["early", "late"], broken(lambda p: p["nodes"].extend([
                  {"name": "early", "op": "relu", "args": ["late"]},
                  {"name": "late", "op": "negative", "args": ["pixels"]}])))
compile_error("error_arg_dangling", "an argument that names nothing", ["shifted", "nowhere"],
              broken(lambda p: p["nodes"][1].update(args=["pixels", "nowhere"])))
compile_error("error_input_without_name", "an input without a name", ["name"],
              broken(drop_input_field("name")))

# Outputs.
compile_error("error_outputs_empty", "'outputs' lists one or more names", ["outputs"],
              broken(set_field("outputs", [])))
compile_error("error_outputs_missing", "'outputs' is required", ["outputs"],
              broken(drop_field("outputs")))
compile_error("error_outputs_unknown_name", "an output that names nothing", ["ghost"],
              broken(set_field("outputs", ["shifted", "ghost"])))
compile_error("error_outputs_not_names", "'outputs' holds names", ["outputs"],
              broken(set_field("outputs", [7])))

# Input declarations.
for _name, _shape in (("negative", [-4]), ("zero", [0]), ("not_list", 4),
                      ("not_integers", [2.5])):
    compile_error("error_shape_" + _name, "a shape is a list of positive integers",
                  ["pixels", "shape"], broken(set_input_field("shape", _shape)))
compile_error("error_shape_missing", "an input without a shape", ["pixels", "shape"],
              broken(drop_input_field("shape")))
compile_error("error_range_and_dtype", "exactly one of range and dtype: both given",
              ["pixels", "range", "dtype"], broken(set_input_field("dtype", "uint3")))
compile_error("error_range_nor_dtype", "exactly one of range and dtype: neither given",
              ["pixels", "range", "dtype"], broken(drop_input_field("range")))
compile_error("error_range_lo_above_hi", "a range has lo <= hi", ["pixels", "range"],
              broken(set_input_field("range", [7, 0])))
compile_error("error_range_one_bound", "a range is [lo, hi]", ["pixels", "range"],
              broken(set_input_field("range", [0])))
compile_error("error_range_not_integers", "range bounds are integers", ["pixels", "range"],
              broken(set_input_field("range", [0, 7.5])))
for _name, _dtype in (("float", "float32"), ("no_width", "int"), ("unknown", "u8")):
    compile_error("error_dtype_" + _name, "dtype is uintN or intN", ["pixels", "dtype"],
                  broken(lambda p, d=_dtype: (p["inputs"][0].pop("range"),
                                              p["inputs"][0].update(dtype=d))))
compile_error("error_encrypted_not_boolean", "'encrypted' is true or false",
              ["pixels", "encrypted"], broken(set_input_field("encrypted", "yes")))

# Nodes and ops.
compile_error("error_unknown_op", "an op the format does not define", ["shifted", "frobnicate"],
              broken(lambda p: p["nodes"][1].update(op="frobnicate")))
compile_error("error_node_without_op", "a node without an op", ["shifted", "op"],
              broken(lambda p: p["nodes"][1].pop("op")))
compile_error("error_args_not_list", "'args' is a list of names", ["shifted", "args"],
              broken(lambda p: p["nodes"][1].update(args="pixels")))
node_error("error_add_one_arg", "add takes two arguments", ["lonely"],
           [{"name": "lonely", "op": "add", "args": ["pixels"]}])
node_error("error_relu_two_args", "relu takes one argument", ["greedy"],
           [{"name": "greedy", "op": "relu", "args": ["pixels", "pixels"]}])
node_error("error_constant_with_args", "a constant takes no argument", ["konst"],
           [{"name": "konst", "op": "constant", "args": ["pixels"], "value": 1},
            {"name": "total", "op": "add", "args": ["pixels", "konst"]}])

# Missing attributes.
MISSING_ATTRIBUTES = [
    ("floor_divide", "divisor", {}),
    ("lut", "table", {"offset": 0}),
    ("reshape", "shape", {}),
    ("broadcast_to", "shape", {}),
    ("left_shift", "bits", {}),
    ("right_shift", "bits", {}),
    ("round_bits", "lsbs", {}),
    ("expand_dims", "axis", {}),
]
for _op, _attribute, _others in MISSING_ATTRIBUTES:
    node_error("error_%s_missing_%s" % (_op, _attribute), "%s requires '%s'" % (_op, _attribute),
               ["node_" + _op, _attribute],
               [dict({"name": "node_" + _op, "op": _op, "args": ["pixels"]}, **_others)])
node_error("error_constant_missing_value", "constant requires 'value'", ["konst", "value"],
           [{"name": "konst", "op": "constant"},
            {"name": "total", "op": "add", "args": ["pixels", "konst"]}])
node_error("error_maxpool2d_missing_kernel", "maxpool2d requires 'kernel'", ["pool", "kernel"],
           [{"name": "pool", "op": "maxpool2d", "args": ["image"]}],
           {"image": [[[[1, 2], [3, 4]]]]},
           [{"name": "image", "shape": [1, 1, 2, 2], "range": [0, 7]}])

# Bad attribute values.
BAD_ATTRIBUTES = [
    ("floor_divide_by_zero", "floor_divide", {"divisor": 0}, "divisor", "division by zero"),
    ("floor_divide_divisor_string", "floor_divide", {"divisor": "2"}, "divisor",
     "a divisor is an integer"),
    ("left_shift_negative_bits", "left_shift", {"bits": -1}, "bits", "bits >= 0"),
    ("right_shift_negative_bits", "right_shift", {"bits": -2}, "bits", "bits >= 0"),
    ("round_bits_zero_lsbs", "round_bits", {"lsbs": 0}, "lsbs", "lsbs >= 1"),
    ("round_bits_negative_lsbs", "round_bits", {"lsbs": -1}, "lsbs", "lsbs >= 1"),
    ("lut_table_not_list", "lut", {"table": 3}, "table", "a table is a list of integers"),
    ("lut_table_not_integers", "lut", {"table": [0, 1, 2.5, 3, 4, 5, 6, 7]}, "table",
     "a table is a list of integers"),
    ("lut_offset_not_integer", "lut", {"table": [0, 1, 2, 3, 4, 5, 6, 7], "offset": "0"},
     "offset", "an offset is an integer"),
    ("sum_axis_out_of_range", "sum", {"axis": 1}, "axis", "an axis of a 1-D tensor"),
    ("sum_keepdims_not_boolean", "sum", {"keepdims": "yes"}, "keepdims",
     "keepdims is true or false"),
    ("transpose_axes_not_permutation", "transpose", {"axes": [0, 0]}, None,
     "axes is a permutation of the dimensions"),
    ("expand_dims_axis_out_of_range", "expand_dims", {"axis": 3}, "axis",
     "an axis of the result"),
    ("concatenate_axis_out_of_range", "concatenate", {"axis": 2}, "axis",
     "an axis of the operands"),
]
for _name, _op, _attrs, _attribute, _rule in BAD_ATTRIBUTES:
    node_error("error_" + _name, "%s: %s" % (_op, _rule),
               ["node_" + _op] + ([_attribute] if _attribute else []),
               [dict({"name": "node_" + _op, "op": _op, "args": ["pixels"]}, **_attrs)])

node_error("error_lut_index_past_table", "x in [0, 7] reaches past a table of 6 entries",
           ["lookup"], [{"name": "lookup", "op": "lut", "args": ["pixels"],
                         "table": [0, 1, 2, 3, 4, 5]}])
node_error("error_lut_index_below_table", "x - offset in [-1, 6] reaches below the table",
           ["lookup"], [{"name": "lookup", "op": "lut", "args": ["pixels"], "offset": 1,
                         "table": [0, 1, 2, 3, 4, 5, 6, 7]}])
node_error("error_lut_empty_table", "an empty table", ["lookup", "table"],
           [{"name": "lookup", "op": "lut", "args": ["pixels"], "table": []}])

# Shapes.
SHAPE_ERRORS = [
    ("add_broadcast_mismatch", "shapes [4] and [3] do not broadcast",
     [{"name": "three", "op": "constant", "value": [1, 2, 3]},
      {"name": "mismatch", "op": "add", "args": ["pixels", "three"]}]),
    ("multiply_enc_enc_broadcast_mismatch", "encrypted [4] * encrypted [2, 2]",
     [{"name": "square", "op": "reshape", "args": ["pixels"], "shape": [2, 2]},
      {"name": "mismatch", "op": "multiply", "args": ["pixels", "square"]},
      {"name": "relu_mismatch", "op": "relu", "args": ["mismatch"]}]),
    ("matmul_inner_mismatch", "matmul of [2, 2] by [3, 2]",
     [{"name": "square", "op": "reshape", "args": ["pixels"], "shape": [2, 2]},
      {"name": "w", "op": "constant", "value": [[1, 0], [0, 1], [1, 1]]},
      {"name": "mismatch", "op": "matmul", "args": ["square", "w"]}]),
    ("matmul_vector_mismatch", "matmul of [4] by [3, 2]",
     [{"name": "w", "op": "constant", "value": [[1, 0], [0, 1], [1, 1]]},
      {"name": "mismatch", "op": "matmul", "args": ["pixels", "w"]}]),
    ("matmul_scalar", "matmul does not take a scalar",
     [{"name": "two", "op": "constant", "value": 2},
      {"name": "mismatch", "op": "matmul", "args": ["pixels", "two"]}]),
    ("dot_length_mismatch", "dot of vectors of lengths 4 and 3",
     [{"name": "three", "op": "constant", "value": [1, 2, 3]},
      {"name": "mismatch", "op": "dot", "args": ["pixels", "three"]}]),
    ("dot_not_vectors", "dot takes two 1-D tensors",
     [{"name": "square", "op": "reshape", "args": ["pixels"], "shape": [2, 2]},
      {"name": "two", "op": "constant", "value": [1, 2]},
      {"name": "mismatch", "op": "dot", "args": ["square", "two"]}]),
    ("reshape_size_mismatch", "4 elements do not reshape to [3, 3]",
     [{"name": "mismatch", "op": "reshape", "args": ["pixels"], "shape": [3, 3]}]),
    ("reshape_two_unknown", "only one entry of the shape may be -1",
     [{"name": "mismatch", "op": "reshape", "args": ["pixels"], "shape": [-1, -1]}]),
    ("broadcast_to_incompatible", "[4] does not broadcast to [2, 3]",
     [{"name": "mismatch", "op": "broadcast_to", "args": ["pixels"], "shape": [2, 3]}]),
    ("concatenate_shape_mismatch", "[2, 2] and [1, 3] along axis 0",
     [{"name": "square", "op": "reshape", "args": ["pixels"], "shape": [2, 2]},
      {"name": "row", "op": "constant", "value": [[1, 2, 3]]},
      {"name": "mismatch", "op": "concatenate", "args": ["square", "row"]}]),
    ("squeeze_axis_not_one", "squeeze of an axis of size 4",
     [{"name": "mismatch", "op": "squeeze", "args": ["pixels"], "axis": 0}]),
    ("slice_zero_step", "a step of 0",
     [{"name": "mismatch", "op": "slice", "args": ["pixels"], "starts": [None],
       "stops": [None], "steps": [0]}]),
    ("slice_too_many_axes", "two slice entries for a 1-D tensor",
     [{"name": "mismatch", "op": "slice", "args": ["pixels"], "starts": [0, 0],
       "stops": [2, 2], "steps": [1, 1]}]),
]
for _name, _rule, _nodes in SHAPE_ERRORS:
    node_error("error_" + _name, _rule, ["mismatch"], _nodes)

IMAGE = [{"name": "image", "shape": [1, 3, 4, 4], "range": [0, 3]}]
IMAGE_VALUE = {"image": [[[[(c + h + w) % 4 for w in range(4)] for h in range(4)]
                          for c in range(3)]]}


def conv_error(name, rule, error, weight, attrs=None, bias=None):
    nodes = [{"name": "w", "op": "constant", "value": weight}]
    args = ["image", "w"]
    if bias is not None:
        nodes.append({"name": "b", "op": "constant", "value": bias})
        args.append("b")
    nodes.append(dict({"name": "conv", "op": "conv2d", "args": args}, **(attrs or {})))
    node_error("error_" + name, rule, error, nodes, IMAGE_VALUE, IMAGE)


def filters(f, c, k):
    return [[[[1] * k] * k] * c] * f


conv_error("conv2d_channel_mismatch", "3 input channels, weight of 2 channels, group 1",
           ["conv"], filters(2, 2, 2))
conv_error("conv2d_group_not_dividing_channels", "group 2 does not divide 3 channels",
           ["conv", "group"], filters(2, 1, 2), {"group": 2})
conv_error("conv2d_group_channel_mismatch", "group 3 needs weights of 1 channel",
           ["conv"], filters(3, 3, 2), {"group": 3})
conv_error("conv2d_bias_length", "3 bias values for 2 filters", ["conv", "bias"],
           filters(2, 3, 2), bias=[1, 2, 3])
conv_error("conv2d_strides_length", "strides has two entries", ["conv", "strides"],
           filters(1, 3, 2), {"strides": [1]})
conv_error("conv2d_pads_length", "pads has four entries", ["conv", "pads"],
           filters(1, 3, 2), {"pads": [1, 1]})
conv_error("conv2d_kernel_larger_than_input", "a 5x5 kernel on a 4x4 image", ["conv"],
           filters(1, 3, 5))
node_error("error_conv2d_input_rank", "conv2d input is N x C x H x W", ["conv"],
           [{"name": "w", "op": "constant", "value": filters(1, 1, 2)},
            {"name": "conv", "op": "conv2d", "args": ["pixels", "w"]}])
node_error("error_maxpool2d_kernel_larger_than_input", "a 5x5 window on a 4x4 image",
           ["pool"], [{"name": "pool", "op": "maxpool2d", "args": ["image"],
                       "kernel": [5, 5]}], IMAGE_VALUE, IMAGE)
node_error("error_constant_ragged", "a constant is a rectangular nested list",
           ["konst", "value"], [{"name": "konst", "op": "constant", "value": [[1, 2], [3]]},
                                {"name": "total", "op": "add", "args": ["pixels", "konst"]}])
node_error("error_constant_not_integer", "constants are integers", ["konst", "value"],
           [{"name": "konst", "op": "constant", "value": [1, 2.5, 3, 4]},
            {"name": "total", "op": "add", "args": ["pixels", "konst"]}])


# Values wider than Shade can evaluate: the error names the node (or input)
# and the width it would need, computed here with the tracer's intervals.
# - A lookup table reads at most CONTRACT_WIDTH = 16 bits under the contract
#   (Shade: 9 bits today), so the tables of these cases read values of more
#   than 16 bits, which stay errors when Shade's tables widen. The value a
#   table reads combines two encrypted inputs, so that no compiler can fold
#   it into a table of one narrow input, and spans negative and positive
#   values, so that the table is not the identity.
# - A levelled value (and an encrypted input) is at most MAX_LEVELLED_WIDTH =
#   62 bits wide in Shade.
# Every other value of these programs is within the contract.
def too_wide(name, description, build, node, check_width=True):
    """A program whose node `node` is too wide: its table reads more than
    16 bits (every other value is within the contract, every other table
    narrow), or it is a value of more than 62 bits (every other value at
    most 62 bits). Returns the program and its inputs."""
    g = Graph(name)
    build(g)
    tensor = g.tensors[node]
    reads = g.node_reads[node]
    if reads:
        width = width_of(min(lo for lo, _ in reads), max(hi for _, hi in reads))
        assert width > CONTRACT_WIDTH, name
        what = "a table reads %d bits" % width
    else:
        width = tensor.width
        assert width > MAX_LEVELLED_WIDTH, name
        what = "%d bits" % width
    others = [t for t in g.tensors.values() if t.encrypted and t.name != node]
    if reads:
        assert not g.table_width_except(node) > MAX_WIDTH, name
        assert all(t.width <= (CONTRACT_LEVELLED_WIDTH if t.levelled else CONTRACT_WIDTH)
                   for t in others), name
    else:
        assert all(t.width <= MAX_LEVELLED_WIDTH for t in others), name
    error = [node, "%d bits" % width] if check_width else [node]
    compile_error(name, "%s (%s)" % (description, what), error, g.program(), g.values)
    return g.program(), g.values


def wide_difference_relu(g):
    x = g.input("x", [4], dtype="int20")
    y = g.input("y", [4], dtype="int20", ends="down")
    g.output(g.relu(g.subtract(x, y, name="difference"), name="rectified"))


def wide_comparison(g):
    x = g.input("x", [4], range=(-100000, 100000))
    y = g.input("y", [4], range=(0, 100000), ends="down")
    g.output(g.less(x, y, name="x_lt_y"))


def wide_encrypted_product(g):
    x = g.input("x", [4], dtype="int19")
    y = g.input("y", [4], dtype="int19", ends="down")
    g.output(g.multiply(x, y, name="product"))


def wide_levelled_product(g):
    x = g.input("x", [4], range=(0, 3))
    g.output(g.multiply(x, g.const(2 ** 61, name="two_61"), name="scaled"))


def wide_levelled_sum(g):
    x = g.input("x", [4], dtype="uint61")
    g.output(g.sum(x, name="total"))


WIDE_PROGRAM = too_wide("error_too_wide_lookup",
                        "relu of the difference of two int20 inputs", wide_difference_relu,
                        "rectified")
too_wide("error_too_wide_comparison", "less of x in [-100000, 100000] and y in [0, 100000]",
         wide_comparison, "x_lt_y")
too_wide("error_too_wide_encrypted_product", "product of two encrypted int19 values",
         wide_encrypted_product, "product", check_width=False)
too_wide("error_too_wide_levelled_product", "x in [0, 3] times a constant 2^61",
         wide_levelled_product, "scaled")
too_wide("error_too_wide_levelled_sum", "the sum of four uint61 values",
         wide_levelled_sum, "total")
compile_error("error_input_too_wide_dtype", "an encrypted input declared uint63 (63 bits)",
              ["pixels", "63 bits"],
              broken(lambda p: (p["inputs"][0].pop("range"),
                                p["inputs"][0].update(dtype="uint63"))))
compile_error("error_input_too_wide_range",
              "an encrypted input whose range [-2^62 - 1, 2^62] needs 64 bits",
              ["pixels", "64 bits"],
              broken(set_input_field("range", [-2 ** 62 - 1, 2 ** 62])))


# Values at run time: the program is valid, the values are not.
def runtime_program():
    g = Graph("runtime")
    x = g.input("pixels", [4], range=(0, 7))
    k = g.input("gain", [4], range=(-2, 2), encrypted=False)
    t = g.input("temperature", [], range=(-4, 3))
    g.output(g.add(g.add(x, k, name="lit"), t, name="warm"))
    return g.program()


RUNTIME_INPUTS = {"pixels": [0, 3, 5, 7], "gain": [-2, 0, 1, 2], "temperature": -1}


def run_error(name, description, error, inputs=None, inputs_text=None):
    fields = {"program": runtime_program()}
    if inputs_text is None:
        fields["inputs"] = inputs
    else:
        fields["inputs_text"] = inputs_text
    error_case(name, description, error, "run", **fields)


def with_value(name, value):
    return dict(RUNTIME_INPUTS, **{name: value})


run_error("error_value_above_range", "an encrypted value above its declared range",
          ["pixels"], with_value("pixels", [0, 3, 8, 7]))
run_error("error_value_below_range", "a signed scalar below its declared range",
          ["temperature"], with_value("temperature", -5))
run_error("error_clear_value_outside_range", "a clear run-time value outside its range",
          ["gain"], with_value("gain", [0, 3, 0, 0]))
run_error("error_value_wrong_length", "a value of shape [3] for shape [4]", ["pixels"],
          with_value("pixels", [1, 2, 3]))
run_error("error_value_wrong_rank", "a value of shape [2, 2] for shape [4]", ["pixels"],
          with_value("pixels", [[1, 2], [3, 4]]))
run_error("error_value_scalar_for_tensor", "an integer for shape [4]", ["pixels"],
          with_value("pixels", 3))
run_error("error_value_tensor_for_scalar", "a list for shape []", ["temperature"],
          with_value("temperature", [1]))
run_error("error_value_not_integer", "a fraction in a value", ["pixels"],
          with_value("pixels", [1, 2.5, 3, 4]))
run_error("error_value_string", "a string in a value", ["gain"],
          with_value("gain", [0, "1", 0, 0]))
run_error("error_value_missing_input", "no value for an input", ["gain"],
          {k: v for k, v in RUNTIME_INPUTS.items() if k != "gain"})
run_error("error_value_unknown_input", "a value for no input", ["bogus_input"],
          with_value("bogus_input", [1]))
run_error("error_values_malformed_json", "a values file that is not JSON (names the file)",
          ["inputs.json"], inputs_text='{"pixels": [0, 3, 5, 7], "gain": [')
run_error("error_values_not_object", "a values file is a JSON object (names the file)",
          ["inputs.json"], inputs_text="[0, 3, 5, 7]")


# The command line (cli.md). `{program}`, `{inputs}` and `{work}` are replaced
# by the runner; the work directory is the command's working directory.
def cli_error(name, description, error, command, program=None, inputs=None, **fields):
    error_case(name, description, error, "cli", program=program or runtime_program(),
               inputs=RUNTIME_INPUTS if inputs is None else inputs, command=command, **fields)


RUN = ["run", "{program}", "--inputs", "{inputs}"]
COMPILE_KEYGEN = [
    {"shadec": ["compile", "{program}", "-o", "{work}/artifact"]},
    {"shadec": ["keygen", "{work}/artifact", "--secret-key", "{work}/client.sk",
                "--eval-key", "{work}/server.ek"]},
]

cli_error("error_cli_unknown_verb", "a verb that does not exist", ["transmogrify"],
          ["transmogrify", "{program}"])
cli_error("error_cli_unknown_option", "an option that does not exist", ["frobnicate"],
          RUN + ["--frobnicate"])
cli_error("error_cli_missing_program_file", "a program file that does not exist",
          ["missing_program.json"], ["run", "{work}/missing_program.json", "--inputs", "{inputs}"])
cli_error("error_cli_missing_values_file", "a values file that does not exist",
          ["missing_inputs.json"], ["run", "{program}", "--inputs", "{work}/missing_inputs.json"])
cli_error("error_cli_run_without_inputs", "run needs --inputs", ["inputs"], ["run", "{program}"])
cli_error("error_cli_security_bits_80", "only 128-bit security is supported",
          ["security", "80"], RUN + ["--security-bits=80"])
cli_error("error_cli_security_bits_compile", "compile refuses other security levels too",
          ["security", "192"], ["compile", "{program}", "--emit=params", "--security-bits=192"])
cli_error("error_cli_p_error_above_one", "--p-error is a probability", ["p-error"],
          RUN + ["--p-error=2"])
cli_error("error_cli_p_error_negative", "--p-error is a probability", ["p-error"],
          RUN + ["--p-error=-0.5"])
cli_error("error_cli_p_error_not_number", "--p-error is a number", ["p-error"],
          RUN + ["--p-error=often"])
cli_error("error_cli_threads_not_number", "--threads is a number", ["threads"],
          RUN + ["--threads=many"])
cli_error("error_cli_unknown_stage", "--emit names a stage", ["bytecode"],
          ["compile", "{program}", "--emit=bytecode"])
cli_error("error_cli_compile_output_invalid_program",
          "compile -o of an invalid program leaves no artifact", ["frobnicate"],
          ["compile", "{program}", "-o", "{work}/artifact"],
          program=broken(lambda p: p["nodes"][1].update(op="frobnicate")),
          absent=["{work}/artifact"])
cli_error("error_cli_compile_output_too_wide",
          "compile -o of a program too wide to evaluate (a table on 21 bits) leaves no "
          "artifact", ["rectified", "21 bits"],
          ["compile", "{program}", "-o", "{work}/artifact"],
          program=WIDE_PROGRAM[0], inputs=WIDE_PROGRAM[1],
          absent=["{work}/artifact"])
cli_error("error_cli_keygen_missing_artifact", "keygen of an artifact that does not exist",
          ["no_artifact"], ["keygen", "{work}/no_artifact", "--secret-key", "{work}/client.sk",
                            "--eval-key", "{work}/server.ek"],
          absent=["{work}/client.sk", "{work}/server.ek"])
cli_error("error_cli_encrypt_value_outside_range",
          "encrypt refuses a value outside its range and leaves no arguments file",
          ["pixels"], ["encrypt", "{work}/artifact", "--secret-key", "{work}/client.sk",
                       "--inputs", "{inputs}", "-o", "{work}/call.args"],
          inputs=with_value("pixels", [0, 3, 9, 7]), setup=COMPILE_KEYGEN,
          absent=["{work}/call.args"])
cli_error("error_cli_encrypt_missing_input",
          "encrypt refuses values without an input and leaves no arguments file",
          ["gain"], ["encrypt", "{work}/artifact", "--secret-key", "{work}/client.sk",
                     "--inputs", "{inputs}", "-o", "{work}/call.args"],
          inputs={k: v for k, v in RUNTIME_INPUTS.items() if k != "gain"},
          setup=COMPILE_KEYGEN, absent=["{work}/call.args"])
cli_error("error_cli_execute_garbage_args",
          "execute refuses an arguments file that is not one and leaves no results",
          ["garbage.args"], ["execute", "{work}/artifact", "--eval-key", "{work}/server.ek",
                             "--args", "{work}/garbage.args", "-o", "{work}/call.results"],
          setup=COMPILE_KEYGEN + [{"write": "{work}/garbage.args",
                                   "text": "these are not ciphertexts\n"}],
          absent=["{work}/call.results"])
cli_error("error_cli_execute_missing_eval_key",
          "execute without its evaluation key file leaves no results", ["missing.ek"],
          ["execute", "{work}/artifact", "--eval-key", "{work}/missing.ek",
           "--args", "{work}/call.args", "-o", "{work}/call.results"],
          setup=COMPILE_KEYGEN + [{"shadec": [
              "encrypt", "{work}/artifact", "--secret-key", "{work}/client.sk",
              "--inputs", "{inputs}", "-o", "{work}/call.args"]}],
          absent=["{work}/call.results"])
cli_error("error_cli_decrypt_garbage_results", "decrypt refuses a results file that is not one",
          ["garbage.results"], ["decrypt", "{work}/artifact", "--secret-key", "{work}/client.sk",
                                "{work}/garbage.results"],
          setup=COMPILE_KEYGEN + [{"write": "{work}/garbage.results",
                                   "text": "{\"warm\": [1, 2, 3, 4]}\n"}])

# --- Output.


def format_json(value, indent=0):
    """JSON with one line per case field, per program field, per input, node
    and output value; everything else compact."""
    pad = " " * indent
    if isinstance(value, dict) and value and indent <= 2:
        fields = ['%s  %s: %s' % (pad, json.dumps(key), format_json(item, indent + 2))
                  for key, item in value.items()]
        return "{\n" + ",\n".join(fields) + "\n" + pad + "}"
    if isinstance(value, list) and value and all(isinstance(e, dict) for e in value):
        items = [pad + "  " + json.dumps(item) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value)


def generate():
    """Returns {path: text} for every file this script writes, and the summary
    rows of the positive cases."""
    files, rows, client_server = {}, [], {}
    for name, description, budget, build in POSITIVE:
        document, table_width, width, bootstraps = build_positive(
            name, description, budget, build)
        rows.append((name, table_width, width, bootstraps))
        if name.startswith("client_server"):
            client_server[name] = document
            continue
        path = os.path.join(CASES_DIR, name + ".json")
        assert path not in files, name
        files[path] = document
    files[CLIENT_SERVER_DATA] = dict(
        client_server["client_server"],
        other_program=client_server["client_server_other"]["program"],
        other_inputs=client_server["client_server_other"]["inputs"])
    for name, description, error, stage, fields in ERRORS:
        document = {"description": description}
        document.update(fields)
        document["error"] = error
        document["stage"] = stage
        path = os.path.join(CASES_DIR, name + ".json")
        assert path not in files, name
        files[path] = document
    return {path: format_json(doc) + "\n" for path, doc in files.items()}, rows


# Wide tables: relu, abs, clip, maximum, minimum and the comparisons on 10- to
# 16-bit values, which no single bootstrap reads: each is affine between a
# few breakpoints, and each breakpoint costs small bootstraps on the
# difference to it (docs/graph-import.md, "Wide tables").


def with_ends(g, shape, dtype):
    """Random values of `dtype` with its two ends, zero and -1 (when signed)
    among them."""
    lo, hi = dtype_range(dtype)
    values = spread(g, shape, lo, hi).reshape(-1)
    specials = [lo, hi, 0] + ([-1] if lo < 0 else [1])
    values[:len(specials)] = specials
    return values.reshape(shape)


@case("relu, abs and clip of 10-, 12-, 14- and 16-bit values, signed and "
      "unsigned, every result exact", wide=True, wide_tables=True)
def build_wide_relu_abs_clip(g):
    outputs = []
    for dtype in ("int10", "int12", "int14", "int16", "uint16"):
        x = g.input("x_" + dtype, [6], dtype=dtype, value=with_ends(g, [6], dtype))
        lo, hi = dtype_range(dtype)
        outputs += [g.relu(x, name="relu_" + dtype), g.abs(x, name="abs_" + dtype),
                    g.clip(x, min=lo // 3, max=hi // 5, name="clip_" + dtype)]
    g.output(*outputs)


@case("comparisons of two 12- and 16-bit encrypted values and of a 16-bit "
      "value with a constant and a clear run-time value", wide=True,
      wide_tables=True)
def build_wide_comparisons(g):
    a12 = g.input("a12", [6], dtype="int12", value=with_ends(g, [6], "int12"))
    b12 = g.input("b12", [6], dtype="int12", value=[-2048, 2047, 0, -1, 5, 5])
    a16 = g.input("a16", [6], dtype="uint16", value=with_ends(g, [6], "uint16"))
    b16 = g.input("b16", [6], dtype="uint16", value=[65535, 0, 0, 1, 40000, 7])
    k = g.input("k", [6], dtype="int16", encrypted=False,
                value=[-32768, 32767, 1, 1, 0, -5])
    limit = g.const(30000, name="limit")
    outputs = []
    for op in ("less", "less_equal", "greater", "greater_equal", "equal",
               "not_equal"):
        outputs += [g.node(op, a12, b12, name=op + "_12"),
                    g.node(op, a16, b16, name=op + "_16")]
    outputs += [g.less(a16, limit, name="below_limit"),
                g.equal(a16, k, name="equals_k"),
                g.greater_equal(k, a16, name="k_at_least")]
    g.output(*outputs)


@case("maximum and minimum of 12- and 16-bit values, encrypted with encrypted "
      "and with a constant", wide=True, wide_tables=True)
def build_wide_maximum_minimum(g):
    a = g.input("a", [6], dtype="int16", value=with_ends(g, [6], "int16"))
    b = g.input("b", [6], dtype="int16", value=[32767, -32768, 0, 0, -7, 12345])
    c = g.input("c", [6], dtype="uint12", value=with_ends(g, [6], "uint12"))
    d = g.input("d", [6], dtype="int12", value=[-2048, 2047, 4, -1, 3, 0])
    g.output(g.maximum(a, b, name="max_ab"), g.minimum(a, b, name="min_ab"),
             g.maximum(c, d, name="max_cd"), g.minimum(c, d, name="min_cd"),
             g.maximum(a, g.const(-100, name="minus_100"), name="max_a"),
             g.minimum(c, g.const(1000, name="thousand"), name="min_c"))


@case("encrypted × encrypted products up to 16 bits: int8 × int8, uint10 × "
      "uint6, int12 rows × an int4 row (broadcast), digit by digit",
      wide=True, wide_tables=True)
def build_wide_multiply_enc_enc(g):
    a = g.input("a", [6], dtype="int8", value=with_ends(g, [6], "int8"))
    b = g.input("b", [6], dtype="int8", value=[-128, -128, 127, 0, -1, 77])
    c = g.input("c", [4], dtype="uint10", value=with_ends(g, [4], "uint10"))
    d = g.input("d", [4], dtype="uint6", value=[63, 0, 63, 1])
    e = g.input("e", [2, 3], dtype="int12", value=[[-2048, 2047, 0], [-1, 5, 1000]])
    f = g.input("f", [3], dtype="int4", value=[-8, 7, -3])
    g.output(g.multiply(a, b, name="ab"), g.multiply(c, d, name="cd"),
             g.multiply(e, f, name="ef"))


@case("bitwise_and, bitwise_or and bitwise_xor of two 8-, 12- and 16-bit "
      "encrypted values (signed with unsigned, two's complement) and of a 16-bit "
      "value and a constant tensor, digit by digit", wide=True, wide_tables=True)
def build_wide_bitwise(g):
    outputs = []
    for bits, (x_dtype, y_dtype) in ((8, ("int8", "uint8")), (12, ("uint12", "uint12")),
                                     (16, ("int16", "int16"))):
        x = g.input("x%d" % bits, [4], dtype=x_dtype, value=with_ends(g, [4], x_dtype))
        y = g.input("y%d" % bits, [4], dtype=y_dtype,
                    value=with_ends(g, [4], y_dtype)[::-1].copy())
        for op in ("bitwise_and", "bitwise_or", "bitwise_xor"):
            outputs.append(g.node(op, x, y, name="%s_%d" % (op, bits)))
    mask = g.const([0x0ff0, -2, 12345, -32768], name="mask")
    outputs.append(g.bitwise_and(g.tensors["x16"], mask, name="x16_and_mask"))
    g.output(*outputs)


@case("where with an encrypted condition between 12- and 16-bit encrypted "
      "values", wide=True, wide_tables=True)
def build_wide_where(g):
    c = g.input("c", [6], range=(-3, 3), value=[0, 1, -3, 3, 0, 2])
    a = g.input("a", [6], dtype="int16", value=with_ends(g, [6], "int16"))
    b = g.input("b", [6], dtype="uint12", value=with_ends(g, [6], "uint12"))
    g.output(g.where(c, a, b, name="chosen"))


@case("square of an int8 value, multiply(y, y) of a uint8 value and "
      "(z - 100)^2 (16-bit results), digit by digit", wide=True, wide_tables=True)
def build_wide_square(g):
    x = g.input("x", [6], dtype="int8", value=with_ends(g, [6], "int8"))
    y = g.input("y", [4], dtype="uint8", value=with_ends(g, [4], "uint8"))
    z = g.input("z", [4], range=(0, 227), value=[0, 227, 100, 99])
    shifted = g.subtract(z, g.const(100, name="hundred"), name="shifted")
    g.output(g.square(x, name="x_squared"), g.multiply(y, y, name="y_squared"),
             g.square(shifted, name="z_squared"))


# Tables after values whose exact range only a decomposition knows.


@case("tables after an encrypted maximum and minimum: their inputs reach only "
      "the exact range of the maximum and of the minimum")
def build_table_after_max_min(g):
    x = g.input("x", [4], range=(0, 3), value=[0, 1, 2, 3])
    y = g.input("y", [4], range=(-2, 1), value=[-2, 1, 1, -1])
    g.output(g.lut(g.maximum(x, y, name="m"), table=[0, 1, 3, 4], name="t"),
             g.lut(g.minimum(x, y, name="n"), table=[5, 6, 7, 8], offset=-2,
                   name="u"))


@case("a table after a dot product of two encrypted vectors, whose exact "
      "range is non-negative")
def build_table_after_dot_enc_enc(g):
    x = g.input("x", [3], range=(0, 2))
    y = g.input("y", [3], range=(0, 2))
    g.output(g.right_shift(g.dot(x, y, name="d"), bits=1, name="r"))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="compare the files with what the script generates")
    parser.add_argument("--summary", action="store_true",
                        help="print width bounds and bootstrap estimates")
    args = parser.parse_args()
    files, rows = generate()
    if args.summary:
        total = 0.0
        for name, table_width, width, bootstraps in rows:
            seconds = bootstraps * BOOTSTRAP_MS.get(table_width, 0) / 1000
            total += seconds
            print("%-36s budgeted width %d  widest value %2d  bootstraps %5d  ~%.1f s"
                  % (name, table_width, width, bootstraps, seconds))
        print("%d positive cases, %d error cases, ~%.0f s of bootstraps on one core"
              % (len(POSITIVE), len(ERRORS), total))
        return 0
    existing = {os.path.join(CASES_DIR, f) for f in os.listdir(CASES_DIR)
                if f.endswith(".json")}
    if args.check:
        stale = sorted(existing - set(files))
        differing = sorted(p for p, text in files.items()
                           if not os.path.exists(p) or open(p).read() != text)
        for path in stale + differing:
            print("out of date: " + os.path.relpath(path, HERE))
        return 1 if stale or differing else 0
    for path in existing - set(files):
        os.remove(path)
    for path, text in files.items():
        with open(path, "w") as f:
            f.write(text)
    print("wrote %d files" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
