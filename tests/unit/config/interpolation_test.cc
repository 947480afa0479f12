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
      {"literal \\${not_a_ref}", "literal ${not_a_ref}"},
      {"${var.变量}", "<var.变量>"},
      {"${var.foo_${var.tail}}", "${var.foo_<var.tail>}"},
  };
  for (const Vector& v : vectors) EXPECT_EQ(render(v.input), v.expected) << v.input;
}

TEST(InterpolationTest, ReferencePathRejectsEmptyIndex) {
  EXPECT_FALSE(is_reference_path("var.x[]"));
  EXPECT_TRUE(is_reference_path("var.x[3]"));
}

// What find_malformed_reference says of a text, or "" when every "${" is well formed or escaped.
std::string malformed(const std::string& input) {
  auto found = find_malformed_reference(input);
  return found ? std::to_string(found->offset) + " " + found->message : "";
}

TEST(InterpolationTest, MalformedReferencesAreFoundWithTheirOffset) {
  const Vector vectors[] = {
      {"plain", ""},
      {"${var.x} and ${bundle.name}", ""},
      {"$${var.", ""},
      {"${a.${var.x}}", ""},
      {"${var.a_${var.b}} ${}", "18 empty variable reference"},
      {"a ${}", "2 empty variable reference"},
      {"${var.}", "0 invalid variable reference ${var.}: invalid path"},
      {"${var..x}", "0 invalid variable reference ${var..x}: invalid path"},
      {"${0foo}", "0 invalid variable reference ${0foo}: invalid key \"0foo\""},
      {"${foo.bar-}", "0 invalid variable reference ${foo.bar-}: invalid key \"bar-\""},
      {"${a[x]}", "0 invalid variable reference ${a[x]}: invalid index in \"a[x]\""},
      {"${ var.x }", "0 invalid variable reference ${ var.x }: invalid key \" var\""},
      {"ok ${var.x} then ${var.a", "17 unterminated variable reference"},
      {"{{job.id}} ${{ github.sha }}",
       "11 invalid variable reference ${{ github.sha }: invalid key \"{ github\""},
      {"\\${not_a_ref}", ""},
      {"${var.变量}", ""},
  };
  for (const Vector& v : vectors) EXPECT_EQ(malformed(v.input), v.expected) << v.input;
}

TEST(InterpolationTest, LongMalformedReferenceIsShownCut) {
  const std::string key(1000, '!');
  EXPECT_EQ(malformed("${" + key + "}"), "0 invalid variable reference ${" + std::string(60, '!') +
                                             "...}: invalid key \"" + std::string(60, '!') +
                                             "...\"");
}

TEST(InterpolationTest, ContainsReferenceCountsOnlyWellFormedUnescapedOnes) {
  EXPECT_TRUE(contains_reference("trees are ${var.color}"));
  EXPECT_TRUE(contains_reference("$${x} and ${bundle.target}"));
  for (const char* text :
       {"plain", "${}", "${0foo}", "${foo.bar-}", "${foo.bar", "$${var.a}", "\\${var.a}"}) {
    EXPECT_FALSE(contains_reference(text)) << text;
  }
}

TEST(InterpolationTest, NestedReferencesAreFound) {
  EXPECT_TRUE(has_nested_reference("${var.foo_${var.tail}}"));
  EXPECT_TRUE(has_nested_reference("x ${var.a_${var.b_${var.c}}} y"));
  EXPECT_FALSE(has_nested_reference("${var.a} ${var.b}"));
  EXPECT_FALSE(has_nested_reference("$${var.a_${var.b}}"));
  EXPECT_TRUE(has_nested_reference("$${x} ${var.a_${var.b}}"));
  EXPECT_FALSE(has_nested_reference("${var.a} $${var.b"));
}

}  // namespace
}  // namespace bundlectl::config
