#ifndef SHADE_COMPILER_TRANSFORMS_PASSES_TD
#define SHADE_COMPILER_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

// The pipeline runs these passes in this order: infer ranges, assign bit
// widths, decompose encrypted ops, analyze noise, select parameters. The
// attributes they exchange are described in docs/analyses.md.

def InferRanges : Pass<"shade-infer-ranges", "::mlir::func::FuncOp"> {
  let summary = "Computes the exact interval of every integer and encrypted "
                "value";
  let description = [{
    Runs the range analysis over the function and writes
    `fhe.range = array<i64: lo, hi>` on every op that produces an integer or
    encrypted value: the hull of the value's interval over the tensor's
    elements. Function arguments take their interval from their own
    `fhe.range` attribute, or else from their type (`!fhe.eint<w>`:
    [0, 2^w - 1], `!fhe.esint<w>`: [-2^(w-1), 2^(w-1) - 1], a clear `iN`
    read as two's complement).

    Levelled ops are evaluated by interval arithmetic; `dot`, `matmul`,
    `conv2d` and `sum` per output element from the actual clear weights and
    the per-element operand intervals; lookup tables by the table values over
    the reachable inputs; `max` and `round` by their definitions. Tensors of
    at most `max-tracked-elements` elements keep one interval per element;
    larger ones keep their hull.

    Clear run-time computations (`arith` integer ops, tensor reshapes and
    slices, `linalg.broadcast`, `linalg.transpose`) are analysed too. An op
    without a transfer function keeps the `fhe.range` its producer wrote on
    it; without one, it is an error naming the op. So are a range that
    overflows 64-bit integers, a lookup-table input that can reach a value
    outside its table, and a clear `arith` result leaving its type.

    Example:

    ```mlir
    // shade-opt --shade-infer-ranges
    func.func @f(%x: !fhe.eint<4> {fhe.range = array<i64: 0, 5>}) -> !fhe.eint<4> {
      %c = arith.constant 3 : i8
      %y = fhe.mul_eint_int %x, %c : (!fhe.eint<4>, i8) -> !fhe.eint<4>
      return %y : !fhe.eint<4>
    }
    // %c gets fhe.range = array<i64: 3, 3>, %y fhe.range = array<i64: 0, 15>.
    ```
  }];
  let options = [
    Option<"maxTrackedElements", "max-tracked-elements", "int64_t",
           /*default=*/"65536",
           "Tensors with more elements keep only the hull of their range">
  ];
}

def AssignBitWidths : Pass<"shade-assign-bit-widths", "::mlir::func::FuncOp"> {
  let summary = "Gives every encrypted value the least width that holds its "
                "range";
  let description = [{
    Reads the `fhe.range` attributes written by `--shade-infer-ranges` and
    groups the encrypted values into classes: the operands and results of a
    levelled op share one encoding (one width, one signedness), a lookup
    table starts a new class for its result, and `to_signed`/`to_unsigned`
    tie the width but not the signedness. The ranges of the values that
    `--shade-decompose-encrypted-ops` will create later join their classes.
    Each class gets the least width that holds every member's range:
    unsigned when no member can be negative, else signed.

    Every encrypted type is rewritten, the function signature included.
    Lookup tables whose input or result type changes are rebuilt by value
    from their constant table (unreachable entries are 0); signedness casts
    between classes of one signedness vanish. A round whose new widths would
    drop another number of bits, and a product (`mul_eint`, `dot_eint_eint`,
    `matmul_eint_eint`, `conv2d` by an encrypted weight) whose operands and
    result got different encodings, are decomposed at once as
    `--shade-decompose-encrypted-ops` does, since their ops cannot express
    the new types.

    A lookup table reads its input at the width of the input's own range
    (through a `fhelinalg.rescale` by 2^0, with an offset when `[0, hi - lo]`
    takes fewer bits) when its class is wider. A rescale's input class is
    widened to the rescale's result width plus its shift; a quotient
    levelled with what it divides goes through an identity table.

    It is an error, naming the op, its range, the width it needs and the
    limit, when a table would read more bits than the largest width Shade
    can bootstrap (`max-width`), when a class that a decomposition's tables
    read at its full width needs more, and when any class needs more than
    62 bits; and an error when a table whose input width changes is not a
    constant.

    Example:

    ```mlir
    // shade-opt --shade-infer-ranges --shade-assign-bit-widths
    func.func @f(%x: !fhe.eint<8> {fhe.range = array<i64: 0, 5>}) -> !fhe.eint<8> {
      %c = arith.constant 2 : i8
      %y = fhe.mul_eint_int %x, %c : (!fhe.eint<8>, i8) -> !fhe.eint<8>
      return %y : !fhe.eint<8>
    }
    // %x and %y become !fhe.eint<4> (range [0, 10]).
    ```
  }];
  let options = [
    Option<"maxWidth", "max-width", "unsigned", /*default=*/"0",
           "The widest input a lookup table may read; 0 (the default) stands "
           "for the largest width the parameter search can bootstrap">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::tensor::TensorDialect",
    "::shade::fhe::FHEDialect", "::shade::fhelinalg::FHELinalgDialect"
  ];
}

def DecomposeEncryptedOps
    : Pass<"shade-decompose-encrypted-ops", "::mlir::func::FuncOp"> {
  let summary = "Lowers encrypted products, max and round to levelled ops and "
                "lookup tables";
  let description = [{
    Runs after `--shade-assign-bit-widths`, on the final widths:

    - `fhe.mul_eint`, `fhelinalg.mul_eint`: `a * b = floor((a+b)^2/4) -
      floor((a-b)^2/4)`, two lookup tables and a subtraction;
    - `fhelinalg.dot_eint_eint`, `fhelinalg.matmul_eint_eint`: the operands
      are broadcast to the product grid, multiplied as above, and summed over
      the contraction axis;
    - `fhe.max_eint`, `fhelinalg.max_eint`: `max(a, b) = b + relu(a - b)`,
      one lookup table;
    - `fhe.round`, `fhelinalg.round`: one lookup table;
    - `fhelinalg.maxpool2d`: a chain of maxima over the window cells, the
      padding filled with the input's least value;
    - `fhelinalg.conv2d` with an encrypted weight: the products of each
      kernel position as above, summed over the channels and the kernel.

    The tables are `arith.constant`s built for the final widths, and every
    op created carries its `fhe.range`.

    Example:

    ```mlir
    // %p = fhe.mul_eint %a, %b : !fhe.esint<4>, %a in [0, 3] and %b in
    // [-2, 1], becomes (ranges omitted):
    %s = fhe.add_eint %a, %b : !fhe.esint<4>
    %d = fhe.sub_eint %a, %b : !fhe.esint<4>
    // floor(x^2/4) for x in [-2, 5] (entries 0 to 5, 14 and 15).
    %sq = arith.constant dense<[0, 0, 1, 2, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]> : tensor<16xi64>
    %s2 = fhe.apply_lookup_table %s, %sq : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.esint<4>
    %d2 = fhe.apply_lookup_table %d, %sq : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.esint<4>
    %p = fhe.sub_eint %s2, %d2 : !fhe.esint<4>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::tensor::TensorDialect",
    "::shade::fhe::FHEDialect", "::shade::fhelinalg::FHELinalgDialect"
  ];
}

def DecomposeRounding
    : Pass<"shade-decompose-rounding", "::mlir::func::FuncOp"> {
  let summary = "Chooses how each rounding of an encrypted value is evaluated";
  let description = [{
    Runs after `--shade-decompose-encrypted-ops`, when every lookup table of
    the function exists. Each `fhelinalg.clear_low_bits` without `chunks`
    (the exact rounding of a value, as the graph importer and the
    decomposition of `round` emit it: `x + 2^(d-1)`, its low `d` bits
    cleared, rescaled, usually read by one lookup table) is evaluated in one
    of two ways, whichever the cost model estimates cheaper:

    - in chunks: `chunks` is set to the fewest chunks of at most `c + 1`
      bits, balanced, for the best table width `c` (each chunk costs two
      bootstraps of at most `c` bits, one for a chunk of one bit);
    - as one table: when a table can read the unrounded value, the offset,
      the clearing, the rescale and the lookup that reads it become one
      lookup table on the unrounded value.

    With one parameter set per partition (the default of
    `--shade-select-parameters`), each option is estimated on its own: the
    extraction bootstraps at the cost of a bootstrap of their widest table
    whose outputs are precise enough for the cleared value, the chain's
    lookup (or the one table) at the cost of its own width (the parameter
    search's cost at norm2 1, `shade::optimizer::bootstrapCostAtWidth`).
    With `single-set`, one set serves every bootstrap and each costs what
    the widest table needs: the estimate is the number of bootstraps of the
    function times the cost of one bootstrap at the widest table input,
    with outputs precise enough for the widest value whose low bits are
    cleared.
    docs/parameters.md ("Rounding: chunks or one table") gives the measured
    costs behind it.

    Example:

    ```mlir
    // shade-opt --shade-decompose-rounding, for %acc in [-30000, 30000]:
    %c = fhelinalg.clear_low_bits %s {bits = 10 : i64}
        : tensor<32x!fhe.esint<16>>
    // becomes
    %c = fhelinalg.clear_low_bits %s {bits = 10 : i64, chunks = array<i64: 5, 5>}
        : tensor<32x!fhe.esint<16>>
    ```
  }];
  let options = [
    Option<"chunkWidth", "chunk-width", "unsigned", /*default=*/"0",
           "Clear low bits in chunks read by tables of this width (0, the "
           "default: the cheapest choice, chunks or one table)">,
    Option<"singleSet", "single-set", "bool", /*default=*/"false",
           "Estimate costs for one parameter set for the whole program "
           "(--shade-select-parameters=single-set)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::shade::fhelinalg::FHELinalgDialect"
  ];
}

def AnalyzeNoise : Pass<"shade-analyze-noise", "::mlir::func::FuncOp"> {
  let summary = "Computes the squared 2-norm of every encrypted value";
  let description = [{
    Writes `fhe.norm2 = array<i64: fresh, bootstrapped>` on every op
    producing an encrypted value: upper bounds, over the tensor's elements,
    of the squared 2-norms of the coefficients that weigh fresh ciphertexts
    (the function's arguments) and bootstrap results in the linear
    combination the value is made of since the last bootstrap. Its error
    variance is each norm times the variance of one such ciphertext, which
    `--shade-select-parameters` uses.

    Runs after `--shade-decompose-rounding`: fresh arguments and lookup-table
    results have norm 1 of their kind and a trivial zero 0; every rule
    applies to each kind on its own; `clear_low_bits` adds 1 bootstrapped
    per bootstrap of its chunks; `rescale` multiplies by 4^(W - shift - w);
    adding values of
    disjoint origins adds their norms (values sharing an origin: the square of
    the sum of their norms' square roots); a clear factor `c` multiplies the
    norm by `c^2`; `dot`, `matmul` and `conv2d` by the sum of the squared
    weights of each output element (read from the constant, or bounded by the
    clear operand's `fhe.range` or type), the largest over the elements;
    `sum` by the number of summed elements; data movement keeps the norm.
    Terms that may repeat a ciphertext (after a broadcast, or the elements of
    a matmul result) are bounded by the square of the sum of their weights'
    magnitudes instead. docs/analyses.md ("Noise") gives every rule.

    It is an error, naming the op, when an op is not levelled (a product or
    maximum of encrypted values, a rounding: run
    `--shade-decompose-encrypted-ops` first), when a `clear_low_bits` has no
    chunks (run `--shade-decompose-rounding` first), when an op producing an
    encrypted value has no rule, and when a norm exceeds 2^63 - 1.

    Example:

    ```mlir
    // shade-opt --shade-analyze-noise
    func.func @f(%x: tensor<3x!fhe.eint<6>>, %y: !fhe.eint<6>) -> !fhe.eint<6> {
      %w = arith.constant dense<[1, -2, 3]> : tensor<3xi8>
      %d = fhelinalg.dot_eint_int %x, %w : (tensor<3x!fhe.eint<6>>, tensor<3xi8>) -> !fhe.eint<6>
      %s = fhe.add_eint %d, %y : !fhe.eint<6>
      return %s : !fhe.eint<6>
    }
    // %d gets fhe.norm2 = array<i64: 14, 0> (1 + 4 + 9), %s
    // fhe.norm2 = array<i64: 15, 0>.
    ```
  }];
}

def SelectParameters : Pass<"shade-select-parameters", "::mlir::ModuleOp"> {
  let summary = "Chooses the cheapest secure TFHE parameters for the program";
  let description = [{
    Collects the decision points of the module: every element of the input
    of every lookup table (a bootstrap, after a key switch and a modulus
    switch; one that reads an approximate rescale decides at one bit less of
    precision), every bootstrap of every `clear_low_bits` (at its table's
    width, on the value multiplied by 2^k: norms times 4^k) and every element
    of every encrypted function result (decrypted by the client, with only
    its own error), each with its width and the `fhe.norm2` written by
    `--shade-analyze-noise`.

    Then splits the program into partitions (docs/parameters.md,
    "Partitions"): values tied by ops other than lookup tables are under one
    big key and form a component, a lookup's result starting its own;
    components whose bootstraps read the same widest table and whose values
    need the same precision form one partition. Each partition gets its own
    parameter set (k, N, n, the bootstrap's and the key switch's
    decompositions), secure at `security-bits` by the runtime's security
    curve: the search minimizes the estimated cost of all bootstraps (a
    bootstrap that reads partition s and writes partition t key switches
    from the big key of s to the small key of t, then bootstraps with t's
    set) while keeping the failure probability of every decision point at
    most `p-error` by the runtime's noise model. Partitions with equal sets
    share them. With `single-set`, the whole program is one partition.

    Writes the key layout (dialects/TFHE/IR/TFHEKeyLayout.h):
    `fhe.parameters` (a `#tfhe.parameters`, or an array of them with several
    sets), and with several sets `fhe.key_patterns` (the (source, target)
    set pairs of the bootstraps), `fhe.key_set` on every encrypted argument
    and result and `fhe.key_pattern` on every op that bootstraps. Then
    `fhe.statistics = {bootstraps, bootstraps_by_width, keyswitches, cost,
    p_error, global_p_error, security_bits}` (with `bootstraps_by_set` when
    there are several sets, `approximate_roundings` and `p_off_by_one` when
    the program rounds approximately): the
    bootstraps and key switches of one run, the bootstraps by the input width
    of their tables, their estimated single-thread cost in nanoseconds, the
    largest failure probability of one decision and the probability that at
    least one decision of a run fails. Every lookup-table op and every
    `clear_low_bits` gets `fhe.p_error`, the failure probability of each of
    its bootstraps (the largest of its steps), and a lookup that reads an
    approximate rounding `fhe.p_off_by_one`, the probability that one of its
    results is the neighbour of the exact rounding.

    It is an error when `security-bits` is not 128, when `p-error` is not in
    (0, 1), when a decision point's operand has no `fhe.norm2`, and when no
    parameter set serves the program: the error names the decision point
    (its op, width and norm) that no parameter set serves, and `p-error`.

    Example:

    ```mlir
    // shade-opt --shade-select-parameters
    module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 835,
        glwe_dim = 1, poly_size = 2048, ...>,
        fhe.statistics = {bootstraps = 1 : i64, ...}} {
      func.func @f(%x: !fhe.eint<4>) -> !fhe.eint<4> {
        ...
        %y = fhe.apply_lookup_table %x, %t {fhe.p_error = 7.5E-13 : f64} ...
      }
    }
    ```
  }];
  let options = [
    Option<"pError", "p-error", "double", /*default=*/"0x1p-40",
           "Largest failure probability allowed for one bootstrap or "
           "decryption">,
    Option<"securityBits", "security-bits", "unsigned", /*default=*/"128",
           "Security level of the parameters, in bits (only 128 has a "
           "curve)">,
    Option<"singleSet", "single-set", "bool", /*default=*/"false",
           "One parameter set for the whole program instead of one per "
           "partition (one key pair: fewer and smaller keys, dearer "
           "bootstraps)">
  ];
  let dependentDialects = ["::shade::tfhe::TFHEDialect"];
}

#endif // SHADE_COMPILER_TRANSFORMS_PASSES_TD
