//===- TFHEKeyLayout.h - The parameter sets and keys of a module -*- C++
//-*-===//
//
// `--shade-select-parameters` may give a program several parameter sets (one
// per partition, docs/parameters.md, "Partitions"). What the lowering, the
// client specification and the key generation read is held in module, function
// and op attributes:
//
//  - `fhe.parameters`: one `#tfhe.parameters<...>`, or an array of them, one
//    per set (set i is entry i);
//  - `fhe.key_patterns = array<i64: s0, t0, s1, t1, ...>`: the key patterns
//    the bootstraps use, pattern p being a key switch from the big key of set
//    s_p to the small key of set t_p, then the bootstrap of set t_p, whose
//    result is under the big key of t_p. Absent: one pattern, (0, 0);
//  - `fhe.key_set = i : i64` on an encrypted argument or result of a public
//    function: the set whose big key encrypts it. Absent: 0;
//  - `fhe.key_pattern = p : i64` on an op that bootstraps (lookup tables,
//    clear_low_bits, signedness casts through a table). Absent: 0.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_DIALECTS_TFHE_IR_TFHEKEYLAYOUT_H
#define SHADE_DIALECTS_TFHE_IR_TFHEKEYLAYOUT_H

#include "dialects/TFHE/IR/TFHEAttributes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/SmallVector.h"

namespace shade::tfhe {

inline constexpr llvm::StringLiteral kParametersAttrName = "fhe.parameters";
inline constexpr llvm::StringLiteral kKeyPatternsAttrName = "fhe.key_patterns";
inline constexpr llvm::StringLiteral kKeySetAttrName = "fhe.key_set";
inline constexpr llvm::StringLiteral kKeyPatternAttrName = "fhe.key_pattern";

/// A key switch from the big key of set `source` to the small key of set
/// `target`, then the bootstrap of set `target`.
struct KeyPattern {
  unsigned source = 0;
  unsigned target = 0;

  bool operator==(const KeyPattern &other) const {
    return source == other.source && target == other.target;
  }
};

struct KeyLayout {
  llvm::SmallVector<ParametersAttr> sets;
  llvm::SmallVector<KeyPattern> patterns;

  /// From dimension k * N of set `pattern.source` to n of `pattern.target`.
  KeySwitchKeyAttr getKeySwitchKey(unsigned pattern) const;
  /// From n of set `pattern.target` to its k * N.
  BootstrapKeyAttr getBootstrapKey(unsigned pattern) const;
  /// k * N of `set`: the dimension of the ciphertexts under its big key.
  unsigned getBigDimension(unsigned set) const;
};

/// The layout of `module`; an error on the module when `fhe.parameters` is
/// missing or any attribute above is malformed or out of range.
mlir::FailureOr<KeyLayout> readKeyLayout(mlir::ModuleOp module);

/// The key patterns of `module` alone (for passes that do not need the
/// sets); an error on the module when `fhe.key_patterns` is malformed.
mlir::FailureOr<llvm::SmallVector<KeyPattern>>
readKeyPatterns(mlir::ModuleOp module);

/// The index of the pattern of the key switch `key` in `patterns`, or of the
/// first pattern whose bootstrap is `key`'s; none when there is none.
std::optional<unsigned> findKeyPattern(llvm::ArrayRef<KeyPattern> patterns,
                                       KeySwitchKeyAttr key);
std::optional<unsigned> findKeyPattern(llvm::ArrayRef<KeyPattern> patterns,
                                       BootstrapKeyAttr key);

/// Writes `fhe.parameters` (the single attribute when there is one set) and,
/// unless the layout is one set with the pattern (0, 0), `fhe.key_patterns`.
void writeKeyLayout(mlir::ModuleOp module, const KeyLayout &layout);

/// The `fhe.key_set` of argument or result `index` of `function` (0 when
/// absent).
unsigned getArgumentKeySet(mlir::FunctionOpInterface function, unsigned index);
unsigned getResultKeySet(mlir::FunctionOpInterface function, unsigned index);

/// The `fhe.key_pattern` of `op` (0 when absent).
unsigned getKeyPattern(mlir::Operation *op);

} // namespace shade::tfhe

#endif // SHADE_DIALECTS_TFHE_IR_TFHEKEYLAYOUT_H
