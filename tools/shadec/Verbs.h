//===- Verbs.h - What each shadec verb does ---------------------*- C++ -*-===//

#ifndef SHADE_TOOLS_SHADEC_VERBS_H
#define SHADE_TOOLS_SHADEC_VERBS_H

#include "CommandLine.h"

namespace shadec {

/// Runs a parsed verb; throws shade::Error on a user error.
void runVerb(const ParsedCommand &command);

} // namespace shadec

#endif // SHADE_TOOLS_SHADEC_VERBS_H
