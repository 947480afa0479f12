// A job run (resources.job_runs) may wait for other job runs of the bundle: each `depends_on`
// entry is the id of one, written as ${resources.job_runs.<key>.id}, which is how the
// deployment learns the order. As the Databricks CLI does, anything else in the list (a plain
// string, a job's id, text around the reference) is an error at the entry, and so is a
// reference to a job run the bundle does not define.
#include <string>

#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Value;

constexpr const char* k_prefix = "${resources.job_runs.";
constexpr const char* k_suffix = ".id}";

// The key of the job run that `text` is the id of, when `text` is exactly
// ${resources.job_runs.<key>.id}; empty otherwise.
std::string referenced_job_run(const std::string& text) {
  const std::string prefix = k_prefix;
  const std::string suffix = k_suffix;
  if (text.size() <= prefix.size() + suffix.size() || text.rfind(prefix, 0) != 0 ||
      text.compare(text.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return {};
  }
  std::string key = text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
  // One key: no further path, no second reference inside.
  if (key.find_first_of(".[]${}") != std::string::npos) return {};
  return key;
}

void report(const config::Bundle& bundle, const Value& entry, const core::Path& path,
            std::string summary, core::Diagnostics& diagnostics) {
  diagnostics.add(finding(core::Severity::Error, "resources.job-run-dependency", std::move(summary),
                          bundle, entry, path));
}

}  // namespace

void check_job_run_dependencies(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  const Value* job_runs = bundle.config.at({"resources", "job_runs"});
  for_each_resource(
      bundle, "job_runs", [&](const std::string&, const Value& run, const core::Path& path) {
        const Value* depends_on = run.find("depends_on");
        if (!depends_on || !depends_on->is_sequence()) return;
        for (std::size_t i = 0; i < depends_on->items().size(); ++i) {
          const Value& entry = depends_on->items()[i];
          core::Path entry_path = path.key("depends_on").index(i);
          std::string key = entry.is_string() ? referenced_job_run(entry.as_string()) : "";
          if (key.empty()) {
            report(bundle, entry, entry_path,
                   "depends_on entries must be job run ID references, for example "
                   "${resources.job_runs.prepare.id}",
                   diagnostics);
          } else if (!job_runs || !job_runs->find(key)) {
            report(bundle, entry, entry_path,
                   "depends_on references undefined job run \"" + key + "\"", diagnostics);
          }
        }
      });
}

}  // namespace bundlectl::validate
