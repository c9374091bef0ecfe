#ifndef SHADE_COMPILER_REGISTRATION_REGISTRATION_H
#define SHADE_COMPILER_REGISTRATION_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace shade {

/// Adds Shade's dialects and the upstream dialects its pipeline uses.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Registers every Shade pass and pipeline, and the upstream passes the
/// pipeline uses, with the global pass registry (for shade-opt).
void registerAllPasses();

} // namespace shade

#endif // SHADE_COMPILER_REGISTRATION_REGISTRATION_H
