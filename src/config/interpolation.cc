#include "config/interpolation.h"

#include <cctype>

namespace bundlectl::config {

namespace {

// A byte of a multi-byte UTF-8 character counts as a letter: names such as ${var.变量} are
// references for the Databricks CLI too.
bool is_alpha(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalpha(byte) != 0;
}
bool is_alnum(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) != 0;
}

// "$${" and "\${" are escapes for a literal "${".
bool is_escaped(std::string_view text, std::size_t start) {
  return start > 0 && (text[start - 1] == '$' || text[start - 1] == '\\');
}

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
    if (is_escaped(text, start)) {
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

// A long piece of text is shown cut, so that a hostile megabyte stays out of a message.
std::string shown(std::string_view text) {
  constexpr std::size_t k_shown = 60;
  return text.size() <= k_shown ? std::string(text) : std::string(text.substr(0, k_shown)) + "...";
}

// Why `path` is not a reference path, in the Databricks CLI's words: each "."-separated
// segment is a key with optional [N] indexes.
std::string why_invalid(std::string_view path) {
  for (std::string_view rest = path;;) {
    std::size_t dot = rest.find('.');
    std::string_view segment = rest.substr(0, dot);
    if (segment.empty()) return "invalid path";
    std::size_t bracket = segment.find('[');
    std::string_view key = segment.substr(0, bracket);
    std::size_t end = 0;
    if (key.empty()) return "invalid key \"" + shown(segment) + "\"";
    if (!consume_key(key, end) || end != key.size()) return "invalid key \"" + shown(key) + "\"";
    if (bracket != std::string_view::npos) {
      std::string_view indexes = segment.substr(bracket);
      std::size_t i = 0;
      while (i < indexes.size()) {
        std::size_t digits = ++i;
        while (i < indexes.size() && std::isdigit(static_cast<unsigned char>(indexes[i]))) ++i;
        if (indexes[digits - 1] != '[' || i == digits || i >= indexes.size() || indexes[i] != ']') {
          return "invalid index in \"" + shown(segment) + "\"";
        }
        ++i;
      }
    }
    if (dot == std::string_view::npos) return "invalid path";
    rest = rest.substr(dot + 1);
  }
}

namespace {

// One "${" that is not escaped: where it starts, the first "}" after it and the first "${"
// after it (npos when there is none). `inner` before `close` means a reference nested in it.
struct Opening {
  std::size_t start;
  std::size_t close;
  std::size_t inner;
  bool nests() const { return inner < close; }
};

// The first unescaped "${" at or after `from`: the one scanner of find_malformed_reference and
// has_nested_reference, so that both read the same openings.
std::optional<Opening> next_opening(std::string_view text, std::size_t from) {
  for (std::size_t i = text.find("${", from); i != std::string_view::npos;
       i = text.find("${", i + 2)) {
    if (!is_escaped(text, i)) return Opening{i, text.find('}', i + 2), text.find("${", i + 2)};
  }
  return std::nullopt;
}

}  // namespace

std::optional<MalformedReference> find_malformed_reference(std::string_view text) {
  for (std::optional<Opening> o = next_opening(text, 0); o;) {
    if (o->nests()) {  // "${a.${b}}": judge the inner one
      o = next_opening(text, o->inner);
      continue;
    }
    const std::size_t i = o->start;
    if (o->close == std::string_view::npos) {
      return MalformedReference{i, "unterminated variable reference"};
    }
    std::string_view path = text.substr(i + 2, o->close - i - 2);
    if (path.empty()) return MalformedReference{i, "empty variable reference"};
    if (!is_reference_path(path)) {
      return MalformedReference{
          i, "invalid variable reference ${" + shown(path) + "}: " + why_invalid(path)};
    }
    o = next_opening(text, o->close + 1);
  }
  return std::nullopt;
}

bool contains_reference(std::string_view text) {
  if (!may_interpolate(text)) return false;
  for (const Segment& segment : parse_interpolation(text)) {
    if (segment.is_reference) return true;
  }
  return false;
}

bool has_nested_reference(std::string_view text) {
  for (std::optional<Opening> o = next_opening(text, 0); o; o = next_opening(text, o->start + 2)) {
    if (o->nests()) return true;
  }
  return false;
}

}  // namespace bundlectl::config
