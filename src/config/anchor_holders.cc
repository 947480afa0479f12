#include "config/anchor_holders.h"

#include <string>
#include <vector>

#include "config/steps.h"

namespace bundlectl::config {
namespace {

// The offset in `text` of 1-based `line` and `column`, or npos when there is no such place.
std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t column) {
  std::size_t at = 0;
  for (std::uint32_t current = 1; current < line; ++current) {
    at = text.find('\n', at);
    if (at == std::string_view::npos) return at;
    ++at;
  }
  return at + column - 1 < text.size() ? at + column - 1 : std::string_view::npos;
}

// Skips spaces, tabs, line breaks and comments from `at`.
std::size_t skip_blank(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    char c = text[at];
    if (c == '#') {
      at = text.find('\n', at);
      if (at == std::string_view::npos) return text.size();
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return at;
    }
    ++at;
  }
  return at;
}

// Whether the value of the key written at `key_at` begins with an anchor: after the key and
// its ':', the node's properties (a tag and/or an anchor, possibly on the next line) come
// first in YAML, so an anchor there belongs to this value.
bool value_is_anchored(std::string_view text, std::size_t key_at, const std::string& key) {
  std::size_t at = key_at;
  if (text[at] == '"' || text[at] == '\'') {
    char quote = text[at];
    for (++at; at < text.size() && text[at] != quote; ++at) {
      if (quote == '"' && text[at] == '\\') ++at;
    }
    ++at;
  } else {
    at += key.size();
  }
  at = text.find_first_not_of(" \t", at);
  if (at == std::string_view::npos || text[at] != ':') return false;
  at = skip_blank(text, at + 1);
  if (at < text.size() && text[at] == '!') {  // a tag before the anchor
    at = skip_blank(text, text.find_first_of(" \t\n", at));
  }
  return at < text.size() && text[at] == '&';
}

}  // namespace

void drop_anchor_holders(core::Value& root, std::string_view text) {
  if (!root.is_mapping()) return;
  std::vector<std::string> holders;
  for (const core::MapEntry& entry : root.entries()) {
    if (is_root_section(entry.key) || !entry.key_location.known()) continue;
    std::size_t at = offset_of(text, entry.key_location.line, entry.key_location.column);
    if (at != std::string_view::npos && value_is_anchored(text, at, entry.key)) {
      holders.push_back(entry.key);
    }
  }
  for (const std::string& key : holders) root.erase(key);
}

}  // namespace bundlectl::config
