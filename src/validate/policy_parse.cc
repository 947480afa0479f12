// Reading a policy file: the YAML goes through the project's reader, so every problem is an
// error at the file, line and column that caused it, and the file is not applied.
#include <cctype>

#include "bundlectl/util/strings.h"
#include "bundlectl/validate/schema.h"
#include "config/yaml_reader.h"
#include "validate/policy.h"

namespace bundlectl::validate::policy {

using core::Path;
using core::Value;

namespace {

const std::vector<std::string> k_file_keys = {"policy",  "description", "extends",
                                              "replace", "disable",     "rules"};
const std::vector<std::string> k_rule_keys = {
    "id",      "severity",   "message", "hint",        "applies_to", "when",
    "require", "forbid",     "any_of",  "field",       "equals",     "not_equals",
    "one_of",  "not_one_of", "matches", "not_matches", "min",        "max"};
const std::vector<std::string> k_condition_keys = {
    "present", "absent",     "any_present", "field",       "equals", "not_equals",
    "one_of",  "not_one_of", "matches",     "not_matches", "min",    "max"};
const std::vector<std::string> k_comparison_keys = {
    "equals", "not_equals", "one_of", "not_one_of", "matches", "not_matches", "min", "max"};
const std::vector<std::string> k_severities = {"error", "warning", "recommendation"};
const std::vector<std::string> k_subjects = {"bundle", "jobs", "tasks", "schedules", "pipelines"};
// The resource types a rule may apply to are those of the bundle schema (resources/schemas/,
// generated from the API definitions), so that a new type needs no change here. Others get a
// warning, as a likely typo, but are still looked up under resources.
const std::vector<std::string>& known_resource_types() {
  static const std::vector<std::string> types = schema_resource_types();
  return types;
}

bool contains(const std::vector<std::string>& list, std::string_view word) {
  for (const std::string& item : list) {
    if (item == word) return true;
  }
  return false;
}

class Parser {
 public:
  Parser(const std::string& display, std::string origin, core::Diagnostics& problems)
      : m_origin(std::move(origin)), m_problems(problems) {
    m_file = m_files.add(display);
  }

  std::optional<PolicyFile> parse(std::string_view text) {
    core::Diagnostics read;
    config::YamlDocument document = config::read_yaml(text, m_file, m_files, read);
    for (core::Diagnostic diagnostic : read) {
      diagnostic.rule = "policy.invalid-file";
      m_problems.add(std::move(diagnostic));
    }
    if (!document.ok) return std::nullopt;
    PolicyFile policy = file(document.root);
    if (m_failed) return std::nullopt;
    return policy;
  }

 private:
  void problem(core::Severity severity, const Value& where, const Path& path, std::string what) {
    if (severity == core::Severity::Error) m_failed = true;
    core::Diagnostic diagnostic;
    diagnostic.severity = severity;
    diagnostic.summary = std::move(what);
    diagnostic.locations = core::locations_of(where, m_files);
    if (diagnostic.locations.empty())
      diagnostic.locations.push_back(m_files.describe({m_file, 1, 1}));
    if (!path.empty()) diagnostic.paths = {path};
    diagnostic.rule = "policy.invalid-file";
    m_problems.add(std::move(diagnostic));
  }
  void error(const Value& where, const Path& path, std::string what) {
    problem(core::Severity::Error, where, path, std::move(what));
  }

  void unknown_keys(const Value& mapping, const Path& path, const std::vector<std::string>& keys,
                    const char* what) {
    for (const core::MapEntry& entry : mapping.entries()) {
      if (contains(keys, entry.key)) continue;
      Value key = Value::string(entry.key, entry.key_location);
      error(key, path.key(entry.key),
            std::string("unknown field of a ") + what + ": " + entry.key +
                util::did_you_mean(entry.key, keys));
    }
  }

  std::optional<std::string> text(const Value& value, const Path& path) {
    if (value.is_string() && !value.as_string().empty()) return value.as_string();
    error(value, path, path.to_string() + " must be a non-empty string");
    return std::nullopt;
  }

  PolicyFile file(const Value& root) {
    PolicyFile policy;
    if (!root.is_mapping()) {
      error(root, {}, "a policy file is a mapping with policy: and rules:");
      return policy;
    }
    unknown_keys(root, {}, k_file_keys, "policy file");
    if (const Value* name = root.find("policy")) {
      if (auto value = text(*name, Path().key("policy"))) policy.name = *value;
    } else {
      error(root, {}, "a policy file must name its policy (policy: <name>)");
    }
    if (const Value* extends = root.find("extends")) {
      if (auto value = text(*extends, Path().key("extends"))) {
        if (builtin_text(*value)) {
          policy.extends = *value;
        } else {
          error(*extends, Path().key("extends"),
                "extends names no built-in policy: " + *value +
                    util::did_you_mean(*value, builtin_names()));
        }
      }
    }
    if (const Value* replace = root.find("replace")) {
      if (replace->is_bool()) {
        policy.replace = replace->as_bool();
      } else {
        error(*replace, Path().key("replace"), "replace must be true or false");
      }
      if (policy.replace && !policy.extends.empty())
        error(*replace, Path().key("replace"), "a policy cannot both extend and replace");
    }
    if (const Value* disable = root.find("disable")) disabled(*disable, policy);
    const Value* rules = root.find("rules");
    if (rules && rules->is_sequence()) {
      for (std::size_t i = 0; i < rules->items().size(); ++i) {
        Path path = Path().key("rules").index(i);
        std::optional<Rule> parsed = rule(rules->items()[i], path);
        if (!parsed) continue;
        for (const Rule& earlier : policy.rules) {
          if (earlier.id == parsed->id)
            error(*rules->items()[i].find("id"), path.key("id"),
                  "duplicate rule id: " + parsed->id);
        }
        policy.rules.push_back(std::move(*parsed));
      }
    } else if (rules && !rules->is_null()) {
      error(*rules, Path().key("rules"), "rules must be a list of rules");
    }
    return policy;
  }

  void disabled(const Value& disable, PolicyFile& policy) {
    if (!disable.is_sequence()) {
      error(disable, Path().key("disable"), "disable must be a list of rule ids");
      return;
    }
    for (std::size_t i = 0; i < disable.items().size(); ++i) {
      const Value& item = disable.items()[i];
      if (auto id = text(item, Path().key("disable").index(i))) {
        policy.disable.push_back({*id, m_files.describe(item.location())});
      }
    }
  }

  std::optional<Rule> rule(const Value& value, const Path& path) {
    if (!value.is_mapping()) {
      error(value, path, "a rule is a mapping with id, severity, message and applies_to");
      return std::nullopt;
    }
    bool failed_before = m_failed;
    m_failed = false;
    unknown_keys(value, path, k_rule_keys, "rule");
    Rule rule;
    rule.origin = m_origin;
    for (const char* key : {"id", "severity", "message", "applies_to"}) {
      if (!value.find(key)) error(value, path, std::string("a rule must have ") + key);
    }
    if (const Value* id = value.find("id")) {
      if (auto v = text(*id, path.key("id"))) rule.id = *v;
    }
    if (const Value* message = value.find("message")) {
      if (auto v = text(*message, path.key("message"))) rule.message = *v;
    }
    if (const Value* hint = value.find("hint")) {
      if (auto v = text(*hint, path.key("hint"))) rule.hint = *v;
    }
    if (const Value* severity = value.find("severity")) {
      std::string word = severity->is_string() ? severity->as_string() : "";
      if (word == "error")
        rule.severity = core::Severity::Error;
      else if (word == "warning")
        rule.severity = core::Severity::Warning;
      else if (word == "recommendation")
        rule.severity = core::Severity::Recommendation;
      else
        error(*severity, path.key("severity"),
              "severity is error, warning or recommendation, not " +
                  util::quoted(severity->scalar_text()) + util::did_you_mean(word, k_severities));
    }
    if (const Value* subject = value.find("applies_to")) {
      rule.subject = this->subject(*subject, path.key("applies_to"));
    }
    if (const Value* when = value.find("when")) conditions(*when, path.key("when"), rule);
    if (auto assertion = test(value, path, {"require", "forbid", "any_of"}, "an assertion")) {
      rule.assertion = std::move(*assertion);
    }
    bool ok = !m_failed;
    m_failed = m_failed || failed_before;
    if (!ok) return std::nullopt;
    return rule;
  }

  Subject subject(const Value& value, const Path& path) {
    Subject subject;
    std::string word = value.is_string() ? value.as_string() : "";
    if (word == "bundle") return subject;
    if (word == "tasks") {
      subject.kind = SubjectKind::Tasks;
    } else if (word == "schedules") {
      subject.kind = SubjectKind::Schedules;
    } else if (!word.empty() && word.find_first_of(".[ ") == std::string::npos) {
      subject.kind = SubjectKind::Resources;
      subject.resource_type = word;
      if (!contains(known_resource_types(), word)) {
        problem(core::Severity::Warning, value, path,
                "applies_to names no known resource type: " + word +
                    util::did_you_mean(word, k_subjects));
      }
    } else {
      error(value, path,
            "applies_to is bundle, tasks, schedules or a resource type such as jobs, not " +
                util::quoted(value.scalar_text()));
    }
    return subject;
  }

  void conditions(const Value& when, const Path& path, Rule& rule) {
    auto one = [&](const Value& condition, const Path& at) {
      if (!condition.is_mapping()) {
        error(condition, at, "a condition is a mapping such as present: schedule");
        return;
      }
      unknown_keys(condition, at, k_condition_keys, "condition");
      if (auto test =
              this->test(condition, at, {"present", "absent", "any_present"}, "a condition"))
        rule.conditions.push_back(std::move(*test));
    };
    if (when.is_sequence()) {
      for (std::size_t i = 0; i < when.items().size(); ++i) one(when.items()[i], path.index(i));
    } else {
      one(when, path);
    }
  }

  // One test of a rule or condition: exactly one of the three kind keys (in the order
  // Present, Absent, AnyPresent) or `field` with comparisons.
  std::optional<Test> test(const Value& mapping, const Path& path,
                           const std::vector<std::string>& kinds, const char* what) {
    std::vector<std::string> found;
    for (const std::string& key : kinds) {
      if (mapping.find(key)) found.push_back(key);
    }
    if (mapping.find("field")) found.push_back("field");
    if (found.size() != 1) {
      error(mapping, path,
            std::string(what) + " needs exactly one of " + util::join(kinds, ", ") + " or field" +
                (found.empty() ? "" : ", found " + util::join(found, " and ")));
      return std::nullopt;
    }
    Test test;
    const std::string& key = found[0];
    const Value& value = *mapping.find(key);
    if (key == "field") {
      test.kind = TestKind::Compare;
      if (auto field = this->field(value, path.key(key))) test.fields.push_back(std::move(*field));
      test.comparison = comparison(mapping, path);
      return test;
    }
    for (const std::string& comparison_key : k_comparison_keys) {
      if (const core::MapEntry* entry = mapping.find_entry(comparison_key)) {
        error(Value::string(entry->key, entry->key_location), path.key(comparison_key),
              comparison_key + " compares the value of field; it cannot go with " + key);
      }
    }
    test.kind = key == kinds[0]   ? TestKind::Present
                : key == kinds[1] ? TestKind::Absent
                                  : TestKind::AnyPresent;
    if (value.is_sequence() && !value.items().empty()) {
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        if (auto field = this->field(value.items()[i], path.key(key).index(i)))
          test.fields.push_back(std::move(*field));
      }
    } else if (auto field = this->field(value, path.key(key))) {
      test.fields.push_back(std::move(*field));
    }
    return test;
  }

  std::optional<Field> field(const Value& value, const Path& path) {
    std::optional<std::string> written = text(value, path);
    if (!written) return std::nullopt;
    Field field;
    field.text = *written;
    std::string_view dotted = *written;
    if (dotted == "$" || util::starts_with(dotted, "$.")) {
      field.from_root = true;
      dotted.remove_prefix(dotted.size() == 1 ? 1 : 2);
    }
    if (dotted.empty() || dotted.find("..") != std::string_view::npos || dotted.front() == '.' ||
        dotted.back() == '.') {
      error(value, path, "not a field path: " + util::quoted(*written));
      return std::nullopt;
    }
    field.path = Path::parse(dotted);
    return field;
  }

  std::optional<Pattern> pattern(const Value& value, const Path& path) {
    std::optional<std::string> written = text(value, path);
    if (!written) return std::nullopt;
    try {
      return Pattern{*written, std::make_shared<const std::regex>(*written, std::regex::ECMAScript),
                     required_text(*written)};
    } catch (const std::regex_error& e) {
      error(value, path, "invalid regular expression " + util::quoted(*written) + ": " + e.what());
      return std::nullopt;
    }
  }

  std::optional<double> number(const Value& value, const Path& path) {
    if (value.is_int()) return static_cast<double>(value.as_int());
    if (value.is_float()) return value.as_float();
    error(value, path, path.to_string() + " must be a number");
    return std::nullopt;
  }

  std::vector<Value> scalars(const Value& value, const Path& path, bool list) {
    std::vector<Value> out;
    if (!list) {
      if (value.is_scalar()) return {value};
      error(value, path, path.to_string() + " must be a single value");
      return out;
    }
    if (!value.is_sequence() || value.items().empty()) {
      error(value, path, path.to_string() + " must be a list of values");
      return out;
    }
    return value.items();
  }

  Comparison comparison(const Value& mapping, const Path& path) {
    Comparison comparison;
    bool any = false;
    if (const Value* v = mapping.find("equals")) {
      comparison.one_of = scalars(*v, path.key("equals"), false);
      any = true;
    }
    if (const Value* v = mapping.find("one_of")) {
      if (comparison.one_of) error(*v, path.key("one_of"), "equals and one_of cannot go together");
      comparison.one_of = scalars(*v, path.key("one_of"), true);
      any = true;
    }
    for (const char* key : {"not_equals", "not_one_of"}) {
      if (const Value* v = mapping.find(key)) {
        for (Value& item : scalars(*v, path.key(key), std::string(key) == "not_one_of"))
          comparison.none_of.push_back(std::move(item));
        any = true;
      }
    }
    if (const Value* v = mapping.find("matches")) {
      comparison.matches = pattern(*v, path.key("matches"));
      any = true;
    }
    if (const Value* v = mapping.find("not_matches")) {
      comparison.not_matches = pattern(*v, path.key("not_matches"));
      any = true;
    }
    if (const Value* v = mapping.find("min")) {
      comparison.min = number(*v, path.key("min"));
      any = true;
    }
    if (const Value* v = mapping.find("max")) {
      comparison.max = number(*v, path.key("max"));
      any = true;
    }
    if (!any) {
      error(*mapping.find("field"), path.key("field"),
            "field needs a comparison: " + util::join(k_comparison_keys, ", "));
    }
    return comparison;
  }

  std::string m_origin;
  core::Diagnostics& m_problems;
  core::SourceFiles m_files;
  std::uint32_t m_file = 0;
  bool m_failed = false;
};

}  // namespace

std::string required_text(std::string_view pattern) {
  std::string best;
  std::string run;
  auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '|') return "";  // an alternative may not contain it
    if (c == '(' || c == '[') {
      // A group or class: skip to its end; what it matches is not a literal run.
      end_run();
      int depth = 0;
      for (; i < pattern.size(); ++i) {
        if (pattern[i] == '\\') {
          ++i;
        } else if (pattern[i] == '[' && c == '(') {
          while (i < pattern.size() && pattern[i] != ']') i += pattern[i] == '\\' ? 2 : 1;
        } else if (pattern[i] == c) {
          ++depth;
        } else if (pattern[i] == (c == '(' ? ')' : ']') && --depth == 0) {
          break;
        }
      }
      if (c == '(' && depth != 0) return "";
      continue;
    }
    if (c == '?' || c == '*' || c == '{') {
      // The character before is optional or repeated: it is not part of every match.
      if (!run.empty()) run.pop_back();
      end_run();
      if (c == '{') {
        while (i < pattern.size() && pattern[i] != '}') ++i;
      }
      continue;
    }
    if (c == '+' || c == '.' || c == '^' || c == '$') {
      end_run();
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= pattern.size()) return "";
      char next = pattern[++i];
      if (std::isalnum(static_cast<unsigned char>(next))) {
        end_run();  // \d, \w, \b, ...
      } else {
        run += next;
      }
      continue;
    }
    run += c;
  }
  end_run();
  return best;
}

bool Pattern::search(const std::string& value) const {
  if (!required.empty() && value.find(required) == std::string::npos) return false;
  return std::regex_search(value, *regex);
}

std::optional<PolicyFile> parse_policy(std::string_view text, const std::string& display,
                                       const std::string& origin, core::Diagnostics& problems) {
  return Parser(display, origin, problems).parse(text);
}

}  // namespace bundlectl::validate::policy
