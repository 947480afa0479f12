// make_plan: the rendered payloads against the deployment state, in the order deploy may
// apply them. Comparing hashes first keeps an unchanged bundle's plan free of any diff work;
// only a changed resource is diffed field by field (plan_diff.cc).
#include "bundlectl/deploy/plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "deploy/plan_diff.h"
#include "render/resource_references.h"

namespace bundlectl::deploy {

namespace {

using Json = nlohmann::json;
using render::ResourcePayload;

PlannedChange plan_payload(const ResourcePayload& payload, const DeploymentState* state) {
  PlannedChange change;
  change.address = payload.address();
  change.payload = payload;
  if (!payload.supported) {
    change.action = Action::Skip;
    change.reason = payload.type + " are not deployed by bundlectl yet";
    return change;
  }
  const ResourceState* applied = nullptr;
  if (state != nullptr) {
    auto found = state->resources.find(change.address);
    if (found != state->resources.end()) applied = &found->second;
  }
  if (applied == nullptr) {
    change.action = Action::Create;
    return change;
  }
  change.id = applied->id;
  if (applied->spec_hash == payload_hash(payload)) {
    change.action = Action::Unchanged;
    return change;
  }
  change.action = Action::Update;
  change.changes = diff_specs(applied->spec, payload.spec);
  const Json before = applied->permissions.is_null() ? Json::array() : applied->permissions;
  const Json after = payload.permissions.is_null() ? Json::array() : payload.permissions;
  if (before != after) change.changes.push_back(FieldChange{"permissions", before, after});
  return change;
}

// Indexes 0..n-1 such that each comes after every index `predecessors` lists for it; among
// those ready, the smallest index first, so the order is the configuration's wherever
// dependencies allow. Indexes caught in a cycle follow in index order (validation reports
// the cycle; the plan stays complete).
std::vector<std::size_t> dependency_order(
    const std::vector<std::vector<std::size_t>>& predecessors) {
  const std::size_t n = predecessors.size();
  std::vector<std::size_t> waiting(n, 0);
  std::vector<std::vector<std::size_t>> successors(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t before : predecessors[i]) {
      ++waiting[i];
      successors[before].push_back(i);
    }
  }
  std::set<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i) {
    if (waiting[i] == 0) ready.insert(i);
  }
  std::vector<std::size_t> order;
  std::vector<bool> placed(n, false);
  while (order.size() < n) {
    if (ready.empty()) {  // a cycle: release the first index not yet placed
      std::size_t first = 0;
      while (placed[first]) ++first;
      ready.insert(first);
    }
    std::size_t next = *ready.begin();
    ready.erase(ready.begin());
    if (placed[next]) continue;
    placed[next] = true;
    order.push_back(next);
    for (std::size_t after : successors[next]) {
      if (--waiting[after] == 0 && !placed[after]) ready.insert(after);
    }
  }
  return order;
}

// For each address, the indexes of `addresses` it refers to (self and unknown ones left out).
std::vector<std::vector<std::size_t>> references_among(
    const std::vector<std::string>& addresses,
    const std::vector<std::vector<std::string>>& references) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < addresses.size(); ++i) index.emplace(addresses[i], i);
  std::vector<std::vector<std::size_t>> result(addresses.size());
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    for (const std::string& address : references[i]) {
      auto found = index.find(address);
      if (found != index.end() && found->second != i) result[i].push_back(found->second);
    }
  }
  return result;
}

// Resources of the state that are not rendered any more. One that refers to another goes
// first: a job that runs a pipeline is deleted before that pipeline.
std::vector<PlannedChange> planned_deletes(const std::vector<ResourcePayload>& payloads,
                                           const DeploymentState* state) {
  if (state == nullptr) return {};
  std::set<std::string> rendered;
  for (const ResourcePayload& payload : payloads) rendered.insert(payload.address());
  std::vector<std::string> addresses;
  std::vector<std::vector<std::string>> references;
  for (const auto& [address, resource] : state->resources) {
    if (rendered.count(address) != 0) continue;
    addresses.push_back(address);
    references.push_back(render::referenced_resources(resource.spec, address));
  }
  // Reversed: what refers to a resource must be gone before it.
  std::vector<std::vector<std::size_t>> referrers(addresses.size());
  std::vector<std::vector<std::size_t>> refers_to = references_among(addresses, references);
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    for (std::size_t target : refers_to[i]) referrers[target].push_back(i);
  }
  std::vector<PlannedChange> deletes;
  for (std::size_t i : dependency_order(referrers)) {
    PlannedChange change;
    change.action = Action::Delete;
    change.address = addresses[i];
    change.id = state->resources.at(addresses[i]).id;
    deletes.push_back(std::move(change));
  }
  return deletes;
}

}  // namespace

const char* action_name(Action action) {
  switch (action) {
    case Action::Create: return "create";
    case Action::Update: return "update";
    case Action::Delete: return "delete";
    case Action::Unchanged: return "unchanged";
    case Action::Skip: return "skip";
  }
  return "unchanged";
}

std::size_t Plan::count(Action action) const {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(),
                    [action](const PlannedChange& change) { return change.action == action; }));
}

bool Plan::empty() const {
  return count(Action::Create) == 0 && count(Action::Update) == 0 && count(Action::Delete) == 0;
}

std::string payload_hash(const render::ResourcePayload& payload) {
  const bool has_permissions = payload.permissions.is_array() && !payload.permissions.empty();
  if (!has_permissions) return spec_hash(payload.spec);
  return spec_hash(Json{{"spec", payload.spec}, {"access_control_list", payload.permissions}});
}

Plan make_plan(const std::vector<ResourcePayload>& payloads, const DeploymentState* state) {
  std::vector<std::string> addresses;
  std::vector<std::vector<std::string>> references;
  for (const ResourcePayload& payload : payloads) {
    addresses.push_back(payload.address());
    references.push_back(payload.depends_on);
  }
  Plan plan;
  for (std::size_t i : dependency_order(references_among(addresses, references))) {
    plan.changes.push_back(plan_payload(payloads[i], state));
  }
  for (PlannedChange& change : planned_deletes(payloads, state)) {
    plan.changes.push_back(std::move(change));
  }
  return plan;
}

}  // namespace bundlectl::deploy
