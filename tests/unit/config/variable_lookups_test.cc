// The resolve_lookups step through load_bundle with a scripted workspace: which variables are
// looked up and with which name, what wins over a lookup, and the Databricks CLI's messages
// at the lookup's file:line:col.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "bundlectl/core/value_json.h"
#include "config/steps.h"
#include "unit/config/load_fixture.h"

namespace bundlectl::config {
namespace {

// Answers from a table of "kind:name" → id; anything else is "<kind> named '<name>' does not
// exist". With `dead` set, every question fails as an unreachable workspace does.
class ScriptedWorkspace : public WorkspaceLookup {
 public:
  std::optional<CurrentUser> current_user(std::string& error) override {
    error = "not asked in these tests";
    return std::nullopt;
  }
  std::optional<std::string> resolve(const std::string& kind, const std::string& name,
                                     std::string& error) override {
    std::unique_lock<std::mutex> lock(m_mutex);
    asked.push_back(kind + ":" + name);
    if (wait_for_callers > 0) {
      // Answers only once this many questions are in flight together (or says it waited).
      ++m_in_flight;
      m_arrived.notify_all();
      if (!m_arrived.wait_for(lock, std::chrono::seconds(5),
                              [&] { return m_in_flight >= wait_for_callers; })) {
        error = "asked alone";
        return std::nullopt;
      }
    }
    if (dead) {
      m_unusable = "the workspace could not be reached: connection refused";
      error = *m_unusable;
      return std::nullopt;
    }
    auto found = ids.find(kind + ":" + name);
    if (found != ids.end()) return found->second;
    error = kind + " named '" + name + "' does not exist";
    return std::nullopt;
  }
  std::optional<std::string> unusable() const override {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_unusable;
  }

  std::map<std::string, std::string> ids;
  std::vector<std::string> asked;
  bool dead = false;
  int wait_for_callers = 0;

 private:
  mutable std::mutex m_mutex;
  std::condition_variable m_arrived;
  int m_in_flight = 0;
  std::optional<std::string> m_unusable;
};

class VariableLookupsTest : public LoadFixture {
 protected:
  LoadResult load_with_workspace(std::vector<std::string> vars = {}, std::string target = "") {
    LoadOptions options = load_options(std::move(vars), std::move(target));
    options.workspace = &m_workspace;
    return load_bundle(options);
  }

  static std::string value_of(const LoadResult& result, const std::string& variable) {
    const core::Value* value = result.bundle.config.at({"variables", variable, "value"});
    return value && value->is_string() ? value->as_string() : "<none>";
  }

  ScriptedWorkspace m_workspace;
};

TEST_F(VariableLookupsTest, EveryKindTheCliKnowsIsAskedByItsName) {
  std::string yaml = "bundle:\n  name: b\nvariables:\n";
  for (const std::string& kind : lookup_kinds()) {
    yaml += "  v_" + kind + ":\n    lookup:\n      " + kind + ": my " + kind + "\n";
    m_workspace.ids[kind + ":my " + kind] = "id-of-" + kind;
  }
  m_dir.write("databricks.yml", yaml);
  LoadResult result = load_with_workspace();
  EXPECT_EQ(messages(result), Messages{});
  EXPECT_EQ(lookup_kinds().size(), 12u);
  for (const std::string& kind : lookup_kinds()) {
    EXPECT_EQ(value_of(result, "v_" + kind), "id-of-" + kind);
  }
}

TEST_F(VariableLookupsTest, ALookupWinsOverTheDefaultButNotOverVarOrTheEnvironment) {
  m_dir.write("databricks.yml", R"(bundle:
  name: b
variables:
  from_lookup:
    default: fallback
    lookup:
      cluster: shared
  from_flag:
    lookup:
      cluster: shared
  from_env:
    lookup:
      cluster: shared
)");
  m_workspace.ids["cluster:shared"] = "0101-abc";
  m_env["BUNDLE_VAR_from_env"] = "env-id";
  LoadResult result = load_with_workspace({"from_flag=flag-id"});
  EXPECT_EQ(messages(result), Messages{});
  EXPECT_EQ(value_of(result, "from_lookup"), "0101-abc");
  EXPECT_EQ(value_of(result, "from_flag"), "flag-id");
  EXPECT_EQ(value_of(result, "from_env"), "env-id");
  EXPECT_EQ(m_workspace.asked, std::vector<std::string>{"cluster:shared"});
}

TEST_F(VariableLookupsTest, ATargetLookupReplacesTheRootDefaultAndItsNameTakesReferences) {
  m_dir.write("databricks.yml", R"(bundle:
  name: b
variables:
  warehouse:
    default: not-used
targets:
  prod:
    variables:
      warehouse:
        lookup:
          warehouse: "${bundle.target} warehouse"
)");
  m_workspace.ids["warehouse:prod warehouse"] = "w-42";
  LoadResult result = load_with_workspace({}, "prod");
  EXPECT_EQ(messages(result), Messages{});
  EXPECT_EQ(value_of(result, "warehouse"), "w-42");
}

TEST_F(VariableLookupsTest, NotFoundIsTheCliErrorAtTheLookup) {
  m_dir.write("databricks.yml", R"(bundle:
  name: b
variables:
  pool:
    lookup:
      instance_pool: nowhere
)");
  LoadResult result = load_with_workspace();
  EXPECT_EQ(messages(result),
            Messages{"error: databricks.yml:6:7: failed to resolve instance-pool: nowhere, err: "
                     "instance_pool named 'nowhere' does not exist"});
}

TEST_F(VariableLookupsTest, NoKindOrTwoKindsOrAnUnknownKindAreTheCliErrors) {
  m_dir.write("databricks.yml", R"(bundle:
  name: b
variables:
  none:
    lookup:
      clustr: shared
  two:
    lookup:
      cluster: a
      warehouse: b
)");
  LoadResult result = load_with_workspace();
  EXPECT_EQ(
      messages(result),
      (Messages{
          "error: databricks.yml:6:7: failed to resolve , err: no valid lookup fields provided",
          "error: databricks.yml:9:7: failed to resolve , err: exactly one lookup field must "
          "be provided",
          "warning: databricks.yml:6:7: unknown field: clustr, did you mean \"cluster\"?"}));
  EXPECT_TRUE(m_workspace.asked.empty());
}

TEST_F(VariableLookupsTest, ALookupNameReferringToAnotherLookupIsRefused) {
  m_dir.write("databricks.yml", R"(bundle:
  name: b
variables:
  first:
    lookup:
      cluster: a
  second:
    lookup:
      cluster: "x-${var.first}"
)");
  m_workspace.ids["cluster:a"] = "c-1";
  LoadResult result = load_with_workspace();
  EXPECT_EQ(messages(result),
            Messages{"error: databricks.yml:9:7: lookup variables cannot contain references to "
                     "another lookup variables"});
}

// Three variables, each looked up as a different kind.
const char* const k_three_lookups = R"(bundle:
  name: b
variables:
  a:
    lookup:
      cluster: a
  b:
    lookup:
      warehouse: b
  c:
    lookup:
      query: c
)";

TEST_F(VariableLookupsTest, AnUnreachableWorkspaceIsOneErrorForAllLookups) {
  m_dir.write("databricks.yml", k_three_lookups);
  m_workspace.dead = true;
  LoadResult result = load_with_workspace();
  EXPECT_EQ(messages(result),
            Messages{"error: databricks.yml:6:7: failed to resolve cluster: a, err: the workspace "
                     "could not be reached: connection refused"});
  std::sort(m_workspace.asked.begin(), m_workspace.asked.end());
  EXPECT_EQ(m_workspace.asked, (std::vector<std::string>{"cluster:a", "query:c", "warehouse:b"}));
}

TEST_F(VariableLookupsTest, LookupsAreAskedTogetherNotOneAfterAnother) {
  m_dir.write("databricks.yml", k_three_lookups);
  m_workspace.ids = {{"cluster:a", "1"}, {"warehouse:b", "2"}, {"query:c", "3"}};
  m_workspace.wait_for_callers = 3;
  LoadResult result = load_with_workspace();
  EXPECT_EQ(messages(result), Messages{});
  EXPECT_EQ(value_of(result, "a"), "1");
  EXPECT_EQ(value_of(result, "b"), "2");
  EXPECT_EQ(value_of(result, "c"), "3");
}

}  // namespace
}  // namespace bundlectl::config
