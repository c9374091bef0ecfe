//===- NoiseAnalysis.h - Squared 2-norms of encrypted values ----*- C++ -*-===//
//
// Every encrypted value is, since the last bootstrap, a linear combination
// with integer coefficients of "source" ciphertexts whose errors are
// independent with one unit variance: fresh encryptions (function arguments)
// and lookup-table results. Its error variance is the squared 2-norm of the
// coefficients times that unit. The analysis bounds that norm for every
// element of every encrypted value of a function after
// `--shade-decompose-encrypted-ops`, where only levelled ops and lookup
// tables are left. Rules and examples: docs/analyses.md, "Noise".
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_ANALYSIS_NOISEANALYSIS_H
#define SHADE_COMPILER_ANALYSIS_NOISEANALYSIS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace shade::analysis {

/// The name of the attribute holding the largest squared 2-norms over the
/// elements of an op's encrypted result: `array<i64: fresh, bootstrapped>`.
inline constexpr llvm::StringLiteral kNorm2AttrName = "fhe.norm2";

/// Squared 2-norms are kept at most INT64_MAX so that they fit an i64
/// attribute; a larger one is an overflow error.
inline constexpr uint64_t kMaxNorm2 = INT64_MAX;

/// Bounds of the squared 2-norm of a value's coefficients, apart by the kind
/// of source they weigh: fresh encryptions (the function's arguments) and
/// bootstrap results. The two have their own unit variances, which differ by
/// orders of magnitude, and the parameter selection weighs each with its
/// own.
struct Norm2 {
  uint64_t fresh = 0;
  uint64_t bootstrapped = 0;

  bool operator==(const Norm2 &other) const {
    return fresh == other.fresh && bootstrapped == other.bootstrapped;
  }
};

/// The kind of a source value.
enum class SourceKind { Fresh, Bootstrapped };

struct NoiseInfo {
  /// Upper bounds of the squared 2-norm of every element.
  Norm2 norm2;
  /// The source values (function arguments and lookup-table results) the
  /// value combines, as sorted ids: two values with disjoint sources have
  /// independent errors.
  llvm::SmallVector<unsigned> sources;
  /// Whether distinct elements combine disjoint sets of source ciphertexts,
  /// so that their errors are independent (always true of a scalar).
  bool independentElements = true;
};

class NoiseAnalysis {
public:
  /// Analyzes `function`. Reports an error on the offending op and fails
  /// when an op producing an encrypted value is not levelled (it must be
  /// decomposed first), has no noise rule, or when a norm overflows.
  static mlir::FailureOr<NoiseAnalysis> run(mlir::func::FuncOp function);

  /// The information of an encrypted value of the analyzed function.
  const NoiseInfo &lookup(mlir::Value value) const;

  bool contains(mlir::Value value) const;

  /// Records `info` for the encrypted value `value`.
  void set(mlir::Value value, NoiseInfo info);
  /// The information of a new source value: norm2 1 of its kind and a new
  /// source id.
  NoiseInfo newSource(SourceKind kind);

private:
  llvm::DenseMap<mlir::Value, NoiseInfo> infos;
  unsigned nextSource = 0;
};

/// The fhe.norm2 attribute of `norm2`, and back (std::nullopt for an
/// attribute of another form).
mlir::Attribute makeNorm2Attr(mlir::MLIRContext *context, Norm2 norm2);
std::optional<Norm2> parseNorm2Attr(mlir::Attribute attribute);

} // namespace shade::analysis

#endif // SHADE_COMPILER_ANALYSIS_NOISEANALYSIS_H
