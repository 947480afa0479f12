// api::Workspace::upload_file over a real socket against the in-process emulator: the URL,
// the raw body, the mkdirs-and-retry on a missing parent, and the typed errors.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class WorkspaceFilesHttpTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    api::AuthConfig config;
    config.host = {m_emulator.base_url(), "test"};
    config.auth_type = {api::k_auth_pat, "test"};
    config.token = {api::Secret(m_emulator.token()), "test"};
    m_workspace = api::make_workspace(config);
  }

  // method and route of every request after `cursor`.
  std::vector<std::string> requests_since(std::uint64_t cursor) {
    json log = client().get("/api/2.0/emulator/requests?since=" + std::to_string(cursor)).body;
    std::vector<std::string> out;
    for (const json& r : log["requests"]) {
      out.push_back(r["method"].get<std::string>() + " " + r["route"].get<std::string>() + " " +
                    std::to_string(r["status"].get<int>()));
    }
    return out;
  }
  std::uint64_t cursor() {
    return client().get("/api/2.0/emulator/requests").body["last_seq"].get<std::uint64_t>();
  }

  std::unique_ptr<api::Workspace> m_workspace;
};

const std::string k_home = "/Users/emulator-user@example.com";

TEST_F(WorkspaceFilesHttpTest, UploadSendsRawBytesAndMakesAMissingParentOnce) {
  const std::string bytes("x\0y\xfe", 4);
  std::uint64_t before = cursor();
  m_workspace->upload_file(k_home + "/.bundle/files/src/a b.bin", bytes);
  EXPECT_EQ(requests_since(before),
            (std::vector<std::string>{"POST /api/2.0/workspace-files/import-file/{path...} 404",
                                      "POST /api/2.0/workspace/mkdirs 200",
                                      "POST /api/2.0/workspace-files/import-file/{path...} 200"}));
  EXPECT_EQ(m_workspace->export_file(k_home + "/.bundle/files/src/a b.bin"), bytes);

  before = cursor();
  m_workspace->upload_file(k_home + "/.bundle/files/src/a b.bin", "second");
  EXPECT_EQ(requests_since(before),
            (std::vector<std::string>{"POST /api/2.0/workspace-files/import-file/{path...} 200"}));
  EXPECT_EQ(m_workspace->export_file(k_home + "/.bundle/files/src/a b.bin"), "second");
}

TEST_F(WorkspaceFilesHttpTest, UploadWithoutOverwriteOfAnExistingFileIsATypedAlreadyExists) {
  m_workspace->upload_file("/Shared/lock.json", "{}", false);
  try {
    m_workspace->upload_file("/Shared/lock.json", "{}", false);
    FAIL() << "the second upload succeeded";
  } catch (const api::ApiError& error) {
    EXPECT_EQ(error.code(), api::ApiErrorCode::AlreadyExists);
    EXPECT_EQ(error.status(), 409);
    EXPECT_EQ(error.message(), "Path (/Shared/lock.json) already exists.");
  }
}

TEST_F(WorkspaceFilesHttpTest, ANotebookSourceLandsWithoutItsExtension) {
  m_workspace->upload_file("/Shared/etl/ingest.py", "# Databricks notebook source\nprint(1)\n");
  json status = m_workspace->get_status("/Shared/etl/ingest");
  EXPECT_EQ(status["object_type"], "NOTEBOOK");
  EXPECT_EQ(status["language"], "PYTHON");
  EXPECT_THROW(m_workspace->get_status("/Shared/etl/ingest.py"), api::ApiError);
}

TEST_F(WorkspaceFilesHttpTest, DebugLogsNameTheUploadButNeverShowTheFileContent) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::debug);
  spdlog::set_default_logger(logger);
  m_workspace->upload_file("/Shared/settings.env", "PASSWORD=hunter2-in-a-user-file\n");
  spdlog::set_default_logger(previous);
  std::string text = captured.str();
  EXPECT_NE(text.find("import-file/Shared%2Fsettings.env?overwrite=true"), std::string::npos)
      << text;
  EXPECT_NE(text.find("(32 bytes of file content, not shown)"), std::string::npos) << text;
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
}

}  // namespace
}  // namespace bundlectl::testing
