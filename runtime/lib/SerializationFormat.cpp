//===- SerializationFormat.cpp - Framing of Shade's binary files ----------===//

#include "shade/runtime/SerializationFormat.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace shade::runtime {

std::string describeFileKind(uint16_t kind) {
  switch (static_cast<FileKind>(kind)) {
  case FileKind::Parameters:
    return "a parameters file";
  case FileKind::SecretKeys:
    return "a secret key file";
  case FileKind::EvaluationKeys:
    return "an evaluation key file";
  case FileKind::Ciphertexts:
    return "a ciphertext file";
  }
  return "a file of unknown kind " + std::to_string(kind);
}

namespace format {

namespace {

constexpr uint64_t crc64Polynomial = 0xC96C5795D7870F42ull;

/// Tables for slicing-by-8: table[k][b] is the CRC of byte b followed by k
/// zero bytes.
using Crc64Tables = std::array<std::array<uint64_t, 256>, 8>;

Crc64Tables makeCrc64Tables() {
  Crc64Tables tables{};
  for (unsigned byte = 0; byte < 256; ++byte) {
    uint64_t crc = byte;
    for (int bit = 0; bit < 8; ++bit)
      crc = (crc & 1) ? (crc >> 1) ^ crc64Polynomial : crc >> 1;
    tables[0][byte] = crc;
  }
  for (unsigned slice = 1; slice < 8; ++slice)
    for (unsigned byte = 0; byte < 256; ++byte) {
      uint64_t previous = tables[slice - 1][byte];
      tables[slice][byte] = (previous >> 8) ^ tables[0][previous & 0xff];
    }
  return tables;
}

uint64_t loadLittleEndian(const uint8_t *bytes, unsigned count) {
  uint64_t value = 0;
  for (unsigned i = 0; i < count; ++i)
    value |= static_cast<uint64_t>(bytes[i]) << (8 * i);
  return value;
}

void storeLittleEndian(std::vector<uint8_t> &bytes, uint64_t value,
                       unsigned count) {
  for (unsigned i = 0; i < count; ++i)
    bytes.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

/// What to do with a file from an older release.
std::string describeRemedy(FileKind kind) {
  switch (kind) {
  case FileKind::Parameters:
    return "write the parameters again";
  case FileKind::SecretKeys:
  case FileKind::EvaluationKeys:
    return "regenerate the keys";
  case FileKind::Ciphertexts:
    return "encrypt the values again";
  }
  return "make the file again";
}

constexpr bool hostIsLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

std::string systemError(const std::string &path, const char *action) {
  return path + ": cannot " + action + ": " + std::strerror(errno);
}

} // namespace

uint64_t crc64(const uint8_t *data, size_t size) {
  static const Crc64Tables tables = makeCrc64Tables();
  uint64_t crc = ~0ull;
  for (; size >= 8; data += 8, size -= 8) {
    uint64_t word = crc ^ loadLittleEndian(data, 8);
    crc = tables[7][word & 0xff] ^ tables[6][(word >> 8) & 0xff] ^
          tables[5][(word >> 16) & 0xff] ^ tables[4][(word >> 24) & 0xff] ^
          tables[3][(word >> 32) & 0xff] ^ tables[2][(word >> 40) & 0xff] ^
          tables[1][(word >> 48) & 0xff] ^ tables[0][word >> 56];
  }
  for (; size > 0; ++data, --size)
    crc = (crc >> 8) ^ tables[0][(crc ^ *data) & 0xff];
  return ~crc;
}

//===----------------------------------------------------------------------===//
// ByteWriter
//===----------------------------------------------------------------------===//

void ByteWriter::writeU16(uint16_t value) {
  storeLittleEndian(bytes, value, 2);
}

void ByteWriter::writeU32(uint32_t value) {
  storeLittleEndian(bytes, value, 4);
}

void ByteWriter::writeU64(uint64_t value) {
  storeLittleEndian(bytes, value, 8);
}

void ByteWriter::writeF64(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  writeU64(bits);
}

void ByteWriter::writeString(const std::string &value) {
  writeU32(static_cast<uint32_t>(value.size()));
  bytes.insert(bytes.end(), value.begin(), value.end());
}

void ByteWriter::writeBytes(const uint8_t *values, size_t count) {
  bytes.insert(bytes.end(), values, values + count);
}

void ByteWriter::writeU64Array(const uint64_t *values, size_t count) {
  if (hostIsLittleEndian) {
    const auto *raw = reinterpret_cast<const uint8_t *>(values);
    bytes.insert(bytes.end(), raw, raw + count * sizeof(uint64_t));
    return;
  }
  for (size_t i = 0; i < count; ++i)
    writeU64(values[i]);
}

void ByteWriter::writeF64Array(const double *values, size_t count) {
  if (hostIsLittleEndian) {
    const auto *raw = reinterpret_cast<const uint8_t *>(values);
    bytes.insert(bytes.end(), raw, raw + count * sizeof(double));
    return;
  }
  for (size_t i = 0; i < count; ++i)
    writeF64(values[i]);
}

//===----------------------------------------------------------------------===//
// ByteReader
//===----------------------------------------------------------------------===//

void ByteReader::fail(const std::string &message) const {
  throw SerializationError(source + ": " + message);
}

const uint8_t *ByteReader::take(const char *what, size_t count) {
  if (count > remaining())
    fail(std::string("truncated: ") + what + " needs " + std::to_string(count) +
         " bytes at payload offset " + std::to_string(offset) + ", only " +
         std::to_string(remaining()) + " left");
  const uint8_t *bytes = data + offset;
  offset += count;
  return bytes;
}

uint8_t ByteReader::readU8(const char *what) { return *take(what, 1); }

uint16_t ByteReader::readU16(const char *what) {
  return static_cast<uint16_t>(loadLittleEndian(take(what, 2), 2));
}

uint32_t ByteReader::readU32(const char *what) {
  return static_cast<uint32_t>(loadLittleEndian(take(what, 4), 4));
}

uint64_t ByteReader::readU64(const char *what) {
  return loadLittleEndian(take(what, 8), 8);
}

double ByteReader::readF64(const char *what) {
  uint64_t bits = readU64(what);
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

std::string ByteReader::readString(const char *what, size_t maxLength) {
  uint32_t length = readU32(what);
  if (length > maxLength)
    fail(std::string(what) + " is " + std::to_string(length) +
         " bytes long, at most " + std::to_string(maxLength) + " allowed");
  const uint8_t *bytes = take(what, length);
  return std::string(reinterpret_cast<const char *>(bytes), length);
}

void ByteReader::requireItems(const char *what, uint64_t count,
                              size_t itemSize) const {
  if (count > remaining() / itemSize)
    fail(std::string("truncated or corrupted: ") + what + " announces " +
         std::to_string(count) + " items of " + std::to_string(itemSize) +
         " bytes, only " + std::to_string(remaining()) + " bytes left");
}

void ByteReader::readU64Array(const char *what, uint64_t *out, size_t count) {
  requireItems(what, count, sizeof(uint64_t));
  const uint8_t *bytes = take(what, count * sizeof(uint64_t));
  if (hostIsLittleEndian) {
    std::memcpy(out, bytes, count * sizeof(uint64_t));
    return;
  }
  for (size_t i = 0; i < count; ++i)
    out[i] = loadLittleEndian(bytes + 8 * i, 8);
}

void ByteReader::readU64Array(const char *what, size_t count,
                              std::vector<uint64_t> &out) {
  requireItems(what, count, sizeof(uint64_t));
  size_t start = out.size();
  out.resize(start + count);
  readU64Array(what, out.data() + start, count);
}

void ByteReader::readF64Array(const char *what, double *out, size_t count) {
  requireItems(what, count, sizeof(double));
  const uint8_t *bytes = take(what, count * sizeof(double));
  if (hostIsLittleEndian) {
    std::memcpy(out, bytes, count * sizeof(double));
    return;
  }
  for (size_t i = 0; i < count; ++i) {
    uint64_t bits = loadLittleEndian(bytes + 8 * i, 8);
    std::memcpy(out + i, &bits, sizeof(double));
  }
}

uint64_t ByteReader::readBoundedU64(const char *what, uint64_t min,
                                    uint64_t max) {
  uint64_t value = readU64(what);
  if (value < min || value > max)
    fail(std::string(what) + " is " + std::to_string(value) +
         ", outside the allowed range [" + std::to_string(min) + ", " +
         std::to_string(max) + "]");
  return value;
}

void ByteReader::expectEnd() const {
  if (remaining() != 0)
    fail(std::to_string(remaining()) +
         " unexpected bytes after the end of the payload");
}

//===----------------------------------------------------------------------===//
// Header and checksum
//===----------------------------------------------------------------------===//

ByteWriter startFrame() {
  ByteWriter writer;
  writer.buffer().resize(headerSize);
  return writer;
}

std::vector<uint8_t> finishFrame(FileKind kind, ByteWriter &writer) {
  std::vector<uint8_t> &bytes = writer.buffer();
  uint64_t payloadSize = bytes.size() - headerSize;
  std::vector<uint8_t> header;
  for (char byte : magic)
    header.push_back(static_cast<uint8_t>(byte));
  storeLittleEndian(header, currentVersion, 2);
  storeLittleEndian(header, static_cast<uint16_t>(kind), 2);
  storeLittleEndian(header, 0, 4);
  storeLittleEndian(header, payloadSize, 8);
  std::copy(header.begin(), header.end(), bytes.begin());
  writer.writeU64(crc64(bytes.data(), bytes.size()));
  return std::move(bytes);
}

std::vector<uint8_t> frame(FileKind kind, const std::vector<uint8_t> &payload) {
  ByteWriter writer = startFrame();
  writer.writeBytes(payload.data(), payload.size());
  return finishFrame(kind, writer);
}

PayloadView unframe(const std::vector<uint8_t> &bytes, FileKind expectedKind,
                    const std::string &source) {
  auto fail = [&](const std::string &message) -> PayloadView {
    throw SerializationError(source + ": " + message);
  };
  std::string expected = describeFileKind(static_cast<uint16_t>(expectedKind));
  if (bytes.size() < sizeof(magic) ||
      std::memcmp(bytes.data(), magic, sizeof(magic)) != 0)
    return fail("not a Shade file (the magic number SHADEFHE is missing); "
                "expected " +
                expected);
  if (bytes.size() < headerSize + checksumSize)
    return fail("truncated: " + std::to_string(bytes.size()) +
                " bytes, shorter than the header and checksum (" +
                std::to_string(headerSize + checksumSize) + " bytes)");
  uint16_t version = static_cast<uint16_t>(loadLittleEndian(&bytes[8], 2));
  if (version != currentVersion)
    return fail("format version " + std::to_string(version) + ", expected " +
                std::to_string(currentVersion) + ": " +
                (version != 0 && version < currentVersion
                     ? "the file is from an older Shade release; " +
                           describeRemedy(expectedKind)
                     : std::string("the file is corrupted or from a newer "
                                   "Shade release")));
  uint64_t payloadSize = loadLittleEndian(&bytes[16], 8);
  size_t available = bytes.size() - headerSize - checksumSize;
  if (payloadSize > available)
    return fail("truncated: the header announces " +
                std::to_string(payloadSize) +
                " payload bytes, the file holds " + std::to_string(available));
  if (payloadSize < available)
    return fail("the header announces " + std::to_string(payloadSize) +
                " payload bytes, the file holds " + std::to_string(available) +
                " (corrupted size or trailing data)");
  size_t checksumOffset = headerSize + payloadSize;
  uint64_t stored = loadLittleEndian(&bytes[checksumOffset], 8);
  uint64_t computed = crc64(bytes.data(), checksumOffset);
  if (stored != computed)
    return fail("checksum mismatch (the file is corrupted): stored " +
                std::to_string(stored) + ", computed " +
                std::to_string(computed));
  uint16_t kind = static_cast<uint16_t>(loadLittleEndian(&bytes[10], 2));
  if (kind != static_cast<uint16_t>(expectedKind))
    return fail("this is " + describeFileKind(kind) + ", expected " + expected);
  uint32_t flags = static_cast<uint32_t>(loadLittleEndian(&bytes[12], 4));
  if (flags != 0)
    return fail("unknown header flags " + std::to_string(flags));
  return PayloadView{bytes.data() + headerSize, payloadSize};
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

namespace {

/// Owns an open file descriptor.
class FileDescriptor {
public:
  explicit FileDescriptor(int fd) : fd(fd) {}
  ~FileDescriptor() {
    if (fd >= 0)
      ::close(fd);
  }
  FileDescriptor(const FileDescriptor &) = delete;
  FileDescriptor &operator=(const FileDescriptor &) = delete;
  int close() {
    int result = ::close(fd);
    fd = -1;
    return result;
  }

  int fd;
};

/// Removes a file on destruction unless released.
class TemporaryPath {
public:
  explicit TemporaryPath(std::string path) : path(std::move(path)) {}
  ~TemporaryPath() {
    if (!path.empty())
      ::unlink(path.c_str());
  }
  TemporaryPath(const TemporaryPath &) = delete;
  TemporaryPath &operator=(const TemporaryPath &) = delete;
  void release() { path.clear(); }

private:
  std::string path;
};

} // namespace

std::vector<uint8_t> readFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw FileSystemError(systemError(path, "open"));
  FileDescriptor descriptor(fd);
  struct stat status;
  if (::fstat(fd, &status) != 0)
    throw FileSystemError(systemError(path, "stat"));
  if (!S_ISREG(status.st_mode))
    throw FileSystemError(path + ": not a regular file");
  std::vector<uint8_t> bytes(static_cast<size_t>(status.st_size));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t count = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (count < 0 && errno == EINTR)
      continue;
    if (count < 0)
      throw FileSystemError(systemError(path, "read"));
    if (count == 0)
      break;
    done += static_cast<size_t>(count);
  }
  bytes.resize(done);
  return bytes;
}

void writeFileAtomically(const std::string &path,
                         const std::vector<uint8_t> &bytes, bool secret) {
  static std::atomic<unsigned> temporaryCounter{0};
  std::string temporaryPath;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    temporaryPath = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                    std::to_string(temporaryCounter++);
    fd = ::open(temporaryPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                secret ? 0600 : 0666);
    if (fd < 0 && errno != EEXIST)
      throw FileSystemError(
          systemError(path, "create a temporary file beside it"));
  }
  if (fd < 0)
    throw FileSystemError(
        systemError(path, "create a temporary file beside it"));
  TemporaryPath temporary(temporaryPath);
  FileDescriptor descriptor(fd);
  // The umask can only clear bits; this makes a secret file exactly 0600.
  if (secret && ::fchmod(fd, 0600) != 0)
    throw FileSystemError(systemError(path, "set the mode of"));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t count = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (count < 0 && errno == EINTR)
      continue;
    if (count < 0)
      throw FileSystemError(systemError(path, "write"));
    done += static_cast<size_t>(count);
  }
  if (::fsync(fd) != 0)
    throw FileSystemError(systemError(path, "flush"));
  if (descriptor.close() != 0)
    throw FileSystemError(systemError(path, "close"));
  if (::rename(temporaryPath.c_str(), path.c_str()) != 0)
    throw FileSystemError(systemError(path, "rename the temporary file to"));
  temporary.release();
}

} // namespace format
} // namespace shade::runtime
