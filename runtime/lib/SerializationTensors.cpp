//===- SerializationTensors.cpp - Ciphertext and clear tensor files -------===//

#include "shade/runtime/Serialization.h"

namespace shade::runtime {

using format::ByteReader;
using format::ByteWriter;

namespace {

/// a * b, or false if it overflows 64 bits.
bool multiplyChecked(uint64_t a, uint64_t b, uint64_t &product) {
  return !__builtin_mul_overflow(a, b, &product);
}

std::string describeTensor(size_t index, const std::string &name) {
  return "tensor " + std::to_string(index) + " ('" + name + "')";
}

/// The message of the first field of `tensor` that is out of range, or an
/// empty string; shared by the writer and the reader.
std::string checkTensorHeader(const Tensor &tensor) {
  switch (tensor.encoding) {
  case TensorEncoding::Clear:
    if (tensor.width < 1 || tensor.width > 64)
      return "clear width " + std::to_string(tensor.width) +
             " is outside [1, 64]";
    if (tensor.lweDimension != 0)
      return "a clear tensor has LWE dimension " +
             std::to_string(tensor.lweDimension) + " instead of 0";
    if (tensor.keySet != 0)
      return "a clear tensor has key set " + std::to_string(tensor.keySet) +
             " instead of 0";
    return "";
  case TensorEncoding::Lwe:
    if (tensor.width < 1 || tensor.width > 62)
      return "encrypted width " + std::to_string(tensor.width) +
             " is outside [1, 62]";
    if (tensor.lweDimension < 1 ||
        tensor.lweDimension > Parameters::kMaxPolynomialSize)
      return "LWE dimension " + std::to_string(tensor.lweDimension) +
             " is outside [1, " +
             std::to_string(Parameters::kMaxPolynomialSize) + "]";
    if (tensor.keySet >= kMaxParameterSets)
      return "key set " + std::to_string(tensor.keySet) + " is outside [0, " +
             std::to_string(kMaxParameterSets - 1) + "]";
    return "";
  }
  return "unknown encoding " +
         std::to_string(static_cast<unsigned>(tensor.encoding));
}

/// The message of the first clear value outside the tensor's integer type,
/// or an empty string.
std::string checkClearValues(const Tensor &tensor) {
  if (tensor.encoding != TensorEncoding::Clear || tensor.width == 64)
    return "";
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    uint64_t value = tensor.data[i];
    bool fits;
    if (tensor.isSigned) {
      // Sign-extending the low `width` bits gives the value back.
      uint64_t sign = uint64_t(1) << (tensor.width - 1);
      uint64_t low = value & ((sign << 1) - 1);
      fits = ((low ^ sign) - sign) == value;
    } else {
      fits = (value >> tensor.width) == 0;
    }
    if (!fits)
      return "element " + std::to_string(i) + " = " +
             (tensor.isSigned ? std::to_string(static_cast<int64_t>(value))
                              : std::to_string(value)) +
             " is not a" + (tensor.isSigned ? " signed " : "n unsigned ") +
             std::to_string(tensor.width) + "-bit integer";
  }
  return "";
}

/// elementCount() * elementSize(), or false if it overflows.
bool dataSize(const Tensor &tensor, uint64_t &size) {
  uint64_t count = 1;
  for (uint64_t dimension : tensor.shape)
    if (!multiplyChecked(count, dimension, count))
      return false;
  return multiplyChecked(count, tensor.elementSize(), size);
}

Tensor readTensor(ByteReader &reader, size_t index) {
  Tensor tensor;
  tensor.name = reader.readString("tensor name", kMaxTensorNameLength);
  std::string what = describeTensor(index, tensor.name);
  uint8_t encoding = reader.readU8("tensor encoding");
  if (encoding > static_cast<uint8_t>(TensorEncoding::Lwe))
    reader.fail(what + ": unknown encoding " + std::to_string(encoding));
  tensor.encoding = static_cast<TensorEncoding>(encoding);
  tensor.width = reader.readU8("tensor width");
  uint8_t isSigned = reader.readU8("tensor signedness");
  if (isSigned > 1)
    reader.fail(what + ": signedness byte is " + std::to_string(isSigned) +
                ", not 0 or 1");
  tensor.isSigned = isSigned == 1;
  if (uint8_t reserved = reader.readU8("tensor reserved byte"))
    reader.fail(what + ": reserved byte is " + std::to_string(reserved) +
                ", not 0");
  tensor.lweDimension = reader.readU32("tensor LWE dimension");
  tensor.keySet = reader.readU32("tensor key set");
  std::string error = checkTensorHeader(tensor);
  if (!error.empty())
    reader.fail(what + ": " + error);

  uint32_t rank = reader.readU32("tensor rank");
  if (rank > kMaxTensorRank)
    reader.fail(what + ": rank " + std::to_string(rank) + " exceeds " +
                std::to_string(kMaxTensorRank));
  tensor.shape.resize(rank);
  for (uint64_t &dimension : tensor.shape)
    dimension = reader.readU64("tensor dimension");
  uint64_t expectedSize;
  if (!dataSize(tensor, expectedSize))
    reader.fail(what + ": the shape's size overflows 64 bits");
  uint64_t size = reader.readU64("tensor data size");
  if (size != expectedSize)
    reader.fail(what + ": data size " + std::to_string(size) +
                " does not match the shape and encoding (" +
                std::to_string(expectedSize) + " values)");
  reader.readU64Array(what.c_str(), size, tensor.data);
  error = checkClearValues(tensor);
  if (!error.empty())
    reader.fail(what + ": " + error);
  return tensor;
}

std::vector<Tensor> parseTensors(ByteReader &reader) {
  uint32_t count = reader.readU32("tensor count");
  if (count > kMaxTensorCount)
    reader.fail("tensor count " + std::to_string(count) + " exceeds " +
                std::to_string(kMaxTensorCount));
  // Each tensor takes at least 28 bytes: the vector is never larger than
  // the file.
  reader.requireItems("tensor list", count, 28);
  std::vector<Tensor> tensors;
  tensors.reserve(count);
  for (uint32_t i = 0; i < count; ++i)
    tensors.push_back(readTensor(reader, i));
  return tensors;
}

} // namespace

uint64_t Tensor::elementCount() const {
  uint64_t count = 1;
  for (uint64_t dimension : shape)
    count *= dimension;
  return count;
}

uint64_t Tensor::elementSize() const {
  return encoding == TensorEncoding::Lwe ? uint64_t(lweDimension) + 1 : 1;
}

std::vector<uint8_t> serializeTensors(const std::vector<Tensor> &tensors) {
  if (tensors.size() > kMaxTensorCount)
    throw std::invalid_argument(
        "cannot serialize " + std::to_string(tensors.size()) +
        " tensors: at most " + std::to_string(kMaxTensorCount) + " allowed");
  ByteWriter writer = format::startFrame();
  writer.writeU32(static_cast<uint32_t>(tensors.size()));
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor &tensor = tensors[i];
    std::string what = "cannot serialize " + describeTensor(i, tensor.name);
    std::string error = checkTensorHeader(tensor);
    if (error.empty() && tensor.name.size() > kMaxTensorNameLength)
      error = "the name is longer than " +
              std::to_string(kMaxTensorNameLength) + " bytes";
    if (error.empty() && tensor.shape.size() > kMaxTensorRank)
      error = "rank " + std::to_string(tensor.shape.size()) + " exceeds " +
              std::to_string(kMaxTensorRank);
    uint64_t expectedSize = 0;
    if (error.empty() &&
        (!dataSize(tensor, expectedSize) || expectedSize != tensor.data.size()))
      error = "it holds " + std::to_string(tensor.data.size()) +
              " values, its shape and encoding need " +
              std::to_string(expectedSize);
    if (error.empty())
      error = checkClearValues(tensor);
    if (!error.empty())
      throw std::invalid_argument(what + ": " + error);

    writer.writeString(tensor.name);
    writer.writeU8(static_cast<uint8_t>(tensor.encoding));
    writer.writeU8(static_cast<uint8_t>(tensor.width));
    writer.writeU8(tensor.isSigned ? 1 : 0);
    writer.writeU8(0);
    writer.writeU32(tensor.lweDimension);
    writer.writeU32(tensor.keySet);
    writer.writeU32(static_cast<uint32_t>(tensor.shape.size()));
    for (uint64_t dimension : tensor.shape)
      writer.writeU64(dimension);
    writer.writeU64(tensor.data.size());
    writer.writeU64Array(tensor.data.data(), tensor.data.size());
  }
  return format::finishFrame(FileKind::Ciphertexts, writer);
}

std::vector<Tensor> deserializeTensors(const std::vector<uint8_t> &bytes,
                                       const std::string &source) {
  format::PayloadView payload =
      format::unframe(bytes, FileKind::Ciphertexts, source);
  ByteReader reader(payload.data, payload.size, source);
  std::vector<Tensor> tensors = parseTensors(reader);
  reader.expectEnd();
  return tensors;
}

void writeTensors(const std::string &path, const std::vector<Tensor> &tensors) {
  format::writeFileAtomically(path, serializeTensors(tensors),
                              /*secret=*/false);
}

std::vector<Tensor> readTensors(const std::string &path) {
  return deserializeTensors(format::readFile(path), path);
}

std::vector<Tensor> readTensors(const std::string &path,
                                const std::vector<Parameters> &expectedSets) {
  std::vector<Tensor> tensors = readTensors(path);
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor &tensor = tensors[i];
    if (tensor.encoding != TensorEncoding::Lwe)
      continue;
    std::string what =
        path + ": parameters mismatch: " + describeTensor(i, tensor.name) + " ";
    if (tensor.keySet >= expectedSets.size())
      throw SerializationError(what + "is under the key of parameter set " +
                               std::to_string(tensor.keySet) + ", there are " +
                               std::to_string(expectedSets.size()));
    uint32_t expected = expectedSets[tensor.keySet].bigLweDimension();
    if (tensor.lweDimension != expected)
      throw SerializationError(
          what + "holds ciphertexts of LWE dimension " +
          std::to_string(tensor.lweDimension) + ", the parameters need " +
          std::to_string(expected) + " (k * N" +
          (expectedSets.size() == 1
               ? ""
               : " of set " + std::to_string(tensor.keySet)) +
          ")");
  }
  return tensors;
}

} // namespace shade::runtime
