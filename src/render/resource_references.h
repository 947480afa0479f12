// `${resources.<type>.<key>.<field>}` references inside a payload: they tie one resource to
// another (a job's pipeline_task names a pipeline's id), so they order deploy's calls and
// plan's list. Kept apart from rendering because plan reads them from a state's specs too.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bundlectl::render {

// "<type>.<key>" of every resource that a string anywhere inside `spec` refers to, sorted and
// unique; `self` (the payload's own address) is left out, since a resource cannot wait for
// itself.
std::vector<std::string> referenced_resources(const nlohmann::json& spec,
                                              const std::string& self = "");

}  // namespace bundlectl::render
