#include "config/scalar_resolution.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "bundlectl/util/base64.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::config {
namespace {

using core::Value;

bool all_of(const std::string& text, std::size_t from, int (*accept)(int)) {
  if (from >= text.size()) return false;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (!accept(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

int is_octal(int c) { return c >= '0' && c <= '7'; }

bool parse_integer(const std::string& text, std::int64_t& out) {
  std::size_t sign = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  int base = 10;
  std::size_t digits = sign;
  if (text.compare(sign, 2, "0x") == 0) {
    base = 16;
    digits += 2;
    if (!all_of(text, digits, isxdigit)) return false;
  } else if (text.compare(sign, 2, "0o") == 0) {
    base = 8;
    digits += 2;
    if (!all_of(text, digits, is_octal)) return false;
  } else {
    if (!all_of(text, digits, isdigit)) return false;
    // "007" is not an integer in the core schema's JSON-like form: keep it a string, as zip
    // codes and octal-looking modes usually are.
    if (text.size() - digits > 1 && text[digits] == '0') return false;
  }
  errno = 0;
  char* end = nullptr;
  long long value = std::strtoll(text.c_str() + digits, &end, base);
  if (errno == ERANGE || *end != '\0') return false;
  out = text[0] == '-' ? -value : value;
  return true;
}

bool parse_float(const std::string& text, double& out) {
  std::string lower = util::to_lower(text);
  std::size_t sign = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  std::string body = lower.substr(sign);
  if (body == ".inf") {
    out = text[0] == '-' ? -std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::infinity();
    return lower == text || text.substr(sign) == ".Inf";
  }
  if (body == ".nan" && sign == 0) {
    out = std::numeric_limits<double>::quiet_NaN();
    return text == ".nan" || text == ".NaN" || text == ".NAN";
  }
  // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  std::size_t i = sign, n = text.size();
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < n && isdigit(static_cast<unsigned char>(text[i]))) ++i, ++int_digits;
  bool has_dot = i < n && text[i] == '.';
  if (has_dot) {
    ++i;
    while (i < n && isdigit(static_cast<unsigned char>(text[i]))) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  bool has_exponent = i < n && (text[i] == 'e' || text[i] == 'E');
  if (has_exponent) {
    ++i;
    if (i < n && (text[i] == '-' || text[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < n && isdigit(static_cast<unsigned char>(text[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (i != n || (!has_dot && !has_exponent)) return false;
  out = std::strtod(text.c_str(), nullptr);
  return true;
}

// !!binary: base64, kept as the text written, since the configuration has no byte strings.
Value resolve_binary(const std::string& text, core::Location location,
                     core::Diagnostics& diagnostics, const core::SourceFiles& files) {
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') compact += c;
  }
  if (!util::base64_decode(compact)) {
    diagnostics.error(
        "cannot read " + util::quoted(text.substr(0, 80)) + " as !!binary: it is not base64",
        {files.describe(location)});
  } else {
    diagnostics.warning(
        "!!binary value is read as its base64 text", {files.describe(location)}, {},
        "The Databricks CLI refuses the tag (\"unknown tag: !!binary\"); a plain string works "
        "with both.");
  }
  return Value::string(compact, location);
}

}  // namespace

Value resolve_plain_scalar(const std::string& text, core::Location location) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return Value::null(location);
  }
  if (text == "true" || text == "True" || text == "TRUE") return Value::boolean(true, location);
  if (text == "false" || text == "False" || text == "FALSE") {
    return Value::boolean(false, location);
  }
  char first = text[0];
  if (isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '+' || first == '.') {
    std::int64_t integer = 0;
    if (parse_integer(text, integer)) return Value::integer(integer, location);
    double number = 0;
    if (parse_float(text, number)) return Value::floating(number, location);
  }
  return Value::string(text, location);
}

Value resolve_scalar(const std::string& text, const std::string& tag, core::Location location,
                     core::Diagnostics& diagnostics, const core::SourceFiles& files) {
  if (tag == "?" || tag.empty()) return resolve_plain_scalar(text, location);
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return Value::string(text, location);
  static const std::string k_core = "tag:yaml.org,2002:";
  if (tag.compare(0, k_core.size(), k_core) == 0) {
    std::string wanted = tag.substr(k_core.size());
    if (wanted == "binary") return resolve_binary(text, location, diagnostics, files);
    Value value = resolve_plain_scalar(text, location);
    bool matches = (wanted == "int" && value.is_int()) || (wanted == "bool" && value.is_bool()) ||
                   (wanted == "null" && value.is_null()) ||
                   (wanted == "float" && (value.is_float() || value.is_int()));
    if (matches) {
      return wanted == "float" && value.is_int()
                 ? Value::floating(static_cast<double>(value.as_int()), location)
                 : value;
    }
    diagnostics.error("cannot read " + util::quoted(text) + " as !!" + wanted,
                      {files.describe(location)});
    return Value::string(text, location);
  }
  diagnostics.warning("unsupported YAML tag " + tag + "; the value is read as a string",
                      {files.describe(location)});
  return Value::string(text, location);
}

}  // namespace bundlectl::config
