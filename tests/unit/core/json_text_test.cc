// The JSON text of `validate -o json`, byte for byte as Go's json.MarshalIndent(v, "", "  ").
#include "bundlectl/core/json_text.h"

#include <gtest/gtest.h>

#include <limits>

#include "bundlectl/core/value_json.h"

namespace bundlectl::core {
namespace {

using Json = nlohmann::json;

TEST(GoJsonTextTest, IndentsByTwoSpacesWithSortedKeys) {
  Json json = Json::parse(R"({"b": [1, {"y": null, "x": true}], "a": {}, "c": [], "d": "s"})");
  EXPECT_EQ(go_json_text(json),
            "{\n"
            "  \"a\": {},\n"
            "  \"b\": [\n"
            "    1,\n"
            "    {\n"
            "      \"x\": true,\n"
            "      \"y\": null\n"
            "    }\n"
            "  ],\n"
            "  \"c\": [],\n"
            "  \"d\": \"s\"\n"
            "}");
}

TEST(GoJsonTextTest, PrintsFloatsAsEncodingJson) {
  Value config = Value::mapping();
  config.set("tenth", Value::floating(0.1));
  config.set("whole", Value::floating(123456789.0));
  config.set("tiny", Value::floating(1e-7));
  config.set("huge", Value::floating(1e21));
  config.set("negative_zero", Value::floating(-0.0));
  config.set("int", Value::integer(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(go_json_text(to_json(config)),
            "{\n"
            "  \"huge\": 1e+21,\n"
            "  \"int\": -9223372036854775808,\n"
            "  \"negative_zero\": -0,\n"
            "  \"tenth\": 0.1,\n"
            "  \"tiny\": 1e-7,\n"
            "  \"whole\": 123456789\n"
            "}");
}

TEST(GoJsonTextTest, NotANumberStaysAWord) {
  Value config = Value::sequence();
  config.items().push_back(Value::floating(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(go_json_text(to_json(config)), "[\n  \"+Inf\"\n]");
}

TEST(GoJsonTextTest, EscapesStringsAsGoDoes) {
  Json json = std::string("a\"b\\c\n\t\b\f\x01 <x> & \xE2\x80\xA8 \xE2\x80\xA9 é 🙂");
  EXPECT_EQ(go_json_text(json),
            R"("a\"b\\c\n\t\b\f\u0001 \u003cx\u003e \u0026 \u2028 \u2029 é 🙂")");
}

TEST(GoJsonTextTest, ReplacesEachInvalidUtf8ByteWithTheReplacementCharacter) {
  // A stray continuation byte, a truncated sequence, an overlong '/', an encoded surrogate.
  Json json = std::string("x\x80y\xE2\x82z\xC0\xAF\xED\xA0\x80");
  EXPECT_EQ(go_json_text(json), R"("x\ufffdy\ufffd\ufffdz\ufffd\ufffd\ufffd\ufffd\ufffd")");
}

}  // namespace
}  // namespace bundlectl::core
