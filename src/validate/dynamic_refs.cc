#include "validate/dynamic_refs.h"

#include <cctype>

#include "bundlectl/util/strings.h"

namespace bundlectl::validate {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// Parses the inside of the braces; false when it does not read as a reference.
bool parse_segments(std::string_view inside, std::vector<std::string>& segments) {
  std::size_t i = 0;
  while (true) {
    if (i >= inside.size()) return false;
    char c = inside[i];
    if (c == '`' || c == '[') {
      char close = c == '`' ? '`' : ']';
      std::size_t end = inside.find(close, i + 1);
      if (end == std::string_view::npos || end == i + 1) return false;
      segments.emplace_back(inside.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      std::size_t start = i;
      while (i < inside.size() && is_name_char(inside[i])) ++i;
      if (i == start) return false;
      segments.emplace_back(inside.substr(start, i - start));
    }
    if (i == inside.size()) return true;
    if (inside[i] != '.') return false;
    ++i;
  }
}

// The valid names below a namespace, as a tree. `Any` accepts any path below it, `Name` exactly
// one user-chosen segment, `Time` an optional argument of a time value.
enum class Below { Leaf, Fields, Name, Any, Time };

struct Field {
  const char* name;
  Below below;
  const std::vector<Field>* fields = nullptr;
};

const std::vector<Field> k_time_arguments = {
    {"iso_weekday", Below::Leaf},  {"is_weekday", Below::Leaf},  {"iso_date", Below::Leaf},
    {"iso_datetime", Below::Leaf}, {"year", Below::Leaf},        {"month", Below::Leaf},
    {"day", Below::Leaf},          {"hour", Below::Leaf},        {"minute", Below::Leaf},
    {"second", Below::Leaf},       {"timestamp_ms", Below::Leaf}};
const std::vector<Field> k_file_arrival = {{"location", Below::Leaf}};
const std::vector<Field> k_trigger = {{"type", Below::Leaf},
                                      {"file_arrival", Below::Fields, &k_file_arrival},
                                      {"time", Below::Time},
                                      {"table_update", Below::Any}};
const std::vector<Field> k_job = {
    {"id", Below::Leaf},         {"name", Below::Leaf},
    {"run_id", Below::Leaf},     {"repair_count", Below::Leaf},
    {"start_time", Below::Time}, {"trigger", Below::Fields, &k_trigger},
    {"parameters", Below::Name}};
const std::vector<Field> k_task = {{"name", Below::Leaf},
                                   {"run_id", Below::Leaf},
                                   {"notebook_path", Below::Leaf},
                                   {"execution_count", Below::Leaf}};
const std::vector<Field> k_other_task = {
    {"run_id", Below::Leaf},        {"result_state", Below::Leaf},
    {"error_code", Below::Leaf},    {"execution_count", Below::Leaf},
    {"notebook_path", Below::Leaf}, {"values", Below::Name},
    {"output", Below::Any}};
const std::vector<Field> k_workspace = {{"id", Below::Leaf}, {"url", Below::Leaf}};

// The single-name references of the older task parameter variables.
const std::vector<std::string> k_legacy = {"job_id",     "run_id",           "start_date",
                                           "start_time", "task_retry_count", "parent_run_id",
                                           "task_key"};
const std::vector<std::string> k_namespaces = {"job",   "task",     "tasks",
                                               "input", "backfill", "workspace"};

std::string spelled(const std::vector<std::string>& segments) {
  return "{{" + util::join(segments, ".") + "}}";
}

std::vector<std::string> names_of(const std::vector<Field>& fields) {
  std::vector<std::string> names;
  for (const Field& field : fields) names.emplace_back(field.name);
  return names;
}

// Checks segments[at...] against `fields`; an UnknownField meaning when they do not fit.
RefMeaning check_fields(const std::vector<std::string>& segments, std::size_t at,
                        const std::vector<Field>& fields) {
  RefMeaning unknown{RefKind::UnknownField, ""};
  if (at >= segments.size()) return unknown;
  const Field* match = nullptr;
  for (const Field& field : fields) {
    if (segments[at] == field.name) match = &field;
  }
  if (!match) {
    std::string guess = util::nearest(segments[at], names_of(fields));
    if (!guess.empty()) {
      std::vector<std::string> fixed = segments;
      fixed[at] = guess;
      unknown.suggestion = spelled(fixed);
    }
    return unknown;
  }
  std::size_t rest = segments.size() - at - 1;
  switch (match->below) {
    case Below::Leaf: return rest == 0 ? RefMeaning{} : unknown;
    case Below::Name: return rest == 1 ? RefMeaning{} : unknown;
    case Below::Any: return RefMeaning{};
    case Below::Time:
      return rest == 0 ? RefMeaning{} : check_fields(segments, at + 1, k_time_arguments);
    case Below::Fields: return check_fields(segments, at + 1, *match->fields);
  }
  return unknown;
}

}  // namespace

std::vector<DynamicRef> find_dynamic_refs(std::string_view text) {
  std::vector<DynamicRef> refs;
  std::size_t open = text.find("{{");
  while (open != std::string_view::npos) {
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    // "{{x} {{job.id}}": the reference starts at the last "{{" before the braces that close.
    std::size_t inner = text.rfind("{{", close - 1);
    if (inner != std::string_view::npos && inner > open && inner + 2 <= close) open = inner;
    std::string inside = util::trim(text.substr(open + 2, close - open - 2));
    DynamicRef ref;
    if (parse_segments(inside, ref.segments)) {
      ref.written = "{{" + inside + "}}";
      refs.push_back(std::move(ref));
    }
    open = text.find("{{", close + 2);
  }
  return refs;
}

RefMeaning classify(const DynamicRef& ref) {
  const std::vector<std::string>& s = ref.segments;
  const std::string& head = s[0];
  if (head == "job") {
    RefMeaning meaning = check_fields(s, 1, k_job);
    if (meaning.kind == RefKind::Fine && s.size() > 1 && s[1] == "parameters") {
      meaning.kind = RefKind::JobParameter;
    }
    return meaning;
  }
  if (head == "task") return check_fields(s, 1, k_task);
  if (head == "tasks") {
    if (s.size() < 3) return RefMeaning{RefKind::UnknownField, ""};
    RefMeaning meaning = check_fields(s, 2, k_other_task);
    if (meaning.kind == RefKind::Fine) meaning.kind = RefKind::Task;
    return meaning;
  }
  if (head == "workspace") return check_fields(s, 1, k_workspace);
  if (head == "input") return RefMeaning{RefKind::Input, ""};
  if (head == "backfill") return RefMeaning{};
  if (s.size() == 1) {
    for (const std::string& legacy : k_legacy) {
      if (head == legacy) return RefMeaning{};
    }
  }
  RefMeaning unknown{RefKind::UnknownNamespace, ""};
  std::vector<std::string> candidates = k_namespaces;
  if (s.size() == 1) candidates.insert(candidates.end(), k_legacy.begin(), k_legacy.end());
  std::string guess = util::nearest(head, candidates);
  if (!guess.empty()) {
    std::vector<std::string> fixed = s;
    fixed[0] = guess;
    unknown.suggestion = spelled(fixed);
  }
  return unknown;
}

}  // namespace bundlectl::validate
