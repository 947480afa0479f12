// Judging policy rules against the resolved bundle. One walk per rule over its subjects;
// each test follows a few mapping keys, so the whole policy costs little even on a bundle
// of thousands of tasks.
#include <algorithm>

#include "bundlectl/util/strings.h"
#include "validate/finding.h"
#include "validate/policy.h"

namespace bundlectl::validate::policy {

using core::Path;
using core::Value;

namespace {

struct Subject_ {
  const Value& value;
  const Path& path;
};

// Where a field lookup ended: the value, or the deepest written node on the way to it.
// Paths are built only for findings, so that judging a large bundle allocates little.
struct Reached {
  const Value* value = nullptr;    // the field; nullptr when absent
  const Value* located = nullptr;  // the deepest node on the way that has a file location
};

Reached reach(const Field& field, const Subject_& subject, const config::Bundle& bundle) {
  Reached reached;
  const Value* node = field.from_root ? &bundle.config : &subject.value;
  if (node->location().known()) reached.located = node;
  for (const Path::Element& element : field.path.elements()) {
    if (element.is_index()) {
      node = node->is_sequence() && element.index < node->items().size()
                 ? &node->items()[element.index]
                 : nullptr;
    } else {
      node = node->find(element.key);
    }
    if (!node) return reached;
    if (node->location().known()) reached.located = node;
  }
  reached.value = node;
  return reached;
}

// The field's full path in the bundle.
Path path_of(const Field& field, const Subject_& subject) {
  Path path = field.from_root ? Path() : subject.path;
  for (const Path::Element& element : field.path.elements()) {
    path = element.is_index() ? path.index(element.index) : path.key(element.key);
  }
  return path;
}

bool is_set(const Value* value) {
  if (!value || value->is_null()) return false;
  if (value->is_string()) return !value->as_string().empty();
  if (value->is_sequence() || value->is_mapping()) return value->size() > 0;
  return true;
}

bool unresolved(const Value& value) {
  return value.is_string() && value.as_string().find("${") != std::string::npos;
}

bool is_number(const Value& value) { return value.is_int() || value.is_float(); }
double number_of(const Value& value) {
  return value.is_int() ? static_cast<double>(value.as_int()) : value.as_float();
}

bool same(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) return number_of(a) == number_of(b);
  if (a.is_scalar() && b.is_scalar())
    return a.kind() == b.kind() && a.scalar_text() == b.scalar_text();
  return a == b;
}

std::string show(const Value& value) {
  if (value.is_string()) return util::quoted(value.as_string());
  if (value.is_scalar()) return value.is_null() ? "null" : value.scalar_text();
  return value.is_mapping() ? "a mapping" : "a list";
}

// A bound in full, as the policy wrote it (1234567.5, not the stream's 1.23457e+06).
std::string show_number(double number) { return core::go_float_fixed(number); }

std::string shown(const std::vector<Value>& values) {
  std::vector<std::string> parts;
  for (const Value& value : values) parts.push_back(show(value));
  return util::join(parts, ", ");
}

// Why the value fails the comparison, or "" when it passes. `value` is nullptr when absent.
std::string compare(const Comparison& c, const Value* value) {
  if (value && unresolved(*value)) return "";
  if (c.one_of && !(value && std::any_of(c.one_of->begin(), c.one_of->end(),
                                         [&](const Value& v) { return same(v, *value); }))) {
    return c.one_of->size() == 1 ? "it should be " + show(c.one_of->front())
                                 : "it should be one of " + shown(*c.one_of);
  }
  if (value) {
    for (const Value& forbidden : c.none_of) {
      if (same(forbidden, *value)) return "it should not be " + show(forbidden);
    }
  }
  std::string text = value && value->is_scalar() ? value->scalar_text() : "";
  if (c.matches && !(value && value->is_scalar() && c.matches->search(text)))
    return "it should match " + c.matches->text;
  if (c.not_matches && value && value->is_scalar() && c.not_matches->search(text))
    return "it should not match " + c.not_matches->text;
  if (c.min && !(value && is_number(*value) && number_of(*value) >= *c.min))
    return "it should be at least " + show_number(*c.min);
  if (c.max && !(value && is_number(*value) && number_of(*value) <= *c.max))
    return "it should be at most " + show_number(*c.max);
  return "";
}

bool holds(const Test& test, const Subject_& subject, const config::Bundle& bundle) {
  switch (test.kind) {
    case TestKind::Present:
      return std::all_of(test.fields.begin(), test.fields.end(),
                         [&](const Field& f) { return is_set(reach(f, subject, bundle).value); });
    case TestKind::Absent:
      return std::none_of(test.fields.begin(), test.fields.end(),
                          [&](const Field& f) { return is_set(reach(f, subject, bundle).value); });
    case TestKind::AnyPresent:
      return std::any_of(test.fields.begin(), test.fields.end(),
                         [&](const Field& f) { return is_set(reach(f, subject, bundle).value); });
    case TestKind::Compare:
      return compare(test.comparison, reach(test.fields.front(), subject, bundle).value).empty();
  }
  return true;
}

class Judge {
 public:
  Judge(const Rule& rule, const config::Bundle& bundle, core::Diagnostics& diagnostics)
      : m_rule(rule), m_bundle(bundle), m_diagnostics(diagnostics) {}

  void operator()(const Value& value, const Path& path) const {
    Subject_ subject{value, path};
    for (const Test& condition : m_rule.conditions) {
      if (!holds(condition, subject, m_bundle)) return;
    }
    const Test& test = m_rule.assertion;
    switch (test.kind) {
      case TestKind::Present:
        for (const Field& field : test.fields) {
          Reached reached = reach(field, subject, m_bundle);
          if (!is_set(reached.value))
            report(reached, path_of(field, subject),
                   field.text + (reached.value ? " is empty" : " is not set"));
        }
        break;
      case TestKind::Absent:
        for (const Field& field : test.fields) {
          Reached reached = reach(field, subject, m_bundle);
          if (is_set(reached.value))
            report(reached, path_of(field, subject), field.text + " is set");
        }
        break;
      case TestKind::AnyPresent:
        if (!holds(test, subject, m_bundle)) {
          std::vector<std::string> names;
          for (const Field& field : test.fields) names.push_back(field.text);
          Reached reached;
          reached.value = &value;
          reached.located = &value;
          report(reached, path, "none of these is set: " + util::join(names, ", "));
        }
        break;
      case TestKind::Compare: {
        const Field& field = test.fields.front();
        Reached reached = reach(field, subject, m_bundle);
        std::string why = compare(test.comparison, reached.value);
        if (!why.empty()) {
          std::string found = reached.value ? field.text + " is " + show(*reached.value)
                                            : field.text + " is not set";
          report(reached, path_of(field, subject), found + "; " + why);
        }
        break;
      }
    }
  }

 private:
  // Points at the value, or where it would be written when it is absent or a default.
  void report(const Reached& reached, const Path& path, const std::string& why) const {
    std::string detail = why + ".";
    if (!m_rule.hint.empty()) detail += "\n" + m_rule.hint;
    detail += "\nRule " + m_rule.id + " of " + m_rule.origin + ".";
    const Value* at =
        reached.value && reached.value->location().known() ? reached.value : reached.located;
    const Value& point = at ? *at : m_bundle.config;
    core::Diagnostic diagnostic = finding(m_rule.severity, "policy." + m_rule.id, m_rule.message,
                                          m_bundle, point, path, std::move(detail));
    m_diagnostics.add(std::move(diagnostic));
  }

  const Rule& m_rule;
  const config::Bundle& m_bundle;
  core::Diagnostics& m_diagnostics;
};

template <typename Visit>
void for_each_subject(const Subject& subject, const config::Bundle& bundle, const Visit& visit) {
  switch (subject.kind) {
    case SubjectKind::Bundle: visit(bundle.config, Path()); return;
    case SubjectKind::Resources:
      for_each_resource(bundle, subject.resource_type,
                        [&](const std::string&, const Value& resource, const Path& path) {
                          visit(resource, path);
                        });
      return;
    case SubjectKind::Tasks:
      for_each_resource(bundle, "jobs",
                        [&](const std::string&, const Value& job, const Path& path) {
                          for_each_task(job, path, visit);
                        });
      return;
    case SubjectKind::Schedules:
      for_each_resource(bundle, "jobs",
                        [&](const std::string&, const Value& job, const Path& path) {
                          for (const char* trigger : {"schedule", "trigger", "continuous"}) {
                            const Value* settings = job.find(trigger);
                            if (settings && settings->is_mapping())
                              visit(*settings, path.key(trigger));
                          }
                        });
      return;
  }
}

}  // namespace

void evaluate(const std::vector<Rule>& rules, const config::Bundle& bundle,
              core::Diagnostics& diagnostics) {
  for (const Rule& rule : rules) {
    Judge judge(rule, bundle, diagnostics);
    for_each_subject(rule.subject, bundle, judge);
  }
}

}  // namespace bundlectl::validate::policy
