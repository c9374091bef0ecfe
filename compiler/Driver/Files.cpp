//===- Files.cpp - Reading inputs and writing outputs atomically ----------===//

#include "compiler/Driver/Files.h"
#include "shade/Shade.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace shade::driver {

namespace {

/// The paths a fatal signal must remove, in a fixed-size table that a signal
/// handler can walk without allocating. A directory is registered before
/// the files it holds and removal goes backwards, so it is empty when its
/// turn comes.
struct Temporary {
  char path[4096];
  bool isDirectory;
  bool live;
};
constexpr size_t kMaxTemporaries = 16;
Temporary temporaries[kMaxTemporaries];
size_t temporaryCount = 0;

void registerTemporary(const std::string &path, bool isDirectory) {
  if (temporaryCount == kMaxTemporaries || path.size() >= 4096)
    return;
  Temporary &entry = temporaries[temporaryCount++];
  std::memcpy(entry.path, path.c_str(), path.size() + 1);
  entry.isDirectory = isDirectory;
  entry.live = true;
}

/// Forgets `path` and, for a directory, the files inside it.
void forgetTemporaries(const std::string &path) {
  for (size_t i = 0; i < temporaryCount; ++i)
    if (std::strncmp(temporaries[i].path, path.c_str(), path.size()) == 0 &&
        (temporaries[i].path[path.size()] == '\0' ||
         temporaries[i].path[path.size()] == '/'))
      temporaries[i].live = false;
  while (temporaryCount > 0 && !temporaries[temporaryCount - 1].live)
    --temporaryCount;
}

std::string systemError() { return std::strerror(errno); }

std::string parentOf(const std::string &path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

/// "out/dir" for "out/dir/" ("/" stays "/").
std::string withoutTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/')
    path.pop_back();
  return path;
}

unsigned long nextTemporaryNumber() {
  static unsigned long counter = 0;
  return counter++;
}

/// Checks that `destination` can be replaced: absent, or a directory
/// accepted by `isReplaceable`.
void checkDestination(const std::string &destination,
                      bool (*isReplaceable)(const std::string &)) {
  struct stat status;
  if (::lstat(destination.c_str(), &status) != 0) {
    if (errno == ENOENT)
      return;
    throw Error(destination + ": cannot write: " + systemError());
  }
  if (!S_ISDIR(status.st_mode))
    throw Error(destination + ": exists and is not a directory (not replaced)");
  if (!isReplaceable(destination))
    throw Error(destination +
                ": exists and is not a Shade artifact directory (not "
                "replaced)");
}

} // namespace

std::string readTextFile(const std::string &path) {
  if (path == "-") {
    std::ostringstream contents;
    contents << std::cin.rdbuf();
    if (std::cin.bad())
      throw Error("<stdin>: cannot read: " + systemError());
    return contents.str();
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(path + ": cannot open: " + systemError());
  struct stat status;
  if (::fstat(fd, &status) == 0 && S_ISDIR(status.st_mode)) {
    ::close(fd);
    throw Error(path + ": cannot read: it is a directory");
  }
  std::string contents;
  char buffer[1 << 16];
  for (;;) {
    ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count == 0)
      break;
    if (count < 0) {
      if (errno == EINTR)
        continue;
      std::string reason = systemError();
      ::close(fd);
      throw Error(path + ": cannot read: " + reason);
    }
    contents.append(buffer, count);
  }
  ::close(fd);
  return contents;
}

StagingDirectory::StagingDirectory(const std::string &path,
                                   bool (*isReplaceable)(const std::string &))
    : destination(withoutTrailingSlashes(path)) {
  checkDestination(destination, isReplaceable);
  std::string name = std::filesystem::path(destination).filename().string();
  if (name.empty() || name == "." || name == "..")
    throw Error(path + ": not a valid directory name to create");
  temporary = parentOf(destination) + "/." + name + ".tmp-" +
              std::to_string(::getpid()) + "-" +
              std::to_string(nextTemporaryNumber());
  if (::mkdir(temporary.c_str(), 0777) != 0)
    throw Error(destination + ": cannot create: " + systemError());
  registerTemporary(temporary, /*isDirectory=*/true);
}

StagingDirectory::~StagingDirectory() {
  forgetTemporaries(temporary);
  if (committed)
    return;
  std::error_code ignored;
  std::filesystem::remove_all(temporary, ignored);
}

void StagingDirectory::addFile(const std::string &name) {
  files.push_back(temporary + "/" + name);
  registerTemporary(files.back(), /*isDirectory=*/false);
}

void StagingDirectory::commit() {
  // Swap with an existing destination when the kernel can do it atomically,
  // then remove the old contents, now under the temporary name.
  std::error_code ignored;
  if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, destination.c_str(),
                  RENAME_EXCHANGE) == 0) {
    std::filesystem::remove_all(temporary, ignored);
    committed = true;
    return;
  }
  if (errno == ENOENT) {
    if (::rename(temporary.c_str(), destination.c_str()) != 0)
      throw Error(destination + ": cannot create: " + systemError());
    committed = true;
    return;
  }
  if (errno != EINVAL && errno != ENOSYS)
    throw Error(destination + ": cannot replace: " + systemError());
  // No atomic exchange on this file system: move the old directory aside.
  std::string aside = temporary + ".old";
  if (::rename(destination.c_str(), aside.c_str()) != 0)
    throw Error(destination + ": cannot replace: " + systemError());
  if (::rename(temporary.c_str(), destination.c_str()) != 0) {
    std::string reason = systemError();
    ::rename(aside.c_str(), destination.c_str());
    throw Error(destination + ": cannot create: " + reason);
  }
  std::filesystem::remove_all(aside, ignored);
  committed = true;
}

StagedFile::StagedFile(const std::string &destination)
    : destination(destination) {
  checkOutputFile(destination);
  std::string parent = parentOf(destination);
  std::string name = std::filesystem::path(destination).filename().string();
  temporary = parent + "/." + name + ".tmp-" + std::to_string(::getpid()) +
              "-" + std::to_string(nextTemporaryNumber());
  registerTemporary(temporary, /*isDirectory=*/false);
}

StagedFile::~StagedFile() {
  forgetTemporaries(temporary);
  if (!committed)
    ::unlink(temporary.c_str());
}

std::string StagedFile::rename(std::string message) const {
  for (size_t at = message.find(temporary); at != std::string::npos;
       at = message.find(temporary, at + destination.size()))
    message.replace(at, temporary.size(), destination);
  return message;
}

void StagedFile::commit() {
  if (::rename(temporary.c_str(), destination.c_str()) != 0)
    throw Error(destination + ": cannot write: " + systemError());
  committed = true;
}

void removeTemporariesOnSignal() {
  for (size_t i = temporaryCount; i-- > 0;) {
    const Temporary &entry = temporaries[i];
    if (!entry.live)
      continue;
    if (entry.isDirectory)
      ::rmdir(entry.path);
    else
      ::unlink(entry.path);
  }
}

} // namespace shade::driver

namespace shade {

void checkOutputFile(const std::string &path) {
  struct stat status;
  if (::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode))
    throw Error(path + ": cannot write: it is a directory");
  if (::access(driver::parentOf(path).c_str(), W_OK) != 0)
    throw Error(path + ": cannot write: " + driver::systemError());
}

} // namespace shade
