// The validate phase: every check, and how they run.
#include "validate/checks.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <thread>
#include <unordered_set>

namespace bundlectl::validate {

const std::vector<Check>& checks() {
  static const std::vector<Check> list = {
      {"task_graph", check_task_graph},
      {"task_types", check_task_types},
      {"task_references", check_task_references},
      {"for_each", check_for_each},
      {"schedules", check_schedules},
      {"dynamic_refs", check_dynamic_refs},
      {"job_parameters", check_job_parameters},
      {"notifications", check_notifications},
      {"health", check_health},
      {"paths", check_paths},
      {"permissions", check_permissions},
      {"run_as", check_run_as},
      {"resource_fields", check_resource_fields},
      {"serving_endpoints", check_serving_endpoints},
      {"exclusive_settings", check_exclusive_settings},
      {"shared_paths", check_shared_paths},
      {"continuous_retry", check_continuous_retry},
      {"immutable_folder", check_immutable_folder},
      {"vector_search_index_spec", check_vector_search_index_spec},
      {"job_run_dependencies", check_job_run_dependencies},
      {"sensitive_references", check_sensitive_references},
      {"deployment_history", check_deployment_history},
      {"native_formats", check_native_formats},
      {"single_node", check_single_node},
      {"pipeline_development", check_pipeline_development},
      {"volume_paths", check_volume_paths},
      {"policies", check_policies},
      {"schema", check_schema},
  };
  return list;
}

namespace {

bool is_schema_finding(const core::Diagnostic& diagnostic) {
  return diagnostic.rule.rfind("schema.", 0) == 0;
}

std::string first_location_of(const core::Diagnostic& diagnostic) {
  if (diagnostic.locations.empty()) return {};
  const core::SourceLocation& l = diagnostic.locations.front();
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

// The path of the field an unknown-field finding names (its path is that of the map holding
// the field); empty for other findings.
std::string unknown_field_path(const core::Diagnostic& diagnostic) {
  static const std::string k_prefix = "unknown field: ";
  if (diagnostic.rule != "schema.unknown-field" || diagnostic.paths.empty() ||
      diagnostic.summary.rfind(k_prefix, 0) != 0) {
    return {};
  }
  std::string field = diagnostic.summary.substr(k_prefix.size());
  field = field.substr(0, field.find(','));
  return diagnostic.paths.front().key(field).to_string();
}

// All findings, except schema findings about a value that a semantic check reports on too
// (the same line and column, or the same config path): the semantic check says more
// ("health.unknown-metric" with the metrics a rule may use, rather than "invalid value for
// enum field"), and one mistake should be one finding.
core::Diagnostics without_schema_echoes(const std::vector<core::Diagnostics>& found) {
  std::unordered_set<std::string> reported;
  for (const core::Diagnostics& diagnostics : found) {
    for (const core::Diagnostic& d : diagnostics) {
      // Policies judge team rules, not the same mistake; they never hide a schema finding.
      // Nor does an identifier finding: the Databricks CLI reports it beside the schema's.
      if (is_schema_finding(d) || d.rule.rfind("policy.", 0) == 0 ||
          d.rule == "resources.invalid-identifier") {
        continue;
      }
      if (std::string at = first_location_of(d); !at.empty()) reported.insert(at);
      for (const core::Path& path : d.paths) reported.insert(path.to_string());
    }
  }
  core::Diagnostics all;
  for (const core::Diagnostics& diagnostics : found) {
    for (const core::Diagnostic& d : diagnostics) {
      bool echo = is_schema_finding(d) &&
                  (reported.count(first_location_of(d)) ||
                   (!d.paths.empty() && reported.count(d.paths.front().to_string())) ||
                   reported.count(unknown_field_path(d)));
      if (!echo) all.add(d);
    }
  }
  return all;
}

}  // namespace

core::Diagnostics run_checks(const config::Bundle& bundle, const Options& options) {
  const std::vector<Check>& list = checks();
  CheckContext context{bundle, options};
  // Checks only read the bundle, so they share it across threads; each writes its own
  // findings, merged in list order so that the result does not depend on scheduling.
  std::vector<core::Diagnostics> found(list.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::chrono::microseconds> took(list.size());
  // An exception (bad_alloc) must not escape a thread, which would abort the process: it is
  // kept and rethrown once every thread has been joined, for main to report.
  std::vector<std::exception_ptr> failed(list.size());
  auto work = [&] {
    for (std::size_t i = next++; i < list.size(); i = next++) {
      auto start = std::chrono::steady_clock::now();
      try {
        list[i].run(context, found[i]);
      } catch (...) {
        failed[i] = std::current_exception();
      }
      took[i] = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - start);
    }
  };
  std::size_t workers =
      std::min<std::size_t>(list.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failed) {
    if (failure) std::rethrow_exception(failure);
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    spdlog::debug("check {}: {} us, {} findings", list[i].name, took[i].count(), found[i].size());
  }
  return without_schema_echoes(found);
}

}  // namespace bundlectl::validate
