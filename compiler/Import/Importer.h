// The graph importer: a graph file (docs/graph-import.md) to a module of
// fhelinalg, fhe, arith, tensor and linalg ops whose encrypted values have
// their least widths.

#ifndef SHADE_COMPILER_IMPORT_IMPORTER_H
#define SHADE_COMPILER_IMPORT_IMPORTER_H

#include "compiler/Import/Graph.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace shade::import {

struct ImportOptions {
  /// The widest input a lookup table may read; 0 stands for the largest width
  /// the parameter search can bootstrap. Values that no table reads may be
  /// wider.
  unsigned maxWidth = 0;
};

/// Imports a parsed graph into a module holding one function named after the
/// graph. The error message names the node or input at fault:
/// `node 'y' (relu): ...`.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importGraph(mlir::MLIRContext &context, const Graph &graph,
            llvm::StringRef fileName, const ImportOptions &options = {});

/// Parses and imports the graph document `text` read from `fileName`. The
/// error message starts with the file name: `model.json: node 'y' (relu):
/// ...`.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importGraphFile(mlir::MLIRContext &context, llvm::StringRef text,
                llvm::StringRef fileName, const ImportOptions &options = {});

/// Registers the dialects an imported module uses.
void loadImportDialects(mlir::MLIRContext &context);

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_IMPORTER_H
