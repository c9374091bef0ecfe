//===- Shade.h - Compile and run programs on encrypted integers -*- C++ -*-===//
//
// The library behind `shadec` (docs/user-guide.md): read a graph file or an
// MLIR file, compile it (ranges, widths, noise, parameters, lowering), print
// a stage, run it, or split the work between a client that holds the secret
// key and a server that only ever sees the evaluation key:
//
//   shade::Program program = shade::Program::compileFile("model.json");
//   shade::Values results = program.run(shade::readValues("inputs.json"));
//
//   program.writeArtifact("model.shade");                     // compiler
//   shade::Artifact artifact = shade::Artifact::load("model.shade");
//   shade::SecretKeys keys = shade::SecretKeys::generate(artifact.spec());
//   keys.writeEvaluationKeys("model.ek");                      // client
//   shade::Ciphertexts args = keys.encrypt(artifact.spec(), inputs);
//   shade::Ciphertexts out = artifact.execute(                  // server
//       shade::EvaluationKeys::load("model.ek", artifact.spec()), args);
//   shade::Values results = keys.decrypt(artifact.spec(), out); // client
//
// Every function reports a user error (an unreadable file, an input out of
// its range, a program Shade cannot compile, ...) by throwing shade::Error,
// whose message names what is wrong: "<where>: <what>". Nothing else is
// thrown but std::bad_alloc.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_SHADE_H
#define SHADE_SHADE_H

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace shade {

namespace driver {
/// The library's own access to the classes' implementations.
struct Access;
} // namespace driver

/// A user error. The message is one line: "<where>: <what>", where names
/// the file, the input, the node or the op.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string &message) : std::runtime_error(message) {}
};

/// Shade's version, "MAJOR.MINOR.PATCH".
const char *version();

//===----------------------------------------------------------------------===//
// Values
//===----------------------------------------------------------------------===//

/// A named tensor of integers in row-major order; a scalar has an empty
/// shape and one element.
struct Value {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<int64_t> elements;
};

/// The inputs or the results of one run, in order.
using Values = std::vector<Value>;

/// Parses a values file: a JSON object mapping each name to an integer or a
/// rectangular nested list of integers. `source` names the text in errors.
Values parseValues(const std::string &text, const std::string &source);
/// Reads and parses a values file; "-" reads standard input.
Values readValues(const std::string &path);
/// The values as one JSON object on one line, in order, without a newline.
std::string formatValues(const Values &values);

//===----------------------------------------------------------------------===//
// Client specification
//===----------------------------------------------------------------------===//

/// One input or output of a compiled program.
struct TensorSpec {
  std::string name;
  /// Empty for a scalar.
  std::vector<int64_t> shape;
  /// Whether the value travels encrypted; a clear input is given at run time
  /// in the clear, a clear output is returned in the clear.
  bool encrypted = true;
  /// The message width in bits (encrypted) or the integer width (clear).
  unsigned width = 0;
  bool isSigned = false;
  /// The inclusive range of every element: declared for an input (values
  /// outside it are refused), inferred for an output.
  int64_t min = 0, max = 0;
  /// For an encrypted value: the parameter set (an index into
  /// CircuitReport::parameters) whose big key encrypts it.
  unsigned keySet = 0;
};

/// One TFHE parameter set; noise is a standard deviation relative to the
/// torus.
struct CryptoParameters {
  uint32_t lweDimension = 0;
  uint32_t glweDimension = 0;
  uint32_t polynomialSize = 0;
  double lweNoiseStd = 0;
  double glweNoiseStd = 0;
  uint32_t pbsBaseLog = 0;
  uint32_t pbsLevel = 0;
  uint32_t ksBaseLog = 0;
  uint32_t ksLevel = 0;
};

/// The keys of one kind of bootstrap: a key switch from the big key of
/// parameter set `source` to the small key of set `target`, then the
/// bootstrap of set `target`.
struct KeyPattern {
  uint32_t source = 0;
  uint32_t target = 0;
};

/// The chosen parameters and the circuit's statistics (`--emit=params`).
struct CircuitReport {
  unsigned securityBits = 128;
  /// The largest predicted failure probability of one bootstrap.
  double pError = 0;
  /// The predicted probability that any bootstrap of one run fails.
  double globalPError = 0;
  /// The parameter sets, one per partition of the program's bootstraps
  /// (docs/parameters.md, "Partitions"); most programs have one.
  std::vector<CryptoParameters> parameters;
  /// The key patterns the compiled code uses, by index; one set has the
  /// pattern (0, 0).
  std::vector<KeyPattern> keyPatterns;
  uint64_t bootstraps = 0;
  uint64_t keyswitches = 0;
  /// The estimated cost of one run, in nanoseconds of one core.
  double cost = 0;
  /// The bootstraps by the input width of their tables.
  std::map<unsigned, uint64_t> bootstrapsByWidth;
  /// The bootstraps by the parameter set that runs them (only reported when
  /// there are several sets).
  std::map<unsigned, uint64_t> bootstrapsBySet;
  /// The elements rounded approximately, and the largest predicted
  /// probability that one of them is the neighbour of the exact rounding.
  uint64_t approximateRoundings = 0;
  double offByOneProbability = 0;
};

/// What a client needs to know about a compiled program: its inputs, its
/// outputs and its parameters. Stored as `client.json` in an artifact.
struct ClientSpec {
  /// The compiled function.
  std::string function;
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
  CircuitReport report;
};

/// The report as the JSON object `--emit=params` prints (one line).
std::string formatReport(const CircuitReport &report);

/// Reads the client specification of the artifact directory `path` (all a
/// client needs: it does not load the server code).
ClientSpec readClientSpec(const std::string &path);

//===----------------------------------------------------------------------===//
// Compilation
//===----------------------------------------------------------------------===//

struct CompileOptions {
  /// The largest allowed failure probability of one bootstrap, in (0, 1).
  double pError = 0x1p-40;
  /// The security level; 128 is the only one Shade has a curve for.
  unsigned securityBits = 128;
  /// Threads for compiling (running takes ExecuteOptions::threads); 0 means
  /// all cores.
  unsigned threads = 0;
  /// For an MLIR file, the function to compile; empty means the only public
  /// func.func.
  std::string function;
  /// One parameter set for the whole program instead of one per partition
  /// of its bootstraps (docs/parameters.md, "Partitions"): one key pair and
  /// smaller keys, each bootstrap paying for the most demanding one.
  bool singleParameterSet = false;
};

/// What Program::emit prints.
enum class Stage {
  /// fhe/fhelinalg with every encrypted value's width, range and noise, and
  /// the chosen parameters as module attributes.
  Fhe,
  /// The tfhe dialect: LWE ciphertexts of the chosen parameters.
  Tfhe,
  /// LLVM IR.
  Llvm,
  /// The parameters and statistics as JSON (formatReport).
  Params,
};

/// The stage named `name` ("fhe", "tfhe", "llvm" or "params"), or an Error
/// listing them.
Stage parseStage(const std::string &name);

/// The progress of a run.
struct Progress {
  /// Bootstraps done so far and in the whole run (the program's
  /// statistics); the last report has all of them done.
  uint64_t bootstrapsDone = 0;
  uint64_t bootstraps = 0;
  double secondsElapsed = 0;
  /// The estimated duration of the whole run: from the cost model until the
  /// first bootstraps are done, then from the rate measured so far.
  double secondsEstimated = 0;
  /// Whether the run has ended (the last report).
  bool finished = false;
};

/// Called about four times a second from a monitoring thread while a
/// program runs, and once more when it ends.
using ProgressCallback = std::function<void(const Progress &)>;

struct ExecuteOptions {
  /// Runtime threads; 0 means all cores.
  unsigned threads = 0;
  /// Called while the program runs, if set.
  ProgressCallback progress;
};

/// A program compiled down to its parameters, ready to be emitted at any
/// stage, written as an artifact or run.
class Program {
public:
  /// Reads and compiles a graph file (`.json`) or an MLIR file (`.mlir`).
  static Program compileFile(const std::string &path,
                             const CompileOptions &options = {});
  /// Compiles `text`, a graph document or MLIR source; `source` names it in
  /// errors and decides the format by its extension (`.json`: graph).
  static Program compileSource(const std::string &text,
                               const std::string &source,
                               const CompileOptions &options = {});

  Program(Program &&);
  Program &operator=(Program &&);
  ~Program();

  const ClientSpec &spec() const;
  /// The program at `stage`, as text.
  std::string emit(Stage stage) const;
  /// Writes the server code (a shared object) and the client specification
  /// into the directory `path`, created or replaced as a whole.
  void writeArtifact(const std::string &path) const;
  /// Compiles just in time, makes keys, encrypts `inputs`, runs and
  /// decrypts. `source` names the inputs in errors.
  Values run(const Values &inputs, const ExecuteOptions &options = {},
             const std::string &source = "inputs") const;

private:
  struct Impl;
  explicit Program(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

//===----------------------------------------------------------------------===//
// Client and server
//===----------------------------------------------------------------------===//

/// Encrypted (and clear run-time) inputs or results, as stored in ARGS and
/// RESULTS files.
class Ciphertexts {
public:
  /// Reads a file written by write(); its parameters must be `spec`'s.
  static Ciphertexts read(const std::string &path, const ClientSpec &spec);

  Ciphertexts(Ciphertexts &&);
  Ciphertexts &operator=(Ciphertexts &&);
  ~Ciphertexts();

  /// Writes the file atomically (no partial file on failure).
  void write(const std::string &path) const;

private:
  friend struct driver::Access;
  struct Impl;
  explicit Ciphertexts(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// The server's keys (key switching and bootstrap keys) and its threads.
class EvaluationKeys {
public:
  static EvaluationKeys read(const std::string &path, const ClientSpec &spec);

  EvaluationKeys(EvaluationKeys &&);
  EvaluationKeys &operator=(EvaluationKeys &&);
  ~EvaluationKeys();

private:
  friend struct driver::Access;
  struct Impl;
  explicit EvaluationKeys(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// The client's secret keys.
class SecretKeys {
public:
  /// Fresh keys for the parameters of `spec`.
  static SecretKeys generate(const ClientSpec &spec);
  /// Reads a secret key file; its parameters must be `spec`'s.
  static SecretKeys read(const std::string &path, const ClientSpec &spec);

  SecretKeys(SecretKeys &&);
  SecretKeys &operator=(SecretKeys &&);
  ~SecretKeys();

  /// Writes the secret key file, mode 0600.
  void write(const std::string &path) const;
  /// Makes evaluation keys for these secret keys and writes them.
  void writeEvaluationKeys(const std::string &path) const;
  /// Makes evaluation keys in memory.
  EvaluationKeys makeEvaluationKeys() const;

  /// Checks `inputs` against the inputs of `spec` (every input given once,
  /// no other name, shapes and declared ranges) and encrypts them; clear
  /// inputs are stored in the clear. `source` names the values in errors.
  Ciphertexts encrypt(const ClientSpec &spec, const Values &inputs,
                      const std::string &source = "inputs") const;
  /// Decrypts results, in the order of the outputs of `spec`.
  Values decrypt(const ClientSpec &spec, const Ciphertexts &results,
                 const std::string &source = "results") const;

private:
  struct Impl;
  explicit SecretKeys(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// Throws Error unless a file can be written at `path`: its directory
/// exists and is writable, and `path` is not a directory. Checking outputs
/// first saves doing long work in vain.
void checkOutputFile(const std::string &path);

/// Makes fresh secret keys for `spec` and their evaluation keys, and writes
/// both files (the secret key file with mode 0600): both appear, or neither
/// changes.
void generateKeyFiles(const ClientSpec &spec, const std::string &secretKeyPath,
                      const std::string &evaluationKeyPath);

/// A compiled program read back from its directory: the client
/// specification and the server code.
class Artifact {
public:
  static Artifact load(const std::string &path);

  Artifact(Artifact &&);
  Artifact &operator=(Artifact &&);
  ~Artifact();

  const ClientSpec &spec() const;
  /// Runs the program on `args` (from SecretKeys::encrypt) with the
  /// evaluation keys only. `source` names the arguments in errors.
  Ciphertexts execute(const EvaluationKeys &keys, const Ciphertexts &args,
                      const ExecuteOptions &options = {},
                      const std::string &source = "args") const;

private:
  struct Impl;
  explicit Artifact(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace shade

#endif // SHADE_SHADE_H
