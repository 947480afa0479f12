#include "emulator/scenario.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

// About a year: long enough for any test, far from overflowing time arithmetic.
constexpr long long k_max_duration_ms = 31'536'000'000;

class Reader {
 public:
  explicit Reader(std::string file_name) : m_file(std::move(file_name)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    throw ScenarioError(m_file + ":" + std::to_string(mark.line + 1) + ":" +
                        std::to_string(mark.column + 1) + ": error: " + message);
  }

  void expect_map(const YAML::Node& node, const std::string& what) const {
    if (!node.IsMap()) fail(node.Mark(), what + " must be a mapping");
  }

  void check_keys(const YAML::Node& node, const std::set<std::string>& known,
                  const std::string& what) const {
    for (const auto& entry : node) {
      std::string key = entry.first.Scalar();
      if (!known.count(key)) fail(entry.first.Mark(), "unknown field '" + key + "' in " + what);
    }
  }

  std::int64_t duration(const YAML::Node& node, const char* field = "duration_ms") const {
    if (node.IsScalar()) {
      try {
        std::size_t used = 0;
        long long value = std::stoll(node.Scalar(), &used);
        if (used == node.Scalar().size() && value >= 0 && value <= k_max_duration_ms) {
          return value;
        }
      } catch (const std::exception&) {
      }
    }
    fail(node.Mark(), std::string(field) + " must be a whole number of milliseconds from 0 to " +
                          std::to_string(k_max_duration_ms));
  }

  std::string outcome(const YAML::Node& node) const {
    std::string text = node.IsScalar() ? node.Scalar() : "";
    if (text != "success" && text != "failure" && text != "timeout" && text != "internal_error") {
      fail(node.Mark(),
           "outcome must be success, failure, timeout or internal_error, not '" + text + "'");
    }
    return text;
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node.Mark(), what + " must be a scalar");
    return node.Scalar();
  }

  json attempt(const YAML::Node& node) const {
    expect_map(node, "an attempt");
    check_keys(node, {"duration_ms", "outcome", "message"}, "an attempt");
    json out = json::object();
    if (node["duration_ms"]) out["duration_ms"] = duration(node["duration_ms"]);
    if (node["outcome"]) out["outcome"] = outcome(node["outcome"]);
    if (node["message"]) out["message"] = scalar(node["message"], "message");
    return out;
  }

  json values(const YAML::Node& node) const {
    expect_map(node, "values");
    json out = json::object();
    for (const auto& entry : node) {
      out[entry.first.Scalar()] = scalar(entry.second, "a task value");
    }
    return out;
  }

  json script(const YAML::Node& node, bool allow_iterations) const {
    expect_map(node, "a task's script");
    check_keys(node,
               {"duration_ms", "outcome", "message", "attempts", "exit_value", "values",
                "iterations", "retry_interval_ms"},
               "a task's script");
    json out = attempt(
        strip(node, {"attempts", "exit_value", "values", "iterations", "retry_interval_ms"}));
    if (node["retry_interval_ms"]) {
      out["retry_interval_ms"] = duration(node["retry_interval_ms"]);
    }
    if (const YAML::Node list = node["attempts"]) {
      if (!list.IsSequence() || list.size() == 0) {
        fail(list.Mark(), "attempts must be a non-empty list");
      }
      for (const YAML::Node& item : list) out["attempts"].push_back(attempt(item));
    }
    if (node["exit_value"]) out["exit_value"] = scalar(node["exit_value"], "exit_value");
    if (node["values"]) out["values"] = values(node["values"]);
    if (const YAML::Node iterations = node["iterations"]) {
      if (!allow_iterations) fail(iterations.Mark(), "iterations cannot be nested");
      expect_map(iterations, "iterations");
      for (const auto& entry : iterations) {
        const std::string& index = entry.first.Scalar();
        if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos) {
          fail(entry.first.Mark(), "an iteration is named by its index (0, 1, ...)");
        }
        out["iterations"][std::to_string(std::stoul(index))] = script(entry.second, false);
      }
    }
    return out;
  }

 private:
  static YAML::Node strip(const YAML::Node& node, const std::set<std::string>& drop) {
    YAML::Node copy(YAML::NodeType::Map);
    for (const auto& entry : node) {
      if (!drop.count(entry.first.Scalar())) copy[entry.first] = entry.second;
    }
    copy.SetStyle(node.Style());
    return copy;
  }

  std::string m_file;
};

}  // namespace

json Scenario::script_for(const std::string& task_key) const {
  auto found = tasks.find(task_key);
  return found == tasks.end() ? json::object() : *found;
}

Scenario parse_scenario(const std::string& text, const std::string& file_name) {
  Reader reader(file_name);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    reader.fail(error.mark, error.msg);
  }
  Scenario scenario;
  if (root.IsNull()) return scenario;
  reader.expect_map(root, "a scenario");
  reader.check_keys(root, {"default", "tasks", "pipelines"}, "a scenario");
  if (const YAML::Node defaults = root["default"]) {
    reader.expect_map(defaults, "default");
    reader.check_keys(defaults, {"duration_ms", "terminating_ms"}, "default");
    if (defaults["duration_ms"])
      scenario.default_duration_ms = reader.duration(defaults["duration_ms"]);
    if (defaults["terminating_ms"])
      scenario.terminating_ms = reader.duration(defaults["terminating_ms"], "terminating_ms");
  }
  if (const YAML::Node tasks = root["tasks"]) {
    reader.expect_map(tasks, "tasks");
    for (const auto& entry : tasks) {
      scenario.tasks[entry.first.Scalar()] = reader.script(entry.second, true);
    }
  }
  if (const YAML::Node pipelines = root["pipelines"]) {
    reader.expect_map(pipelines, "pipelines");
    for (const auto& entry : pipelines) {
      reader.expect_map(entry.second, "a pipeline's script");
      reader.check_keys(entry.second, {"outcome", "message"}, "a pipeline's script");
      json update = reader.attempt(entry.second);
      if (update.value("outcome", "success") == "timeout") {
        reader.fail(entry.second["outcome"].Mark(), "a pipeline update ends in success or failure");
      }
      scenario.pipelines[entry.first.Scalar()] = update;
    }
  }
  return scenario;
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": error: cannot read the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

AttemptScript attempt_script(const json& script, int execution, std::int64_t default_duration_ms) {
  json chosen = script;
  if (script.contains("attempts") && script["attempts"].is_array() && !script["attempts"].empty()) {
    const json& list = script["attempts"];
    std::size_t index =
        std::min<std::size_t>(static_cast<std::size_t>(std::max(execution, 0)), list.size() - 1);
    chosen = list[index];
  }
  AttemptScript out;
  out.duration_ms = chosen.value("duration_ms", script.value("duration_ms", default_duration_ms));
  std::string outcome = chosen.value("outcome", script.value("outcome", "success"));
  out.outcome = outcome == "failure"          ? Outcome::Failure
                : outcome == "timeout"        ? Outcome::Timeout
                : outcome == "internal_error" ? Outcome::InternalError
                                              : Outcome::Success;
  out.message = chosen.value("message", script.value("message", ""));
  return out;
}

json iteration_script(const json& script, std::size_t index) {
  json out = script;
  out.erase("iterations");
  std::string key = std::to_string(index);
  if (script.contains("iterations") && script["iterations"].contains(key)) {
    const json& over = script["iterations"][key];
    if (over.contains("attempts")) out.erase("attempts");
    for (const auto& [field, value] : over.items()) out[field] = value;
  }
  return out;
}

}  // namespace bundlectl::emulator
