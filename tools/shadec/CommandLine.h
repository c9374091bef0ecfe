//===- CommandLine.h - shadec's verbs and options ---------------*- C++ -*-===//
//
// The command line of shared/contract/cli.md: `shadec VERB ARGS... OPTIONS`.
// Options are written `--name=value` or `--name value`; `-o` takes its value
// as the next argument (or `-o=value`). Every mistake is a shade::Error
// naming the argument.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_TOOLS_SHADEC_COMMANDLINE_H
#define SHADE_TOOLS_SHADEC_COMMANDLINE_H

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shadec {

/// An option a verb accepts.
struct OptionSyntax {
  /// "--p-error", or "-o".
  const char *name;
  /// The value's placeholder after its usual separator ("=P",
  /// " VALUES.json"); null for a flag.
  const char *value;
  const char *help;
  bool required = false;
};

struct VerbSyntax {
  const char *name;
  /// The positional arguments, e.g. {"DIR", "RESULTS"}.
  std::vector<const char *> positionals;
  std::vector<OptionSyntax> options;
  /// One line: what the verb does.
  const char *summary;
};

/// The verbs, in the order of the usage text.
const std::vector<VerbSyntax> &getVerbs();

struct ParsedCommand {
  const VerbSyntax *verb = nullptr;
  std::vector<std::string> positionals;
  /// Option name (as in OptionSyntax::name) to value ("" for a flag).
  std::map<std::string, std::string> options;
  bool help = false;

  std::optional<std::string> get(const std::string &name) const;
  bool has(const std::string &name) const { return options.count(name); }
};

/// What the first argument asks for.
enum class Request { Verb, Help, Version };

/// Parses `arguments` (without the program name). A help request (`--help`,
/// `-h`, `help [VERB]`) or `--version` sets `request`; a verb's `--help`
/// sets `help` in the result without checking anything else.
ParsedCommand parseCommandLine(const std::vector<std::string> &arguments,
                               Request &request);

/// The usage text of all verbs, or of one.
std::string formatUsage();
std::string formatVerbUsage(const VerbSyntax &verb);

} // namespace shadec

#endif // SHADE_TOOLS_SHADEC_COMMANDLINE_H
