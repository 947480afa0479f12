#include "bundlectl/deploy/plan_output.h"

namespace bundlectl::deploy {

namespace {

using Json = nlohmann::json;

const char* marker(Action action) {
  switch (action) {
    case Action::Create: return "+";
    case Action::Update: return "~";
    case Action::Delete: return "-";
    case Action::Skip: return "!";
    case Action::Unchanged: return " ";
  }
  return " ";
}

// "tasks[task_key='x']: added", "timeout_seconds: 60 → 120": one changed field.
std::string describe_field(const FieldChange& change) {
  if (change.before.is_null() && change.after.is_structured()) return change.path + ": added";
  if (change.after.is_null() && change.before.is_structured()) return change.path + ": removed";
  return change.path + ": " + display_value(change.before) + " → " + display_value(change.after);
}

// "jobs.x (id 12) (deleted outside the bundle)": the resource and what else the line needs.
std::string describe_resource(const PlannedChange& change) {
  std::string text = change.address;
  if (!change.id.empty()) text += " (id " + change.id + ")";
  if (!change.reason.empty()) text += " (" + change.reason + ")";
  return text;
}

Json field_json(const FieldChange& change) {
  return {{"path", change.path}, {"before", change.before}, {"after", change.after}};
}

Json change_json(const PlannedChange& change) {
  Json fields = Json::array();
  for (const FieldChange& field : change.changes) fields.push_back(field_json(field));
  return {{"action", action_name(change.action)},
          {"address", change.address},
          {"id", change.id.empty() ? Json(nullptr) : Json(change.id)},
          {"changes", std::move(fields)},
          {"reason", change.reason.empty() ? Json(nullptr) : Json(change.reason)}};
}

// Text inside a markdown table cell: no pipe may end the cell, no newline the row.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == '`') {
      out += '\'';
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_details(const PlannedChange& change) {
  if (!change.reason.empty() && change.changes.empty()) return cell(change.reason);
  std::string details = change.reason.empty() ? "" : cell(change.reason) + "<br>";
  for (std::size_t i = 0; i < change.changes.size(); ++i) {
    if (i > 0) details += "<br>";
    details += "`" + cell(describe_field(change.changes[i])) + "`";
  }
  return details;
}

}  // namespace

std::string display_value(const Json& value, std::size_t limit) {
  std::string text = value.is_null() ? "(none)" : value.dump();
  if (text.size() <= limit) return text;
  // Cut at a character boundary: never inside a UTF-8 sequence.
  std::size_t cut = limit > 1 ? limit - 1 : 0;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string plan_summary_line(const Plan& plan) {
  return "Plan: " + std::to_string(plan.count(Action::Create)) + " to add, " +
         std::to_string(plan.count(Action::Update)) + " to change, " +
         std::to_string(plan.count(Action::Delete)) + " to delete, " +
         std::to_string(plan.count(Action::Unchanged)) + " unchanged";
}

void write_plan_text(std::ostream& out, const Plan& plan, bool verbose) {
  bool listed = false;
  for (const PlannedChange& change : plan.changes) {
    if (change.action == Action::Unchanged && !verbose) continue;
    listed = true;
    out << marker(change.action) << " " << action_name(change.action) << " "
        << describe_resource(change) << "\n";
    for (const FieldChange& field : change.changes) out << "    " << describe_field(field) << "\n";
  }
  if (listed) out << "\n";
  out << plan_summary_line(plan) << "\n";
}

Json plan_to_json(const Plan& plan, const PlanContext& context) {
  Json changes = Json::array();
  for (const PlannedChange& change : plan.changes) changes.push_back(change_json(change));
  return {{"target", context.target},
          {"workspace", context.workspace},
          {"changes", std::move(changes)},
          {"summary",
           {{"add", plan.count(Action::Create)},
            {"change", plan.count(Action::Update)},
            {"delete", plan.count(Action::Delete)},
            {"unchanged", plan.count(Action::Unchanged)},
            {"skip", plan.count(Action::Skip)}}}};
}

void write_plan_markdown(std::ostream& out, const Plan& plan, const PlanContext& context) {
  out << "### bundlectl plan: target `" << cell(context.target) << "` on `"
      << cell(context.workspace) << "`\n\n";
  bool any_row = false;
  for (const PlannedChange& change : plan.changes) {
    if (change.action == Action::Unchanged) continue;
    if (!any_row) out << "| Action | Resource | Details |\n| --- | --- | --- |\n";
    any_row = true;
    out << "| " << action_name(change.action) << " | `" << cell(change.address) << "` | "
        << markdown_details(change) << " |\n";
  }
  if (!any_row) out << "No changes.\n";
  out << "\n" << plan_summary_line(plan) << "\n";
}

}  // namespace bundlectl::deploy
