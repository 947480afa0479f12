// Floats as the Databricks CLI prints them. The CLI is written in Go, and a float reaches the
// user through three of Go's printers. All three write the same digits, the fewest that read
// back as the same double (0.1, not 0.10000000000000001); they differ in when they switch to
// an exponent:
//   go_float_text   fmt.Sprint, %v, %g: "${var.f}" inside a string, and messages. Exponent
//                   below 1e-4 and from 1e6 on, padded to two digits: 1e+06, 1.5e-07, 0.0001.
//   go_float_fixed  strconv.FormatFloat(f, 'f', -1, 64): a float put into a string field.
//                   Never an exponent: 1e21 is 1000000000000000000000.
//   go_float_json   encoding/json: `validate -o json`. Exponent below 1e-6 and from 1e21 on,
//                   negative exponents unpadded: 1e-7, 1e+21, 123456789, -0.
// NaN and the infinities are NaN, +Inf and -Inf in all three (JSON has no way to write them).
#pragma once

#include <string>

namespace bundlectl::core {

std::string go_float_text(double number);
std::string go_float_fixed(double number);
std::string go_float_json(double number);

}  // namespace bundlectl::core
