//===- RuntimeBridge.cpp - The driver's side of the runtime ---------------===//

#include "compiler/Driver/RuntimeBridge.h"
#include "compiler/Driver/Specification.h"

#include <algorithm>
#include <cstring>

namespace shade::driver {

namespace {

shade_rt_parameters toRuntimeParameters(const CryptoParameters &parameters) {
  shade_rt_parameters result;
  result.lwe_dimension = parameters.lweDimension;
  result.glwe_dimension = parameters.glweDimension;
  result.polynomial_size = parameters.polynomialSize;
  result.lwe_noise_std = parameters.lweNoiseStd;
  result.glwe_noise_std = parameters.glweNoiseStd;
  result.pbs_base_log = parameters.pbsBaseLog;
  result.pbs_level = parameters.pbsLevel;
  result.ks_base_log = parameters.ksBaseLog;
  result.ks_level = parameters.ksLevel;
  return result;
}

} // namespace

runtime::Parameters toParameters(const CryptoParameters &parameters) {
  runtime::Parameters result;
  result.lweDimension = parameters.lweDimension;
  result.glweDimension = parameters.glweDimension;
  result.polynomialSize = parameters.polynomialSize;
  result.lweNoiseStdDev = parameters.lweNoiseStd;
  result.glweNoiseStdDev = parameters.glweNoiseStd;
  result.pbs = {parameters.pbsBaseLog, parameters.pbsLevel};
  result.keySwitch = {parameters.ksBaseLog, parameters.ksLevel};
  return result;
}

std::vector<runtime::Parameters>
toParameterSets(const std::vector<CryptoParameters> &sets) {
  std::vector<runtime::Parameters> result;
  for (const CryptoParameters &parameters : sets)
    result.push_back(toParameters(parameters));
  return result;
}

std::vector<runtime::KeyPattern>
toKeyPatterns(const std::vector<KeyPattern> &patterns) {
  std::vector<runtime::KeyPattern> result;
  for (const KeyPattern &pattern : patterns)
    result.push_back({pattern.source, pattern.target});
  return result;
}

RuntimeLayout::RuntimeLayout(const CircuitReport &report) {
  for (const CryptoParameters &parameters : report.parameters)
    sets.push_back(toRuntimeParameters(parameters));
  for (const KeyPattern &pattern : report.keyPatterns)
    patterns.push_back({pattern.source, pattern.target});
  view = {sets.data(), uint32_t(sets.size()), patterns.data(),
          uint32_t(patterns.size())};
}

uint64_t ciphertextSize(const TensorSpec &spec,
                        const std::vector<CryptoParameters> &sets) {
  const CryptoParameters &set = sets.at(spec.keySet);
  return uint64_t(set.glweDimension) * set.polynomialSize + 1;
}

runtime::Tensor makeTensor(const TensorSpec &spec,
                           const std::vector<CryptoParameters> &sets) {
  runtime::Tensor tensor;
  tensor.name = spec.name;
  tensor.width = spec.width;
  tensor.isSigned = spec.isSigned;
  tensor.shape.assign(spec.shape.begin(), spec.shape.end());
  if (spec.encrypted) {
    tensor.encoding = runtime::TensorEncoding::Lwe;
    tensor.lweDimension = uint32_t(ciphertextSize(spec, sets) - 1);
    tensor.keySet = spec.keySet;
  } else {
    tensor.encoding = runtime::TensorEncoding::Clear;
  }
  return tensor;
}

void checkStatus(shade_rt_status status, const std::string &context) {
  if (status == SHADE_RT_OK)
    return;
  if (status == SHADE_RT_OUT_OF_MEMORY)
    throw std::bad_alloc();
  // The runtime's messages start with the function's name, which means
  // nothing to a user: "shade_rt_client_load: sk.key: cannot open: ...".
  std::string message = shade_rt_last_error();
  if (message.rfind("shade_rt_", 0) == 0) {
    size_t colon = message.find(": ");
    if (colon != std::string::npos)
      message = message.substr(colon + 2);
  }
  if (status == SHADE_RT_IO_ERROR || status == SHADE_RT_FORMAT_ERROR)
    throw Error(message);
  throw Error(context + ": " + message);
}

const runtime::Tensor *findTensor(const std::vector<runtime::Tensor> &tensors,
                                  const std::string &name) {
  auto found =
      std::find_if(tensors.begin(), tensors.end(),
                   [&](const runtime::Tensor &t) { return t.name == name; });
  return found == tensors.end() ? nullptr : &*found;
}

namespace {

std::string describeEncoding(bool encrypted, unsigned width, bool isSigned) {
  return std::string(encrypted ? "encrypted " : "clear ") +
         (isSigned ? "signed " : "unsigned ") + std::to_string(width) +
         "-bit integers";
}

} // namespace

int64_t signExtend(uint64_t pattern, unsigned width) {
  if (width >= 64)
    return static_cast<int64_t>(pattern);
  uint64_t sign = uint64_t(1) << (width - 1);
  pattern &= (sign << 1) - 1;
  return static_cast<int64_t>((pattern ^ sign) - sign);
}

void checkTensors(const std::vector<runtime::Tensor> &tensors,
                  const std::vector<TensorSpec> &specs,
                  const std::vector<CryptoParameters> &sets, const char *what,
                  const std::string &source) {
  for (const runtime::Tensor &tensor : tensors)
    if (std::none_of(specs.begin(), specs.end(), [&](const TensorSpec &spec) {
          return spec.name == tensor.name;
        }))
      throw Error(source + ": unknown " + what + " '" + tensor.name +
                  "' (the file belongs to another program?)");
  for (const TensorSpec &spec : specs) {
    std::string where = source + ": " + what + " '" + spec.name + "'";
    size_t copies = std::count_if(
        tensors.begin(), tensors.end(),
        [&](const runtime::Tensor &t) { return t.name == spec.name; });
    if (copies == 0)
      throw Error(where + " is missing");
    if (copies > 1)
      throw Error(where + " is given " + std::to_string(copies) + " times");
    const runtime::Tensor &tensor = *findTensor(tensors, spec.name);
    bool encrypted = tensor.encoding == runtime::TensorEncoding::Lwe;
    if (encrypted != spec.encrypted || tensor.width != spec.width ||
        tensor.isSigned != spec.isSigned)
      throw Error(where + " holds " +
                  describeEncoding(encrypted, tensor.width, tensor.isSigned) +
                  ", the program expects " +
                  describeEncoding(spec.encrypted, spec.width, spec.isSigned));
    std::vector<int64_t> shape(tensor.shape.begin(), tensor.shape.end());
    if (shape != spec.shape)
      throw Error(where + " has the shape " + formatShape(shape) +
                  ", the program expects " + formatShape(spec.shape));
    if (encrypted) {
      uint64_t dimension = ciphertextSize(spec, sets) - 1;
      if (tensor.keySet != spec.keySet || tensor.lweDimension != dimension)
        throw Error(where + " holds ciphertexts of dimension " +
                    std::to_string(tensor.lweDimension) +
                    " under the key of "
                    "parameter set " +
                    std::to_string(tensor.keySet) +
                    ", the program expects dimension " +
                    std::to_string(dimension) + " under set " +
                    std::to_string(spec.keySet));
      continue;
    }
    for (size_t i = 0; i < tensor.data.size(); ++i) {
      int64_t value = signExtend(tensor.data[i], tensor.width);
      if (value < spec.min || value > spec.max)
        throw Error(where + ": element " + std::to_string(i) + " = " +
                    std::to_string(value) + " is outside the declared range [" +
                    std::to_string(spec.min) + ", " + std::to_string(spec.max) +
                    "]");
    }
  }
}

} // namespace shade::driver
