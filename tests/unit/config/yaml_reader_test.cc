#include "config/yaml_reader.h"

#include <gtest/gtest.h>

namespace bundlectl::config {
namespace {

using core::Value;

struct Parsed {
  YamlDocument document;
  core::Diagnostics diagnostics;
  core::SourceFiles files;
};

Parsed parse(const std::string& text, YamlLimits limits = {}) {
  Parsed parsed;
  std::uint32_t file = parsed.files.add("databricks.yml");
  parsed.document = read_yaml(text, file, parsed.files, parsed.diagnostics, limits);
  return parsed;
}

std::string only_message(const Parsed& parsed) {
  if (parsed.diagnostics.size() != 1) return "expected one diagnostic";
  const core::Diagnostic& d = parsed.diagnostics.items()[0];
  std::string where;
  for (const auto& l : d.locations) {
    where += " " + l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
  }
  return std::string(core::severity_name(d.severity)) + ":" + where + ": " + d.summary;
}

TEST(YamlReaderTest, KeepsLineAndColumnOfEveryNode) {
  Parsed p = parse("bundle:\n  name: demo\nlist:\n  - a\n  - {b: 1}\n");
  ASSERT_TRUE(p.document.ok);
  const Value* name = p.document.root.at({"bundle", "name"});
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->location(), (core::Location{1, 2, 9}));
  const Value& b = p.document.root.find("list")->items()[1];
  EXPECT_EQ(b.location(), (core::Location{1, 5, 5}));
  EXPECT_EQ(b.find("b")->location(), (core::Location{1, 5, 9}));
}

// Plain scalars get their type as the Databricks CLI reads them: YAML's resolver picks the
// type from the text, then the CLI reads the text again in that type.
TEST(YamlReaderTest, ResolvesPlainScalarsAsTheDatabricksCliReadsThem) {
  Parsed p = parse(
      "a: true\nb: 'true'\nc: 42\nd: 0x1F\ne: 1.5e3\nf: ~\ng: yes\nh: 007\ni: .inf\nj: 1_000\n"
      "k: 08\nl: 0o17\nm: -0b101\nn: 2024-01-31\no: .5\np: +7\nq: 1.\nr: 12:30\ns: NULL\n"
      "t: 9223372036854775807\nu: -9223372036854775808\n");
  ASSERT_TRUE(p.document.ok) << only_message(p);
  const Value& r = p.document.root;
  EXPECT_TRUE(r.find("a")->is_bool());
  EXPECT_EQ(*r.find("b"), Value::string("true"));
  EXPECT_EQ(*r.find("c"), Value::integer(42));
  EXPECT_EQ(*r.find("d"), Value::integer(31));
  EXPECT_EQ(*r.find("e"), Value::floating(1500));
  EXPECT_TRUE(r.find("f")->is_null());
  EXPECT_EQ(*r.find("g"), Value::string("yes"));
  EXPECT_EQ(*r.find("h"), Value::integer(7));  // base 10 once leading zeros are trimmed
  EXPECT_TRUE(r.find("i")->is_float());
  EXPECT_EQ(*r.find("j"), Value::integer(1000));
  EXPECT_EQ(*r.find("k"), Value::floating(8));  // not octal, so YAML's float pattern takes it
  EXPECT_EQ(*r.find("l"), Value::integer(15));
  EXPECT_EQ(*r.find("m"), Value::integer(-5));
  EXPECT_EQ(*r.find("n"), Value::string("2024-01-31"));
  EXPECT_EQ(*r.find("o"), Value::floating(0.5));
  EXPECT_EQ(*r.find("p"), Value::integer(7));
  EXPECT_EQ(*r.find("q"), Value::floating(1));
  EXPECT_EQ(*r.find("r"), Value::string("12:30"));
  EXPECT_TRUE(r.find("s")->is_null());
  EXPECT_EQ(*r.find("t"), Value::integer(INT64_MAX));
  EXPECT_EQ(*r.find("u"), Value::integer(INT64_MIN));
}

// What YAML types as a number but the CLI cannot read as one is an error there, and here.
TEST(YamlReaderTest, NumbersTheCliCannotReadAreLocatedErrors) {
  EXPECT_EQ(only_message(parse("a: 18446744073709551615\n")),
            "error: databricks.yml:1:4: invalid int value: 18446744073709551615");
  EXPECT_EQ(only_message(parse("a: 1_000.5\n")),
            "error: databricks.yml:1:4: invalid float value: 1_000.5");
  EXPECT_EQ(only_message(parse("a: !!int x\n")), "error: databricks.yml:1:4: invalid int value: x");
  EXPECT_EQ(only_message(parse("a: !!bool yes\n")),
            "error: databricks.yml:1:4: invalid bool value: yes");
  EXPECT_EQ(only_message(parse("a: !!timestamp soon\n")),
            "error: databricks.yml:1:4: invalid timestamp value: soon");
}

TEST(YamlReaderTest, ExplicitTagsChooseTheType) {
  Parsed p = parse("a: !!str 42\nb: !!float 5\nc: !!null x\nd: !!bool TRUE\ne: !!int 0x10\n");
  ASSERT_TRUE(p.document.ok) << only_message(p);
  const Value& r = p.document.root;
  EXPECT_EQ(*r.find("a"), Value::string("42"));
  EXPECT_EQ(*r.find("b"), Value::floating(5));
  EXPECT_TRUE(r.find("c")->is_null());
  EXPECT_EQ(*r.find("d"), Value::boolean(true));
  EXPECT_EQ(*r.find("e"), Value::integer(16));
}

TEST(YamlReaderTest, TagsTheCliDoesNotKnowAreErrors) {
  EXPECT_EQ(only_message(parse("a: !!binary aGVsbG8=\n")),
            "error: databricks.yml:1:4: unknown tag: !!binary");
  EXPECT_EQ(only_message(parse("a: !Ref other\n")), "error: databricks.yml:1:4: unknown tag: !Ref");
}

// Keys are strings: one YAML reads as a number, boolean or date is refused; "null" stays text.
TEST(YamlReaderTest, KeysThatAreNotStringsAreErrors) {
  EXPECT_EQ(only_message(parse("tags:\n  1: a\n")),
            "error: databricks.yml:2:3: invalid key tag: !!int");
  EXPECT_EQ(only_message(parse("true: a\n")), "error: databricks.yml:1:1: invalid key tag: !!bool");
  EXPECT_EQ(only_message(parse("2024-01-01: a\n")),
            "error: databricks.yml:1:1: invalid key tag: !!timestamp");
  Parsed p = parse("null: a\n'1': b\n~: c\n");
  ASSERT_TRUE(p.document.ok) << only_message(p);
  EXPECT_EQ(p.document.root.find("null")->as_string(), "a");
  EXPECT_EQ(p.document.root.find("1")->as_string(), "b");
  EXPECT_EQ(p.document.root.find("~")->as_string(), "c");
}

// The merge key takes an alias or a list; a mapping written in place is refused, as in the CLI.
TEST(YamlReaderTest, MergeKeyTakesAnAliasOrAList) {
  EXPECT_EQ(only_message(parse("a:\n  <<: {x: 1}\n")),
            "error: databricks.yml:2:7: map merge requires map or sequence of maps as the value");
  EXPECT_EQ(only_message(parse("s: &s 1\na:\n  <<: [*s]\n")),
            "error: databricks.yml:3:7: map merge requires map or sequence of maps as the value");
  Parsed p = parse("d: &d {x: 1}\na:\n  <<: [*d, {y: 2}]\n  '<<': 3\n");
  ASSERT_TRUE(p.document.ok) << only_message(p);
  const Value& a = *p.document.root.find("a");
  EXPECT_EQ(a.find("x")->as_int(), 1);
  EXPECT_EQ(a.find("y")->as_int(), 2);
  EXPECT_EQ(a.find("<<")->as_int(), 3);  // a quoted "<<" is an ordinary key
}

TEST(YamlReaderTest, DuplicateKeyIsAWarningNamingBothLinesAndTheLaterValueWins) {
  Parsed p = parse("a: 1\nb: 2\na: 3\n");
  EXPECT_EQ(only_message(p), "warning: databricks.yml:3:1 databricks.yml:1:1: duplicate key \"a\"");
  EXPECT_EQ(*p.document.root.find("a"), Value::integer(3));
}

TEST(YamlReaderTest, AnUnclosedBracketIsNamedAtTheBracket) {
  Parsed p = parse("a: [1, 2\nb: 3\n");
  EXPECT_FALSE(p.document.ok);
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:1:4: invalid YAML: did not find expected ',' or ']'");
}

TEST(YamlReaderTest, TabIndentationIsNamedAsSuch) {
  Parsed p = parse("a:\n\tb: 1\n");
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:2:1: tab characters are not allowed for indentation");
}

TEST(YamlReaderTest, InvalidUtf8IsReportedAtItsByte) {
  Parsed p = parse("a: ok\nb: caf\xE9\n");
  EXPECT_EQ(only_message(p), "error: databricks.yml:2:7: file is not valid UTF-8 (byte 0xE9)");
}

TEST(YamlReaderTest, EmptyFileIsEmptyNotAnError) {
  Parsed p = parse("# only a comment\n");
  EXPECT_TRUE(p.document.ok);
  EXPECT_TRUE(p.document.empty);
  EXPECT_TRUE(p.diagnostics.empty());
}

TEST(YamlReaderTest, DeepFlowNestingIsRefusedAtTheCollectionPastTheLimit) {
  Parsed p = parse("a: " + std::string(100000, '[') + "\n");
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:1:203: collections are nested more than 200 levels deep");
}

TEST(YamlReaderTest, DeepBlockNestingIsRefused) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += std::string(i, ' ') + "k:\n";
  Parsed p = parse(text);
  EXPECT_FALSE(p.document.ok);
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:201:201: collections are nested more than 200 levels deep");
}

TEST(YamlReaderTest, AliasBombStopsAtTheNodeBudget) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'k'; ++name) {
    text += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + previous;
    text += "]\n";
    previous = name;
  }
  YamlLimits limits;
  limits.max_alias_nodes = 100000;
  Parsed p = parse(text, limits);
  EXPECT_FALSE(p.document.ok);
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics.items()[0].summary,
            "aliases expand to more than 100000 nodes (are aliases nested inside each other?)");
}

TEST(YamlReaderTest, MergeKeyAddsMissingEntries) {
  Parsed p = parse("base: &base {a: 1, b: 2}\nx:\n  <<: *base\n  b: 3\n");
  const Value* x = p.document.root.find("x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(*x->find("a"), Value::integer(1));
  EXPECT_EQ(*x->find("b"), Value::integer(3));
}

TEST(YamlReaderTest, TwoDocumentsAreAnError) {
  Parsed p = parse("a: 1\n---\nb: 2\n");
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:1:1: file holds more than one YAML document; a bundle file "
            "holds one");
}

TEST(YamlReaderTest, EightyThousandKeysKeepTheirOrderAndTheDuplicateWarning) {
  // Finding each key by a linear search made this quadratic (about 17 s); bench/ has the figure.
  std::string text;
  for (int i = 0; i < 80000; ++i) text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  text += "k123: again\n";
  Parsed p = parse(text);
  ASSERT_TRUE(p.document.ok);
  const Value& root = p.document.root;
  ASSERT_EQ(root.size(), 80000u);
  EXPECT_EQ(root.entries()[79999].key, "k79999");
  EXPECT_EQ(*root.find("k123"), Value::string("again"));
  EXPECT_EQ(only_message(p),
            "warning: databricks.yml:80001:1 databricks.yml:124:1: duplicate key \"k123\"");
}

TEST(YamlReaderTest, NulByteInTheFileIsALocatedError) {
  Parsed p = parse(std::string("a: ok\nb: x\0y\n", 13));
  EXPECT_FALSE(p.document.ok);
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:2:5: file contains a NUL byte, which YAML does not allow");
}

// YAML (and the Databricks CLI's reader) refuses control characters, also as the UTF-8 of a
// C1 control; the error names where. Tab, line feed and carriage return are fine.
TEST(YamlReaderTest, ControlCharactersAreLocatedErrors) {
  EXPECT_EQ(only_message(parse("a: ok\nb: \"x\x01y\"\n")),
            "error: databricks.yml:2:6: file contains the control character U+0001, which YAML "
            "does not allow");
  EXPECT_EQ(only_message(parse("a: x\x7f\n")),
            "error: databricks.yml:1:5: file contains the control character U+007F, which YAML "
            "does not allow");
  EXPECT_EQ(only_message(parse("a: \xc2\x90\n")),
            "error: databricks.yml:1:4: file contains the control character U+0090, which YAML "
            "does not allow");
  Parsed fine = parse("a: \"tab\tin\"\r\nb: caf\xc3\xa9 \xc2\x85\n");
  EXPECT_TRUE(fine.document.ok) << only_message(fine);
}

// A ":" with no key before it.
TEST(YamlReaderTest, AValueWithoutAKeyIsAnError) {
  EXPECT_EQ(only_message(parse("bundle:\n  name: y\n  : x\n")),
            "error: databricks.yml:3:3: invalid YAML: did not find expected key");
  EXPECT_EQ(only_message(parse(": x\n")),
            "error: databricks.yml:1:1: invalid YAML: did not find expected key");
}

// A lone word where a key belongs.
TEST(YamlReaderTest, ABlockKeyWithoutItsColonIsAnError) {
  EXPECT_EQ(only_message(parse("bundle:\n  name: n\n  x\n")),
            "error: databricks.yml:3:3: invalid YAML: could not find expected ':'");
  EXPECT_EQ(only_message(parse("a:\n  - b: 1\n    c\n")),
            "error: databricks.yml:3:5: invalid YAML: could not find expected ':'");
  // A scalar under "key:" at the key's own indentation is the next key, not the value.
  EXPECT_EQ(only_message(parse("a: 1\ntargets:\nog x\n# comment\n")),
            "error: databricks.yml:3:1: invalid YAML: could not find expected ':'");
  EXPECT_EQ(only_message(parse("- a:\n  x\n")),
            "error: databricks.yml:2:3: invalid YAML: could not find expected ':'");
  EXPECT_FALSE(parse("a:\n  b: 1\n  !default: true\n").document.ok);  // the tag is "!default:"
  for (const char* fine : {"a:\n- 1\n- 2\n", "a:\n  b\n", "? a\n: b\n", "a: {b, c: 1}\n",
                           "? a\n: 1\n? b\n", "'it''s' : 1\n\"q\\\"\": 2\n",
                           "a:b: 1\nc\t: 2\nd: http://e:f # g\n", "&k a: 1\n!!str b: 2\n"}) {
    Parsed p = parse(fine);
    EXPECT_TRUE(p.document.ok) << fine << only_message(p);
  }
}

TEST(YamlReaderTest, EscapesOfNextLineAndNoBreakSpaceAreUtf8) {
  Parsed p = parse("a: \"x\\Ny\\_z\\Lw\"\n");
  ASSERT_TRUE(p.document.ok) << only_message(p);
  EXPECT_EQ(p.document.root.find("a")->as_string(), "x\xC2\x85y\xC2\xA0z\xE2\x80\xA8w");
}

// "?" inside [...] or {...} is text unless a blank follows it at the start of a node.
TEST(YamlReaderTest, QuestionMarksInsideFlowCollectionsAreText) {
  Parsed p = parse("a: [https://x.io/p?b=1&c=2, why?]\nb: {q: x?y, ? k : v}\nc: ?d\n? e\n: f\n");
  ASSERT_TRUE(p.document.ok) << only_message(p);
  const Value& r = p.document.root;
  EXPECT_EQ(r.find("a")->items()[0].as_string(), "https://x.io/p?b=1&c=2");
  EXPECT_EQ(r.find("a")->items()[1].as_string(), "why?");
  EXPECT_EQ(r.find("b")->find("q")->as_string(), "x?y");
  EXPECT_EQ(r.find("b")->find("k")->as_string(), "v");
  EXPECT_EQ(r.find("c")->as_string(), "?d");
  EXPECT_EQ(r.find("e")->as_string(), "f");
}

TEST(YamlReaderTest, EscapedNulInAValueIsALocatedError) {
  Parsed p = parse("a: ok\nb: \"x\\0y\"\n");
  EXPECT_FALSE(p.document.ok);
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:2:4: a value may not contain a NUL character (\\0)");
}

// A quoted value that the end of the file cuts off is named at its opening quote.
TEST(YamlReaderTest, AQuotedValueCutOffByTheEndOfTheFileIsAnError) {
  for (const char* text : {"a: ok\nb: \"open\n", "a: ok\nb: 'open\n", "a: ok\nb: 'it''s\n",
                           "a: ok\nb: \"escaped \\\"\n"}) {
    Parsed p = parse(text);
    EXPECT_FALSE(p.document.ok) << text;
    EXPECT_EQ(only_message(p),
              "error: databricks.yml:2:4: invalid YAML: the file ends inside the quoted value "
              "that starts here")
        << text;
  }
}

TEST(YamlReaderTest, ClosedQuotedValuesAreRead) {
  Parsed p = parse("a: 'it''s'\nb: \"say \\\"hi\\\"\"\n'c': \"multi\n  line\"\n");
  ASSERT_TRUE(p.document.ok) << only_message(p);
  EXPECT_EQ(p.document.root.find("a")->as_string(), "it's");
  EXPECT_EQ(p.document.root.find("b")->as_string(), "say \"hi\"");
  EXPECT_EQ(p.document.root.find("c")->as_string(), "multi line");
}

TEST(YamlReaderTest, MegabyteKeySaysItIsOverTheKeyLengthLimit) {
  Parsed p = parse("a: 1\n" + std::string(1 << 20, 'k') + ": v\n");
  EXPECT_FALSE(p.document.ok);
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:2:1: mapping key is 1048576 characters long; YAML allows 1024 "
            "for a key not written with \"? \"");
}

TEST(YamlReaderTest, LongKeyInAFlowMappingSaysItIsOverTheLimit) {
  Parsed p = parse("a: {b: 1, " + std::string(2000, 'k') + ": v}\n");
  EXPECT_FALSE(p.document.ok);
  // The parser's events before it gave up may add warnings; the error is the last finding.
  ASSERT_FALSE(p.diagnostics.empty());
  const core::Diagnostic& error = p.diagnostics.items().back();
  EXPECT_EQ(error.severity, core::Severity::Error);
  EXPECT_EQ(error.locations, (std::vector<core::SourceLocation>{{"databricks.yml", 1, 11}}));
  EXPECT_EQ(error.summary,
            "mapping key is 2000 characters long; YAML allows 1024 for a key not written with "
            "\"? \"");
}

TEST(YamlReaderTest, KeyOfTheLimitLengthIsRead) {
  Parsed p = parse(std::string(1024, 'k') + ": v\n");
  ASSERT_TRUE(p.document.ok);
  EXPECT_NE(p.document.root.find(std::string(1024, 'k')), nullptr);
}

}  // namespace
}  // namespace bundlectl::config

namespace bundlectl::config {
namespace {

TEST(YamlReaderMergeKeyTest, ASecondMergeKeyInOneMappingIsAnErrorAtIt) {
  Parsed p = parse(
      "a: &a {x: 1}\n"
      "b: &b {y: 2}\n"
      "c:\n"
      "  <<: *a\n"
      "  <<: *b\n");
  EXPECT_FALSE(p.document.ok);
  EXPECT_EQ(only_message(p),
            "error: databricks.yml:5:3: duplicate YAML merge key ('<<') is not allowed; to merge "
            "multiple maps, use a sequence: '<<: [*anchor1, *anchor2]'");
}

TEST(YamlReaderMergeKeyTest, MergeKeysInASequenceAreOne) {
  Parsed p = parse(
      "a: &a {x: 1}\n"
      "b: &b {y: 2}\n"
      "c:\n"
      "  <<: [*a, *b]\n");
  ASSERT_TRUE(p.document.ok);
  EXPECT_EQ(p.document.root.at({"c", "y"})->as_int(), 2);
}

TEST(YamlReaderAnchorTest, RecordsWhereEachAnchoredNodeStarts) {
  Parsed p = parse(
      "defaults: &d\n"
      "  x: 1\n"
      "list:\n"
      "  - &item {name: a}\n");
  ASSERT_TRUE(p.document.ok);
  EXPECT_EQ(p.document.anchored,
            (std::vector<core::Location>{core::Location{1, 1, 11}, core::Location{1, 4, 5}}));
}

}  // namespace
}  // namespace bundlectl::config
