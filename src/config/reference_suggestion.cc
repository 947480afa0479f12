#include "config/reference_suggestion.h"

#include <algorithm>
#include <string_view>

#include "bundlectl/util/strings.h"

namespace bundlectl::config {

namespace {

using core::Path;
using core::Value;

// The key of `mapping` nearest to `key` within the CLI's reach for a typo: at most half the
// key's length (at least 1, at most 3) edits. The first of equally near keys wins, in the
// mapping's order.
std::string nearest_key(std::string_view key, const Value& mapping) {
  const std::size_t reach = std::min<std::size_t>(3, std::max<std::size_t>(1, key.size() / 2));
  std::size_t best_distance = reach + 1;
  std::string best;
  for (const core::MapEntry& entry : mapping.entries()) {
    const std::size_t distance = util::edit_distance(key, entry.key);
    if (distance < best_distance) {
      best_distance = distance;
      best = entry.key;
    }
  }
  return best;
}

// The tree's `variables.x.value.rest` as the user writes it: `var.x.rest`.
Path written_form(const std::vector<Path::Element>& elements, bool var_shorthand) {
  Path path;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (var_shorthand && i == 0) {
      path = path.key("var");
      continue;
    }
    if (var_shorthand && i == 2) continue;  // "value"
    const Path::Element& e = elements[i];
    path = e.is_index() ? path.index(e.index) : path.key(e.key);
  }
  return path;
}

}  // namespace

std::string suggest_reference(std::vector<Path::Element> elements, std::size_t missing_at,
                              const Value& parent, bool var_shorthand) {
  const Value* node = &parent;
  for (std::size_t i = missing_at; i < elements.size(); ++i) {
    Path::Element& element = elements[i];
    if (element.is_index()) {
      if (!node->is_sequence() || element.index >= node->items().size()) return {};
      node = &node->items()[element.index];
      continue;
    }
    if (!node->is_mapping()) return {};
    const Value* next = node->find(element.key);
    // A variable without a value yet (a lookup) still names a variable: the CLI's typed tree
    // has the field, empty.
    if (!next && var_shorthand && i == 2 && i + 1 == elements.size()) break;
    if (!next) {
      element.key = nearest_key(element.key, *node);
      if (element.key.empty()) return {};
      next = node->find(element.key);
    }
    node = next;
  }
  return written_form(elements, var_shorthand).to_string();
}

std::string missing_reference_message(const std::string& reference, const std::string& suggestion) {
  std::string message = "reference does not exist: ${" + reference + "}";
  if (!suggestion.empty()) message += ". did you mean ${" + suggestion + "}?";
  return message;
}

}  // namespace bundlectl::config
