// From the resolved configuration to what the workspace APIs receive: one payload per
// resource, made only from what `validate -o json` prints. Deploy sends these and nothing
// else, and `bundlectl render` prints them, so what a pull request reviews is what lands.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bundlectl/config/bundle.h"

namespace bundlectl::render {

// The tags deploy puts on every job it makes, so that a job whose creation was never
// recorded (a lost response, a runner killed before it saved state) is found again instead
// of made twice.
inline constexpr const char* k_bundle_tag = "bundlectl-bundle";
inline constexpr const char* k_target_tag = "bundlectl-target";
inline constexpr const char* k_resource_tag = "bundlectl-resource";

struct ResourcePayload {
  std::string type;  // the section under resources: "jobs", "pipelines", "schemas", ...
  std::string key;   // the resource key under it
  // The API body: the JobSettings of jobs/create and jobs/reset, the pipeline spec of
  // pipelines create/edit, ... Bundle-only fields (permissions, ...) are left out.
  // `${resources.<type>.<key>.<field>}` references to other resources stay as strings;
  // deploy fills them in once those resources exist.
  nlohmann::json spec;
  // The resource's `permissions`, as the Permissions API's access_control_list; empty when
  // the bundle sets none.
  nlohmann::json permissions = nlohmann::json::array();
  // "<type>.<key>" of every resource this one refers to, sorted, without duplicates.
  std::vector<std::string> depends_on;
  // Whether deploy can apply this type; others are listed by plan as skipped.
  bool supported = false;

  std::string address() const { return type + "." + key; }  // "jobs.daily"
};

// Every resource of a resolved bundle, in the order of the configuration (type, then key).
// `only` keeps the resources whose key or address is listed (all when empty).
std::vector<ResourcePayload> render_payloads(const config::Bundle& bundle,
                                             const std::vector<std::string>& only = {});

}  // namespace bundlectl::render
