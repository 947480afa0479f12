#include "deploy/plan_diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace bundlectl::deploy {

namespace {

using Json = nlohmann::json;

bool is_plain_name(const std::string& key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-';
    if (!plain) return false;
  }
  return true;
}

// "a.b" for plain keys; "a['spark.sql.shuffle.partitions']" for keys a dot would split.
std::string field_path(const std::string& parent, const std::string& key) {
  if (!is_plain_name(key)) return parent + "['" + key + "']";
  return parent.empty() ? key : parent + "." + key;
}

// The value of `field` in an array element, as text, when it can name the element.
bool key_text(const Json& element, const char* field, std::string& text) {
  if (!element.is_object()) return false;
  auto found = element.find(field);
  if (found == element.end() || !found->is_primitive() || found->is_null()) return false;
  text = found->is_string() ? found->get<std::string>() : found->dump();
  return true;
}

bool names_every_element_once(const Json& array, const char* field) {
  std::set<std::string> seen;
  for (const Json& element : array) {
    std::string text;
    if (!key_text(element, field, text) || !seen.insert(text).second) return false;
  }
  return true;
}

// The natural key that names every element of both arrays uniquely; nullptr when none does.
const char* natural_key(const Json& before, const Json& after) {
  if (before.empty() && after.empty()) return nullptr;
  for (const char* field : k_natural_keys) {
    if (names_every_element_once(before, field) && names_every_element_once(after, field)) {
      return field;
    }
  }
  return nullptr;
}

bool all_structured(const Json& array) {
  for (const Json& element : array) {
    if (!element.is_structured()) return false;
  }
  return true;
}

void diff_values(const Json& before, const Json& after, const std::string& path,
                 std::vector<FieldChange>& out);

void diff_objects(const Json& before, const Json& after, const std::string& path,
                  std::vector<FieldChange>& out) {
  for (const auto& [key, value] : after.items()) {
    auto old = before.find(key);
    if (old == before.end()) {
      out.push_back({field_path(path, key), nullptr, value});
    } else {
      diff_values(*old, value, field_path(path, key), out);
    }
  }
  for (const auto& [key, value] : before.items()) {
    if (!after.contains(key)) out.push_back({field_path(path, key), value, nullptr});
  }
}

// Each element of `array` by the text of its `field` (every element has one: natural_key).
std::map<std::string, const Json*> index_by(const Json& array, const char* field) {
  std::map<std::string, const Json*> index;
  for (const Json& element : array) {
    std::string name;
    key_text(element, field, name);
    index.emplace(name, &element);
  }
  return index;
}

// Elements named by `field`: changed and added ones in the order of `after`, then removed.
void diff_keyed(const Json& before, const Json& after, const std::string& path, const char* field,
                std::vector<FieldChange>& out) {
  auto element_path = [&](const std::string& name) {
    return path + "[" + field + "='" + name + "']";
  };
  const std::map<std::string, const Json*> old_elements = index_by(before, field);
  const std::map<std::string, const Json*> new_elements = index_by(after, field);
  for (const Json& element : after) {
    std::string name;
    key_text(element, field, name);
    auto old = old_elements.find(name);
    if (old == old_elements.end()) {
      out.push_back({element_path(name), nullptr, element});
    } else {
      diff_values(*old->second, element, element_path(name), out);
    }
  }
  for (const Json& element : before) {
    std::string name;
    key_text(element, field, name);
    if (new_elements.count(name) == 0) out.push_back({element_path(name), element, nullptr});
  }
}

void diff_positional(const Json& before, const Json& after, const std::string& path,
                     std::vector<FieldChange>& out) {
  const std::size_t common = std::min(before.size(), after.size());
  for (std::size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
    std::string element_path = path + "[" + std::to_string(i) + "]";
    if (i < common) {
      diff_values(before[i], after[i], element_path, out);
    } else if (i < after.size()) {
      out.push_back({element_path, nullptr, after[i]});
    } else {
      out.push_back({element_path, before[i], nullptr});
    }
  }
}

void diff_arrays(const Json& before, const Json& after, const std::string& path,
                 std::vector<FieldChange>& out) {
  if (const char* field = natural_key(before, after)) {
    diff_keyed(before, after, path, field, out);
  } else if (all_structured(before) && all_structured(after)) {
    diff_positional(before, after, path, out);
  } else {
    out.push_back({path, before, after});  // a list of values reads best whole
  }
}

void diff_values(const Json& before, const Json& after, const std::string& path,
                 std::vector<FieldChange>& out) {
  if (before == after) return;
  if (before.is_object() && after.is_object()) {
    diff_objects(before, after, path, out);
  } else if (before.is_array() && after.is_array()) {
    diff_arrays(before, after, path, out);
  } else {
    out.push_back({path, before, after});
  }
}

}  // namespace

std::vector<FieldChange> diff_specs(const Json& before, const Json& after) {
  std::vector<FieldChange> out;
  const Json empty = Json::object();
  diff_values(before.is_object() ? before : empty, after.is_object() ? after : empty, "", out);
  return out;
}

}  // namespace bundlectl::deploy
