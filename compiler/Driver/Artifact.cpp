//===- Artifact.cpp - Writing, reading and running artifacts --------------===//
//
// An artifact is a directory holding the server code, `program.so`, and the
// client specification, `client.json` (docs/user-guide.md, "The artifact").

#include "compiler/Driver/Diagnostics.h"
#include "compiler/Driver/Execute.h"
#include "compiler/Driver/Files.h"
#include "compiler/Driver/ProgramImpl.h"
#include "compiler/Driver/Specification.h"

#include "compiler/Execution/Codegen.h"
#include "compiler/Execution/SharedObjectProgram.h"

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace shade {

namespace {

constexpr const char *kSharedObjectName = "program.so";
constexpr const char *kObjectName = "program.o";

/// Whether `directory` may be replaced by an artifact: it is empty or holds
/// an artifact already.
bool isReplaceableByArtifact(const std::string &directory) {
  std::error_code error;
  if (std::filesystem::is_empty(directory, error) && !error)
    return true;
  return std::filesystem::is_regular_file(
      std::filesystem::path(directory) / driver::kSpecFileName, error);
}

void writeText(const std::string &path, const std::string &text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file)
    throw Error(path + ": cannot write");
}

} // namespace

ClientSpec readClientSpec(const std::string &path) {
  struct stat status;
  if (::stat(path.c_str(), &status) != 0 || !S_ISDIR(status.st_mode))
    throw Error(path +
                ": not an artifact directory (write one with "
                "'shadec compile PROGRAM -o " +
                path + "')");
  std::string specPath =
      (std::filesystem::path(path) / driver::kSpecFileName).string();
  return driver::parseSpec(driver::readTextFile(specPath), specPath);
}

void Program::writeArtifact(const std::string &path) const {
  driver::StagingDirectory staging(path, isReplaceableByArtifact);
  mlir::OwningOpRef<mlir::ModuleOp> lowered = impl->lowerToLLVMDialect();

  std::string object = staging.path() + "/" + kObjectName;
  std::string sharedObject = staging.path() + "/" + kSharedObjectName;
  staging.addFile(kObjectName);
  if (llvm::Error error = execution::emitObjectFile(*lowered, object, 3))
    throw Error(path + ": cannot write the object file: " +
                llvm::toString(std::move(error)));
  staging.addFile(kSharedObjectName);
  if (llvm::Error error = execution::linkSharedObject(object, sharedObject))
    throw Error(path + ": " + llvm::toString(std::move(error)));
  std::filesystem::remove(object);

  staging.addFile(driver::kSpecFileName);
  writeText(staging.path() + "/" + driver::kSpecFileName,
            driver::formatSpec(impl->spec));
  staging.commit();
}

void generateKeyFiles(const ClientSpec &spec, const std::string &secretKeyPath,
                      const std::string &evaluationKeyPath) {
  if (std::filesystem::path(secretKeyPath).lexically_normal() ==
      std::filesystem::path(evaluationKeyPath).lexically_normal())
    throw Error(secretKeyPath +
                ": the secret key and the evaluation keys need two files");
  driver::StagedFile secretKeyFile(secretKeyPath);
  driver::StagedFile evaluationKeyFile(evaluationKeyPath);
  SecretKeys keys = SecretKeys::generate(spec);
  try {
    keys.write(secretKeyFile.path());
  } catch (const Error &error) {
    throw Error(secretKeyFile.rename(error.what()));
  }
  try {
    keys.writeEvaluationKeys(evaluationKeyFile.path());
  } catch (const Error &error) {
    throw Error(evaluationKeyFile.rename(error.what()));
  }
  secretKeyFile.commit();
  evaluationKeyFile.commit();
}

//===----------------------------------------------------------------------===//
// Artifact
//===----------------------------------------------------------------------===//

struct Artifact::Impl {
  ClientSpec spec;
  std::unique_ptr<execution::SharedObjectProgram> program;
  execution::PackedEntryPoint entryPoint = nullptr;
};

Artifact::Artifact(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Artifact::Artifact(Artifact &&) = default;
Artifact &Artifact::operator=(Artifact &&) = default;
Artifact::~Artifact() = default;

Artifact Artifact::load(const std::string &path) {
  auto impl = std::make_unique<Impl>();
  impl->spec = readClientSpec(path);
  std::string sharedObject =
      (std::filesystem::path(path) / kSharedObjectName).string();
  auto program = execution::SharedObjectProgram::load(sharedObject);
  if (!program)
    throw Error(sharedObject + ": " + llvm::toString(program.takeError()));
  impl->program = std::move(*program);
  auto entryPoint = impl->program->lookup(impl->spec.function);
  if (!entryPoint)
    throw Error(sharedObject + ": " + llvm::toString(entryPoint.takeError()));
  impl->entryPoint = *entryPoint;
  return Artifact(std::move(impl));
}

const ClientSpec &Artifact::spec() const { return impl->spec; }

Ciphertexts Artifact::execute(const EvaluationKeys &keys,
                              const Ciphertexts &args,
                              const ExecuteOptions &options,
                              const std::string &source) const {
  return driver::Access::make(driver::executeCompiled(
      impl->spec, impl->entryPoint, driver::Access::get(keys),
      driver::Access::get(args).tensors, options, source));
}

} // namespace shade
