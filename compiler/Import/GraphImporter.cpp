// The walk over the graph: classification of the values, the function and
// its arguments, one node at a time, and the final width assignment.

#include "compiler/Import/GraphImporter.h"
#include "compiler/Import/GraphParser.h"
#include "compiler/Import/NodeSemantics.h"
#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

using namespace mlir;

namespace shade::import {

char LocatedError::ID;

static llvm::Error located(const llvm::Twine &message) {
  return llvm::make_error<LocatedError>(message.str());
}

GraphImporter::GraphImporter(MLIRContext &context, const Graph &graph,
                             llvm::StringRef fileName,
                             const ImportOptions &options)
    : context(context), graph(graph), fileName(fileName),
      maxWidth(options.maxWidth ? options.maxWidth
                                : optimizer::maxMessageWidth()),
      builder(&context) {}

llvm::Expected<OwningOpRef<ModuleOp>> GraphImporter::run() {
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error && !diagnostic)
      diagnostic.emplace(diag.getLocation(), diag.str());
    return success();
  });
  if (llvm::Error error = classifyValues())
    return error;
  if (llvm::Error error = createFunction())
    return error;
  for (auto [i, node] : llvm::enumerate(graph.nodes))
    if (llvm::Error error = importNode(graph.inputs.size() + i, node))
      return error;
  if (llvm::Error error = finishFunction())
    return error;
  return std::move(module);
}

llvm::Error GraphImporter::classifyValues() {
  values.resize(graph.getNumValues());
  for (auto [i, input] : llvm::enumerate(graph.inputs)) {
    values[i].kind = input.encrypted ? ImportedValue::Kind::Encrypted
                                     : ImportedValue::Kind::Clear;
    values[i].shape = input.shape;
    valueIndices[input.name] = i;
  }
  for (auto [i, node] : llvm::enumerate(graph.nodes)) {
    size_t index = graph.inputs.size() + i;
    ImportedValue &result = values[index];
    valueIndices[node.name] = index;
    llvm::SmallVector<Shape, 3> argShapes;
    llvm::SmallVector<const ClearTensor *, 3> constants;
    bool anyEncrypted = false, anyClear = false;
    for (size_t arg : node.args) {
      ImportedValue &value = values[arg];
      if (value.users.empty() || value.users.back() != index)
        value.users.push_back(index);
      argShapes.push_back(value.shape);
      constants.push_back(&value.constant);
      anyEncrypted |= value.kind == ImportedValue::Kind::Encrypted;
      anyClear |= value.kind == ImportedValue::Kind::Clear;
    }
    std::string where = describeNode(node.name, getOpName(node.op));
    llvm::Expected<Shape> shape = inferShape(node, argShapes);
    if (!shape)
      return located(where + ": " + toString(shape.takeError()));
    result.shape = std::move(*shape);
    if (anyEncrypted || anyClear) {
      result.kind = anyEncrypted ? ImportedValue::Kind::Encrypted
                                 : ImportedValue::Kind::Clear;
      continue;
    }
    // Only constants: fold.
    llvm::Expected<ClearTensor> value = evaluateNode(node, constants);
    if (!value)
      return located(where + ": " + toString(value.takeError()));
    result.constant = std::move(*value);
  }
  for (size_t output : graph.outputs)
    values[output].isOutput = true;
  return llvm::Error::success();
}

llvm::Expected<Type>
GraphImporter::getLeastEncryptedType(analysis::Interval range) {
  bool isSigned = range.lo < 0;
  unsigned width =
      isSigned ? analysis::signedWidth(range) : analysis::unsignedWidth(range);
  if (width > kMaxEncryptedWidth)
    return makeError("needs " + llvm::Twine(width) + " bits for range " +
                     range.str() + "; the widest encrypted value is " +
                     llvm::Twine(kMaxEncryptedWidth) + " bits");
  if (isSigned)
    return fhe::EncryptedSignedIntegerType::get(&context, width);
  return fhe::EncryptedUnsignedIntegerType::get(&context, width);
}

llvm::Error GraphImporter::createFunction() {
  Location fileLoc = FileLineColLoc::get(&context, fileName, 0, 0);
  module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());

  llvm::SmallVector<Type> argTypes;
  llvm::SmallVector<Location> argLocs;
  for (const GraphInput &input : graph.inputs) {
    analysis::Interval range{input.lo, input.hi};
    Type element = builder.getI64Type();
    if (input.encrypted) {
      llvm::Expected<Type> type = getLeastEncryptedType(range);
      if (!type)
        return located("input '" + input.name +
                       "': " + toString(type.takeError()));
      element = *type;
    }
    argTypes.push_back(RankedTensorType::get(input.shape, element));
    argLocs.push_back(NameLoc::get(builder.getStringAttr(input.name), fileLoc));
  }
  func = builder.create<func::FuncOp>(fileLoc, graph.name,
                                      builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  for (auto [i, input] : llvm::enumerate(graph.inputs)) {
    BlockArgument argument = body->getArgument(i);
    argument.setLoc(argLocs[i]);
    func.setArgAttr(i, "fhe.name", builder.getStringAttr(input.name));
    func.setArgAttr(i, analysis::kRangeAttrName,
                    builder.getDenseI64ArrayAttr({input.lo, input.hi}));
    ranges.setArgumentRange(argument, {input.lo, input.hi});
    values[i].value = argument;
  }
  return llvm::Error::success();
}

llvm::Error GraphImporter::importNode(size_t index, const GraphNode &node) {
  ImportedValue &result = values[index];
  if (result.kind == ImportedValue::Kind::Constant)
    return llvm::Error::success();
  llvm::Error error = llvm::Error::success();
  if (node.op >= OpKind::Reshape)
    error = importLayout(node, result);
  else if (result.kind == ImportedValue::Kind::Clear)
    error = importClear(node, result);
  else if (node.op == OpKind::Where)
    error = importWhere(node, result);
  else if (isBitwise(node.op) && !getElementStep(node))
    error = importBitwise(node, result);
  else if (isElementwiseUnary(node.op) || isElementwiseBinary(node.op))
    error = importElementwise(node, result);
  else
    error = importProduct(node, result);
  return qualify(node, std::move(error));
}

llvm::Error GraphImporter::qualify(const GraphNode &node, llvm::Error error) {
  std::string where = describeNode(node.name, getOpName(node.op));
  return llvm::handleErrors(
      std::move(error),
      [](std::unique_ptr<LocatedError> located) {
        return llvm::Error(std::move(located));
      },
      [&](const llvm::ErrorInfoBase &other) {
        return located(where + ": " + other.message());
      });
}

llvm::Error GraphImporter::finishFunction() {
  llvm::SmallVector<Value> results;
  llvm::SmallVector<Type> resultTypes;
  for (size_t output : graph.outputs) {
    Location loc = NameLoc::get(
        builder.getStringAttr(graph.getValueName(output)), func.getLoc());
    results.push_back(materialize(values[output], loc));
    resultTypes.push_back(results.back().getType());
  }
  builder.create<func::ReturnOp>(func.getLoc(), results);
  func.setType(builder.getFunctionType(func.getArgumentTypes(), resultTypes));
  for (auto [i, output] : llvm::enumerate(graph.outputs))
    func.setResultAttr(i, "fhe.name",
                       builder.getStringAttr(graph.getValueName(output)));

  if (failed(assignBitWidths(func, ranges, maxWidth)))
    return diagnosticError();
  if (failed(verify(*module)))
    return located("internal error: the imported module does not verify: " +
                   (diagnostic ? diagnostic->second : std::string()));
  return llvm::Error::success();
}

std::string GraphImporter::describeLocation(Location loc) const {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    auto it = valueIndices.find(name.getName().getValue());
    if (it == valueIndices.end())
      return describeLocation(name.getChildLoc());
    if (graph.isInput(it->second))
      return "input '" + graph.inputs[it->second].name + "'";
    const GraphNode &node = graph.getNode(it->second);
    return describeNode(node.name, getOpName(node.op));
  }
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (std::string where = describeLocation(inner); !where.empty())
        return where;
  return "";
}

llvm::Error GraphImporter::diagnosticError() {
  if (!diagnostic)
    return located("internal error: an analysis failed without a diagnostic");
  auto [loc, message] = *diagnostic;
  diagnostic.reset();
  // The width assignment reports the function's arguments on the function.
  llvm::StringRef rest(message);
  rest.consume_front("'func.func' op ");
  unsigned argument;
  if (rest.consume_front("argument #") && !rest.consumeInteger(10, argument) &&
      argument < graph.inputs.size())
    return located("input '" + graph.inputs[argument].name + "':" + rest);
  std::string where = describeLocation(loc);
  return located(where.empty() ? message : where + ": " + message);
}

Location GraphImporter::getLoc(const GraphNode &node) {
  return NameLoc::get(builder.getStringAttr(node.name), func.getLoc());
}

RankedTensorType GraphImporter::getClearType(llvm::ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, builder.getI64Type());
}

RankedTensorType
GraphImporter::getEncryptedType(llvm::ArrayRef<int64_t> shape) {
  return RankedTensorType::get(
      shape, fhe::EncryptedUnsignedIntegerType::get(&context, 1));
}

Value GraphImporter::createConstant(const ClearTensor &tensor, Location loc) {
  RankedTensorType type = getClearType(tensor.getShape());
  DenseElementsAttr attr =
      tensor.isSplat() ? DenseElementsAttr::get(
                             type, llvm::APInt(64, tensor.getElements()[0],
                                               /*isSigned=*/true))
                       : DenseElementsAttr::get(type, tensor.getElements());
  auto op = builder.create<arith::ConstantOp>(loc, attr);
  [[maybe_unused]] LogicalResult visited = ranges.visit(op);
  assert(succeeded(visited) && "the range of a constant is its values");
  return op;
}

Value GraphImporter::materialize(const ImportedValue &value, Location loc) {
  if (value.kind != ImportedValue::Kind::Constant) {
    assert(value.value && "a fused value has no IR value");
    return value.value;
  }
  Value &constant = constantOps[&value];
  if (!constant)
    constant = createConstant(value.constant, loc);
  return constant;
}

llvm::Error GraphImporter::setEncryptedTypes(Operation *op) {
  if (failed(ranges.visit(op)))
    return diagnosticError();
  for (Value result : op->getResults()) {
    if (!analysis::isEncrypted(result.getType()))
      continue;
    llvm::Expected<Type> element =
        getLeastEncryptedType(ranges.getRange(result).getHull());
    if (!element)
      return makeError("'" + op->getName().getStringRef() + "' op " +
                       toString(element.takeError()));
    if (auto tensor = dyn_cast<RankedTensorType>(result.getType()))
      result.setType(tensor.clone(*element));
    else
      result.setType(*element);
  }
  return llvm::Error::success();
}

llvm::Error GraphImporter::visitClear(Operation *op) {
  if (failed(ranges.visit(op)))
    return diagnosticError();
  return llvm::Error::success();
}

void GraphImporter::setClearRange(Value value, analysis::Interval range) {
  ranges.setRange(value, range);
  value.getDefiningOp()->setAttr(analysis::kRangeAttrName,
                                 analysis::makeRangeAttr(&context, range));
}

llvm::Expected<Value> GraphImporter::encryptClear(Value value, Location loc) {
  llvm::ArrayRef<int64_t> shape =
      cast<RankedTensorType>(value.getType()).getShape();
  auto zero = builder.create<fhelinalg::ZeroOp>(loc, getEncryptedType(shape));
  if (llvm::Error error = setEncryptedTypes(zero))
    return error;
  auto sum = builder.create<fhelinalg::AddEintIntOp>(
      loc, getEncryptedType(shape), zero, value);
  if (llvm::Error error = setEncryptedTypes(sum))
    return error;
  return sum.getResult();
}

llvm::Expected<Value>
GraphImporter::materializeEncrypted(const ImportedValue &value, Location loc) {
  Value ir = materialize(value, loc);
  if (value.kind == ImportedValue::Kind::Encrypted)
    return ir;
  return encryptClear(ir, loc);
}

llvm::Expected<OwningOpRef<ModuleOp>>
importGraph(MLIRContext &context, const Graph &graph, llvm::StringRef fileName,
            const ImportOptions &options) {
  loadImportDialects(context);
  GraphImporter importer(context, graph, fileName, options);
  return importer.run();
}

llvm::Expected<OwningOpRef<ModuleOp>>
importGraphFile(MLIRContext &context, llvm::StringRef text,
                llvm::StringRef fileName, const ImportOptions &options) {
  llvm::Expected<Graph> graph = parseGraph(text);
  if (!graph)
    return makeError(fileName + ": " + toString(graph.takeError()));
  llvm::Expected<OwningOpRef<ModuleOp>> module =
      importGraph(context, *graph, fileName, options);
  if (!module)
    return makeError(fileName + ": " + toString(module.takeError()));
  return module;
}

void loadImportDialects(MLIRContext &context) {
  context.loadDialect<fhe::FHEDialect, fhelinalg::FHELinalgDialect,
                      arith::ArithDialect, func::FuncDialect,
                      linalg::LinalgDialect, tensor::TensorDialect>();
}

} // namespace shade::import
