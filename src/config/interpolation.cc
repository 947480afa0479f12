#include "config/interpolation.h"

#include <cctype>

namespace bundlectl::config {

namespace {

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Consumes one key at `i`; false if there is none.
bool consume_key(std::string_view path, std::size_t& i) {
  if (i >= path.size() || !is_alpha(path[i])) return false;
  ++i;
  while (i < path.size()) {
    std::size_t j = i;
    while (j < path.size() && (path[j] == '-' || path[j] == '_')) ++j;
    if (j < path.size() && is_alnum(path[j])) {
      while (j < path.size() && is_alnum(path[j])) ++j;
      i = j;
    } else {
      break;
    }
  }
  return true;
}

}  // namespace

bool is_reference_path(std::string_view path) {
  std::size_t i = 0;
  if (!consume_key(path, i)) return false;
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      if (!consume_key(path, i)) return false;
    } else if (path[i] == '[') {
      std::size_t digits = ++i;
      while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i]))) ++i;
      if (i == digits || i >= path.size() || path[i] != ']') return false;
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

std::vector<Segment> parse_interpolation(std::string_view text) {
  std::vector<Segment> segments;
  auto literal = [&](std::string_view part) {
    if (part.empty()) return;
    if (!segments.empty() && !segments.back().is_reference) {
      segments.back().text += part;
    } else {
      segments.push_back(Segment{false, std::string(part)});
    }
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = text.find("${", i);
    if (start == std::string_view::npos) {
      literal(text.substr(i));
      break;
    }
    if (start > 0 && text[start - 1] == '$') {  // "$${" is the escape for "${"
      literal(text.substr(i, start - 1 - i));
      literal("${");
      i = start + 2;
      continue;
    }
    std::size_t close = text.find('}', start + 2);
    std::string_view path = close == std::string_view::npos
                                ? std::string_view()
                                : text.substr(start + 2, close - start - 2);
    if (close == std::string_view::npos || !is_reference_path(path)) {
      literal(text.substr(i, start + 2 - i));
      i = start + 2;
      continue;
    }
    literal(text.substr(i, start - i));
    segments.push_back(Segment{true, std::string(path)});
    i = close + 1;
  }
  return segments;
}

std::optional<MalformedReference> find_malformed_reference(std::string_view text) {
  // A long reference is shown cut, so that a hostile megabyte stays out of the message.
  auto shown = [](std::string_view reference) {
    constexpr std::size_t k_shown = 60;
    return reference.size() <= k_shown ? std::string(reference)
                                       : std::string(reference.substr(0, k_shown)) + "...";
  };
  for (std::size_t i = text.find("${"); i != std::string_view::npos; i = text.find("${", i)) {
    if (i > 0 && text[i - 1] == '$') {  // "$${" is the escape for a literal "${"
      i += 2;
      continue;
    }
    std::size_t close = text.find('}', i + 2);
    std::size_t inner = text.find("${", i + 2);
    if (inner != std::string_view::npos && inner < close) {  // "${a.${b}}": judge the inner one
      i = inner;
      continue;
    }
    if (close == std::string_view::npos) {
      return MalformedReference{i, "unterminated variable reference " + shown(text.substr(i))};
    }
    std::string_view path = text.substr(i + 2, close - i - 2);
    if (path.empty()) return MalformedReference{i, "empty variable reference ${}"};
    if (!is_reference_path(path)) {
      return MalformedReference{
          i, "invalid variable reference " + shown(text.substr(i, close + 1 - i))};
    }
    i = close + 1;
  }
  return std::nullopt;
}

}  // namespace bundlectl::config
