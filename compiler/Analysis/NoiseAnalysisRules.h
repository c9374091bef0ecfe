//===- NoiseAnalysisRules.h - Noise rules shared by their files -*- C++ -*-===//
//
// Internal to the noise analysis: norm arithmetic, clear operands and the
// rules of the weighted sums (NoiseAnalysisLinalg.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_ANALYSIS_NOISEANALYSISRULES_H
#define SHADE_COMPILER_ANALYSIS_NOISEANALYSISRULES_H

#include "compiler/Analysis/NoiseAnalysis.h"
#include "compiler/Analysis/RangeAnalysis.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include <optional>
#include <vector>

/// The rules' helpers live in their own namespace: other analyses of
/// shade::analysis have helpers of the same names.
namespace shade::analysis::noise {

/// Checked arithmetic on squared norms: std::nullopt above kMaxNorm2.
std::optional<uint64_t> addNorms(uint64_t a, uint64_t b);
std::optional<uint64_t> mulNorms(uint64_t a, uint64_t b);

/// `apply` to both parts of `norm2`; std::nullopt when either overflows.
std::optional<Norm2>
mapNorm2(Norm2 norm2,
         llvm::function_ref<std::optional<uint64_t>(uint64_t)> apply);
/// The larger of each part.
Norm2 maxNorm2(Norm2 a, Norm2 b);

/// The squared norms of the sum of two values, part by part: a + b when
/// their sources are disjoint, else (sqrt(a) + sqrt(b))^2 rounded up.
std::optional<Norm2> sumNorm(const NoiseInfo &a, const NoiseInfo &b);

/// The weights of one output element of a weighted sum of encrypted terms.
struct WeightedSum {
  /// sum of w^2.
  uint64_t squares = 0;
  /// sum of |w|.
  uint64_t magnitudes = 0;

  /// Adds `count` terms of weight magnitude `magnitude`; false on overflow.
  bool add(uint64_t magnitude, uint64_t count = 1);
  /// Adds the terms of `other`; false on overflow.
  bool add(const WeightedSum &other);
  /// The squared norm of the sum when every term has squared norm at most
  /// `termNorm2`: sum w^2 * termNorm2 for terms with independent errors,
  /// else (sum |w|)^2 * termNorm2 (triangle inequality).
  std::optional<uint64_t> norm2(uint64_t termNorm2,
                                bool independentTerms) const;
  /// The same for both parts of the terms' norms.
  std::optional<Norm2> norm2(Norm2 termNorm2, bool independentTerms) const;
};

/// The magnitudes |v| of the elements of a clear operand: exact for a
/// constant, else one bound from its declared range.
struct ClearMagnitudes {
  /// Row-major, for a constant.
  std::vector<uint64_t> values;
  /// For an operand known only by its range.
  std::optional<uint64_t> uniform;

  uint64_t largest() const;
  /// Adds to `sum` the `count` elements at `first`, `first + stride`, ...;
  /// false on overflow.
  bool accumulate(WeightedSum &sum, int64_t first, int64_t stride,
                  int64_t count) const;
};

/// The magnitudes of `clear`, an operand of `user`; reports an overflow on
/// `user` when one does not fit 64 bits.
mlir::FailureOr<ClearMagnitudes> clearMagnitudes(mlir::Operation *user,
                                                 mlir::Value clear);

/// The number of elements of a tensor type, 1 for a scalar.
int64_t elementCount(mlir::Type type);
/// Reports that the squared norm of `op`'s result overflows.
mlir::LogicalResult emitOverflow(mlir::Operation *op);
/// Marks a value without sources as having independent elements.
NoiseInfo finishInfo(NoiseInfo info);

mlir::FailureOr<NoiseInfo> dotRule(fhelinalg::DotEintIntOp op,
                                   const NoiseInfo &lhs);
mlir::FailureOr<NoiseInfo> matmulEintIntRule(fhelinalg::MatmulEintIntOp op,
                                             const NoiseInfo &lhs);
mlir::FailureOr<NoiseInfo> matmulIntEintRule(fhelinalg::MatmulIntEintOp op,
                                             const NoiseInfo &rhs);
mlir::FailureOr<NoiseInfo> sumRule(fhelinalg::SumOp op, const NoiseInfo &input);
mlir::FailureOr<NoiseInfo> conv2dRule(fhelinalg::Conv2dOp op,
                                      const NoiseAnalysis &analysis);

} // namespace shade::analysis::noise

#endif // SHADE_COMPILER_ANALYSIS_NOISEANALYSISRULES_H
