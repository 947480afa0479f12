#include "bundlectl/render/eject.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bundlectl/config/load.h"
#include "bundlectl/core/exit_code.h"
#include "bundlectl/core/value_json.h"
#include "support/temp_dir.h"

namespace bundlectl::render {
namespace {

namespace fs = std::filesystem;

config::LoadResult load(const fs::path& root) {
  config::LoadOptions options;
  options.chdir = root;
  options.target = "prod";
  options.user = "jane@example.com";
  options.environment = [](const std::string&) { return std::optional<std::string>(); };
  return config::load_bundle(options);
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class EjectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir.write("bundle/templates/ingest.yml.mustache",
                "resources:\n"
                "  jobs:\n"
                "    ingest_<%source%>:\n"
                "      name: ingest-<%source%>\n"
                "      tasks:\n"
                "        - task_key: load\n"
                "          notebook_task: {notebook_path: ../src/ingest.py}\n");
    m_dir.write("bundle/src/ingest.py", "# Databricks notebook source\nprint(1)\n");
    m_dir.write("bundle/databricks.yml",
                "bundle: {name: b}\n"
                "include:\n"
                "  - resources/*.yml\n"
                "templates:\n"
                "  ingest:\n"
                "    file: templates/ingest.yml.mustache\n"
                "    instances:\n"
                "      - {source: orders}\n"
                "      - {source: customers}\n"
                "\n"
                "targets:\n"
                "  prod:\n"
                "    resources:\n"
                "      jobs:\n"
                "        ingest_orders: {max_concurrent_runs: 2}\n");
    m_dir.write("bundle/resources/other.yml", "resources:\n  jobs:\n    other: {name: other}\n");
  }
  testing::TempDir m_dir;
};

TEST_F(EjectTest, TheEjectedBundleResolvesToTheSameConfiguration) {
  config::LoadResult files = config::load_files([&] {
    config::LoadOptions options;
    options.chdir = m_dir.path() / "bundle";
    return options;
  }());
  ASSERT_TRUE(files.complete);
  EjectResult result = eject_bundle(files.bundle, m_dir.path() / "out");
  EXPECT_EQ(result.written, (std::vector<fs::path>{"templates/ingest.orders.yml",
                                                   "templates/ingest.customers.yml"}));
  EXPECT_EQ(read(m_dir.path() / "out/databricks.yml"),
            "bundle: {name: b}\n"
            "include:\n"
            "  - resources/*.yml\n"
            "  - templates/ingest.orders.yml\n"
            "  - templates/ingest.customers.yml\n"
            "targets:\n"
            "  prod:\n"
            "    resources:\n"
            "      jobs:\n"
            "        ingest_orders: {max_concurrent_runs: 2}\n");
  config::LoadResult original = load(m_dir.path() / "bundle");
  config::LoadResult ejected = load(m_dir.path() / "out");
  ASSERT_TRUE(original.complete);
  ASSERT_TRUE(ejected.complete);
  nlohmann::json a = core::to_json(original.bundle.config);
  nlohmann::json b = core::to_json(ejected.bundle.config);
  // Only the include list differs: the generated files are listed in it.
  a.erase("include");
  b.erase("include");
  EXPECT_EQ(a, b);
  EXPECT_EQ(b["resources"]["jobs"]["ingest_orders"]["max_concurrent_runs"], 2);
}

TEST_F(EjectTest, RefusesAFolderThatIsNotEmpty) {
  m_dir.write("out/keep.txt", "x");
  config::LoadOptions options;
  options.chdir = m_dir.path() / "bundle";
  config::LoadResult files = config::load_files(options);
  EXPECT_THROW(eject_bundle(files.bundle, m_dir.path() / "out"), core::Failure);
}

}  // namespace
}  // namespace bundlectl::render
