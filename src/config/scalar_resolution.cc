#include "config/scalar_resolution.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

#include "bundlectl/util/strings.h"

namespace bundlectl::config {
namespace {

using core::Value;

bool is_digit_in_base(char c, int base) {
  if (base == 16) return std::isxdigit(static_cast<unsigned char>(c)) != 0;
  return c >= '0' && c < static_cast<char>('0' + base);
}

// An integer literal as Go reads one with base 0 (the prefix decides: 0x, 0o, 0b, a leading 0
// for octal, else decimal), underscores allowed between digits when `underscores`. The
// magnitude is returned with the sign apart, so that values up to 2^64-1 can be told apart
// from malformed ones.
struct IntLiteral {
  bool negative = false;
  unsigned long long magnitude = 0;
};

std::optional<IntLiteral> parse_int_literal(std::string_view s, bool underscores) {
  IntLiteral literal;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) literal.negative = s[i++] == '-';
  int base = 10;
  bool after_prefix = false;  // Go allows one underscore right after a base prefix
  if (s.size() - i >= 2 && s[i] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + 1])));
    if (p == 'x' || p == 'o' || p == 'b') {
      base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      i += 2;
      after_prefix = true;
    } else {
      base = 8;  // "0777"
    }
  }
  if (i >= s.size()) return std::nullopt;
  bool last_was_digit = after_prefix;
  std::size_t digits = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '_' && underscores && last_was_digit) {
      last_was_digit = false;
      continue;
    }
    if (!is_digit_in_base(s[i], base)) return std::nullopt;
    int digit = std::isdigit(static_cast<unsigned char>(s[i]))
                    ? s[i] - '0'
                    : std::tolower(static_cast<unsigned char>(s[i])) - 'a' + 10;
    if (literal.magnitude > (std::numeric_limits<unsigned long long>::max() - digit) / base) {
      return std::nullopt;
    }
    literal.magnitude = literal.magnitude * base + digit;
    last_was_digit = true;
    ++digits;
  }
  if (!last_was_digit || digits == 0) return std::nullopt;
  return literal;
}

std::optional<std::int64_t> as_int64(const IntLiteral& literal) {
  constexpr auto k_max = static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max());
  if (literal.negative) {
    if (literal.magnitude > k_max + 1) return std::nullopt;
    return literal.magnitude == k_max + 1 ? std::numeric_limits<std::int64_t>::min()
                                          : -static_cast<std::int64_t>(literal.magnitude);
  }
  if (literal.magnitude > k_max) return std::nullopt;
  return static_cast<std::int64_t>(literal.magnitude);
}

// Go's strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, nothing else.
std::optional<std::int64_t> parse_decimal(std::string_view s) {
  std::size_t sign = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (s.size() == sign) return std::nullopt;
  for (std::size_t i = sign; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  std::string text(s);
  errno = 0;
  long long value = std::strtoll(text.c_str(), nullptr, 10);
  if (errno == ERANGE) return std::nullopt;
  return value;
}

// YAML's float pattern: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool yaml_style_float(std::string_view s) {
  std::size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  auto digits = [&] {
    std::size_t from = i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i - from;
  };
  if (i < n && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < n && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == n;
}

// Go's strconv.ParseFloat(s, 64) for the decimal forms YAML writes, plus its words for
// infinity and NaN; hexadecimal floats are left out.
std::optional<double> parse_go_float(std::string_view s) {
  std::string lower = util::to_lower(std::string(s));
  std::size_t sign = !lower.empty() && (lower[0] == '+' || lower[0] == '-') ? 1 : 0;
  std::string body = lower.substr(sign);
  const double direction = sign && lower[0] == '-' ? -1.0 : 1.0;
  if (body == "inf" || body == "infinity") {
    return direction * std::numeric_limits<double>::infinity();
  }
  if (body == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (!yaml_style_float(s)) return std::nullopt;
  std::string text(s);
  errno = 0;
  double value = std::strtod(text.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(value)) return std::nullopt;
  return value;
}

std::string without_underscores(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '_') out += c;
  }
  return out;
}

// "2006-1-2", "2006-1-2T15:4:5.999Z07:00", "2006-1-2 15:4:5": the dates YAML reads as
// timestamps (a year of four digits, then month and day of one or two).
bool looks_like_timestamp(std::string_view s) {
  std::size_t i = 0;
  auto number = [&](std::size_t min, std::size_t max) {
    std::size_t from = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - from < max) ++i;
    return i - from >= min;
  };
  if (!number(4, 4) || i >= s.size() || s[i++] != '-' || !number(1, 2) || i >= s.size() ||
      s[i++] != '-' || !number(1, 2)) {
    return false;
  }
  if (i == s.size()) return true;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return false;
  ++i;
  return number(1, 2) && i < s.size() && s[i++] == ':' && number(1, 2) && i < s.size() &&
         s[i++] == ':' && number(1, 2);
}

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

// The CLI's reading of `text` as an integer: base 10 once leading zeros are trimmed ("007" is
// 7), else by its prefix (0x1F, 0o17, 0b101, 1_000).
std::optional<std::int64_t> read_int(std::string_view text) {
  std::size_t zeros = text.find_first_not_of('0');
  std::string_view trimmed =
      zeros == std::string_view::npos ? std::string_view{} : text.substr(zeros);
  if (auto value = parse_decimal(trimmed)) return value;
  if (auto literal = parse_int_literal(text, true)) return as_int64(*literal);
  return std::nullopt;
}

std::optional<double> read_float(std::string_view text) {
  if (auto value = parse_go_float(text)) return value;
  std::string lower = util::to_lower(std::string(text));
  std::size_t sign = !lower.empty() && (lower[0] == '+' || lower[0] == '-') ? 1 : 0;
  std::string body = lower.substr(sign);
  if (body == ".inf") {
    return (sign && lower[0] == '-' ? -1.0 : 1.0) * std::numeric_limits<double>::infinity();
  }
  if (body == ".nan") return std::numeric_limits<double>::quiet_NaN();
  return std::nullopt;
}

}  // namespace

std::string short_tag(const std::string& tag) {
  static const std::string k_core = "tag:yaml.org,2002:";
  if (tag.compare(0, k_core.size(), k_core) == 0) return "!!" + tag.substr(k_core.size());
  return tag;
}

std::string plain_scalar_tag(std::string_view text) {
  if (is_one_of(text, {"", "~", "null", "Null", "NULL"})) return "!!null";
  if (is_one_of(text, {"true", "True", "TRUE", "false", "False", "FALSE"})) return "!!bool";
  if (is_one_of(text, {".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
                       "-.inf", "-.Inf", "-.INF"})) {
    return "!!float";
  }
  if (text == "<<") return "!!merge";
  const char first = text[0];
  if (first == '.') return parse_go_float(text) ? "!!float" : "!!str";
  if (!std::isdigit(static_cast<unsigned char>(first)) && first != '+' && first != '-') {
    return "!!str";
  }
  if (looks_like_timestamp(text)) return "!!timestamp";
  const std::string plain = without_underscores(text);
  if (auto literal = parse_int_literal(plain, false);
      literal && (!literal->negative || as_int64(*literal))) {
    return "!!int";
  }
  if (yaml_style_float(plain) && parse_go_float(plain)) return "!!float";
  return "!!str";
}

Value resolve_scalar(const std::string& text, const std::string& tag, core::Location location,
                     core::Diagnostics& diagnostics, const core::SourceFiles& files) {
  const bool plain = tag == "?" || tag.empty();
  const std::string type = plain ? plain_scalar_tag(text) : short_tag(tag);
  auto refuse = [&](const std::string& message) {
    diagnostics.error(message, {files.describe(location)});
    return Value::string(text, location);
  };
  if (type == "!" || type == "!!str" || type == "!!merge") return Value::string(text, location);
  // A date stays its text: the configuration has no time type, and the API takes strings.
  if (type == "!!timestamp") {
    return looks_like_timestamp(text) ? Value::string(text, location)
                                      : refuse("invalid timestamp value: " + text);
  }
  if (type == "!!null") return Value::null(location);
  if (type == "!!bool") {
    std::string lower = util::to_lower(text);
    if (lower == "true" || lower == "false") return Value::boolean(lower == "true", location);
    return refuse("invalid bool value: " + text);
  }
  if (type == "!!int") {
    if (auto value = read_int(text)) return Value::integer(*value, location);
    return refuse("invalid int value: " + text);
  }
  if (type == "!!float") {
    if (auto value = read_float(text)) return Value::floating(*value, location);
    return refuse("invalid float value: " + text);
  }
  return refuse("unknown tag: " + type);
}

}  // namespace bundlectl::config
