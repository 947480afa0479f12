#include "bundlectl/render/mustache.h"

#include <gtest/gtest.h>

namespace bundlectl::render {
namespace {

using nlohmann::json;

std::string error_of(std::string_view text, const json& values) {
  try {
    render_mustache(text, values, "t.yml");
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(MustacheTest, FillsTagsWithAngleDelimitersAndLeavesDoubleBracesAlone) {
  std::string text =
      "name: <% name %>_job\n"
      "run_date: \"{{job.parameters.run_date}}\"\n"
      "token: ${{ secrets.DATABRICKS_TOKEN }}\n";
  EXPECT_EQ(render_mustache(text, json{{"name", "sales"}}, "t.yml"),
            "name: sales_job\n"
            "run_date: \"{{job.parameters.run_date}}\"\n"
            "token: ${{ secrets.DATABRICKS_TOKEN }}\n");
}

TEST(MustacheTest, NeverHtmlEscapesValues) {
  EXPECT_EQ(render_mustache("q: <% q %>", json{{"q", "a < b & \"c\""}}, "t.yml"),
            "q: a < b & \"c\"");
}

TEST(MustacheTest, SectionsFollowBooleansAndListsAndStandaloneTagsLeaveNoBlankLine) {
  std::string text =
      "tasks:\n"
      "<%#with_pipeline%>\n"
      "  - pipeline\n"
      "<%/with_pipeline%>\n"
      "<%#sources%>\n"
      "  - <% name %>\n"
      "<%/sources%>\n";
  json values = {{"with_pipeline", false},
                 {"sources", json::array({{{"name", "orders"}}, {{"name", "customers"}}})}};
  EXPECT_EQ(render_mustache(text, values, "t.yml"), "tasks:\n  - orders\n  - customers\n");
}

TEST(MustacheTest, IndentedStandaloneSectionTagsLeaveNoLineWhenTrue) {
  EXPECT_EQ(render_mustache("a:\n  <%#on%>\n  - x\n  <%/on%>\nb\n", json{{"on", true}}, "t"),
            "a:\n  - x\nb\n");
}

TEST(MustacheTest, ErrorAfterAStandaloneTagKeepsItsOriginalLine) {
  EXPECT_EQ(error_of("<%#on%>\nx\n<%/on%>\ny: <%/off%>\n", json{{"on", true}}),
            "t.yml:4:4: unopened section \"off\"");
}

TEST(MustacheTest, NumbersAndNestedNamesRender) {
  EXPECT_EQ(render_mustache("<% a.b %>/<% n %>", json{{"a", {{"b", "x"}}}, {"n", 3}}, "t"), "x/3");
}

TEST(MustacheTest, MissingValueIsAnErrorAtTheTag) {
  EXPECT_EQ(error_of("a: 1\nb: <% nmae %>\n", json{{"name", "x"}}),
            "t.yml:2:4: no value for \"nmae\"");
}

TEST(MustacheTest, MissingValueInsideAListItemIsAnError) {
  json values = {{"items", json::array({{{"name", "a"}}, json::object()})}};
  EXPECT_EQ(error_of("<%#items%><% name %>\n<%/items%>", values),
            "t.yml:1:11: no value for \"name\"");
}

TEST(MustacheTest, MissingSectionNameReadsAsFalse) {
  EXPECT_EQ(render_mustache("a<%#absent%>b<%/absent%>c", json::object(), "t"), "ac");
}

TEST(MustacheTest, UnclosedSectionIsLocated) {
  EXPECT_EQ(error_of("x: 1\n<%#open%>\ny: 2\n", json{{"open", true}}),
            "t.yml:2:1: unclosed section \"open\"");
}

TEST(MustacheTest, UnclosedTagIsLocated) {
  EXPECT_EQ(error_of("x: <% name\n", json{{"name", "a"}}), "t.yml:1:4: unclosed tag");
}

}  // namespace
}  // namespace bundlectl::render

namespace bundlectl::render {
namespace {

using Lines = std::vector<std::uint32_t>;

TEST(MustacheTrackedTest, EachRenderedLineKnowsItsTemplateLine) {
  const std::string text =
      "resources:\n"            // 1
      "  jobs:\n"               // 2
      "<%#sources%>\n"          // 3 (standalone: no output line)
      "    ingest_<%name%>:\n"  // 4
      "      name: <%name%>\n"  // 5
      "<%/sources%>\n"          // 6
      "<%#paused%>\n"           // 7
      "      paused: true\n"    // 8
      "<%/paused%>\n"           // 9
      "# end\n";                // 10
  nlohmann::json values = {{"sources", {{{"name", "orders"}}, {{"name", "customers"}}}},
                           {"paused", false}};
  RenderedText rendered = render_mustache_tracked(text, values, "t.yml");
  EXPECT_EQ(rendered.text,
            "resources:\n  jobs:\n    ingest_orders:\n      name: orders\n"
            "    ingest_customers:\n      name: customers\n# end\n");
  EXPECT_EQ(rendered.template_lines, (Lines{1, 2, 4, 5, 4, 5, 10, 10}));
  // The same text as the untracked rendering.
  EXPECT_EQ(rendered.text, render_mustache(text, values, "t.yml"));
}

TEST(MustacheTrackedTest, AMultiLineValueKeepsTheLineOfItsTag) {
  RenderedText rendered =
      render_mustache_tracked("a: |\n  <%text%>\nb: 1\n", {{"text", "x\n  y"}}, "t.yml");
  EXPECT_EQ(rendered.text, "a: |\n  x\n  y\nb: 1\n");
  EXPECT_EQ(rendered.template_lines, (Lines{1, 2, 2, 3, 3}));
}

TEST(MustacheTrackedTest, ErrorsKeepTheirTemplatePosition) {
  try {
    render_mustache_tracked("a: 1\nb: <%missing%>\n", nlohmann::json::object(), "t.yml");
    FAIL() << "rendered a missing value";
  } catch (const TemplateError& error) {
    EXPECT_STREQ(error.what(), "t.yml:2:4: no value for \"missing\"");
  }
}

}  // namespace
}  // namespace bundlectl::render
