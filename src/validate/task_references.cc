// What tasks name elsewhere: the job's job_clusters and environments, and other jobs through
// run_job_task (a job that ends up running itself never finishes).
#include <unordered_map>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"
#include "validate/task_walk.h"

namespace bundlectl::validate {

using core::Path;
using core::Severity;
using core::Value;

namespace {

// The keys of a keyed list (job_clusters, environments), with a finding for each entry that
// merged two entries of the list.
std::vector<std::string> list_keys(const CheckContext& context, const std::string& job_key,
                                   const Value& job, const char* list, const char* key_field,
                                   Severity duplicate_severity, const char* duplicate_rule,
                                   const char* duplicate_detail, core::Diagnostics& diagnostics) {
  std::vector<std::string> keys;
  const Value* items = job.find(list);
  if (!items || !items->is_sequence()) return keys;
  for (std::size_t i = 0; i < items->items().size(); ++i) {
    const Value& item = items->items()[i];
    const Value* key = item.is_mapping() ? item.find(key_field) : nullptr;
    if (!key || !key->is_scalar() || key->is_null()) continue;
    keys.push_back(key->scalar_text());
    if (!same_list_duplicates(item).empty()) {
      Path path =
          Path().key("resources").key("jobs").key(job_key).key(list).index(i).key(key_field);
      diagnostics.add(finding(duplicate_severity, duplicate_rule,
                              std::string(key_field) + " " + util::quoted(keys.back()) +
                                  " is used by two entries of " + list,
                              context.bundle, *key, path, duplicate_detail));
    }
  }
  return keys;
}

struct JobKeys {
  std::vector<std::string> clusters;
  std::vector<std::string> environments;
};

void check_key(const CheckContext& context, const TaskSite& site, const char* field,
               const std::vector<std::string>& keys, const char* rule, const char* what,
               core::Diagnostics& diagnostics) {
  const Value* value = string_field(site.task, field);
  if (!value || value->as_string().empty() || is_reference(value->as_string())) return;
  const std::string& name = value->as_string();
  for (const std::string& key : keys) {
    if (key == name) return;
  }
  diagnostics.add(finding(Severity::Error, rule,
                          std::string(field) + " names " + what + " that does not exist: " + name +
                              util::did_you_mean(name, keys),
                          context.bundle, *value, site.path().key(field)));
}

// The key of the job a run_job_task's job_id names as ${resources.jobs.<key>.id}, or "".
std::string referenced_job(const Value& task) {
  const Value* run_job = task.find("run_job_task");
  const Value* job_id =
      run_job && run_job->is_mapping() ? string_field(*run_job, "job_id") : nullptr;
  if (!job_id) return {};
  const std::string& text = job_id->as_string();
  const std::string prefix = "${resources.jobs.";
  const std::string suffix = ".id}";
  if (!util::starts_with(text, prefix) || !util::ends_with(text, suffix) ||
      text.size() <= prefix.size() + suffix.size()) {
    return {};
  }
  std::string key = text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
  return key.find_first_of("${}") == std::string::npos ? key : std::string();
}

// A run_job_task edge between jobs: `from` runs `to` through the task at `site_path`.
struct JobEdge {
  std::size_t to;
  const Value* job_id;
  Path path;
};

// Finds cycles of jobs that run each other, with an explicit stack (linear, no recursion).
void check_run_job_cycles(const CheckContext& context, const std::vector<std::string>& jobs,
                          const std::vector<std::vector<JobEdge>>& edges,
                          core::Diagnostics& diagnostics) {
  enum class Mark : unsigned char { New, Open, Done };
  std::vector<Mark> marks(jobs.size(), Mark::New);
  std::vector<std::size_t> position(jobs.size(), 0);
  struct Frame {
    std::size_t job;
    std::size_t next_edge;
  };
  std::vector<Frame> stack;
  for (std::size_t root = 0; root < jobs.size(); ++root) {
    if (marks[root] != Mark::New) continue;
    marks[root] = Mark::Open;
    stack.push_back(Frame{root, 0});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next_edge == edges[frame.job].size()) {
        marks[frame.job] = Mark::Done;
        stack.pop_back();
        continue;
      }
      const JobEdge& edge = edges[frame.job][frame.next_edge++];
      if (marks[edge.to] == Mark::New) {
        marks[edge.to] = Mark::Open;
        position[edge.to] = stack.size();
        stack.push_back(Frame{edge.to, 0});
      } else if (marks[edge.to] == Mark::Open) {
        std::vector<std::string> names;
        for (std::size_t k = position[edge.to]; k < stack.size(); ++k) {
          names.push_back("resources.jobs." + jobs[stack[k].job]);
        }
        names.push_back(names.front());
        diagnostics.add(finding(
            Severity::Error, "tasks.run-job-cycle",
            "jobs run each other in a cycle: " + util::join(names, " -> "), context.bundle,
            *edge.job_id, edge.path,
            "Each run waits for the run it starts, which starts the first job again: the runs "
            "never finish (with max_concurrent_runs 1 they wait for each other for good)."));
      }
    }
  }
}

// `bundle.cluster_id` (or its older name compute_id): deploy runs every task that has compute
// on that cluster instead, dropping its job_cluster_key and environment_key.
bool cluster_override(const config::Bundle& bundle) {
  const Value* section = bundle.config.find("bundle");
  for (const char* field : {"cluster_id", "compute_id"}) {
    const Value* value = section ? section->find(field) : nullptr;
    if (value && value->is_scalar() && !value->is_null() && !value->scalar_text().empty()) {
      return true;
    }
  }
  return false;
}

}  // namespace

void check_task_references(const CheckContext& context, core::Diagnostics& diagnostics) {
  std::vector<std::string> jobs;
  std::unordered_map<std::string, std::size_t> job_index;
  std::unordered_map<const Value*, JobKeys> keys;  // by job
  for_each_resource(
      context.bundle, "jobs", [&](const std::string& key, const Value& job, const Path&) {
        job_index.emplace(key, jobs.size());
        jobs.push_back(key);
        JobKeys& job_keys = keys[&job];
        job_keys.clusters = list_keys(
            context, key, job, "job_clusters", "job_cluster_key", Severity::Warning,
            "tasks.duplicate-job-cluster-key",
            "Entries with the same job_cluster_key are merged into one job cluster, the later "
            "fields replacing the earlier ones. Rename one of them if they are different clusters.",
            diagnostics);
        job_keys.environments = list_keys(
            context, key, job, "environments", "environment_key", Severity::Error,
            "tasks.duplicate-environment-key",
            "The Jobs API requires environment keys to be unique within a job.", diagnostics);
      });
  std::vector<std::vector<JobEdge>> edges(jobs.size());
  bool overridden = cluster_override(context.bundle);
  for_each_job_task(context.bundle, [&](const TaskSite& site) {
    const JobKeys& job_keys = keys[&site.job];
    if (!overridden) {
      check_key(context, site, "job_cluster_key", job_keys.clusters, "tasks.unknown-job-cluster",
                "a job cluster", diagnostics);
      check_key(context, site, "environment_key", job_keys.environments,
                "tasks.unknown-environment", "an environment", diagnostics);
    }
    std::string target = referenced_job(site.task);
    auto to = target.empty() ? job_index.end() : job_index.find(target);
    auto from = job_index.find(site.job_key);
    if (to != job_index.end() && from != job_index.end()) {
      const Value* job_id = site.task.find("run_job_task")->find("job_id");
      edges[from->second].push_back(
          JobEdge{to->second, job_id, site.path().key("run_job_task").key("job_id")});
    }
  });
  check_run_job_cycles(context, jobs, edges, diagnostics);
}

}  // namespace bundlectl::validate
