// The text, JSON and markdown forms of one plan with every kind of change.
#include "bundlectl/deploy/plan_output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace bundlectl::deploy {
namespace {

using nlohmann::json;

PlannedChange change(Action action, const std::string& address, const std::string& id = "",
                     std::vector<FieldChange> fields = {}, const std::string& reason = "") {
  PlannedChange c;
  c.action = action;
  c.address = address;
  c.id = id;
  c.changes = std::move(fields);
  c.reason = reason;
  return c;
}

Plan sample_plan() {
  Plan plan;
  plan.changes = {
      change(Action::Create, "pipelines.etl"),
      change(Action::Unchanged, "jobs.same", "11"),
      change(Action::Update, "jobs.daily", "12",
             {{"tasks[task_key='ingest'].max_retries", 1, 3},
              {"tasks[task_key='report']", nullptr, {{"task_key", "report"}}},
              {"timeout_seconds", 60, nullptr},
              {"description", "a | b", "c"}}),
      change(Action::Skip, "schemas.raw", "", {}, "schemas are not deployed by bundlectl yet"),
      change(Action::Delete, "jobs.old", "13"),
  };
  return plan;
}

TEST(PlanOutputTest, TextListsChangesWithTheirFieldsAndCountsUnchangedOnes) {
  std::ostringstream out;
  write_plan_text(out, sample_plan(), false);
  EXPECT_EQ(out.str(),
            "+ create pipelines.etl\n"
            "~ update jobs.daily (id 12)\n"
            "    tasks[task_key='ingest'].max_retries: 1 → 3\n"
            "    tasks[task_key='report']: added\n"
            "    timeout_seconds: 60 → (none)\n"
            "    description: \"a | b\" → \"c\"\n"
            "! skip schemas.raw (schemas are not deployed by bundlectl yet)\n"
            "- delete jobs.old (id 13)\n"
            "\n"
            "Plan: 1 to add, 1 to change, 1 to delete, 1 unchanged\n");
}

TEST(PlanOutputTest, VerboseTextAlsoListsUnchangedResources) {
  std::ostringstream out;
  write_plan_text(out, sample_plan(), true);
  EXPECT_NE(out.str().find("\n  unchanged jobs.same (id 11)\n"), std::string::npos) << out.str();
}

TEST(PlanOutputTest, AnEmptyPlanIsJustTheSummary) {
  std::ostringstream out;
  write_plan_text(out, Plan{}, false);
  EXPECT_EQ(out.str(), "Plan: 0 to add, 0 to change, 0 to delete, 0 unchanged\n");
}

TEST(PlanOutputTest, APlanOfUnchangedResourcesIsJustTheSummary) {
  Plan plan;
  plan.changes = {change(Action::Unchanged, "jobs.same", "11")};
  std::ostringstream out;
  write_plan_text(out, plan, false);
  EXPECT_EQ(out.str(), "Plan: 0 to add, 0 to change, 0 to delete, 1 unchanged\n");
}

TEST(PlanOutputTest, JsonHasEveryChangeWithNullsWhereThereIsNothing) {
  json expected = json::parse(R"({
    "target": "prod", "workspace": "https://x.cloud.databricks.com",
    "changes": [
      {"action": "create", "address": "pipelines.etl", "id": null, "changes": [], "reason": null},
      {"action": "unchanged", "address": "jobs.same", "id": "11", "changes": [], "reason": null},
      {"action": "update", "address": "jobs.daily", "id": "12", "reason": null, "changes": [
        {"path": "tasks[task_key='ingest'].max_retries", "before": 1, "after": 3},
        {"path": "tasks[task_key='report']", "before": null, "after": {"task_key": "report"}},
        {"path": "timeout_seconds", "before": 60, "after": null},
        {"path": "description", "before": "a | b", "after": "c"}]},
      {"action": "skip", "address": "schemas.raw", "id": null, "changes": [],
       "reason": "schemas are not deployed by bundlectl yet"},
      {"action": "delete", "address": "jobs.old", "id": "13", "changes": [], "reason": null}],
    "summary": {"add": 1, "change": 1, "delete": 1, "unchanged": 1, "skip": 1}
  })");
  EXPECT_EQ(plan_to_json(sample_plan(), {"prod", "https://x.cloud.databricks.com"}), expected);
}

TEST(PlanOutputTest, MarkdownIsATableOfWhatChangesWithPipesEscaped) {
  std::ostringstream out;
  write_plan_markdown(out, sample_plan(), {"prod", "emulator"});
  EXPECT_EQ(out.str(),
            "### bundlectl plan: target `prod` on `emulator`\n"
            "\n"
            "| Action | Resource | Details |\n"
            "| --- | --- | --- |\n"
            "| create | `pipelines.etl` |  |\n"
            "| update | `jobs.daily` | `tasks[task_key='ingest'].max_retries: 1 → 3`<br>"
            "`tasks[task_key='report']: added`<br>`timeout_seconds: 60 → (none)`<br>"
            "`description: \"a \\| b\" → \"c\"` |\n"
            "| skip | `schemas.raw` | schemas are not deployed by bundlectl yet |\n"
            "| delete | `jobs.old` |  |\n"
            "\n"
            "Plan: 1 to add, 1 to change, 1 to delete, 1 unchanged\n");
}

TEST(PlanOutputTest, MarkdownOfNoChangesSaysSo) {
  Plan plan;
  plan.changes = {change(Action::Unchanged, "jobs.same", "11")};
  std::ostringstream out;
  write_plan_markdown(out, plan, {"dev", "emulator"});
  EXPECT_EQ(out.str(),
            "### bundlectl plan: target `dev` on `emulator`\n\nNo changes.\n\n"
            "Plan: 0 to add, 0 to change, 0 to delete, 1 unchanged\n");
}

TEST(PlanOutputTest, LongValuesAreCutOnACharacterBoundary) {
  EXPECT_EQ(display_value(json("abcdefgh"), 6), "\"abcd…");
  EXPECT_EQ(display_value(json("aé"), 3), "\"a…");
  EXPECT_EQ(display_value(json(nullptr)), "(none)");
  EXPECT_EQ(display_value(json(42)), "42");
}

}  // namespace
}  // namespace bundlectl::deploy
