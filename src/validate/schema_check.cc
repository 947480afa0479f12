// The schema check: the resolved tree against resources/schemas/. The root is checked with
// resources reduced to "a mapping of mappings"; then each resource is checked on its own
// against its type's compiled schema, so a finding's context starts at the resource. Big
// bundles are split across threads, each with its own validator (and regex cache).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <valijson/validator.hpp>

#include "validate/checks.h"
#include "validate/schema_findings.h"
#include "validate/schema_set.h"
#include "validate/value_adapter.h"

namespace bundlectl::validate {
namespace {

// Below this many resources one thread is faster than starting others.
constexpr std::size_t k_resources_per_thread = 200;

struct Work {
  const SchemaSet::Resource* resource;
  const core::MapEntry* entry;
  core::Path path;
};

std::vector<Work> resources_to_check(const config::Bundle& bundle, const SchemaSet& set) {
  std::vector<Work> work;
  const core::Value* resources = bundle.config.find("resources");
  if (!resources || !resources->is_mapping()) return work;
  for (const core::MapEntry& type : resources->entries()) {
    const SchemaSet::Resource* resource = set.resource(type.key);
    if (!resource || !type.value.is_mapping()) continue;
    core::Path base = core::Path().key("resources").key(type.key);
    for (const core::MapEntry& entry : type.value.entries()) {
      work.push_back({resource, &entry, base.key(entry.key)});
    }
  }
  return work;
}

}  // namespace

void check_schema(const CheckContext& context, core::Diagnostics& diagnostics) {
  auto start = std::chrono::steady_clock::now();
  const SchemaSet& set = SchemaSet::instance();
  const config::Bundle& bundle = context.bundle;
  SchemaNavigator navigator = set.navigator();
  {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    if (!validator.validate(set.root(), ValueAdapter(bundle.config), &results)) {
      report_schema_errors(results, bundle, bundle.config, core::Path(), set.root_json(), navigator,
                           diagnostics);
    }
  }

  std::vector<Work> work = resources_to_check(bundle, set);
  for (const Work& item : work) item.resource->schema();  // compile before threads start
  std::size_t workers = std::clamp<std::size_t>(work.size() / k_resources_per_thread, 1,
                                                std::max(1u, std::thread::hardware_concurrency()));
  std::vector<core::Diagnostics> found(workers);
  std::atomic<std::size_t> next{0};
  auto run = [&](core::Diagnostics& out) {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    for (std::size_t i = next++; i < work.size(); i = next++) {
      const Work& item = work[i];
      valijson::ValidationResults results;
      const core::Value& value = item.entry->value;
      report_required_under_nulls(bundle, value, item.path, item.resource->json(), navigator, out);
      if (validator.validate(item.resource->schema(), ValueAdapter(value), &results)) continue;
      report_schema_errors(results, bundle, value, item.path, item.resource->json(), navigator,
                           out);
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(run, std::ref(found[i]));
  run(found[0]);
  for (std::thread& thread : threads) thread.join();
  for (const core::Diagnostics& some : found) diagnostics.append(some);

  spdlog::debug("schema check: {} resources on {} threads in {} us", work.size(), workers,
                std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count());
}

}  // namespace bundlectl::validate
