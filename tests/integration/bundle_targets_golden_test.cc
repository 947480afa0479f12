// What each example bundle deploys on each target, after the target's overrides, mode and
// presets: the names, schedules, triggers, timeouts, concurrency and notifications of its jobs
// and the catalogs of its pipelines, from `bundlectl render`. One golden file per bundle,
// tests/golden/bundles/<bundle>.txt; BUNDLECTL_UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/source_tree.h"
#include "support/subprocess.h"
#include "support/temp_dir.h"

namespace bundlectl::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The fields a reviewer checks per environment, one line each.
std::string summary_of(const json& payload) {
  static const char* const k_fields[] = {"name",
                                         "schedule",
                                         "continuous",
                                         "trigger",
                                         "timeout_seconds",
                                         "max_concurrent_runs",
                                         "email_notifications",
                                         "webhook_notifications",
                                         "health",
                                         "catalog",
                                         "schema",
                                         "development",
                                         "parameters"};
  std::ostringstream out;
  out << payload["address"].get<std::string>() << "\n";
  const json& spec = payload["spec"];
  for (const char* field : k_fields) {
    if (spec.contains(field)) out << "  " << field << ": " << spec[field].dump() << "\n";
  }
  return out.str();
}

std::string render_summary(const std::string& bundle) {
  TempDir home;
  std::string text;
  for (const char* target : {"dev", "staging", "prod"}) {
    ProcessOptions options = isolated_environment(home.path().string());
    options.cwd = (source_dir() / "bundles" / bundle).string();
    ProcessResult result =
        run_bundlectl({"render", "-t", target, "--user", "jane.doe@example.com"}, options);
    EXPECT_EQ(result.exit_code, 0) << bundle << " " << target << ": " << result.err;
    json rendered = json::parse(result.out, nullptr, false);
    if (rendered.is_discarded()) return result.out + result.err;
    text += "== " + std::string(target) + "\n";
    for (const json& payload : rendered["resources"]) text += summary_of(payload);
  }
  return text;
}

class BundleTargetsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BundleTargetsTest, RenderMatchesTheGolden) {
  const std::string bundle = GetParam();
  const std::string actual = render_summary(bundle);
  const fs::path golden = source_dir() / "tests" / "golden" / "bundles" / (bundle + ".txt");
  if (std::getenv("BUNDLECTL_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden) << actual;
    return;
  }
  std::ifstream in(golden);
  ASSERT_TRUE(in) << golden << " is missing; run with BUNDLECTL_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str());
}

INSTANTIATE_TEST_SUITE_P(Bundles, BundleTargetsTest,
                         ::testing::Values("recommendations_batch", "domain_ingestion",
                                           "movie_recommender", "olist_lakehouse",
                                           "food_orders_streaming", "daily_batch"));

}  // namespace
}  // namespace bundlectl::testing
