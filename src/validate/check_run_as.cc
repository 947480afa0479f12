// run_as, of the bundle and of each job and pipeline: exactly one identity, a user or a
// service principal (the Jobs API runs as no group).
#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Path;
using core::Value;

bool present(const Value* value) {
  return value && !value->is_null() && !(value->is_string() && value->as_string().empty());
}

void check_identity(const CheckContext& context, const Value& run_as, const Path& path,
                    core::Diagnostics& diagnostics) {
  if (!run_as.is_mapping()) return;
  bool user = present(run_as.find("user_name"));
  bool principal = present(run_as.find("service_principal_name"));
  if (user != principal) return;
  diagnostics.add(finding(
      core::Severity::Error, "run-as.identity",
      user ? "run_as names both user_name and service_principal_name" : "run_as names no identity",
      context.bundle, run_as, path,
      present(run_as.find("group_name"))
          ? "A job cannot run as a group: set user_name or service_principal_name."
          : "Set exactly one of user_name, service_principal_name."));
}

}  // namespace

void check_run_as(const CheckContext& context, core::Diagnostics& diagnostics) {
  if (const Value* top = context.bundle.config.find("run_as")) {
    check_identity(context, *top, Path().key("run_as"), diagnostics);
  }
  for (const char* type : {"jobs", "pipelines"}) {
    for_each_resource(context.bundle, type,
                      [&](const std::string&, const Value& resource, const Path& path) {
                        if (const Value* run_as = resource.find("run_as")) {
                          check_identity(context, *run_as, path.key("run_as"), diagnostics);
                        }
                      });
  }
}

}  // namespace bundlectl::validate
