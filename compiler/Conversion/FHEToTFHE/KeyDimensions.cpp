// The dimension of every ciphertext after --shade-fhe-to-tfhe's patterns,
// which write ciphertexts without one: values tied by any op other than a
// key switch or a bootstrap are under the same key, so the union of such
// ties is a class of one dimension, which the keys' attributes and the
// functions' `fhe.key_set` attributes give.

#include "compiler/Conversion/FHEToTFHE/Patterns.h"

#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/IntEqClasses.h"
#include "llvm/ADT/MapVector.h"

using namespace mlir;

namespace shade::fhe_to_tfhe {
namespace {

bool isCiphertext(Value value) {
  return isa<tfhe::LweCiphertextType>(getElementTypeOrSelf(value.getType()));
}

class DimensionClasses {
public:
  /// Ties the values of `function`'s body and anchors them.
  void add(func::FuncOp function, const tfhe::KeyLayout &layout);
  /// Gives every value its class's dimension; fails (an error on the value's
  /// op) when a class has two.
  LogicalResult apply(const tfhe::KeyLayout &layout);

private:
  unsigned idOf(Value value);
  void tie(ArrayRef<Value> values);
  void anchor(Value value, unsigned dimension) {
    anchors.push_back({idOf(value), dimension});
  }

  llvm::MapVector<Value, unsigned> ids;
  llvm::IntEqClasses classes;
  SmallVector<std::pair<unsigned, unsigned>> anchors;
};

unsigned DimensionClasses::idOf(Value value) {
  auto [it, inserted] = ids.insert({value, unsigned(ids.size())});
  if (inserted)
    classes.grow(ids.size());
  return it->second;
}

void DimensionClasses::tie(ArrayRef<Value> values) {
  SmallVector<unsigned> tied;
  for (Value value : values)
    if (isCiphertext(value))
      tied.push_back(idOf(value));
  for (unsigned id : tied)
    classes.join(tied.front(), id);
}

void DimensionClasses::add(func::FuncOp function,
                           const tfhe::KeyLayout &layout) {
  for (BlockArgument argument : function.getArguments())
    if (isCiphertext(argument))
      anchor(argument, layout.getBigDimension(tfhe::getArgumentKeySet(
                           function, argument.getArgNumber())));
  function.walk([&](Operation *op) {
    if (op == function)
      return;
    if (auto keySwitch = dyn_cast<tfhe::KeySwitchOp>(op)) {
      anchor(keySwitch.getInput(), keySwitch.getKey().getInputDim());
      anchor(keySwitch.getResult(), keySwitch.getKey().getOutputDim());
      return;
    }
    if (auto bootstrap = dyn_cast<tfhe::BootstrapOp>(op)) {
      anchor(bootstrap.getInput(), bootstrap.getKey().getInputDim());
      anchor(bootstrap.getResult(), bootstrap.getKey().getOutputDim());
      return;
    }
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      if (ret->getParentOp() == function)
        for (OpOperand &operand : ret->getOpOperands())
          if (isCiphertext(operand.get()))
            anchor(operand.get(), layout.getBigDimension(tfhe::getResultKeySet(
                                      function, operand.getOperandNumber())));
      return;
    }
    SmallVector<Value> values(op->getOperands());
    llvm::append_range(values, op->getResults());
    for (Region &region : op->getRegions())
      for (Block &block : region) {
        llvm::append_range(values, block.getArguments());
        if (!block.empty() && block.back().hasTrait<OpTrait::IsTerminator>())
          llvm::append_range(values, block.back().getOperands());
      }
    tie(values);
  });
}

LogicalResult DimensionClasses::apply(const tfhe::KeyLayout &layout) {
  classes.compress();
  SmallVector<std::optional<unsigned>> dimensions(classes.getNumClasses());
  for (auto [id, dimension] : anchors) {
    std::optional<unsigned> &known = dimensions[classes[id]];
    if (known && *known != dimension) {
      Value value = ids.begin()[id].first;
      return emitError(value.getLoc())
             << "ciphertexts tied by levelled operations would be under two "
                "keys, of dimensions "
             << *known << " and " << dimension
             << ": the key layout does not match the program";
    }
    known = dimension;
  }
  // A class no key reaches (a dead constant) is under the first set's key.
  unsigned fallback = layout.getBigDimension(0);
  for (auto [value, id] : ids) {
    unsigned dimension = dimensions[classes[id]].value_or(fallback);
    Type type = value.getType();
    tfhe::LweCiphertextType element = tfhe::getCiphertextElementType(type);
    auto parametrized =
        tfhe::LweCiphertextType::get(element.getContext(), element.getWidth(),
                                     element.getIsSigned(), dimension);
    if (auto tensor = dyn_cast<RankedTensorType>(type))
      value.setType(tensor.clone(parametrized));
    else
      value.setType(parametrized);
  }
  return success();
}

} // namespace

LogicalResult assignKeyDimensions(ModuleOp module,
                                  const tfhe::KeyLayout &layout) {
  DimensionClasses classes;
  module.walk([&](func::FuncOp function) {
    if (!function.isExternal())
      classes.add(function, layout);
  });
  if (failed(classes.apply(layout)))
    return failure();
  // The signatures follow their entry blocks and returns.
  module.walk([&](func::FuncOp function) {
    if (function.isExternal())
      return;
    SmallVector<Type> results;
    function.walk([&](func::ReturnOp ret) {
      if (ret->getParentOp() == function)
        results.assign(ret->getOperandTypes().begin(),
                       ret->getOperandTypes().end());
    });
    function.setFunctionType(FunctionType::get(
        function.getContext(), function.front().getArgumentTypes(), results));
  });
  return success();
}

} // namespace shade::fhe_to_tfhe
