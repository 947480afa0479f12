// `num_workers: 0` makes a single-node cluster only together with the single-node Spark
// profile, a local master and the SingleNode resource class; without them the cluster starts
// with a driver and no workers and every Spark job waits forever. As the Databricks CLI does,
// such a cluster spec is warned, unless it names a cluster policy (which may set all three).
#include <string>

#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

namespace {

using core::Value;

constexpr const char* k_summary = "Single node cluster is not correctly configured";
constexpr const char* k_detail =
    "num_workers should be 0 only for single-node clusters. To create a\n"
    "valid single node cluster please ensure that the following properties\n"
    "are correctly set in the cluster specification:\n"
    "\n"
    "  spark_conf:\n"
    "    spark.databricks.cluster.profile: singleNode\n"
    "    spark.master: local[*]\n"
    "\n"
    "  custom_tags:\n"
    "    ResourceClass: SingleNode\n"
    "  ";

std::string text_in(const Value& cluster, const char* map, const char* key) {
  const Value* section = cluster.find(map);
  const Value* value = section && section->is_mapping() ? section->find(key) : nullptr;
  return value && value->is_scalar() && !value->is_null() ? value->scalar_text() : "";
}

bool misconfigured_single_node(const Value& cluster) {
  const Value* workers = cluster.find("num_workers");
  if (!workers || !workers->is_int() || workers->as_int() > 0) return false;
  const Value* policy = cluster.find("policy_id");
  if (policy && policy->is_string() && !policy->as_string().empty()) return false;
  return text_in(cluster, "spark_conf", "spark.databricks.cluster.profile") != "singleNode" ||
         text_in(cluster, "spark_conf", "spark.master").rfind("local", 0) != 0 ||
         text_in(cluster, "custom_tags", "ResourceClass") != "SingleNode";
}

class SingleNodeCheck {
 public:
  SingleNodeCheck(const config::Bundle& bundle, core::Diagnostics& diagnostics)
      : m_bundle(bundle), m_diagnostics(diagnostics) {}

  void cluster(const Value* spec, const core::Path& path) {
    if (!spec || !spec->is_mapping() || !misconfigured_single_node(*spec)) return;
    m_diagnostics.add(finding(core::Severity::Warning, "clusters.single-node", k_summary, m_bundle,
                              *spec, path, k_detail));
  }

  // Each `new_cluster` of a job's list (`job_clusters` or `tasks`).
  void new_clusters_of(const Value& job, const core::Path& job_path, const char* list) {
    const Value* items = job.find(list);
    if (!items || !items->is_sequence()) return;
    for (std::size_t i = 0; i < items->items().size(); ++i) {
      const Value& item = items->items()[i];
      if (!item.is_mapping()) continue;
      cluster(item.find("new_cluster"), job_path.key(list).index(i).key("new_cluster"));
    }
  }

 private:
  const config::Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
};

}  // namespace

void check_single_node(const CheckContext& context, core::Diagnostics& diagnostics) {
  const config::Bundle& bundle = context.bundle;
  SingleNodeCheck check(bundle, diagnostics);
  // In the Databricks CLI's order: clusters, job clusters, task clusters, pipeline clusters.
  for_each_resource(bundle, "clusters",
                    [&](const std::string&, const Value& spec, const core::Path& path) {
                      check.cluster(&spec, path);
                    });
  for_each_resource(bundle, "jobs",
                    [&](const std::string&, const Value& job, const core::Path& path) {
                      check.new_clusters_of(job, path, "job_clusters");
                    });
  for_each_resource(bundle, "jobs",
                    [&](const std::string&, const Value& job, const core::Path& path) {
                      check.new_clusters_of(job, path, "tasks");
                    });
  for_each_resource(bundle, "pipelines",
                    [&](const std::string&, const Value& pipeline, const core::Path& path) {
                      const Value* clusters = pipeline.find("clusters");
                      if (!clusters || !clusters->is_sequence()) return;
                      for (std::size_t i = 0; i < clusters->items().size(); ++i) {
                        check.cluster(&clusters->items()[i], path.key("clusters").index(i));
                      }
                    });
}

}  // namespace bundlectl::validate
