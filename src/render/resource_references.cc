#include "render/resource_references.h"

#include <algorithm>
#include <string_view>

namespace bundlectl::render {

namespace {

constexpr std::string_view k_reference_start = "${resources.";

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// The name that starts at `from`, or "" when none does; `from` moves past it.
std::string_view take_name(std::string_view text, std::size_t& from) {
  std::size_t end = from;
  while (end < text.size() && is_name_character(text[end])) ++end;
  std::string_view name = text.substr(from, end - from);
  from = end;
  return name;
}

// Every "type.key" a string refers to. A reference needs a type, a key and then either a
// field or the closing brace; anything else is not a reference to a resource.
void scan_string(std::string_view text, std::vector<std::string>& found) {
  std::size_t at = text.find(k_reference_start);
  while (at != std::string_view::npos) {
    std::size_t next = at + k_reference_start.size();
    std::string_view type = take_name(text, next);
    if (!type.empty() && next < text.size() && text[next] == '.') {
      ++next;
      std::string_view key = take_name(text, next);
      if (!key.empty() && next < text.size() && (text[next] == '.' || text[next] == '}')) {
        found.push_back(std::string(type) + "." + std::string(key));
      }
    }
    at = text.find(k_reference_start, at + 1);
  }
}

void scan(const nlohmann::json& node, std::vector<std::string>& found) {
  if (node.is_string()) {
    scan_string(node.get_ref<const std::string&>(), found);
  } else if (node.is_structured()) {
    for (const auto& child : node) scan(child, found);
  }
}

}  // namespace

std::vector<std::string> referenced_resources(const nlohmann::json& spec, const std::string& self) {
  std::vector<std::string> found;
  scan(spec, found);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  found.erase(std::remove(found.begin(), found.end(), self), found.end());
  return found;
}

}  // namespace bundlectl::render
