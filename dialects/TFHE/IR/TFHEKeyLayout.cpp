// The parameter sets and key patterns of a module (TFHEKeyLayout.h).

#include "dialects/TFHE/IR/TFHEKeyLayout.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

namespace shade::tfhe {

KeySwitchKeyAttr KeyLayout::getKeySwitchKey(unsigned pattern) const {
  ParametersAttr target = sets[patterns[pattern].target];
  return KeySwitchKeyAttr::get(
      target.getContext(), getBigDimension(patterns[pattern].source),
      target.getLweDim(), target.getKsBaseLog(), target.getKsLevels(),
      patterns[pattern].source, patterns[pattern].target);
}

BootstrapKeyAttr KeyLayout::getBootstrapKey(unsigned pattern) const {
  ParametersAttr target = sets[patterns[pattern].target];
  return BootstrapKeyAttr::get(target.getContext(), target.getLweDim(),
                               target.getGlweDim(), target.getPolySize(),
                               target.getPbsBaseLog(), target.getPbsLevels(),
                               patterns[pattern].target);
}

unsigned KeyLayout::getBigDimension(unsigned set) const {
  return sets[set].getGlweDim() * sets[set].getPolySize();
}

FailureOr<KeyLayout> readKeyLayout(ModuleOp module) {
  KeyLayout layout;
  Attribute parameters = module->getAttr(kParametersAttrName);
  if (auto single = dyn_cast_or_null<ParametersAttr>(parameters)) {
    layout.sets.push_back(single);
  } else if (auto array = dyn_cast_or_null<ArrayAttr>(parameters)) {
    for (Attribute entry : array) {
      auto set = dyn_cast<ParametersAttr>(entry);
      if (!set)
        return module.emitError()
               << kParametersAttrName
               << " must hold #tfhe.parameters<...> entries, got " << entry;
      layout.sets.push_back(set);
    }
  }
  if (layout.sets.empty())
    return module.emitError()
           << "needs the module attribute " << kParametersAttrName
           << " = #tfhe.parameters<...> or a non-empty array of them (run "
              "--shade-select-parameters first)";
  FailureOr<SmallVector<KeyPattern>> patterns = readKeyPatterns(module);
  if (failed(patterns))
    return failure();
  for (const KeyPattern &pattern : *patterns)
    for (unsigned set : {pattern.source, pattern.target})
      if (set >= layout.sets.size())
        return module.emitError()
               << kKeyPatternsAttrName << " names set " << set << ", but "
               << kParametersAttrName << " has " << layout.sets.size();
  layout.patterns = std::move(*patterns);
  return layout;
}

FailureOr<SmallVector<KeyPattern>> readKeyPatterns(ModuleOp module) {
  Attribute attribute = module->getAttr(kKeyPatternsAttrName);
  if (!attribute)
    return SmallVector<KeyPattern>{{0, 0}};
  auto pairs = dyn_cast<DenseI64ArrayAttr>(attribute);
  if (!pairs || pairs.empty() || pairs.size() % 2 != 0 ||
      llvm::any_of(pairs.asArrayRef(), [](int64_t set) {
        return set < 0 || set > int64_t(UINT32_MAX);
      }))
    return module.emitError()
           << kKeyPatternsAttrName
           << " must be array<i64: source, target, ...> with pairs of set "
              "indices";
  SmallVector<KeyPattern> patterns;
  for (size_t i = 0; i < size_t(pairs.size()); i += 2)
    patterns.push_back({unsigned(pairs[i]), unsigned(pairs[i + 1])});
  return patterns;
}

std::optional<unsigned> findKeyPattern(ArrayRef<KeyPattern> patterns,
                                       KeySwitchKeyAttr key) {
  auto it = llvm::find(patterns, KeyPattern{key.getFromSet(), key.getToSet()});
  if (it == patterns.end())
    return std::nullopt;
  return unsigned(it - patterns.begin());
}

std::optional<unsigned> findKeyPattern(ArrayRef<KeyPattern> patterns,
                                       BootstrapKeyAttr key) {
  auto it = llvm::find_if(patterns, [&](const KeyPattern &pattern) {
    return pattern.target == key.getSet();
  });
  if (it == patterns.end())
    return std::nullopt;
  return unsigned(it - patterns.begin());
}

void writeKeyLayout(ModuleOp module, const KeyLayout &layout) {
  Builder builder(module.getContext());
  if (layout.sets.size() == 1)
    module->setAttr(kParametersAttrName, layout.sets.front());
  else
    module->setAttr(kParametersAttrName,
                    builder.getArrayAttr(SmallVector<Attribute>(
                        layout.sets.begin(), layout.sets.end())));
  if (layout.sets.size() == 1 && layout.patterns.size() == 1 &&
      layout.patterns.front() == KeyPattern{0, 0}) {
    module->removeAttr(kKeyPatternsAttrName);
    return;
  }
  SmallVector<int64_t> pairs;
  for (const KeyPattern &pattern : layout.patterns) {
    pairs.push_back(pattern.source);
    pairs.push_back(pattern.target);
  }
  module->setAttr(kKeyPatternsAttrName, builder.getDenseI64ArrayAttr(pairs));
}

static unsigned keySetOf(DictionaryAttr attributes) {
  if (!attributes)
    return 0;
  auto set = attributes.getAs<IntegerAttr>(kKeySetAttrName);
  return set ? unsigned(set.getInt()) : 0;
}

unsigned getArgumentKeySet(FunctionOpInterface function, unsigned index) {
  return keySetOf(function.getArgAttrDict(index));
}

unsigned getResultKeySet(FunctionOpInterface function, unsigned index) {
  return keySetOf(function.getResultAttrDict(index));
}

unsigned getKeyPattern(Operation *op) {
  auto pattern = op->getAttrOfType<IntegerAttr>(kKeyPatternAttrName);
  return pattern ? unsigned(pattern.getInt()) : 0;
}

} // namespace shade::tfhe
