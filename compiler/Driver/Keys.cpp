//===- Keys.cpp - Secret keys, evaluation keys and ciphertext files -------===//

#include "compiler/Driver/RuntimeBridge.h"
#include "compiler/Driver/Specification.h"

#include <algorithm>

namespace shade {

using driver::Access;
using driver::checkStatus;

namespace {

std::string joinNames(const std::vector<TensorSpec> &specs) {
  std::string names;
  for (const TensorSpec &spec : specs)
    names += (names.empty() ? "" : ", ") + spec.name;
  return names.empty() ? "none" : names;
}

/// "[1, 2]" for the element at row-major position `index` of `shape`.
std::string formatIndex(const std::vector<int64_t> &shape, uint64_t index) {
  std::vector<int64_t> position(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    position[d] = index % shape[d];
    index /= shape[d];
  }
  return driver::formatShape(position);
}

/// Checks `inputs` against the program's inputs; errors name the input.
void checkInputs(const ClientSpec &spec, const Values &inputs,
                 const std::string &source) {
  for (const Value &value : inputs)
    if (std::none_of(
            spec.inputs.begin(), spec.inputs.end(),
            [&](const TensorSpec &input) { return input.name == value.name; }))
      throw Error(source + ": unknown input '" + value.name +
                  "'; the program's inputs are: " + joinNames(spec.inputs));
  for (const TensorSpec &input : spec.inputs) {
    std::string where = source + ": input '" + input.name + "'";
    auto found =
        std::find_if(inputs.begin(), inputs.end(),
                     [&](const Value &v) { return v.name == input.name; });
    if (found == inputs.end())
      throw Error(where + " is missing");
    if (std::count_if(inputs.begin(), inputs.end(),
                      [&](const Value &v) { return v.name == input.name; }) > 1)
      throw Error(where + " is given twice");
    if (found->shape != input.shape)
      throw Error(where + " has the shape " +
                  driver::formatShape(found->shape) + ", the program expects " +
                  driver::formatShape(input.shape));
    if (found->elements.size() != driver::countElements(input.shape))
      throw Error(where + " has " + std::to_string(found->elements.size()) +
                  " elements for the shape " +
                  driver::formatShape(input.shape));
    for (size_t i = 0; i < found->elements.size(); ++i) {
      int64_t element = found->elements[i];
      if (element >= input.min && element <= input.max)
        continue;
      std::string which =
          input.shape.empty() ? "" : " at " + formatIndex(input.shape, i);
      throw Error(where + ": the value " + std::to_string(element) + which +
                  " is outside the declared range [" +
                  std::to_string(input.min) + ", " + std::to_string(input.max) +
                  "]");
    }
  }
}

/// The last `width` bits of `value`.
uint64_t toPattern(int64_t value, unsigned width) {
  uint64_t pattern = static_cast<uint64_t>(value);
  return width >= 64 ? pattern : pattern & ((uint64_t(1) << width) - 1);
}

} // namespace

//===----------------------------------------------------------------------===//
// Ciphertexts
//===----------------------------------------------------------------------===//

Ciphertexts::Ciphertexts(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Ciphertexts::Ciphertexts(Ciphertexts &&) = default;
Ciphertexts &Ciphertexts::operator=(Ciphertexts &&) = default;
Ciphertexts::~Ciphertexts() = default;

Ciphertexts Ciphertexts::read(const std::string &path, const ClientSpec &spec) {
  try {
    return Access::make(runtime::readTensors(
        path, driver::toParameterSets(spec.report.parameters)));
  } catch (const runtime::SerializationError &error) {
    throw Error(error.what());
  }
}

void Ciphertexts::write(const std::string &path) const {
  try {
    runtime::writeTensors(path, impl->tensors);
  } catch (const runtime::SerializationError &error) {
    throw Error(error.what());
  }
}

//===----------------------------------------------------------------------===//
// EvaluationKeys
//===----------------------------------------------------------------------===//

EvaluationKeys::EvaluationKeys(std::unique_ptr<Impl> impl)
    : impl(std::move(impl)) {}
EvaluationKeys::EvaluationKeys(EvaluationKeys &&) = default;
EvaluationKeys &EvaluationKeys::operator=(EvaluationKeys &&) = default;
EvaluationKeys::~EvaluationKeys() = default;

EvaluationKeys EvaluationKeys::read(const std::string &path,
                                    const ClientSpec &spec) {
  driver::RuntimeLayout expected(spec.report);
  shade_rt_context *context = nullptr;
  checkStatus(shade_rt_context_load(path.c_str(), expected.layout(), &context),
              path);
  return Access::make(context);
}

//===----------------------------------------------------------------------===//
// SecretKeys
//===----------------------------------------------------------------------===//

struct SecretKeys::Impl {
  struct Destroy {
    void operator()(shade_rt_client *client) const {
      shade_rt_client_destroy(client);
    }
  };
  std::unique_ptr<shade_rt_client, Destroy> client;
  /// The parameter sets the client's keys are for.
  std::vector<CryptoParameters> sets;
};

SecretKeys::SecretKeys(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
SecretKeys::SecretKeys(SecretKeys &&) = default;
SecretKeys &SecretKeys::operator=(SecretKeys &&) = default;
SecretKeys::~SecretKeys() = default;

SecretKeys SecretKeys::generate(const ClientSpec &spec) {
  driver::RuntimeLayout layout(spec.report);
  shade_rt_client *client = nullptr;
  checkStatus(shade_rt_client_keygen(layout.layout(), &client),
              "key generation");
  auto impl = std::make_unique<Impl>();
  impl->client.reset(client);
  impl->sets = spec.report.parameters;
  return SecretKeys(std::move(impl));
}

SecretKeys SecretKeys::read(const std::string &path, const ClientSpec &spec) {
  driver::RuntimeLayout expected(spec.report);
  shade_rt_client *client = nullptr;
  checkStatus(shade_rt_client_load(path.c_str(), expected.layout(), &client),
              path);
  auto impl = std::make_unique<Impl>();
  impl->client.reset(client);
  impl->sets = spec.report.parameters;
  return SecretKeys(std::move(impl));
}

void SecretKeys::write(const std::string &path) const {
  checkStatus(shade_rt_client_save(impl->client.get(), path.c_str()), path);
}

void SecretKeys::writeEvaluationKeys(const std::string &path) const {
  checkStatus(
      shade_rt_client_save_evaluation_keys(impl->client.get(), path.c_str()),
      path);
}

EvaluationKeys SecretKeys::makeEvaluationKeys() const {
  shade_rt_context *context = nullptr;
  checkStatus(shade_rt_client_make_context(impl->client.get(), &context),
              "key generation");
  return Access::make(context);
}

Ciphertexts SecretKeys::encrypt(const ClientSpec &spec, const Values &inputs,
                                const std::string &source) const {
  checkInputs(spec, inputs, source);
  std::vector<runtime::Tensor> tensors;
  for (const TensorSpec &input : spec.inputs) {
    const Value &value =
        *std::find_if(inputs.begin(), inputs.end(),
                      [&](const Value &v) { return v.name == input.name; });
    runtime::Tensor tensor = driver::makeTensor(input, impl->sets);
    if (input.encrypted) {
      tensor.data.resize(value.elements.size() *
                         driver::ciphertextSize(input, impl->sets));
      checkStatus(
          shade_rt_client_encrypt(impl->client.get(), input.keySet, input.width,
                                  input.isSigned, value.elements.data(),
                                  value.elements.size(), tensor.data.data(),
                                  tensor.data.size()),
          source + ": input '" + input.name + "'");
    } else {
      for (int64_t element : value.elements)
        tensor.data.push_back(toPattern(element, input.width));
    }
    tensors.push_back(std::move(tensor));
  }
  return Access::make(std::move(tensors));
}

Values SecretKeys::decrypt(const ClientSpec &spec, const Ciphertexts &results,
                           const std::string &source) const {
  const std::vector<runtime::Tensor> &tensors = Access::get(results).tensors;
  driver::checkTensors(tensors, spec.outputs, impl->sets, "output", source);
  Values values;
  for (const TensorSpec &output : spec.outputs) {
    const runtime::Tensor &tensor = *driver::findTensor(tensors, output.name);
    Value value;
    value.name = output.name;
    value.shape = output.shape;
    value.elements.resize(driver::countElements(output.shape));
    if (output.encrypted)
      checkStatus(shade_rt_client_decrypt(
                      impl->client.get(), output.keySet, output.width,
                      output.isSigned, tensor.data.data(), tensor.data.size(),
                      value.elements.data(), value.elements.size()),
                  source + ": output '" + output.name + "'");
    else
      for (size_t i = 0; i < value.elements.size(); ++i)
        value.elements[i] = driver::signExtend(tensor.data[i], tensor.width);
    values.push_back(std::move(value));
  }
  return values;
}

} // namespace shade
