// A plan for people and machines: text for a terminal, JSON for scripts, markdown for a pull
// request comment. Each ends with, or carries, the same counts.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "bundlectl/deploy/plan.h"

namespace bundlectl::deploy {

// What the plan was made for, named in the JSON and markdown forms.
struct PlanContext {
  std::string target;     // the bundle target
  std::string workspace;  // the host URL, or "emulator"
};

// "Plan: 1 to add, 2 to change, 0 to delete, 5 unchanged"
std::string plan_summary_line(const Plan& plan);

// One line per resource ("+ create jobs.x", "~ update jobs.y (id 12)" then its changed
// fields indented, "- delete ...", "! skip ... (reason)"), unchanged ones only when
// `verbose`, then a blank line and the summary line.
void write_plan_text(std::ostream& out, const Plan& plan, bool verbose);

// {"target", "workspace", "changes": [{"action", "address", "id", "changes": [{"path",
// "before", "after"}], "reason"}], "summary": {"add", "change", "delete", "unchanged", "skip"}}
// Every change of the plan is listed, unchanged ones included; "id" and "reason" are null
// when there is none, "before"/"after" null for a field added/removed.
nlohmann::json plan_to_json(const Plan& plan, const PlanContext& context);

// A heading, a table of what changes (unchanged resources only counted) and the summary line.
void write_plan_markdown(std::ostream& out, const Plan& plan, const PlanContext& context);

// A value as the text and markdown forms show it: (none) for null, JSON otherwise, cut to
// `limit` characters with "…" so that a long notebook path or dashboard stays on one line.
std::string display_value(const nlohmann::json& value, std::size_t limit = 80);

}  // namespace bundlectl::deploy
