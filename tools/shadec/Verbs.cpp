//===- Verbs.cpp - What each shadec verb does -----------------------------===//

#include "Verbs.h"

#include "shade/Shade.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace shadec {

using shade::Error;

namespace {

/// Writes `text` to standard output, failing if it cannot.
void printOut(const std::string &text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
      std::fflush(stdout) != 0)
    throw Error(std::string("<stdout>: cannot write: ") + std::strerror(errno));
}

/// A probability written as a number ("1e-5", "0.001") or a power of two
/// ("2^-40", "2**-40").
double parseProbability(const std::string &text) {
  std::string exponent;
  if (text.rfind("2^", 0) == 0)
    exponent = text.substr(2);
  else if (text.rfind("2**", 0) == 0)
    exponent = text.substr(3);
  const std::string &number = exponent.empty() ? text : exponent;
  char *end = nullptr;
  errno = 0;
  double value = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || errno == ERANGE ||
      !std::isfinite(value))
    throw Error("--p-error=" + text +
                ": not a number (write e.g. 1e-5 or 2^-40)");
  return exponent.empty() ? value : std::exp2(value);
}

unsigned parseCount(const std::string &option, const std::string &text,
                    unsigned max) {
  char *end = nullptr;
  errno = 0;
  unsigned long value = std::strtoul(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || text[0] == '-' || text[0] == '+' ||
      errno == ERANGE || value == 0 || value > max)
    throw Error(option + "=" + text + ": expected an integer from 1 to " +
                std::to_string(max));
  return static_cast<unsigned>(value);
}

shade::CompileOptions getCompileOptions(const ParsedCommand &command) {
  shade::CompileOptions options;
  if (auto pError = command.get("--p-error"))
    options.pError = parseProbability(*pError);
  if (auto bits = command.get("--security-bits"))
    options.securityBits = parseCount("--security-bits", *bits, 1u << 16);
  if (auto threads = command.get("--threads"))
    options.threads = parseCount("--threads", *threads, 4096);
  if (auto function = command.get("--function"))
    options.function = *function;
  options.singleParameterSet = command.has("--single-parameter-set");
  return options;
}

/// Shows "shadec: 1200 of 4800 bootstraps, 3.1 s elapsed, about 9 s left"
/// on the terminal once the run has taken a second, and erases it at the
/// end.
shade::ProgressCallback makeProgressReport(const ParsedCommand &command) {
  if (command.has("--quiet") || !::isatty(STDERR_FILENO))
    return nullptr;
  return [shown = false](const shade::Progress &progress) mutable {
    if (progress.finished) {
      if (shown)
        std::fputs("\r\033[K", stderr);
      return;
    }
    if (progress.secondsElapsed < 1)
      return;
    shown = true;
    char line[160];
    int length = std::snprintf(
        line, sizeof line, "shadec: %llu of %llu bootstraps, %.1f s elapsed",
        (unsigned long long)progress.bootstrapsDone,
        (unsigned long long)progress.bootstraps, progress.secondsElapsed);
    double left = progress.secondsEstimated - progress.secondsElapsed;
    if (left >= 0.5)
      std::snprintf(line + length, sizeof line - length, ", about %.0f s left",
                    left);
    std::fprintf(stderr, "\r\033[K%s", line);
    std::fflush(stderr);
  };
}

shade::ExecuteOptions getExecuteOptions(const ParsedCommand &command) {
  shade::ExecuteOptions options;
  if (auto threads = command.get("--threads"))
    options.threads = parseCount("--threads", *threads, 4096);
  options.progress = makeProgressReport(command);
  return options;
}

/// The name of a values file in errors.
std::string valuesSource(const std::string &path) {
  return path == "-" ? "<stdin>" : path;
}

void run(const ParsedCommand &command) {
  shade::CompileOptions compileOptions = getCompileOptions(command);
  shade::ExecuteOptions executeOptions = getExecuteOptions(command);
  std::string inputsPath = *command.get("--inputs");
  shade::Values inputs = shade::readValues(inputsPath);
  shade::Program program =
      shade::Program::compileFile(command.positionals[0], compileOptions);
  shade::Values results =
      program.run(inputs, executeOptions, valuesSource(inputsPath));
  printOut(shade::formatValues(results) + "\n");
}

void compile(const ParsedCommand &command) {
  std::optional<std::string> emit = command.get("--emit");
  std::optional<std::string> output = command.get("-o");
  if (!emit && !output)
    throw Error("compile: give --emit=STAGE or -o DIR (usage: shadec compile "
                "PROGRAM --emit=STAGE | -o DIR)");
  std::optional<shade::Stage> stage;
  if (emit)
    stage = shade::parseStage(*emit);
  shade::Program program = shade::Program::compileFile(
      command.positionals[0], getCompileOptions(command));
  if (output)
    program.writeArtifact(*output);
  if (stage)
    printOut(program.emit(*stage));
}

void keygen(const ParsedCommand &command) {
  shade::ClientSpec spec = shade::readClientSpec(command.positionals[0]);
  shade::generateKeyFiles(spec, *command.get("--secret-key"),
                          *command.get("--eval-key"));
}

void encrypt(const ParsedCommand &command) {
  shade::checkOutputFile(*command.get("-o"));
  shade::ClientSpec spec = shade::readClientSpec(command.positionals[0]);
  shade::SecretKeys keys =
      shade::SecretKeys::read(*command.get("--secret-key"), spec);
  std::string inputsPath = *command.get("--inputs");
  shade::Values inputs = shade::readValues(inputsPath);
  keys.encrypt(spec, inputs, valuesSource(inputsPath))
      .write(*command.get("-o"));
}

void execute(const ParsedCommand &command) {
  shade::ExecuteOptions options = getExecuteOptions(command);
  shade::checkOutputFile(*command.get("-o"));
  shade::Artifact artifact = shade::Artifact::load(command.positionals[0]);
  shade::EvaluationKeys keys =
      shade::EvaluationKeys::read(*command.get("--eval-key"), artifact.spec());
  std::string argsPath = *command.get("--args");
  shade::Ciphertexts args = shade::Ciphertexts::read(argsPath, artifact.spec());
  artifact.execute(keys, args, options, argsPath).write(*command.get("-o"));
}

void decrypt(const ParsedCommand &command) {
  shade::ClientSpec spec = shade::readClientSpec(command.positionals[0]);
  shade::SecretKeys keys =
      shade::SecretKeys::read(*command.get("--secret-key"), spec);
  const std::string &resultsPath = command.positionals[1];
  shade::Ciphertexts results = shade::Ciphertexts::read(resultsPath, spec);
  printOut(shade::formatValues(keys.decrypt(spec, results, resultsPath)) +
           "\n");
}

} // namespace

void runVerb(const ParsedCommand &command) {
  std::string name = command.verb->name;
  if (name == "run")
    run(command);
  else if (name == "compile")
    compile(command);
  else if (name == "keygen")
    keygen(command);
  else if (name == "encrypt")
    encrypt(command);
  else if (name == "execute")
    execute(command);
  else
    decrypt(command);
}

} // namespace shadec
