// Unit tests of the loading steps through load_bundle on small bundles in a temp folder.
#include <gtest/gtest.h>

#include "unit/config/load_fixture.h"

namespace bundlectl::config {
namespace {

using core::Value;

using LoadBundleTest = LoadFixture;

TEST_F(LoadBundleTest, TwoDefaultTargetsIsAnErrorNamingBoth) {
  m_dir.write(
      "databricks.yml",
      "bundle: {name: b}\ntargets:\n  dev:\n    default: true\n  prod:\n    default: true\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:4:14 databricks.yml:6:14: multiple targets are "
                      "marked default: true: dev, prod"}));
}

TEST_F(LoadBundleTest, TargetTypoSuggestsTheNearestName) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets: {dev: {}, staging: {}}\n");
  LoadResult result = load({}, "stagign");
  EXPECT_EQ(messages(result),
            (Messages{"error: target \"stagign\" (from -t) is not defined, did you mean "
                      "\"staging\"?"}));
}

TEST_F(LoadBundleTest, EnvironmentSelectsTheTarget) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ntargets: {dev: {default: true}, prod: {}}\n");
  m_env["DATABRICKS_BUNDLE_TARGET"] = "prod";
  EXPECT_EQ(load().bundle.target, "prod");
}

TEST_F(LoadBundleTest, VariablePrecedenceIsFlagThenEnvThenFileThenTargetThenDefault) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables: {a: {default: d}, b: {default: d}, c: {default: d}, t: {default: d}, "
              "z: {default: d}}\n"
              "targets:\n  dev:\n    variables: {a: target, b: target, c: target, t: target}\n");
  m_dir.write(".databricks/bundle/dev/variable-overrides.json",
              R"({"a": "file", "b": "file", "c": "file"})");
  m_env["BUNDLE_VAR_a"] = "env";
  m_env["BUNDLE_VAR_b"] = "env";
  LoadResult result = load({"a=flag"});
  ASSERT_TRUE(result.complete) << messages(result)[0];
  auto value = [&](const char* name) {
    return result.bundle.config.at({"variables", name, "value"})->as_string();
  };
  EXPECT_EQ(value("a"), "flag");
  EXPECT_EQ(value("b"), "env");
  EXPECT_EQ(value("c"), "file");
  EXPECT_EQ(value("t"), "target");
  EXPECT_EQ(value("z"), "d");
}

TEST_F(LoadBundleTest, VariableWithoutValueIsAnErrorNamingIt) {
  m_dir.write("databricks.yml", "bundle: {name: b}\nvariables:\n  warehouse: {description: x}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: no value assigned to required variable warehouse. Variables are "
                      "usually assigned in databricks.yml, and they can be overridden using "
                      "\"--var\", the BUNDLE_VAR_warehouse environment variable, or "
                      ".databricks/bundle/<target>/variable-overrides.json"}));
}

TEST_F(LoadBundleTest, ComplexVariableIsRefusedFromTheCommandLine) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  tags: {type: complex, default: {a: 1}}\n");
  LoadResult result = load({"tags=x"});
  EXPECT_EQ(messages(result),
            (Messages{"error: setting variables of complex type via --var flag is not supported: "
                      "tags"}));
}

TEST_F(LoadBundleTest, VarFlagsAreRefusedAsTheCliRefusesThem) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  a: {default: x}\n  set: {value: fixed}\n");
  EXPECT_EQ(messages(load({"a=one", "a=two"})),
            (Messages{"error: failed to assign two to a: variable has already been assigned "
                      "value: one"}));
  EXPECT_EQ(messages(load({"set=other"})),
            (Messages{"error: failed to assign other to set: variable has already been assigned "
                      "value: fixed"}));
  EXPECT_EQ(messages(load({"nope=1"})), (Messages{"error: variable nope has not been defined"}));
  EXPECT_EQ(messages(load({"a"})),
            (Messages{"error: unexpected flag value for variable assignment: a"}));
}

TEST_F(LoadBundleTest, ValueInTheDefinitionIsTheValue) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  cluster:\n    type: complex\n"
              "    value: {num_workers: 2}\nresources:\n  jobs:\n    j:\n      job_clusters:\n"
              "        - new_cluster: ${var.cluster}\n");
  m_env["BUNDLE_VAR_cluster"] = "ignored: the value is set already";
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << messages(result)[0];
  EXPECT_EQ(*result.bundle.config.at({"resources", "jobs", "j", "job_clusters"})
                 ->items()[0]
                 .at({"new_cluster", "num_workers"}),
            Value::integer(2));
}

TEST_F(LoadBundleTest, VariableFileValueMustBeComplexExactlyWhenTheVariableIs) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  key: {default: k}\n  cluster: {type: complex}\n");
  m_dir.write(".databricks/bundle/default/variable-overrides.json", R"({"key": {"a": 1}})");
  EXPECT_EQ(messages(load()),
            (Messages{"error: variable key is not of type complex, but the value in the variable "
                      "file is a complex type"}));
  m_dir.write(".databricks/bundle/default/variable-overrides.json", R"({"cluster": "c"})");
  EXPECT_EQ(messages(load()),
            (Messages{"error: variable cluster is of type complex, but the value in the variable "
                      "file is not a complex type"}));
}

TEST_F(LoadBundleTest, PlainVariableMayHoldAMapWithoutAWarning) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  conf: {default: {a: \"${var.c}\"}}\n"
              "  c: {default: x}\nresources:\n  clusters:\n    c: {spark_conf: \"${var.conf}\"}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result), Messages{});
  EXPECT_EQ(*result.bundle.config.at({"resources", "clusters", "c", "spark_conf", "a"}),
            Value::string("x"));
}

TEST_F(LoadBundleTest, NestedReferenceIsResolvedInsideOut) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  env: {default: prod}\n"
              "  region_prod: {default: us}\n  endpoint_us: {default: \"https://us\"}\n"
              "  result: {default: \"${var.endpoint_${var.region_${var.env}}}\"}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete) << messages(result)[0];
  EXPECT_EQ(*result.bundle.config.at({"variables", "result", "value"}),
            Value::string("https://us"));
}

TEST_F(LoadBundleTest, NonAsciiVariableNameIsAReference) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  变量: {default: hello}\n"
              "resources:\n  jobs:\n    j: {name: \"${var.变量}\"}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result), Messages{});
  EXPECT_EQ(*result.bundle.config.at({"resources", "jobs", "j", "name"}), Value::string("hello"));
}

TEST_F(LoadBundleTest, CycleThroughMapsIsTheCliWarningNotAnError) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  a: {default: {hello: \"${var.b}\"}}\n"
              "  b: {default: {hello: \"${var.a}\"}}\n");
  LoadResult result = load();
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(messages(result),
            (Messages{"warning: Variables references are too deep, stopping resolution after 11 "
                      "rounds. Unresolved variables may remain."}));
}

TEST_F(LoadBundleTest, WholeReferenceKeepsTheType) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "variables:\n  workers: {default: 4}\n  tags: {type: complex, default: {team: x}}\n"
              "resources:\n  jobs:\n    j:\n      max_concurrent_runs: ${var.workers}\n"
              "      tags: ${var.tags}\n      description: \"${var.tags.team} has $${literal}\"\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete);
  const Value& job = *result.bundle.config.at({"resources", "jobs", "j"});
  EXPECT_EQ(*job.find("max_concurrent_runs"), Value::integer(4));
  EXPECT_EQ(*job.at({"tags", "team"}), Value::string("x"));
  EXPECT_EQ(*job.find("description"), Value::string("x has ${literal}"));
}

TEST_F(LoadBundleTest, ReferenceCycleIsAnErrorPrintingTheCycle) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  a: {default: \"${var.b}\"}\n  b: {default: "
              "\"${var.a}\"}\n");
  LoadResult result = load();
  Messages found = messages(result);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0],
            "error: cycle detected in field resolution: a.default -> var.b -> var.a -> var.b");
  // Resolution stops at the cycle: every value is left as written.
  EXPECT_EQ(*result.bundle.config.at({"variables", "a", "value"}), Value::string("${var.b}"));
  EXPECT_EQ(*result.bundle.config.at({"variables", "b", "value"}), Value::string("${var.a}"));
}

TEST_F(LoadBundleTest, UnknownReferenceSuggestsTheNearestVariable) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  catalog: {default: main}\n"
              "resources:\n  jobs:\n    j: {name: \"${var.catalgo}\"}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: reference does not exist: ${var.catalgo}. did you mean "
                      "${var.catalog}?"}));
}

TEST_F(LoadBundleTest, ResourceKeyWithAReferenceIsRefusedAtItsValueBeforeATargetIsChosen) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  env: {default: dev}\n"
              "resources:\n  jobs:\n    ${var.env}_job: {name: j}\n"
              "targets:\n  prod:\n    resources:\n      pipelines:\n        p_${var.env}:\n"
              "          name: p\n");
  LoadResult result = load();
  EXPECT_FALSE(result.complete);
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:6:21: resource key \"${var.env}_job\" must not "
                      "contain variable references",
                      "error: databricks.yml:12:11: resource key \"p_${var.env}\" must not "
                      "contain variable references"}));
  EXPECT_EQ(result.bundle.target, "");
}

TEST_F(LoadBundleTest, RootPathHasTheNameAsWrittenAlsoWhenItIsANumber) {
  m_dir.write("databricks.yml", "bundle: {name: 123}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete);
  const Value* root = result.bundle.config.at({"workspace", "root_path"});
  ASSERT_NE(root, nullptr);
  EXPECT_NE(root->as_string().find("/.bundle/123/default"), std::string::npos) << root->as_string();
}

TEST_F(LoadBundleTest, ResourceKeyWithTextThatIsNotAReferenceIsAccepted) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nresources:\n  jobs:\n    $${not_a_ref}: {name: j}\n");
  LoadResult result = load();
  EXPECT_TRUE(result.complete) << ::testing::PrintToString(messages(result));
}

TEST_F(LoadBundleTest, UnknownReferenceSuggestsTheNearestKeyOnlyWithinTheCliReach) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  host: {default: h}\n  hosts: {default: h}\n"
              "resources:\n  jobs:\n    j: {name: \"${var.hst}\"}\n");
  EXPECT_EQ(messages(load()),
            (Messages{"error: reference does not exist: ${var.hst}. did you mean ${var.host}?"}));
  m_dir.write(
      "databricks.yml",
      "bundle: {name: b}\nresources:\n  jobs:\n    j: {name: \"${workspace.stot_path}\"}\n");
  EXPECT_EQ(messages(load()),
            (Messages{"error: reference does not exist: ${workspace.stot_path}. did you mean "
                      "${workspace.root_path}?"}));
}

TEST_F(LoadBundleTest, UnknownReferenceCorrectsEveryMistypedKeyOrSuggestsNothing) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  cfg:\n    type: complex\n"
              "    default: {cluster: c1}\n"
              "resources:\n  jobs:\n    j: {name: \"${var.cgf.clustr}\"}\n");
  EXPECT_EQ(messages(load()), (Messages{"error: reference does not exist: ${var.cgf.clustr}. did "
                                        "you mean ${var.cfg.cluster}?"}));
  // One key out of reach (more than half its length away) leaves the reference unanswered.
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nvariables:\n  cfg:\n    type: complex\n"
              "    default: {cluster: c1}\n"
              "resources:\n  jobs:\n    j: {name: \"${var.cfg.pool}\"}\n");
  EXPECT_EQ(messages(load()), (Messages{"error: reference does not exist: ${var.cfg.pool}"}));
}

TEST_F(LoadBundleTest, TasksMergeByKeyAndSortAndTheOverrideShowsBothLines) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n  jobs:\n    j:\n      tasks:\n"
              "        - {task_key: z, timeout_seconds: 1}\n"
              "        - {task_key: a, timeout_seconds: 1}\n"
              "targets:\n  prod:\n    resources:\n      jobs:\n        j:\n          tasks:\n"
              "            - {task_key: z, timeout_seconds: 9}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete);
  const Value& tasks = *result.bundle.config.at({"resources", "jobs", "j", "tasks"});
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(*tasks.items()[0].find("task_key"), Value::string("a"));
  const Value& timeout = *tasks.items()[1].find("timeout_seconds");
  EXPECT_EQ(timeout, Value::integer(9));
  std::vector<core::SourceLocation> where = core::locations_of(timeout, result.bundle.files);
  ASSERT_EQ(where.size(), 2u);
  EXPECT_EQ(where[0].line, 14u);
  EXPECT_EQ(where[1].line, 6u);
}

TEST_F(LoadBundleTest, DevelopmentModePrefixesPausesAndTags) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\n"
              "resources:\n  jobs:\n    j:\n      name: nightly\n"
              "      schedule: {quartz_cron_expression: '0 0 2 * * ?', timezone_id: UTC}\n"
              "targets:\n  dev: {mode: development}\n");
  LoadResult result = load();
  ASSERT_TRUE(result.complete);
  const Value& job = *result.bundle.config.at({"resources", "jobs", "j"});
  EXPECT_EQ(*job.find("name"), Value::string("[dev jane_doe] nightly"));
  EXPECT_EQ(*job.at({"tags", "dev"}), Value::string("jane_doe"));
  EXPECT_EQ(*job.at({"schedule", "pause_status"}), Value::string("PAUSED"));
  EXPECT_EQ(*job.find("max_concurrent_runs"), Value::integer(4));
  EXPECT_EQ(*result.bundle.config.at({"workspace", "root_path"}),
            Value::string("/Workspace/Users/jane.doe@example.com/.bundle/b/dev"));
}

TEST_F(LoadBundleTest, ProductionModeRefusesDevelopmentPipelines) {
  m_dir.write("databricks.yml",
              "bundle: {name: b}\nworkspace: {root_path: /Workspace/Shared/b}\n"
              "resources:\n  pipelines:\n    p: {development: true}\n"
              "targets:\n  prod: {mode: production}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: databricks.yml:5:22: target with 'mode: production' cannot include "
                      "a pipeline with 'development: true'"}));
}

TEST_F(LoadBundleTest, IncludeOutsideTheRootIsMergedAsTheCliDoes) {
  m_dir.write("bundle/databricks.yml", "bundle: {name: b}\ninclude: [../shared.yml]\n");
  m_dir.write("shared.yml", "variables: {a: {default: 1}}\n");
  LoadOptions options;
  options.chdir = m_dir.path() / "bundle";
  options.environment = [](const std::string&) { return std::nullopt; };
  LoadResult result = load_bundle(options);
  EXPECT_FALSE(result.diagnostics.has_errors());
  const Value* a = result.bundle.config.at({"variables", "a", "default"});
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(*a, Value::integer(1));
}

TEST_F(LoadBundleTest, GlobCharacterInTheBundleRootIsAnError) {
  m_dir.write("x?y/databricks.yml", "bundle: {name: b}\n");
  LoadOptions options;
  options.chdir = m_dir.path() / "x?y";
  options.environment = [](const std::string&) { return std::nullopt; };
  LoadResult result = load_bundle(options);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics.items()[0].summary,
            "Bundle root path contains glob pattern characters");
  EXPECT_EQ(result.diagnostics.items()[0].detail,
            "The path to the bundle root " + (m_dir.path() / "x?y").string() +
                " contains glob pattern character \"?\". Please remove the character from this "
                "path to use bundle commands.");
}

TEST_F(LoadBundleTest, ResourceDefinedInTwoFilesIsAnErrorWithBothLocations) {
  m_dir.write("databricks.yml", "bundle: {name: b}\ninclude: ['resources/*.yml']\n");
  m_dir.write("resources/a.yml", "resources:\n  jobs:\n    j: {name: a}\n");
  m_dir.write("resources/b.yml", "resources:\n  jobs:\n    j: {name: b}\n");
  LoadResult result = load();
  EXPECT_EQ(messages(result),
            (Messages{"error: resources/b.yml:3:5 resources/a.yml:3:5: multiple resources have "
                      "been defined with the same key: j"}));
}

}  // namespace
}  // namespace bundlectl::config
