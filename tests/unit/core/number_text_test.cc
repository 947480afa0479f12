// Floats as Go prints them, one expectation per printer and value. The expected texts are
// what Go's fmt.Sprint, strconv.FormatFloat(f, 'f', -1, 64) and encoding/json give for the
// same double: the rules (exponent cut-offs, padding, signs) are read from Go's strconv/ftoa
// and encoding/json, and the digits are the shortest that read back as the double.
#include "bundlectl/core/number_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "bundlectl/core/value.h"

namespace bundlectl::core {
namespace {

struct Expected {
  double number;
  const char* text;   // fmt.Sprint, %v
  const char* fixed;  // strconv 'f', -1
  const char* json;   // encoding/json
};

const double k_two_to_63 = 9223372036854775808.0;

const Expected k_values[] = {
    {0.1, "0.1", "0.1", "0.1"},
    {0.1 + 0.2, "0.30000000000000004", "0.30000000000000004", "0.30000000000000004"},
    {5.9, "5.9", "5.9", "5.9"},
    {1.5, "1.5", "1.5", "1.5"},
    {2.0, "2", "2", "2"},
    {0.0, "0", "0", "0"},
    {-0.0, "-0", "-0", "-0"},
    {-2.5, "-2.5", "-2.5", "-2.5"},
    {100000.0, "100000", "100000", "100000"},
    {999999.0, "999999", "999999", "999999"},
    {1e6, "1e+06", "1000000", "1000000"},
    {123456789.0, "1.23456789e+08", "123456789", "123456789"},
    {1e20, "1e+20", "100000000000000000000", "100000000000000000000"},
    {1e21, "1e+21", "1000000000000000000000", "1e+21"},
    {1.5e300, "1.5e+300", nullptr, "1.5e+300"},
    {0.0001, "0.0001", "0.0001", "0.0001"},
    {0.00001, "1e-05", "0.00001", "0.00001"},
    {1e-6, "1e-06", "0.000001", "0.000001"},
    {1e-7, "1e-07", "0.0000001", "1e-7"},
    {-1.25e-7, "-1.25e-07", "-0.000000125", "-1.25e-7"},
    {1.5e-10, "1.5e-10", "0.00000000015", "1.5e-10"},
    {1e-100, "1e-100", nullptr, "1e-100"},
    // The shortest digits, then zeros, as Go (and JavaScript) write 2^63; not its exact value.
    {k_two_to_63, "9.223372036854776e+18", "9223372036854776000", "9223372036854776000"},
    {std::numeric_limits<double>::max(), "1.7976931348623157e+308", nullptr,
     "1.7976931348623157e+308"},
    {std::numeric_limits<double>::denorm_min(), "5e-324", nullptr, "5e-324"},
};

TEST(GoFloatTextTest, PrintsAsGoFmtSprint) {
  for (const Expected& value : k_values) {
    EXPECT_EQ(go_float_text(value.number), value.text) << value.text;
  }
}

TEST(GoFloatTextTest, FixedFormNeverUsesAnExponent) {
  for (const Expected& value : k_values) {
    if (value.fixed) {
      EXPECT_EQ(go_float_fixed(value.number), value.fixed) << value.text;
    }
  }
  // 1e300 written out in full: a one and three hundred zeros.
  EXPECT_EQ(go_float_fixed(1e300), "1" + std::string(300, '0'));
}

TEST(GoFloatTextTest, JsonUsesEncodingJsonCutOffs) {
  for (const Expected& value : k_values) {
    EXPECT_EQ(go_float_json(value.number), value.json) << value.text;
  }
}

TEST(GoFloatTextTest, NotANumberAndInfinitiesAreGoWords) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (auto print : {&go_float_text, &go_float_fixed, &go_float_json}) {
    EXPECT_EQ(print(nan), "NaN");
    EXPECT_EQ(print(inf), "+Inf");
    EXPECT_EQ(print(-inf), "-Inf");
  }
}

TEST(GoFloatTextTest, EveryPrintedTextReadsBackAsTheSameDouble) {
  for (const Expected& value : k_values) {
    for (auto print : {&go_float_text, &go_float_fixed, &go_float_json}) {
      std::string text = print(value.number);
      EXPECT_EQ(std::strtod(text.c_str(), nullptr), value.number) << text;
      EXPECT_EQ(std::signbit(std::strtod(text.c_str(), nullptr)), std::signbit(value.number));
    }
  }
}

TEST(GoFloatTextTest, ScalarTextOfAFloatIsTheShortestGoForm) {
  EXPECT_EQ(Value::floating(0.1).scalar_text(), "0.1");
  EXPECT_EQ(Value::floating(1e-7).scalar_text(), "1e-07");
  EXPECT_EQ(Value::floating(123456789.0).scalar_text(), "1.23456789e+08");
  EXPECT_EQ(Value::integer(std::numeric_limits<std::int64_t>::max()).scalar_text(),
            "9223372036854775807");
  EXPECT_EQ(Value::integer(std::numeric_limits<std::int64_t>::min()).scalar_text(),
            "-9223372036854775808");
}

}  // namespace
}  // namespace bundlectl::core
