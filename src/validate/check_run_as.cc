// run_as of each job and pipeline: exactly one identity, a user or a service principal, or for
// a job also a group (the Jobs API's JobRunAs has group_name). The bundle's own run_as is
// checked while loading (set_run_as), in the Databricks CLI's words.
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
                    bool group_allowed, core::Diagnostics& diagnostics) {
  if (!run_as.is_mapping()) return;
  bool user = present(run_as.find("user_name"));
  bool principal = present(run_as.find("service_principal_name"));
  bool group = group_allowed && present(run_as.find("group_name"));
  if (static_cast<int>(user) + static_cast<int>(principal) + static_cast<int>(group) == 1) return;
  if (group) {
    diagnostics.add(finding(core::Severity::Error, "run-as.identity",
                            "run_as names more than one identity", context.bundle, run_as, path,
                            "Set exactly one of user_name, service_principal_name, group_name."));
    return;
  }
  diagnostics.add(finding(
      core::Severity::Error, "run-as.identity",
      user ? "run_as names both user_name and service_principal_name" : "run_as names no identity",
      context.bundle, run_as, path,
      present(run_as.find("group_name"))
          ? "Only a job can run as a group: set user_name or service_principal_name."
          : "Set exactly one of user_name, service_principal_name."));
}

}  // namespace

void check_run_as(const CheckContext& context, core::Diagnostics& diagnostics) {
  for (const char* type : {"jobs", "pipelines"}) {
    for_each_resource(context.bundle, type,
                      [&](const std::string&, const Value& resource, const Path& path) {
                        if (const Value* run_as = resource.find("run_as")) {
                          check_identity(context, *run_as, path.key("run_as"),
                                         std::string(type) == "jobs", diagnostics);
                        }
                      });
  }
}

}  // namespace bundlectl::validate
