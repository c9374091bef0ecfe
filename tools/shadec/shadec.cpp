//===- shadec.cpp - The Shade compiler driver -----------------------------===//
//
// shared/contract/cli.md and docs/user-guide.md. Every user error ends the
// process with status 1 and one line "shadec: error: <where>: <what>" on
// standard error; so does a crash, after removing partial outputs, and
// without a core dump.
//
//===----------------------------------------------------------------------===//

#include "CommandLine.h"
#include "Verbs.h"

#include "compiler/Driver/Files.h"
#include "shade/Shade.h"

#include "llvm/Support/ErrorHandling.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <new>
#include <sys/resource.h>
#include <unistd.h>

namespace {

/// Writes "shadec: error: <message>\n" with async-signal-safe calls only.
void writeErrorLine(const char *message) {
  const char prefix[] = "shadec: error: ";
  ssize_t ignored = ::write(STDERR_FILENO, prefix, sizeof prefix - 1);
  ignored = ::write(STDERR_FILENO, message, std::strlen(message));
  ignored = ::write(STDERR_FILENO, "\n", 1);
  (void)ignored;
}

[[noreturn]] void failFatally(const char *message) {
  shade::driver::removeTemporariesOnSignal();
  writeErrorLine(message);
  ::_exit(1);
}

void handleCrash(int signal) {
  switch (signal) {
  case SIGSEGV:
    failFatally("internal error: segmentation fault (a bug in Shade; please "
                "report it)");
  case SIGBUS:
    failFatally("internal error: bus error (a bug in Shade; please report it)");
  case SIGFPE:
    failFatally("internal error: arithmetic exception (a bug in Shade; please "
                "report it)");
  case SIGILL:
    failFatally("internal error: illegal instruction (a bug in Shade, or a "
                "program compiled for another CPU)");
  case SIGABRT:
    failFatally("internal error: aborted (a bug in Shade; please report it)");
  case SIGINT:
    failFatally("interrupted");
  default:
    failFatally("terminated by a signal");
  }
}

void handleLLVMFatalError(void *, const char *reason, bool) {
  char message[1024];
  std::snprintf(message, sizeof message, "internal error: %s", reason);
  failFatally(message);
}

void handleLLVMBadAlloc(void *, const char *, bool) {
  failFatally("out of memory");
}

/// Turns crashes and interruptions into one error line, after removing
/// partial outputs: no core dump, a handler for the fatal and the
/// terminating signals (on its own stack, for stack overflows) and for
/// LLVM's fatal errors.
void installCrashHandlers() {
  struct rlimit noCore = {0, 0};
  ::setrlimit(RLIMIT_CORE, &noCore);

  static char alternateStack[1 << 16];
  stack_t stack = {};
  stack.ss_sp = alternateStack;
  stack.ss_size = sizeof alternateStack;
  ::sigaltstack(&stack, nullptr);
  struct sigaction action = {};
  action.sa_handler = handleCrash;
  action.sa_flags = SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int signal :
       {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGINT, SIGTERM, SIGHUP})
    ::sigaction(signal, &action, nullptr);
  // A closed standard output is a write error, not a silent death.
  std::signal(SIGPIPE, SIG_IGN);

  llvm::install_fatal_error_handler(handleLLVMFatalError);
  llvm::install_bad_alloc_error_handler(handleLLVMBadAlloc);
}

/// `message` on one line: line breaks become spaces, trailing blanks go.
std::string oneLine(std::string message) {
  for (char &c : message)
    if (c == '\n' || c == '\r' || c == '\t')
      c = ' ';
  while (!message.empty() && message.back() == ' ')
    message.pop_back();
  return message;
}

int runCommandLine(const std::vector<std::string> &arguments) {
  shadec::Request request;
  shadec::ParsedCommand command = shadec::parseCommandLine(arguments, request);
  if (request == shadec::Request::Version) {
    std::printf("shadec %s (Shade %s, LLVM/MLIR 19)\n", shade::version(),
                shade::version());
    return 0;
  }
  if (request == shadec::Request::Help || command.help) {
    std::fputs(command.verb ? shadec::formatVerbUsage(*command.verb).c_str()
                            : shadec::formatUsage().c_str(),
               stdout);
    return 0;
  }
  shadec::runVerb(command);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  installCrashHandlers();
  std::vector<std::string> arguments(argv + 1, argv + argc);
  try {
    return runCommandLine(arguments);
  } catch (const shade::Error &error) {
    writeErrorLine(oneLine(error.what()).c_str());
  } catch (const std::bad_alloc &) {
    writeErrorLine("out of memory");
  } catch (const std::exception &error) {
    std::string message =
        std::string("internal error: ") + error.what() + " (a bug in Shade)";
    writeErrorLine(oneLine(message).c_str());
  } catch (...) {
    writeErrorLine("internal error: unknown exception (a bug in Shade)");
  }
  return 1;
}
