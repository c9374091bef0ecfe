//===- Files.h - Reading inputs and writing outputs atomically --*- C++ -*-===//
//
// Every output of the driver appears complete or not at all: it is written
// under a temporary name in its destination's directory and renamed at the
// end; on failure (or a crash or an interruption, see
// removeTemporariesOnSignal) the temporary is removed and an existing
// destination is left as it was.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_DRIVER_FILES_H
#define SHADE_COMPILER_DRIVER_FILES_H

#include <string>
#include <vector>

namespace shade::driver {

/// The contents of the file `path` ("-": standard input). Throws Error
/// "path: cannot read: <reason>".
std::string readTextFile(const std::string &path);

/// A directory being built next to its destination `path` (trailing slashes
/// allowed), renamed over it by commit(). Until then it is removed when this
/// object dies. An existing destination must be a directory that
/// `isReplaceable` accepts (e.g. an earlier artifact); it is replaced as a
/// whole.
class StagingDirectory {
public:
  StagingDirectory(const std::string &path,
                   bool (*isReplaceable)(const std::string &directory));
  ~StagingDirectory();
  StagingDirectory(const StagingDirectory &) = delete;
  StagingDirectory &operator=(const StagingDirectory &) = delete;

  /// The temporary directory's path.
  const std::string &path() const { return temporary; }
  /// Records a file written into the directory so that a crash or an
  /// interruption removes it.
  void addFile(const std::string &name);
  /// Moves the directory to its destination.
  void commit();

private:
  std::string destination;
  std::string temporary;
  std::vector<std::string> files;
  bool committed = false;
};

/// A file being written under a temporary name next to `destination`,
/// renamed over it by commit(); until then it is removed when this object
/// dies. Several staged files committed one after the other appear together
/// unless a rename fails (which needs the directory to change under us).
class StagedFile {
public:
  /// Fails, naming `destination`, when it is a directory or its directory
  /// does not exist or is not writable.
  explicit StagedFile(const std::string &destination);
  ~StagedFile();
  StagedFile(const StagedFile &) = delete;
  StagedFile &operator=(const StagedFile &) = delete;

  /// The temporary file's path.
  const std::string &path() const { return temporary; }
  /// `message` with the temporary path replaced by the destination's.
  std::string rename(std::string message) const;
  void commit();

private:
  std::string destination;
  std::string temporary;
  bool committed = false;
};

/// Removes every temporary file and directory of this process that has not
/// been committed. Only async-signal-safe calls: for the handler of a fatal
/// or terminating signal.
void removeTemporariesOnSignal();

} // namespace shade::driver

#endif // SHADE_COMPILER_DRIVER_FILES_H
