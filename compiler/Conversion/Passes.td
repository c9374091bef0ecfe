#ifndef SHADE_COMPILER_CONVERSION_PASSES_TD
#define SHADE_COMPILER_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

// The lowering runs these passes in this order, after the analyses of
// compiler/Transforms; compiler/Conversion/Pipeline.h assembles them with the
// upstream passes down to the LLVM dialect. docs/lowering.md describes it.

def FHEToTFHE : Pass<"shade-fhe-to-tfhe", "::mlir::ModuleOp"> {
  let summary = "Lowers fhe and fhelinalg to LWE ciphertexts under the chosen "
                "parameters";
  let description = [{
    Rewrites every encrypted integer `!fhe.eint<w>` / `!fhe.esint<w>` (and
    tensors of them) to the ciphertext at rest `!tfhe.lwe<w[, signed],
    dim = k*N>`, k and N being those of the parameter set whose big key the
    value is under, by the key layout `--shade-select-parameters` writes
    (dialects/TFHE/IR/TFHEKeyLayout.h): a function's arguments and results
    are under the set of their `fhe.key_set` (0 by default), an op that
    bootstraps uses the keys of its `fhe.key_pattern` (0 by default), and
    levelled ops keep their operands' key. Function signatures change
    accordingly.

    - Levelled scalar ops become `tfhe.add`, `tfhe.sub`, `tfhe.neg`,
      `tfhe.mul_int` and `tfhe.add_plaintext` of a `tfhe.encode`d clear
      value (clear operands are read as two's complement, so they are
      sign-extended to `i64` first).
    - Element-wise fhelinalg ops become one `linalg.generic` on tensors of
      ciphertexts whose indexing maps make numpy broadcasting explicit, with
      the scalar tfhe op in its body.
    - `dot_eint_int`, `matmul_eint_int`, `matmul_int_eint`, `sum` and
      `conv2d` (clear weights; groups, strides, pads and dilations) become one
      `linalg.generic` each, accumulating `tfhe.mul_int` products with
      `tfhe.add` into an accumulator initialized with `tfhe.zero` (or the
      bias).
    - Lookup tables (`apply_lookup_table`, `apply_multi_lookup_table`) become
      one `tfhe.keyswitch` and one `tfhe.bootstrap` on the whole tensor, the
      table(s) encoded by `tfhe.encode_table` under the result's encoding.
    - `to_signed` / `to_unsigned` keep the ciphertext when the input's
      `fhe.range` lies in `[0, 2^(w-1))`; otherwise (fhelinalg's
      reinterpretation of the upper half) they re-encode through a bootstrap
      so that the padding bit follows the new signedness.
    - `transpose`, `broadcast` and `concat` become `linalg.transpose`, a
      copying `linalg.generic` and `tensor.concat`; tensor ops on encrypted
      tensors keep their form with the converted element type.

    Products of two ciphertexts, `max_eint`, `round` and `maxpool2d` must
    have been decomposed by `--shade-decompose-encrypted-ops`; they, a
    missing `fhe.parameters` and a table too wide for the polynomial size are
    errors naming the op.

    Example:

    ```mlir
    // module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 600,
    //     glwe_dim = 1, poly_size = 1024, ...>}
    %r = fhe.add_eint_int %x, %c : (!fhe.eint<3>, i8) -> !fhe.eint<3>
    // becomes
    %e = arith.extsi %c : i8 to i64
    %p = tfhe.encode %e width 3 : i64 -> i64
    %r = tfhe.add_plaintext %x, %p : !tfhe.lwe<3, dim = 1024>, i64
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect", "::shade::tfhe::TFHEDialect"
  ];
}

def BatchBootstraps : Pass<"shade-batch-bootstraps", "::mlir::func::FuncOp"> {
  let summary = "Gathers the bootstraps of separate operations that do not "
                "depend on one another into one batch";
  let description = [{
    Runs on the tfhe dialect, before `--shade-tfhe-to-runtime`. Each
    `tfhe.bootstrap` already runs its whole tensor as one batch; this pass
    also joins bootstraps of different operations, so that a program of many
    small lookups (one table per feature, per channel or per neuron) makes a
    few runtime calls that use every core, and compiles to little code.

    The bootstrap depth of a value is the largest number of bootstraps on a
    path from the function's arguments to it. Two bootstraps of the same
    depth never depend on one another, so the pass reorders the function
    body by depth (the operations of depth 0, then the bootstraps producing
    depth 1, then the operations of depth 1, ...), keeping the original
    order within each part, and replaces the bootstraps of one depth that
    share their bootstrap key, input and result types (and key switch, when
    each is fed by a `tfhe.keyswitch`) by one `tfhe.gather_bootstrap`:

    - the distinct inputs (the key switches' inputs, each switched once)
      are flattened and concatenated;
    - the distinct constant tables become the rows of one constant, and
      each result element gets the index of its input element and of its
      table;
    - each replaced bootstrap's result is a slice of the batch's result,
      reshaped to its type; a concatenation of consecutive slices of one
      result along its first dimension becomes one slice.

    Bootstraps whose table is not a constant, or of rank-0 tensors, stay
    as they are, as does a function body of more than one block.

    Example:

    ```mlir
    %k0 = tfhe.keyswitch %x {key = #ksk} : ... -> tensor<2x!tfhe.lwe<3, dim = 771>>
    %a = tfhe.bootstrap %k0, %t0 {key = #bsk} : ... -> tensor<2x!tfhe.lwe<3, dim = 2048>>
    %k1 = tfhe.keyswitch %x {key = #ksk} : ... -> tensor<2x!tfhe.lwe<3, dim = 771>>
    %b = tfhe.bootstrap %k1, %t1 {key = #bsk} : ... -> tensor<2x!tfhe.lwe<3, dim = 2048>>
    // becomes
    %k = tfhe.keyswitch %x {key = #ksk} : ... -> tensor<2x!tfhe.lwe<3, dim = 771>>
    %r = tfhe.gather_bootstrap %k[0, 1, 0, 1], %tables[0, 0, 1, 1] {key = #bsk}
        : (tensor<2x!tfhe.lwe<3, dim = 771>>, tensor<2x8xi64>)
        -> tensor<4x!tfhe.lwe<3, dim = 2048>>
    %a = tensor.extract_slice %r[0] [2] [1] : ...
    %b = tensor.extract_slice %r[2] [2] [1] : ...
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::tensor::TensorDialect",
    "::shade::tfhe::TFHEDialect"
  ];
}

def TFHEToRuntime : Pass<"shade-tfhe-to-runtime", "::mlir::ModuleOp"> {
  let summary = "Lowers LWE ciphertexts to u64 tensors and runtime calls";
  let description = [{
    A ciphertext of dimension d becomes its d + 1 torus elements:
    `!tfhe.lwe<w, dim = d>` becomes `tensor<(d+1)xi64>` and
    `tensor<S x !tfhe.lwe<w, dim = d>>` becomes `tensor<S x (d+1) x i64>`.

    - Linear tfhe ops become wrapping `i64` arithmetic over the d + 1
      elements (`tfhe.add_plaintext` only touches the body, element d).
    - A `linalg.generic` on ciphertexts gets one more, innermost, parallel
      dimension running over the d + 1 elements, and its body's tfhe ops
      become `arith` ops on one element: native loops the LLVM vectorizer
      handles.
    - Tensor ops (`extract`, `insert`, `extract_slice`, `insert_slice`,
      `from_elements`, `expand_shape`, `collapse_shape`, `reshape`, `pad`,
      `concat`, `empty`, `cast`) and `linalg.transpose` get the trailing
      dimension. Every `tensor.concat`, of clear values too, becomes
      copies of its inputs into the slices of one new buffer, returned as a
      tensor (`bufferization.to_tensor ... restrict writable`): tensor.concat
      does not bufferize, and insertions into a tensor would each copy the
      whole tensor once bufferized.
    - A `tfhe.keyswitch` feeding one `tfhe.bootstrap` (or one
      `tfhe.gather_bootstrap` that reads each input once) becomes ONE call of
      `shade_rt_keyswitch_bootstrap_tables` on the whole tensor (the runtime
      spreads it over its threads); a lone key switch calls
      `shade_rt_keyswitch_batch`, a lone bootstrap or gather
      `shade_rt_bootstrap_tables`. The encoded tables (`2^w` torus values)
      go to the runtime as they are, with the input width, the signedness
      (the runtime adds `2^62` to a signed input's body and reads its table
      rotated by `2^(w-1)` entries) and, for a gather, the constant arrays of
      input and table indices; the runtime builds the test polynomials.
      Each call names its keys by the index of their pattern in the module's
      `fhe.key_patterns` (one pattern, 0, when absent): the pattern of the
      key switch's `from_set` and `to_set`, or for a bootstrap alone the
      first whose target is its key's `set`. Keys of no pattern are an
      error.

    Every function with a body gets the runtime context (`!llvm.ptr`, a
    `shade_rt_context *`) as first argument and returns, as last result, an
    `i32` status: `SHADE_RT_OK` (0) or that of the first runtime call that
    failed. Buffers reach the runtime through `bufferization.to_memref` and
    `memref.extract_aligned_pointer_as_index`.

    Example:

    ```mlir
    %r = tfhe.add %a, %b : tensor<4x!tfhe.lwe<3, dim = 1024>>
    // becomes a linalg.generic adding two tensor<4x1025xi64> element-wise
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def FuseElementwiseKernels
    : Pass<"shade-fuse-elementwise-kernels", "::mlir::func::FuncOp"> {
  let summary = "Fuses chains of element-wise linalg ops on tensors into one "
                "loop nest, up to a bounded body size";
  let description = [{
    Runs on tensors, before bufferization. A `linalg.generic` whose result
    feeds another element-wise `linalg.generic` (the bias added after a
    matmul, levelled additions in a row) is fused into it, as
    upstream `--linalg-fuse-elementwise-ops` does, when it is the producer's
    only use (otherwise the producer would stay and be computed twice) and
    the fused body holds at most `max-body-ops` operations: one kernel, one
    buffer and one loop over the ciphertexts instead of two. The bound keeps a long chain of
    levelled additions from becoming one kernel with a body of thousands of
    operations, whose compilation by LLVM grows faster than linearly.

    A reduction (matmul, dot, sum, convolution) whose accumulator is a zero
    `linalg.fill` used by nothing else accumulates into the fill's empty
    tensor instead, starting from zero where all its reduction indices are 0
    (the first step of each accumulation, as the loops run): one kernel call
    and one pass over the buffer fewer.

    Example:

    ```mlir
    %1 = linalg.generic {...} ins(%0, %bias : ...) outs(%e : ...) { addi }
    %2 = linalg.generic {...} ins(%1 : ...) outs(%e : ...) { addi, select }
    // becomes one linalg.generic whose body does both.
    ```
  }];
  let options = [
    Option<"maxBodyOps", "max-body-ops", "unsigned", /*default=*/"32",
           "The largest number of operations in a fused body">
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ConvertToLLVM : Pass<"shade-convert-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Converts the memref, func, arith, cf and ub ops to the LLVM "
                "dialect in one conversion";
  let description = [{
    The upstream `finalize-memref-to-llvm`, `convert-ub-to-llvm` and
    `convert-func-to-llvm` (which also converts arith and cf) in one
    dialect conversion with one type converter: each walks and converts the
    whole program, and a program of 10 000 graph nodes is one function of
    tens of thousands of ops, so three conversions cost three times one.
    Functions take bare pointers to their buffers
    (`use-bare-ptr-memref-call-conv`): compiled functions are called with
    one pointer per input and output buffer (see `--shade-packed-entry-points`).
    The conversion is full: an op of another dialect is an error here, not
    later in the translation to LLVM IR.

    Example:

    ```mlir
    func.func @f(%a: memref<4xi64>) { ... memref.load %a[%i] ... }
    // becomes
    llvm.func @f(%a: !llvm.ptr) { ... llvm.getelementptr, llvm.load ... }
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def CopySharedResults
    : Pass<"shade-copy-shared-results", "::mlir::func::FuncOp"> {
  let summary = "Gives every returned tensor an allocation of its own";
  let description = [{
    Runs right before bufferization. A returned tensor that is a function
    argument, or that is returned more than once, becomes a copy
    (`bufferization.alloc_tensor` with `copy`). The callers of a compiled
    function pass one output buffer per result, and
    `buffer-results-to-out-params` writes a result allocated in the function
    directly into its output buffer: each result needs its own allocation
    (an argument has none, and one allocation cannot become two output
    buffers).

    Example:

    ```mlir
    return %x, %y, %y : tensor<4x9xi64>, tensor<4x9xi64>, tensor<4x9xi64>
    // with %x an argument, becomes
    %0 = bufferization.alloc_tensor() copy(%x) : tensor<4x9xi64>
    %1 = bufferization.alloc_tensor() copy(%y) : tensor<4x9xi64>
    return %0, %y, %1 : tensor<4x9xi64>, tensor<4x9xi64>, tensor<4x9xi64>
    ```
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def OutlineKernels : Pass<"shade-outline-kernels", "::mlir::ModuleOp"> {
  let summary = "Moves every linalg op on buffers into a shared kernel "
                "function";
  let description = [{
    Runs after bufferization. Every linalg op at the top level of a public
    function (the loops over ciphertexts and their torus elements, the
    copies bufferization inserts) moves into a private function, a kernel,
    that the function calls instead; structurally equal kernels (same ops,
    types and attributes, whatever the buffers they work on) are one
    function. The views of buffers an op reads or writes (subviews,
    reshapes) move with it, so that kernels take identity-layout buffers
    only; scalar constants are copied in, other scalars passed. The static
    offsets of a subview the op works on become index arguments: the
    copies of the many parts of a concatenation into one buffer share one
    kernel.

    Why: a program of many tensor ops would otherwise be one function
    holding every loop nest. Lowering loops to branches splits the block
    at each loop, which costs time in the number of ops that follow, and
    LLVM optimizes one huge function slowly. After outlining, the public
    function is straight-line code of calls, and the loops are in a few
    small kernels.

    Example:

    ```mlir
    linalg.generic {...} ins(%a, %b : memref<4x1025xi64>, memref<4x1025xi64>)
        outs(%c : memref<4x1025xi64>) {...}
    // becomes
    call @__shade_kernel_0(%a, %b, %c)
        : (memref<4x1025xi64>, memref<4x1025xi64>, memref<4x1025xi64>) -> ()
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect"];
}

def DeallocateBuffers : Pass<"shade-deallocate-buffers", "::mlir::ModuleOp"> {
  let summary = "Frees every allocated buffer right after its last use";
  let description = [{
    Runs after bufferization, on straight-line code (before loops become
    branches). For every `memref.alloc`, finds its last use in its block,
    counting the uses of its aliases (views of it, its address passed to the
    runtime) and uses nested in the regions of later ops, and inserts a
    `memref.dealloc` right after it. A program thus holds only the buffers
    still to be read, not every intermediate result until it returns (as
    upstream's ownership-based deallocation does, which also compares every
    pair of buffers of a block). A buffer whose alias reaches a block
    terminator or another block is left alone; the lowering creates none.

    Example:

    ```mlir
    %a = memref.alloc() : memref<4x1025xi64>
    call @__shade_kernel_0(%x, %a) : (...) -> ()
    call @__shade_kernel_1(%a, %y) : (...) -> ()
    memref.dealloc %a : memref<4x1025xi64>   // inserted
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def PackedEntryPoints
    : Pass<"shade-packed-entry-points", "::mlir::ModuleOp"> {
  let summary = "Adds a uniform C entry point to every public LLVM function";
  let description = [{
    Runs on the LLVM dialect, after `convert-func-to-llvm` with the bare
    pointer calling convention. For every public function `@f(ctx, a_1, ...,
    a_k) -> i32` it adds `@_shade_packed_f(ctx, args) -> i32`, which loads
    `a_i` from the `i`-th pointer of the array `args` (a `void **`: each entry
    points to a buffer for a memref argument, to the value for a scalar one)
    and returns `@f`'s status. Hosts call every compiled program through this
    one C signature, `int32_t (*)(shade_rt_context *, void **)`, whatever its
    arguments (see docs/lowering.md, "Calling convention").

    Example:

    ```mlir
    llvm.func @f(%ctx: !llvm.ptr, %in: !llvm.ptr, %out: !llvm.ptr) -> i32
    // gains
    llvm.func @_shade_packed_f(%ctx: !llvm.ptr, %args: !llvm.ptr) -> i32
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // SHADE_COMPILER_CONVERSION_PASSES_TD
