// shade-translate: translations between Shade's input formats and MLIR.
//
//   shade-translate --import-graph FILE.json   prints the imported module
//
// Errors print one line `shade-translate: error: <file>: <what>` and exit 1.

#include "compiler/Import/Importer.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

static llvm::cl::opt<std::string>
    importGraphFile("import-graph",
                    llvm::cl::desc("Import a graph file (JSON) and print the "
                                   "module"),
                    llvm::cl::value_desc("file"), llvm::cl::Required);

static llvm::cl::opt<unsigned> maxWidth(
    "max-width",
    llvm::cl::desc("The widest input a lookup table may read (default: the "
                   "largest width Shade can bootstrap)"),
    llvm::cl::init(0));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "shade-translate: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  llvm::cl::ParseCommandLineOptions(argc, argv, "Shade translation tool\n");

  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFileOrSTDIN(importGraphFile);
  if (!file)
    return fail(importGraphFile + ": " + file.getError().message());

  mlir::MLIRContext context;
  shade::import::ImportOptions options;
  options.maxWidth = maxWidth;
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> module =
      shade::import::importGraphFile(context, (*file)->getBuffer(),
                                     importGraphFile, options);
  if (!module)
    return fail(toString(module.takeError()));
  // Tables print as integers rather than hexadecimal blobs unless the
  // --mlir-print-elementsattrs-with-hex-if-larger option says otherwise.
  mlir::OpPrintingFlags flags;
  if (!llvm::cl::getRegisteredOptions()
           .lookup("mlir-print-elementsattrs-with-hex-if-larger")
           ->getNumOccurrences())
    flags.printLargeElementsAttrWithHex(-1);
  (*module)->print(llvm::outs(), flags);
  llvm::outs() << "\n";
  return 0;
}
