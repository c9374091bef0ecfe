//===- CommandLine.cpp - shadec's verbs and options -----------------------===//

#include "CommandLine.h"

#include "shade/Shade.h"

#include <algorithm>

namespace shadec {

using shade::Error;

namespace {

const OptionSyntax kPError{"--p-error", "=P",
                           "largest failure probability of one bootstrap, in "
                           "(0, 1) (default 2^-40)"};
const OptionSyntax kSecurityBits{
    "--security-bits", "=N", "security level in bits (default and only: 128)"};
const OptionSyntax kThreads{"--threads", "=N",
                            "threads to use (default: all cores)"};
const OptionSyntax kFunction{
    "--function", "=NAME",
    "the func.func of an MLIR file to compile (default: the only public one)"};
const OptionSyntax kSingleParameterSet{
    "--single-parameter-set", nullptr,
    "one parameter set for the whole program (one key pair, smaller keys, "
    "dearer bootstraps) instead of one per partition"};
const OptionSyntax kQuiet{"--quiet", nullptr,
                          "no progress report on the terminal"};

/// Other spellings of options: alias, name.
const std::pair<const char *, const char *> kAliases[] = {{"--output", "-o"},
                                                          {"-q", "--quiet"}};

const char *kHelpSuffix = "; run 'shadec --help' for the usage";

std::string canonicalName(const std::string &name) {
  for (auto [alias, canonical] : kAliases)
    if (name == alias)
      return canonical;
  return name;
}

const OptionSyntax *findOption(const VerbSyntax &verb,
                               const std::string &name) {
  for (const OptionSyntax &option : verb.options)
    if (name == option.name)
      return &option;
  return nullptr;
}

std::string describeOption(const OptionSyntax &option) {
  return std::string(option.name) + (option.value ? option.value : "");
}

/// "shadec run PROGRAM --inputs VALUES.json".
std::string formatSynopsis(const VerbSyntax &verb) {
  std::string text = std::string("shadec ") + verb.name;
  for (const char *positional : verb.positionals)
    text += std::string(" ") + positional;
  for (const OptionSyntax &option : verb.options)
    if (option.required)
      text += " " + describeOption(option);
  return text;
}

} // namespace

const std::vector<VerbSyntax> &getVerbs() {
  static const std::vector<VerbSyntax> verbs = {
      {"run",
       {"PROGRAM"},
       {{"--inputs", " VALUES.json", "the input values ('-': standard input)",
         true},
        kPError,
        kSecurityBits,
        kThreads,
        kFunction,
        kSingleParameterSet,
        kQuiet},
       "compile, make keys, encrypt, execute, decrypt; print the results"},
      {"compile",
       {"PROGRAM"},
       {{"--emit", "=STAGE",
         "print the program at STAGE: fhe, tfhe, llvm or params"},
        {"-o", " DIR", "write the compiled artifact to the directory DIR"},
        kPError,
        kSecurityBits,
        kThreads,
        kFunction,
        kSingleParameterSet},
       "print the program at a stage, or write a compiled artifact"},
      {"keygen",
       {"DIR"},
       {{"--secret-key", " SK", "the client's secret key file to write", true},
        {"--eval-key", " EK", "the server's evaluation key file to write",
         true}},
       "make the client's secret keys and the server's evaluation keys"},
      {"encrypt",
       {"DIR"},
       {{"--secret-key", " SK", "the client's secret key file", true},
        {"--inputs", " VALUES.json", "the input values ('-': standard input)",
         true},
        {"-o", " ARGS", "the encrypted arguments file to write", true}},
       "encrypt input values for the server"},
      {"execute",
       {"DIR"},
       {{"--eval-key", " EK", "the evaluation key file", true},
        {"--args", " ARGS", "the encrypted arguments file", true},
        {"-o", " RESULTS", "the encrypted results file to write", true},
        kThreads,
        kQuiet},
       "run the program on encrypted arguments (no secret key needed)"},
      {"decrypt",
       {"DIR", "RESULTS"},
       {{"--secret-key", " SK", "the client's secret key file", true}},
       "decrypt results and print them"},
  };
  return verbs;
}

std::optional<std::string> ParsedCommand::get(const std::string &name) const {
  auto found = options.find(name);
  if (found == options.end())
    return std::nullopt;
  return found->second;
}

ParsedCommand parseCommandLine(const std::vector<std::string> &arguments,
                               Request &request) {
  request = Request::Verb;
  ParsedCommand command;
  if (arguments.empty())
    throw Error(std::string("missing verb") + kHelpSuffix);
  const std::string &first = arguments.front();
  auto findVerb = [](const std::string &name) -> const VerbSyntax * {
    for (const VerbSyntax &verb : getVerbs())
      if (name == verb.name)
        return &verb;
    return nullptr;
  };
  if (first == "--help" || first == "-h" || first == "help") {
    request = Request::Help;
    if (first == "help" && arguments.size() > 1) {
      command.verb = findVerb(arguments[1]);
      if (!command.verb)
        throw Error("help: unknown verb '" + arguments[1] + "'" + kHelpSuffix);
    }
    return command;
  }
  if (first == "--version") {
    request = Request::Version;
    return command;
  }
  command.verb = findVerb(first);
  if (!command.verb) {
    if (!first.empty() && first[0] == '-')
      throw Error("unknown option '" + first + "' (the verb comes first)" +
                  kHelpSuffix);
    throw Error("unknown verb '" + first +
                "'; the verbs are run, compile, keygen, encrypt, execute and "
                "decrypt");
  }
  const VerbSyntax &verb = *command.verb;
  std::string where = verb.name;
  std::string verbHelp =
      std::string("; run 'shadec ") + verb.name + " --help' for its usage";

  // A request for help wins over any mistake around it.
  for (size_t i = 1; i < arguments.size() && arguments[i] != "--"; ++i)
    if (arguments[i] == "--help" || arguments[i] == "-h") {
      command.help = true;
      return command;
    }

  bool onlyPositionals = false;
  for (size_t i = 1; i < arguments.size(); ++i) {
    const std::string &argument = arguments[i];
    if (onlyPositionals || argument.size() < 2 || argument[0] != '-') {
      command.positionals.push_back(argument);
      continue;
    }
    if (argument == "--") {
      onlyPositionals = true;
      continue;
    }
    size_t equals = argument.find('=');
    std::string name = canonicalName(argument.substr(0, equals));
    const OptionSyntax *option = findOption(verb, name);
    if (!option)
      throw Error(where + ": unknown option '" + argument.substr(0, equals) +
                  "'" + verbHelp);
    if (command.options.count(name))
      throw Error(where + ": " + name + " is given twice");
    std::string value;
    if (!option->value) {
      if (equals != std::string::npos)
        throw Error(where + ": " + name + " takes no value");
    } else if (equals != std::string::npos) {
      value = argument.substr(equals + 1);
    } else if (i + 1 < arguments.size()) {
      value = arguments[++i];
    } else {
      throw Error(where + ": " + name + " needs a value (" +
                  describeOption(*option) + ")");
    }
    if (option->value && value.empty())
      throw Error(where + ": " + name + " needs a value (" +
                  describeOption(*option) + ")");
    command.options[name] = value;
  }

  if (command.positionals.size() > verb.positionals.size())
    throw Error(where + ": unexpected argument '" +
                command.positionals[verb.positionals.size()] +
                "' (usage: " + formatSynopsis(verb) + ")");
  if (command.positionals.size() < verb.positionals.size())
    throw Error(where + ": missing " +
                verb.positionals[command.positionals.size()] +
                " (usage: " + formatSynopsis(verb) + ")");
  for (const OptionSyntax &option : verb.options)
    if (option.required && !command.options.count(option.name))
      throw Error(where + ": missing " + describeOption(option) +
                  " (usage: " + formatSynopsis(verb) + ")");
  return command;
}

std::string formatVerbUsage(const VerbSyntax &verb) {
  std::string text = "USAGE: " + formatSynopsis(verb);
  if (std::any_of(verb.options.begin(), verb.options.end(),
                  [](const OptionSyntax &o) { return !o.required; }))
    text += " [OPTIONS]";
  text += std::string("\n\n") + verb.summary + "\n\nOPTIONS:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const OptionSyntax &option : verb.options)
    rows.emplace_back(describeOption(option), option.help);
  rows.emplace_back("-h, --help", "print this help");
  size_t column = 0;
  for (auto &[left, right] : rows)
    column = std::max(column, left.size());
  for (auto &[left, right] : rows)
    text +=
        "  " + left + std::string(column + 2 - left.size(), ' ') + right + "\n";
  return text;
}

std::string formatUsage() {
  std::string text =
      "OVERVIEW: shadec, the Shade compiler driver: compiles integer tensor "
      "programs\n"
      "(graph files .json, MLIR files .mlir) to programs on TFHE-encrypted "
      "data,\nand runs them.\n\n"
      "USAGE: shadec VERB ARGUMENTS [OPTIONS]\n\nVERBS:\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const VerbSyntax &verb : getVerbs()) {
    if (std::string(verb.name) == "compile") {
      rows.emplace_back("shadec compile PROGRAM --emit=STAGE",
                        "print the program at STAGE (fhe, tfhe, llvm, params)");
      rows.emplace_back("shadec compile PROGRAM -o DIR",
                        "write a compiled artifact to DIR");
      continue;
    }
    rows.emplace_back(formatSynopsis(verb), verb.summary);
  }
  for (auto &[left, right] : rows)
    text += "  " + left + "\n      " + right + "\n";
  text += "\nOPTIONS:\n"
          "  -h, --help     print this help ('shadec VERB --help' for a "
          "verb's options)\n"
          "  --version      print the version\n\n"
          "docs/user-guide.md explains the verbs, the files and the errors.\n";
  return text;
}

} // namespace shadec
