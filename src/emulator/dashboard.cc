#include "emulator/dashboard.h"

#include <sstream>

namespace bundlectl::emulator {
namespace {

std::string run_state_text(const Run& run) {
  std::string text(core::to_string(run.state.life_cycle));
  if (run.state.result) text += " / " + std::string(core::to_string(*run.state.result));
  return text;
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_dashboard(const std::vector<nlohmann::json>& jobs,
                             const std::vector<Run>& runs) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"refresh\" content=\"" << k_dashboard_refresh_seconds << "\">"
      << "<title>bundlectl emulator</title><style>body{font-family:sans-serif;margin:2em}"
      << "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}"
      << "</style></head><body>\n<h1>bundlectl emulator</h1>\n";
  out << "<h2>Jobs (" << jobs.size() << ")</h2>\n<table><tr><th>job_id</th><th>name</th>"
      << "<th>tasks</th></tr>\n";
  for (const nlohmann::json& job : jobs) {
    const nlohmann::json& settings = job["settings"];
    out << "<tr><td>" << job["job_id"].get<std::int64_t>() << "</td><td>"
        << html_escape(settings.value("name", "")) << "</td><td>"
        << settings.value("tasks", nlohmann::json::array()).size() << "</td></tr>\n";
  }
  out << "</table>\n<h2>Recent runs</h2>\n<table><tr><th>run_id</th><th>job_id</th>"
      << "<th>name</th><th>state</th><th>tasks</th></tr>\n";
  for (const Run& run : runs) {
    out << "<tr><td>" << run.run_id << "</td><td>" << run.job_id << "</td><td>"
        << html_escape(run.run_name) << "</td><td>" << html_escape(run_state_text(run))
        << "</td><td>";
    for (const TaskRun& task : run.tasks) {
      out << html_escape(task.task_key) << ": " << core::to_string(task.state.life_cycle) << " ";
    }
    out << "</td></tr>\n";
  }
  out << "</table>\n</body></html>\n";
  return out.str();
}

}  // namespace bundlectl::emulator
