#include "bundlectl/core/number_text.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace bundlectl::core {

namespace {

// A finite double as the shortest decimal digits that read back as it:
// |number| = 0.<digits> x 10^point. Zero has no digits.
struct ShortestDigits {
  bool negative = false;
  std::string digits;
  int point = 0;
};

ShortestDigits shortest_digits(double number) {
  char buffer[64];
  // Without a precision, to_chars writes the shortest round-trip form, "-1.2345e+08".
  auto written =
      std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<std::size_t>(written.ptr - buffer));
  ShortestDigits out;
  out.negative = !text.empty() && text.front() == '-';
  if (out.negative) text.remove_prefix(1);
  std::size_t e = text.find('e');
  for (char c : text.substr(0, e)) {
    if (c != '.') out.digits += c;
  }
  std::string_view power = text.substr(e + 1);
  bool negative_power = power.front() == '-';
  int exponent = 0;
  std::from_chars(power.data() + 1, power.data() + power.size(), exponent);
  if (negative_power) exponent = -exponent;
  while (!out.digits.empty() && out.digits.back() == '0') out.digits.pop_back();
  out.point = out.digits.empty() ? 0 : exponent + 1;
  return out;
}

// Go's %e layout of the digits: d.ddde±XX, the exponent at least two digits.
std::string exponent_form(const ShortestDigits& number, bool pad_negative_exponent) {
  std::string out = number.negative ? "-" : "";
  out += number.digits.empty() ? '0' : number.digits[0];
  if (number.digits.size() > 1) out += "." + number.digits.substr(1);
  int exponent = number.digits.empty() ? 0 : number.point - 1;
  out += exponent < 0 ? "e-" : "e+";
  std::string power = std::to_string(std::abs(exponent));
  if (power.size() < 2 && (exponent >= 0 || pad_negative_exponent)) power = "0" + power;
  return out + power;
}

// Go's %f layout of the digits with as many decimals as they need: 1230, 0.00012, -0.
std::string fixed_form(const ShortestDigits& number) {
  std::string out = number.negative ? "-" : "";
  const int count = static_cast<int>(number.digits.size());
  if (number.point > 0) {
    for (int i = 0; i < number.point; ++i) out += i < count ? number.digits[i] : '0';
  } else {
    out += '0';
  }
  if (count > number.point) {
    out += '.';
    for (int i = number.point; i < count; ++i) out += i < 0 ? '0' : number.digits[i];
  }
  return out;
}

std::string not_finite(double number) {
  if (std::isnan(number)) return "NaN";
  return number > 0 ? "+Inf" : "-Inf";
}

}  // namespace

std::string go_float_text(double number) {
  if (!std::isfinite(number)) return not_finite(number);
  ShortestDigits digits = shortest_digits(number);
  const int exponent = digits.point - 1;
  if (!digits.digits.empty() && (exponent < -4 || exponent >= 6)) {
    return exponent_form(digits, true);
  }
  return fixed_form(digits);
}

std::string go_float_fixed(double number) {
  if (!std::isfinite(number)) return not_finite(number);
  return fixed_form(shortest_digits(number));
}

std::string go_float_json(double number) {
  if (!std::isfinite(number)) return not_finite(number);
  const double size = std::abs(number);
  ShortestDigits digits = shortest_digits(number);
  if (size != 0 && (size < 1e-6 || size >= 1e21)) return exponent_form(digits, false);
  return fixed_form(digits);
}

}  // namespace bundlectl::core
