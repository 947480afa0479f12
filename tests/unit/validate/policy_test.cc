// Environment policies: the built-in rules of targets/*.yml one by one, each form of the
// rule language, how a policy is chosen and combined, and mistakes in policy files.
#include "validate/policy.h"

#include <gtest/gtest.h>

#include <map>

#include "bundlectl/config/load.h"
#include "support/source_tree.h"
#include "support/stand_in_sources.h"
#include "support/temp_dir.h"
#include "validate/checks.h"

namespace bundlectl::validate {
namespace {

using Findings = std::vector<std::string>;

// A prod target that complies with the built-in prod policy; tests add what they break.
const char* const k_compliant_prod =
    "bundle: {name: b}\n"
    "targets:\n"
    "  prod:\n"
    "    mode: production\n"
    "    workspace: {root_path: /Workspace/Shared/b}\n"
    "    run_as: {service_principal_name: 6f1c2e8a-1b7d-4c55-9a8e-3f0d2b9c7e41}\n";

const char* const k_compliant_job =
    "resources:\n"
    "  jobs:\n"
    "    j:\n"
    "      timeout_seconds: 60\n"
    "      email_notifications: {on_failure: [oncall@example.com]}\n"
    "      tasks:\n"
    "        - task_key: t\n"
    "          notebook_task: {notebook_path: ./nb.py}\n";

class PolicyTest : public ::testing::Test {
 protected:
  // The policy findings on `target`, each as "severity rule file:line:col at path: summary"
  // and its detail on the following lines; only those whose rule starts with `rule` when
  // given.
  Findings findings(const std::string& target, const std::string& rule = "",
                    std::vector<std::filesystem::path> policy_files = {},
                    const std::filesystem::path& root = {}) {
    config::LoadOptions load;
    load.chdir = root.empty() ? m_dir.path() : root;
    load.target = target;
    load.user = "jane.doe@example.com";
    load.environment = [](const std::string&) -> std::optional<std::string> { return {}; };
    testing::write_stand_in_sources(m_dir);
    config::LoadResult result = config::load_bundle(load);
    EXPECT_TRUE(result.complete);
    Options options;
    options.policy_files = std::move(policy_files);
    options.builtin_policies = m_builtin_policies;
    core::Diagnostics diagnostics;
    check_policies(CheckContext{result.bundle, options}, diagnostics);
    diagnostics.sort();
    Findings out;
    for (const core::Diagnostic& d : diagnostics) {
      if (!util_starts_with(d.rule, rule)) continue;
      std::string line = std::string(core::severity_name(d.severity)) + " " + d.rule;
      for (const core::SourceLocation& l : d.locations) {
        line += " " + result.bundle.display_path(l.file) + ":" + std::to_string(l.line) + ":" +
                std::to_string(l.column);
      }
      for (const core::Path& path : d.paths) line += " at " + path.to_string();
      line += ": " + d.summary;
      if (!d.detail.empty()) line += "\n" + d.detail;
      out.push_back(line);
    }
    return out;
  }

  static bool util_starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
  }

  testing::TempDir m_dir;
  bool m_builtin_policies = true;  // --policies
};

// --- The built-in dev policy -------------------------------------------------------------

TEST_F(PolicyTest, DevScheduleThatRunsIsAWarningAtItsPauseStatus) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets: {dev: {mode: development}}\n"
              "resources:\n  jobs:\n    j:\n"
              "      schedule: {quartz_cron_expression: '0 0 2 * * ?', timezone_id: UTC,\n"
              "                 pause_status: UNPAUSED}\n");
  EXPECT_EQ(findings("dev"),
            (Findings{"warning policy.dev.schedules-paused databricks.yml:7:32 at "
                      "resources.jobs.j.schedule.pause_status: schedules and triggers of a dev "
                      "deployment should be paused\n"
                      "pause_status is \"UNPAUSED\"; it should be \"PAUSED\".\n"
                      "Use 'mode: development' (it pauses them) or set pause_status: PAUSED, so "
                      "that a development copy does not run on its own next to production.\n"
                      "Rule dev.schedules-paused of policy dev (built in)."}));
}

TEST_F(PolicyTest, DevModePausesSchedulesSoTheyComply) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets: {dev: {mode: development}}\n"
              "resources:\n  jobs:\n    j:\n"
              "      trigger: {file_arrival: {url: /Volumes/a/b/c/}}\n");
  EXPECT_EQ(findings("dev"), Findings{});
}

TEST_F(PolicyTest, DevWithoutDevelopmentModeIsARecommendation) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets:\n  dev:\n    workspace: {host: https://x}\n");
  EXPECT_EQ(findings("dev"),
            (Findings{"recommendation policy.dev.development-mode databricks.yml:1:9 at "
                      "bundle.mode: a dev target should use 'mode: development'\n"
                      "bundle.mode is not set; it should be \"development\".\n"
                      "Development mode prefixes resource names with your name, pauses "
                      "schedules and deploys to your own folder, so that developers do not "
                      "overwrite each other.\n"
                      "Rule dev.development-mode of policy dev (built in)."}));
}

// --- The built-in staging policy ---------------------------------------------------------

TEST_F(PolicyTest, StagingInDevelopmentModeIsAWarningAtTheMode) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  staging:\n    mode: development\n");
  EXPECT_EQ(findings("staging", "policy.staging.no-development-mode"),
            (Findings{"warning policy.staging.no-development-mode databricks.yml:4:11 at "
                      "bundle.mode: a staging target should not use 'mode: development'\n"
                      "bundle.mode is \"development\"; it should not be \"development\".\n"
                      "Staging is shared; development mode makes a personal copy with prefixed "
                      "names and paused schedules, so staging would not test what production "
                      "runs.\n"
                      "Rule staging.no-development-mode of policy staging (built in)."}));
}

TEST_F(PolicyTest, StagingRootPathInAPersonsFolderIsAWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets:\n  staging:\n"
              "    workspace: {root_path: /Users/jane.doe@example.com/b}\n");
  EXPECT_EQ(findings("staging", "policy.staging.shared-root-path"),
            (Findings{"warning policy.staging.shared-root-path databricks.yml:4:28 at "
                      "workspace.root_path: a staging deployment should not live in a person's "
                      "workspace folder\n"
                      "workspace.root_path is \"/Workspace/Users/jane.doe@example.com/b\"; it "
                      "should not match ^(/Workspace)?/Users/[^/]*@.\n"
                      "Set workspace.root_path to a folder that is not a person's, for example "
                      "the deploying service principal's "
                      "/Workspace/Users/<application-id>/.bundle/${bundle.name}/${bundle.target}."
                      "\n"
                      "Rule staging.shared-root-path of policy staging (built in)."}));
}

TEST_F(PolicyTest, StagingJobWithoutFailureNotificationIsARecommendationAtTheJob) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets:\n  staging:\n"
              "    workspace: {root_path: /Workspace/Shared/b}\n"
              "resources:\n  jobs:\n    j:\n      name: j\n");
  EXPECT_EQ(findings("staging"),
            (Findings{"recommendation policy.staging.job-failure-notifications "
                      "databricks.yml:8:7 at resources.jobs.j: staging jobs should notify "
                      "someone when they fail\n"
                      "none of these is set: email_notifications.on_failure, "
                      "webhook_notifications.on_failure.\n"
                      "Rule staging.job-failure-notifications of policy staging (built in)."}));
}

// --- The built-in prod policy ------------------------------------------------------------

TEST_F(PolicyTest, CompliantProdTargetHasNoFindings) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) + k_compliant_job);
  EXPECT_EQ(findings("prod"), Findings{});
}

TEST_F(PolicyTest, ProdInDevelopmentModeIsAnError) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  prod:\n    mode: development\n");
  EXPECT_EQ(findings("prod", "policy.prod.no-development-mode"),
            (Findings{"error policy.prod.no-development-mode databricks.yml:4:11 at "
                      "bundle.mode: a production target must not use 'mode: development'\n"
                      "bundle.mode is \"development\"; it should not be \"development\".\n"
                      "Development mode deploys a personal copy with prefixed names and paused "
                      "schedules. Use 'mode: production'.\n"
                      "Rule prod.no-development-mode of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdDevelopmentPipelineIsAnErrorWithoutProductionMode) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets:\n  prod:\n    workspace: {host: https://x}\n"
              "resources:\n  pipelines:\n    p:\n      development: true\n");
  EXPECT_EQ(findings("prod", "policy.prod.no-development-pipelines"),
            (Findings{"error policy.prod.no-development-pipelines databricks.yml:8:20 at "
                      "resources.pipelines.p.development: a production target must not deploy "
                      "a pipeline with 'development: true'\n"
                      "development is true; it should not be true.\n"
                      "Rule prod.no-development-pipelines of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdWithoutProductionModeIsARecommendation) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  prod:\n    default: true\n");
  EXPECT_EQ(findings("prod", "policy.prod.mode-production"),
            (Findings{"recommendation policy.prod.mode-production databricks.yml:1:9 at "
                      "bundle.mode: a production target should use 'mode: production'\n"
                      "bundle.mode is not set; it should be \"production\".\n"
                      "Production mode checks that the deployment is shared and not a "
                      "development copy.\n"
                      "Rule prod.mode-production of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdJobWithoutFailureNotificationIsAWarningAtTheJob) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) +
                                    "resources:\n  jobs:\n    j:\n      timeout_seconds: 60\n"
                                    "      email_notifications: {on_success: [a@example.com]}\n");
  EXPECT_EQ(findings("prod"),
            (Findings{"warning policy.prod.job-failure-notifications databricks.yml:10:7 at "
                      "resources.jobs.j: production jobs should notify someone when they fail\n"
                      "none of these is set: email_notifications.on_failure, "
                      "webhook_notifications.on_failure.\n"
                      "Set email_notifications.on_failure or webhook_notifications.on_failure.\n"
                      "Rule prod.job-failure-notifications of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdJobWithoutTimeoutIsAWarningNamingTheMissingField) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) +
                                    "resources:\n  jobs:\n    j:\n"
                                    "      email_notifications: {on_failure: [a@example.com]}\n");
  EXPECT_EQ(findings("prod"),
            (Findings{"warning policy.prod.job-timeout databricks.yml:10:7 at "
                      "resources.jobs.j.timeout_seconds: production jobs should set "
                      "timeout_seconds\n"
                      "timeout_seconds is not set; it should be at least 1.\n"
                      "Without a timeout (or with 0) a run that hangs holds its cluster until "
                      "someone notices.\n"
                      "Rule prod.job-timeout of policy prod (built in)."}));
}

// Plain validate finds what the Databricks CLI finds: the built-in policies are opt-in.
TEST_F(PolicyTest, BuiltInPoliciesApplyOnlyWhenAskedFor) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) +
                                    "resources:\n  jobs:\n    j:\n"
                                    "      email_notifications: {on_failure: [a@example.com]}\n");
  m_builtin_policies = false;
  EXPECT_EQ(findings("prod"), Findings{});
  m_builtin_policies = true;
  EXPECT_EQ(findings("prod").size(), 1u);
  // A bundle's own policy file is the bundle asking for it: it applies without --policies.
  m_builtin_policies = false;
  m_dir.write(".bundlectl/policies/prod.yml",
              "policy: team\nrules:\n"
              "  - {id: team.tags, severity: warning, message: jobs carry a team tag,\n"
              "     applies_to: jobs, require: tags.team}\n");
  EXPECT_EQ(findings("prod").size(), 2u);
}

// A continuous job's run is not meant to end, so it needs no timeout.
TEST_F(PolicyTest, ProdContinuousJobWithoutTimeoutPasses) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) +
                                    "resources:\n  jobs:\n    j:\n"
                                    "      continuous: {pause_status: UNPAUSED}\n"
                                    "      email_notifications: {on_failure: [a@example.com]}\n");
  EXPECT_EQ(findings("prod"), Findings{});
}

// The resolved tree orders tasks by task_key, as the Databricks CLI does: dbt is tasks[0].
TEST_F(PolicyTest, ProdDbtTaskWithoutRetriesIsAWarningAtTheTask) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) + k_compliant_job +
                                    "        - task_key: dbt\n"
                                    "          dbt_task: {commands: [dbt run]}\n"
                                    "          max_retries: 0\n"
                                    "        - task_key: other\n"
                                    "          dbt_task: {commands: [dbt run]}\n"
                                    "          max_retries: 2\n");
  EXPECT_EQ(findings("prod"),
            (Findings{"warning policy.prod.task-retries databricks.yml:17:24 at "
                      "resources.jobs.j.tasks[0].max_retries: production tasks that call "
                      "external systems should retry\n"
                      "max_retries is 0; it should be at least 1.\n"
                      "dbt, dbt Cloud and Power BI tasks depend on systems outside the "
                      "workspace; set max_retries (and min_retry_interval_millis) so that a "
                      "passing outage does not fail the run.\n"
                      "Rule prod.task-retries of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdWithoutServicePrincipalIsAWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets:\n  prod:\n    mode: production\n"
              "    workspace: {root_path: /Workspace/Shared/b}\n"
              "    run_as: {user_name: jane.doe@example.com}\n");
  EXPECT_EQ(findings("prod"),
            (Findings{"warning policy.prod.run-as-service-principal databricks.yml:6:13 at "
                      "run_as.service_principal_name: production jobs and pipelines should run "
                      "as a service principal\n"
                      "run_as.service_principal_name is not set.\n"
                      "Set run_as.service_principal_name, so that runs do not depend on a "
                      "person's account and permissions.\n"
                      "Rule prod.run-as-service-principal of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdScheduleInLocalTimeIsAWarningAtTheTimeZone) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) + k_compliant_job +
                                    "      schedule:\n"
                                    "        quartz_cron_expression: '0 0 2 * * ?'\n"
                                    "        timezone_id: Europe/Amsterdam\n");
  EXPECT_EQ(findings("prod"),
            (Findings{"warning policy.prod.schedule-timezone databricks.yml:17:22 at "
                      "resources.jobs.j.schedule.timezone_id: production schedules should use "
                      "UTC\n"
                      "schedule.timezone_id is \"Europe/Amsterdam\"; it should be one of "
                      "\"UTC\", \"Etc/UTC\".\n"
                      "Schedules in local time zones skip or repeat runs when clocks change.\n"
                      "Rule prod.schedule-timezone of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdRootPathInAPersonsFolderIsAWarningButAServicePrincipalsIsNot) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets:\n"
              "  prod:\n    workspace: {root_path: /Workspace/Users/jane.doe@example.com/b}\n"
              "  prod_sp:\n    workspace: {root_path: /Workspace/Users/6f1c2e8a/b}\n");
  EXPECT_EQ(findings("prod", "policy.prod.shared-root-path"),
            (Findings{"warning policy.prod.shared-root-path databricks.yml:4:28 at "
                      "workspace.root_path: a production deployment should not live in a "
                      "person's workspace folder\n"
                      "workspace.root_path is \"/Workspace/Users/jane.doe@example.com/b\"; it "
                      "should not match ^(/Workspace)?/Users/[^/]*@.\n"
                      "Set workspace.root_path to a folder that is not a person's, for example "
                      "the deploying service principal's "
                      "/Workspace/Users/<application-id>/.bundle/${bundle.name}/${bundle.target}."
                      "\n"
                      "Rule prod.shared-root-path of policy prod (built in)."}));
  EXPECT_EQ(findings("prod_sp", "policy.prod.shared-root-path"), Findings{});
}

TEST_F(PolicyTest, ProdNotebookInAPersonsFolderIsAWarning) {
  m_dir.write("databricks.yml",
              std::string(k_compliant_prod) + k_compliant_job +
                  "        - task_key: mine\n"
                  "          notebook_task: {notebook_path: /Users/jane.doe@example.com/nb}\n");
  EXPECT_EQ(findings("prod"),
            (Findings{"warning policy.prod.no-personal-notebooks databricks.yml:16:42 at "
                      "resources.jobs.j.tasks[0].notebook_task.notebook_path: production tasks "
                      "should not run notebooks from a person's workspace folder\n"
                      "notebook_task.notebook_path is \"/Users/jane.doe@example.com/nb\"; it "
                      "should not match ^(/Workspace)?/Users/[^/]*@[^/]*/(?!\\.bundle/).\n"
                      "Rule prod.no-personal-notebooks of policy prod (built in)."}));
}

TEST_F(PolicyTest, ProdNotebookDeployedWithTheBundleIsNotAPersonalNotebook) {
  m_dir.write("databricks.yml",
              std::string(k_compliant_prod) + k_compliant_job +
                  "        - task_key: mine\n"
                  "          notebook_task: {notebook_path: "
                  "/Workspace/Users/jane.doe@example.com/.bundle/b/prod/files/nb}\n");
  EXPECT_EQ(findings("prod", "policy.prod.no-personal-notebooks"), Findings{});
}

TEST_F(PolicyTest, DailyBatchDemoCompliesWithEveryEnvironment) {
  std::filesystem::path demo = bundlectl::testing::source_dir() / "bundles/daily_batch";
  for (const char* target : {"dev", "staging", "prod"}) {
    EXPECT_EQ(findings(target, "", {}, demo), Findings{}) << target;
  }
}

// --- The language, through --policy files -------------------------------------------------

class PolicyLanguageTest : public PolicyTest {
 protected:
  // Findings of a --policy file holding `rules` on the bundle already written, target t.
  Findings judge(const std::string& rules) {
    std::filesystem::path file = m_dir.write("team.yml", "policy: team\nrules:\n" + rules);
    return findings("t", "", {file});
  }
};

const char* const k_language_bundle =
    "bundle: {name: b}\n"
    "targets: {t: {}}\n"
    "resources:\n"
    "  jobs:\n"
    "    j:\n"
    "      max_concurrent_runs: 1\n"
    "      email_notifications: {on_success: [a@example.com]}\n"
    "      trigger: {file_arrival: {url: /Volumes/a/b/c/}}\n"
    "      continuous: {pause_status: PAUSED}\n"
    "      tasks:\n"
    "        - task_key: etl_load\n"
    "          max_retries: 5\n"
    "          sql_task: {warehouse_id: w, file: {path: ./q.sql}}\n"
    "        - task_key: report\n"
    "          notebook_task: {notebook_path: ./nb.py}\n";

TEST_F(PolicyLanguageTest, RequirePointsAtTheNearestWrittenMappingAndNamesTheMissingField) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.r, severity: error, message: m, applies_to: jobs,\n"
                  "     require: [email_notifications.on_failure, max_concurrent_runs]}\n"),
            (Findings{"error policy.team.r databricks.yml:7:28 at "
                      "resources.jobs.j.email_notifications.on_failure: m\n"
                      "email_notifications.on_failure is not set.\n"
                      "Rule team.r of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, ForbidPointsAtTheValue) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.f, severity: warning, message: m, applies_to: tasks,\n"
                  "     forbid: sql_task.file}\n"),
            (Findings{"warning policy.team.f databricks.yml:13:45 at "
                      "resources.jobs.j.tasks[0].sql_task.file: m\n"
                      "sql_task.file is set.\n"
                      "Rule team.f of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, AnyOfPassesWhenOneFieldIsSet) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(
      judge("  - {id: team.a, severity: error, message: m, applies_to: jobs,\n"
            "     any_of: [email_notifications.on_failure, email_notifications.on_success]}\n"),
      Findings{});
}

TEST_F(PolicyLanguageTest, EqualsComparesNumbersAsNumbersAndOneOfListsTheAllowedValues) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.e, severity: error, message: m, applies_to: jobs,\n"
                  "     field: max_concurrent_runs, equals: 1.0}\n"
                  "  - {id: team.o, severity: error, message: m, applies_to: tasks,\n"
                  "     field: task_key, one_of: [etl_load, ingest]}\n"),
            (Findings{"error policy.team.o databricks.yml:14:21 at "
                      "resources.jobs.j.tasks[1].task_key: m\n"
                      "task_key is \"report\"; it should be one of \"etl_load\", \"ingest\".\n"
                      "Rule team.o of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, NotOneOfAndNotEqualsPassWhenTheFieldIsAbsent) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.n, severity: error, message: m, applies_to: tasks,\n"
                  "     field: max_retries, not_one_of: [5, 6]}\n"
                  "  - {id: team.q, severity: error, message: m, applies_to: jobs,\n"
                  "     field: description, not_equals: x}\n"),
            (Findings{"error policy.team.n databricks.yml:12:24 at "
                      "resources.jobs.j.tasks[0].max_retries: m\n"
                      "max_retries is 5; it should not be 5.\n"
                      "Rule team.n of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, MatchesAndNotMatchesSearchTheTextWithARegularExpression) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.m, severity: error, message: m, applies_to: tasks,\n"
                  "     field: task_key, matches: '^(etl|report)'}\n"
                  "  - {id: team.x, severity: error, message: m, applies_to: tasks,\n"
                  "     field: notebook_task.notebook_path, not_matches: '/nb$'}\n"),
            (Findings{"error policy.team.x databricks.yml:15:42 at "
                      "resources.jobs.j.tasks[1].notebook_task.notebook_path: m\n"
                      "notebook_task.notebook_path is "
                      "\"/Workspace/Users/jane.doe@example.com/.bundle/b/t/files/nb\"; it should "
                      "not match /nb$.\n"
                      "Rule team.x of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, MinAndMaxBoundNumbersAndAnAbsentFieldFailsMin) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.b, severity: warning, message: m, applies_to: tasks,\n"
                  "     field: max_retries, min: 1, max: 3}\n"),
            (Findings{"warning policy.team.b databricks.yml:12:24 at "
                      "resources.jobs.j.tasks[0].max_retries: m\n"
                      "max_retries is 5; it should be at most 3.\n"
                      "Rule team.b of policy team (team.yml).",
                      "warning policy.team.b databricks.yml:14:11 at "
                      "resources.jobs.j.tasks[1].max_retries: m\n"
                      "max_retries is not set; it should be at least 1.\n"
                      "Rule team.b of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, ABoundIsWrittenInFullInTheFinding) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.n, severity: warning, message: m, applies_to: tasks,\n"
                  "     field: max_retries, min: 1234567.5}\n"),
            (Findings{"warning policy.team.n databricks.yml:12:24 at "
                      "resources.jobs.j.tasks[0].max_retries: m\n"
                      "max_retries is 5; it should be at least 1234567.5.\n"
                      "Rule team.n of policy team (team.yml).",
                      "warning policy.team.n databricks.yml:14:11 at "
                      "resources.jobs.j.tasks[1].max_retries: m\n"
                      "max_retries is not set; it should be at least 1234567.5.\n"
                      "Rule team.n of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, ConditionsSelectTheSubjectsARuleJudges) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - id: team.w\n    severity: error\n    message: m\n    applies_to: tasks\n"
                  "    when:\n"
                  "      - any_present: [sql_task, dbt_task]\n"
                  "      - absent: notebook_task\n"
                  "      - present: task_key\n"
                  "      - {field: task_key, matches: ^etl_}\n"
                  "      - {field: $.bundle.target, equals: t}\n"
                  "    require: timeout_seconds\n"),
            (Findings{"error policy.team.w databricks.yml:11:11 at "
                      "resources.jobs.j.tasks[0].timeout_seconds: m\n"
                      "timeout_seconds is not set.\n"
                      "Rule team.w of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, SchedulesAreTheSchedulesTriggersAndContinuousRunsOfJobs) {
  m_dir.write("databricks.yml", k_language_bundle);
  EXPECT_EQ(judge("  - {id: team.s, severity: warning, message: m, applies_to: schedules,\n"
                  "     field: pause_status, equals: PAUSED}\n"),
            (Findings{"warning policy.team.s databricks.yml:8:16 at "
                      "resources.jobs.j.trigger.pause_status: m\n"
                      "pause_status is \"UNPAUSED\"; it should be \"PAUSED\".\n"
                      "Rule team.s of policy team (team.yml)."}));
}

TEST_F(PolicyLanguageTest, UnresolvedReferencePassesEveryComparison) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets: {t: {}}\n"
              "variables: {cluster: {lookup: {cluster: shared}}}\n"
              "resources:\n  jobs:\n    j:\n      tasks:\n"
              "        - {task_key: a, existing_cluster_id: '${var.cluster}'}\n");
  EXPECT_EQ(judge("  - {id: team.u, severity: error, message: m, applies_to: tasks,\n"
                  "     field: existing_cluster_id, matches: '^0', min: 3}\n"),
            Findings{});
}

TEST_F(PolicyLanguageTest, AnyResourceTypeIsASubject) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets: {t: {}}\n"
              "resources:\n  schemas:\n    s: {catalog_name: main, name: s}\n");
  EXPECT_EQ(judge("  - {id: team.c, severity: error, message: schemas live in the team catalog,\n"
                  "     applies_to: schemas, field: catalog_name, equals: team}\n"),
            (Findings{"error policy.team.c databricks.yml:5:23 at "
                      "resources.schemas.s.catalog_name: schemas live in the team catalog\n"
                      "catalog_name is \"main\"; it should be \"team\".\n"
                      "Rule team.c of policy team (team.yml)."}));
}

// --- Choosing and combining policies -----------------------------------------------------

TEST_F(PolicyTest, TargetNameOrElseModeChoosesTheEnvironment) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets:\n"
              "  PROD-eu: {}\n  dev_jane: {}\n  qa: {}\n  test: {}\n  production: {}\n"
              "  sandbox: {mode: production}\n  play: {mode: development}\n  other: {}\n"
              "  product: {}\n");
  std::map<std::string, std::string> expected = {
      {"PROD-eu", "prod"}, {"dev_jane", "dev"},    {"qa", "staging"},
      {"test", "staging"}, {"production", "prod"}, {"sandbox", "prod"},
      {"play", "dev"},     {"other", ""},          {"product", ""}};
  for (const auto& [target, environment] : expected) {
    config::LoadOptions load;
    load.chdir = m_dir.path();
    load.target = target;
    load.user = "jane.doe@example.com";
    load.environment = [](const std::string&) -> std::optional<std::string> { return {}; };
    testing::write_stand_in_sources(m_dir);
    config::LoadResult result = config::load_bundle(load);
    EXPECT_EQ(policy::environment_of(result.bundle), environment) << target;
  }
}

TEST_F(PolicyTest, TargetOfNoEnvironmentGetsNoPolicy) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\ntargets: {other: {mode: development}}\n"
              "resources:\n  jobs:\n    j: {name: j}\n");
  EXPECT_EQ(findings("other", "policy.prod"), Findings{});
}

TEST_F(PolicyTest, PolicyFlagReplacesTheEnvironmentPolicy) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  prod:\n    mode: development\n");
  std::filesystem::path file =
      m_dir.write("team.yml",
                  "policy: team\nrules:\n  - {id: team.named, severity: warning, message: m,\n"
                  "     applies_to: bundle, require: bundle.git.origin_url}\n");
  EXPECT_EQ(findings("prod", "", {file}),
            (Findings{"warning policy.team.named databricks.yml:1:9 at bundle.git.origin_url: m\n"
                      "bundle.git.origin_url is not set.\n"
                      "Rule team.named of policy team (team.yml)."}));
}

TEST_F(PolicyTest, PolicyFlagFileThatExtendsABuiltInAddsToIt) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  sandbox:\n    mode: development\n");
  std::filesystem::path file =
      m_dir.write("team.yml",
                  "policy: team\nextends: prod\n"
                  "disable: [prod.mode-production, prod.run-as-service-principal,\n"
                  "          prod.shared-root-path]\n");
  EXPECT_EQ(findings("sandbox", "", {file}),
            (Findings{"error policy.prod.no-development-mode databricks.yml:4:11 at "
                      "bundle.mode: a production target must not use 'mode: development'\n"
                      "bundle.mode is \"development\"; it should not be \"development\".\n"
                      "Development mode deploys a personal copy with prefixed names and paused "
                      "schedules. Use 'mode: production'.\n"
                      "Rule prod.no-development-mode of policy prod (built in)."}));
}

TEST_F(PolicyTest, BundlePolicyAddsToTheBuiltInAndRedefinesRulesById) {
  m_dir.write("databricks.yml", std::string(k_compliant_prod) +
                                    "resources:\n  jobs:\n    j:\n      timeout_seconds: 60\n");
  m_dir.write(".bundlectl/policies/prod.yml",
              "policy: data-team\nrules:\n"
              "  - id: prod.job-failure-notifications\n    severity: error\n"
              "    message: production jobs must notify the data team when they fail\n"
              "    applies_to: jobs\n    require: email_notifications.on_failure\n"
              "  - {id: team.tags, severity: warning, message: jobs carry a team tag,\n"
              "     applies_to: jobs, require: tags.team}\n");
  EXPECT_EQ(findings("prod"),
            (Findings{"error policy.prod.job-failure-notifications databricks.yml:10:7 at "
                      "resources.jobs.j.email_notifications.on_failure: production jobs must "
                      "notify the data team when they fail\n"
                      "email_notifications.on_failure is not set.\n"
                      "Rule prod.job-failure-notifications of policy data-team "
                      "(.bundlectl/policies/prod.yml).",
                      "warning policy.team.tags databricks.yml:10:7 at resources.jobs.j.tags.team: "
                      "jobs carry a team tag\n"
                      "tags.team is not set.\n"
                      "Rule team.tags of policy data-team (.bundlectl/policies/prod.yml)."}));
}

TEST_F(PolicyTest, BundlePolicyWithReplaceStandsAlone) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  prod:\n    mode: development\n");
  m_dir.write(".bundlectl/policies/prod.yml", "policy: relaxed\nreplace: true\nrules: []\n");
  EXPECT_EQ(findings("prod"), Findings{});
}

TEST_F(PolicyTest, BundlePolicyDisablesARuleAndWarnsAboutAnUnknownId) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  dev:\n    default: true\n");
  m_dir.write(".bundlectl/policies/dev.yml",
              "policy: dev\ndisable:\n  - dev.development-mode\n  - dev.schedules-pausd\n");
  EXPECT_EQ(findings("dev"),
            (Findings{"warning policy.invalid-file .bundlectl/policies/dev.yml:4:5: disable names "
                      "no rule in force: dev.schedules-pausd, did you mean "
                      "\"dev.schedules-paused\"?"}));
}

TEST_F(PolicyTest, BundlePolicyNamedAfterTheTargetComesFirst) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  prod-eu:\n    mode: development\n");
  m_dir.write(".bundlectl/policies/prod.yml", "policy: prod\nreplace: true\n");
  m_dir.write(".bundlectl/policies/prod-eu.yml",
              "policy: eu\ndisable: [prod.mode-production, prod.run-as-service-principal,\n"
              "          prod.shared-root-path, prod.no-development-mode]\n");
  EXPECT_EQ(findings("prod-eu"), Findings{});
}

// --- Mistakes in policy files ------------------------------------------------------------

TEST_F(PolicyTest, BuiltInPoliciesReadWithoutProblems) {
  for (const std::string& name : policy::builtin_names()) {
    core::Diagnostics problems;
    std::optional<policy::PolicyFile> file =
        policy::parse_policy(*policy::builtin_text(name), name + ".yml", "", problems);
    ASSERT_TRUE(file) << name;
    EXPECT_TRUE(problems.empty()) << name;
    EXPECT_EQ(file->name, name);
    for (const policy::Rule& rule : file->rules) EXPECT_EQ(rule.id.rfind(name + ".", 0), 0u);
  }
}

TEST_F(PolicyTest, PolicyFileWithBadYamlIsAnErrorAtItsLocationAndTheBuiltInStillApplies) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets:\n  prod:\n    mode: development\n");
  m_dir.write(".bundlectl/policies/prod.yml", "policy: p\nrules:\n  - {id: x\n");
  Findings found = findings("prod", "policy.");
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].substr(0, found[0].find('\n')),
            "error policy.invalid-file .bundlectl/policies/prod.yml:3:5: invalid YAML: did not "
            "find expected ',' or '}'");
  EXPECT_EQ(found[1].substr(0, found[1].find('\n')),
            "error policy.prod.no-development-mode databricks.yml:4:11 at bundle.mode: a "
            "production target must not use 'mode: development'");
}

// The resource types come from the bundle schema: types added with the current API
// (catalogs, external_locations, postgres_projects) are known, a misspelt one is not.
TEST_F(PolicyTest, AppliesToKnowsEveryResourceTypeOfTheSchema) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets: {t: {}}\n");
  std::filesystem::path file = m_dir.write(
      "team.yml",
      "policy: team\nrules:\n"
      "  - {id: team.a, severity: error, message: m, applies_to: catalogs, require: x}\n"
      "  - {id: team.b, severity: error, message: m, applies_to: external_locations,"
      " require: x}\n"
      "  - {id: team.c, severity: error, message: m, applies_to: postgres_projects,"
      " require: x}\n"
      "  - {id: team.d, severity: error, message: m, applies_to: catalog, require: x}\n");
  EXPECT_EQ(findings("t", "policy.", {file}),
            (Findings{"warning policy.invalid-file team.yml:6:59 at rules[3].applies_to: "
                      "applies_to names no known resource type: catalog"}));
}

TEST_F(PolicyTest, PolicyFileMistakesAreErrorsAtTheirLocations) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets: {t: {}}\n");
  std::filesystem::path file =
      m_dir.write("team.yml",
                  "policy: team\nextends: production\nrulez: []\nrules:\n"
                  "  - id: team.a\n    severity: fatal\n    message: m\n    applies_to: job\n"
                  "    field: name\n    matches: '(unclosed'\n"
                  "  - id: team.b\n    severity: error\n    message: m\n    applies_to: tasks\n"
                  "    require: x\n    forbid: y\n    when: {presnt: z}\n"
                  "  - {id: team.c, severity: error, message: m, applies_to: 'a b', field: x}\n");
  EXPECT_EQ(
      findings("t", "policy.", {file}),
      (Findings{"error policy.invalid-file team.yml:2:10 at extends: extends names no built-in "
                "policy: production",
                "error policy.invalid-file team.yml:3:1 at rulez: unknown field of a policy "
                "file: rulez, did you mean \"rules\"?",
                "error policy.invalid-file team.yml:6:15 at rules[0].severity: severity is "
                "error, warning or recommendation, not \"fatal\"",
                "error policy.invalid-file team.yml:10:14 at rules[0].matches: invalid regular "
                "expression \"(unclosed\": Mismatched '(' and ')' in regular expression",
                "error policy.invalid-file team.yml:11:5 at rules[1]: an assertion needs exactly "
                "one of require, forbid, any_of or field, found require and forbid",
                "error policy.invalid-file team.yml:17:11 at rules[1].when: a condition needs "
                "exactly one of present, absent, any_present or field",
                "error policy.invalid-file team.yml:17:12 at rules[1].when.presnt: unknown field "
                "of a condition: presnt, did you mean \"present\"?",
                "error policy.invalid-file team.yml:18:59 at rules[2].applies_to: applies_to is "
                "bundle, tasks, schedules or a resource type such as jobs, not \"a b\"",
                "error policy.invalid-file team.yml:18:73 at rules[2].field: field needs a "
                "comparison: equals, not_equals, one_of, not_one_of, matches, not_matches, "
                "min, max",
                "warning policy.invalid-file team.yml:8:17 at rules[0].applies_to: applies_to "
                "names no known resource type: job, did you mean \"jobs\"?"}));
}

TEST(PolicyPatternTest, RequiredTextIsTheLongestLiteralEveryMatchContains) {
  EXPECT_EQ(policy::required_text("^(/Workspace)?/Users/[^/]*@"), "/Users/");
  EXPECT_EQ(policy::required_text("\\.py$"), ".py");
  EXPECT_EQ(policy::required_text("^etl_"), "etl_");
  EXPECT_EQ(policy::required_text("colou?r"), "colo");
  EXPECT_EQ(policy::required_text("ab{2}cde"), "cde");
  EXPECT_EQ(policy::required_text("\\d+-abc\\w"), "-abc");
  EXPECT_EQ(policy::required_text("a|b"), "");
  EXPECT_EQ(policy::required_text("(x|y)z[a-c]"), "z");
}

}  // namespace
}  // namespace bundlectl::validate
