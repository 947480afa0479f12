// Job parameters: the Jobs API refuses a job that defines two parameters with one name.
#include <unordered_map>

#include "bundlectl/util/strings.h"
#include "validate/checks.h"
#include "validate/finding.h"

namespace bundlectl::validate {

void check_job_parameters(const CheckContext& context, core::Diagnostics& diagnostics) {
  for_each_resource(
      context.bundle, "jobs",
      [&](const std::string&, const core::Value& job, const core::Path& path) {
        const core::Value* parameters = job.find("parameters");
        if (!parameters || !parameters->is_sequence()) return;
        std::unordered_map<std::string, std::size_t> first;  // name → index of its first use
        core::Path base = path.key("parameters");
        for (std::size_t i = 0; i < parameters->items().size(); ++i) {
          const core::Value* name = parameters->items()[i].find("name");
          if (!name || !name->is_string()) continue;
          auto [it, inserted] = first.emplace(name->as_string(), i);
          if (inserted) continue;
          diagnostics.add(
              finding(core::Severity::Error, "parameters.duplicate-name",
                      "job parameter is defined twice: " + name->as_string(), context.bundle, *name,
                      base.index(i).key("name"),
                      "The first definition is " + base.index(it->second).to_string() + "."));
        }
      });
}

}  // namespace bundlectl::validate
