//===- SerializationFormat.h - Framing of Shade's binary files --*- C++ -*-===//
//
// The layer below Serialization.h: the CRC-64 checksum, little-endian byte
// readers and writers that check every size before they allocate, the file
// header (magic, version, kind, payload size) and trailer (checksum), and
// the atomic file writer. docs/file-formats.md describes the layout.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_SERIALIZATIONFORMAT_H
#define SHADE_RUNTIME_SERIALIZATIONFORMAT_H

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace shade::runtime {

/// Every error found while reading or writing a Shade file. The message
/// starts with the file name (or the name given to an in-memory buffer).
class SerializationError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A file that could not be opened, read, written or renamed (the message
/// carries the system's reason), as opposed to a file with invalid contents.
class FileSystemError : public SerializationError {
public:
  using SerializationError::SerializationError;
};

/// What a file holds; the value is stored in the header.
enum class FileKind : uint16_t {
  Parameters = 1,
  SecretKeys = 2,
  EvaluationKeys = 3,
  Ciphertexts = 4,
};

/// "a parameters file", "a secret key file", ...; "a file of unknown kind
/// N" for any other value.
std::string describeFileKind(uint16_t kind);

namespace format {

/// The 8 bytes every Shade file starts with.
inline constexpr char magic[8] = {'S', 'H', 'A', 'D', 'E', 'F', 'H', 'E'};
/// 2: key files hold several parameter sets and key patterns, tensors their
/// key set. Files of another version are refused.
inline constexpr uint16_t currentVersion = 2;
inline constexpr size_t headerSize = 24;
inline constexpr size_t checksumSize = 8;

/// CRC-64/XZ (ECMA-182 polynomial, reflected, initial value and final xor
/// all ones) of `size` bytes; `crc64("123456789")` is 0x995DC9BBDF1939FA.
uint64_t crc64(const uint8_t *data, size_t size);

/// Appends little-endian values to a byte buffer.
class ByteWriter {
public:
  void writeU8(uint8_t value) { bytes.push_back(value); }
  void writeU16(uint16_t value);
  void writeU32(uint32_t value);
  void writeU64(uint64_t value);
  void writeF64(double value);
  void writeString(const std::string &value);
  void writeBytes(const uint8_t *values, size_t count);
  void writeU64Array(const uint64_t *values, size_t count);
  /// IEEE-754 binary64 bit patterns.
  void writeF64Array(const double *values, size_t count);

  std::vector<uint8_t> &buffer() { return bytes; }

private:
  std::vector<uint8_t> bytes;
};

/// Reads little-endian values from a byte range. Every read checks that the
/// bytes are there, and array reads check the size before they allocate;
/// errors name the source and what was being read.
class ByteReader {
public:
  ByteReader(const uint8_t *data, size_t size, std::string source)
      : data(data), size(size), source(std::move(source)) {}

  uint8_t readU8(const char *what);
  uint16_t readU16(const char *what);
  uint32_t readU32(const char *what);
  uint64_t readU64(const char *what);
  double readF64(const char *what);
  /// A length-prefixed string of at most `maxLength` bytes.
  std::string readString(const char *what, size_t maxLength);
  /// `count` u64 values, appended to `out`.
  void readU64Array(const char *what, size_t count, std::vector<uint64_t> &out);
  /// `count` values into out[0..count); call requireItems() before
  /// allocating `out`.
  void readU64Array(const char *what, uint64_t *out, size_t count);
  void readF64Array(const char *what, double *out, size_t count);

  /// A value read from the file that must lie in [min, max].
  uint64_t readBoundedU64(const char *what, uint64_t min, uint64_t max);

  size_t remaining() const { return size - offset; }
  /// Throws unless `count` items of `itemSize` bytes are left.
  void requireItems(const char *what, uint64_t count, size_t itemSize) const;
  /// Throws unless every byte was read.
  void expectEnd() const;

  [[noreturn]] void fail(const std::string &message) const;

private:
  const uint8_t *take(const char *what, size_t count);

  const uint8_t *data;
  size_t size;
  size_t offset = 0;
  std::string source;
};

/// A writer whose buffer starts with room for the header: write the payload
/// into it, then call finishFrame(). The payload is never copied.
ByteWriter startFrame();
/// Fills in the header of a buffer made by startFrame(), appends the
/// checksum and returns the whole file.
std::vector<uint8_t> finishFrame(FileKind kind, ByteWriter &writer);

/// Header + `payload` + checksum.
std::vector<uint8_t> frame(FileKind kind, const std::vector<uint8_t> &payload);

/// Checks the header and checksum of a whole file held in `bytes` and returns
/// the payload's offset and size; errors name `source`.
struct PayloadView {
  const uint8_t *data;
  size_t size;
};
PayloadView unframe(const std::vector<uint8_t> &bytes, FileKind expectedKind,
                    const std::string &source);

/// Reads a whole file; errors name `path`.
std::vector<uint8_t> readFile(const std::string &path);

/// Writes `bytes` to a temporary file in the directory of `path` and renames
/// it to `path`, so a failure leaves neither a partial nor a temporary file.
/// The file gets mode 0600 when `secret`, else 0666 minus the umask.
void writeFileAtomically(const std::string &path,
                         const std::vector<uint8_t> &bytes, bool secret);

} // namespace format
} // namespace shade::runtime

#endif // SHADE_RUNTIME_SERIALIZATIONFORMAT_H
