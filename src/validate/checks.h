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

// Dynamic value references, job parameters, notifications, paths, permissions, run_as.
void check_dynamic_refs(const CheckContext& context, core::Diagnostics& diagnostics);
void check_job_parameters(const CheckContext& context, core::Diagnostics& diagnostics);
void check_notifications(const CheckContext& context, core::Diagnostics& diagnostics);
void check_health(const CheckContext& context, core::Diagnostics& diagnostics);
void check_paths(const CheckContext& context, core::Diagnostics& diagnostics);
void check_permissions(const CheckContext& context, core::Diagnostics& diagnostics);
void check_run_as(const CheckContext& context, core::Diagnostics& diagnostics);

// Every check, in the order checks.cc lists them.
const std::vector<Check>& checks();

}  // namespace bundlectl::validate
