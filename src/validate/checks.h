// The checks of the validate phase, one function per concern, each in its own file. The list
// in checks.cc runs them; each reads the bundle and reports all of its findings.
#pragma once

#include "bundlectl/validate/validate.h"

namespace bundlectl::validate {

struct CheckContext {
  const config::Bundle& bundle;
  const Options& options;
};

using CheckFunction = void (*)(const CheckContext& context, core::Diagnostics& diagnostics);

struct Check {
  const char* name;
  CheckFunction run;
};

// The bundle against the JSON Schemas of resources/schemas/ (schema_check.cc).
void check_schema(const CheckContext& context, core::Diagnostics& diagnostics);

// Every check, in the order checks.cc lists them.
const std::vector<Check>& checks();

}  // namespace bundlectl::validate
