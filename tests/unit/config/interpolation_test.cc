// The test vectors that pin the ${...} grammar (see src/config/interpolation.h).
#include "config/interpolation.h"

#include <gtest/gtest.h>

namespace bundlectl::config {
namespace {

// Renders segments as text with references in angle brackets: "a <var.x> b".
std::string render(const std::string& input) {
  std::string out;
  for (const Segment& segment : parse_interpolation(input)) {
    out += segment.is_reference ? "<" + segment.text + ">" : segment.text;
  }
  return out;
}

struct Vector {
  const char* input;
  const char* expected;
};

TEST(InterpolationTest, ParsesTheGrammarVectors) {
  const Vector vectors[] = {
      {"plain", "plain"},
      {"${var.x}", "<var.x>"},
      {"a ${var.x} b ${bundle.target}", "a <var.x> b <bundle.target>"},
      {"${var.some_name-2}", "<var.some_name-2>"},
      {"${resources.jobs.my-job.id}", "<resources.jobs.my-job.id>"},
      {"${var.list[0].name}", "<var.list[0].name>"},
      {"${var.list[12]}", "<var.list[12]>"},
      {"$${var.x}", "${var.x}"},
      {"cost: $$${var.x}", "cost: $${var.x}"},
      {"${ var.x }", "${ var.x }"},
      {"${var.}", "${var.}"},
      {"${1var}", "${1var}"},
      {"${var.x_}", "${var.x_}"},
      {"${var.x", "${var.x"},
      {"{{job.parameters.date}}", "{{job.parameters.date}}"},
      {"${var.a}${var.b}", "<var.a><var.b>"},
  };
  for (const Vector& v : vectors) EXPECT_EQ(render(v.input), v.expected) << v.input;
}

TEST(InterpolationTest, ReferencePathRejectsEmptyIndex) {
  EXPECT_FALSE(is_reference_path("var.x[]"));
  EXPECT_TRUE(is_reference_path("var.x[3]"));
}

}  // namespace
}  // namespace bundlectl::config
