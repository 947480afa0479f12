// sync_files against the real emulator over HTTP: a first sync uploads everything, a second
// nothing (the request log shows no write), one change is one upload, one deletion one
// delete, notebooks land without their extension.
#include "bundlectl/deploy/file_sync.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <mutex>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/config/load.h"
#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

const std::string k_user = "emulator-user@example.com";
const std::string k_files = "/Users/" + k_user + "/.bundle/demo/dev/files";

class FileSyncTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    connect();
    write_bundle("");
  }

  void connect(std::optional<api::RetryPolicy> retry = std::nullopt) {
    api::AuthConfig config;
    config.host = {m_emulator.base_url(), "test"};
    config.auth_type = {api::k_auth_pat, "test"};
    config.token = {api::Secret(m_emulator.token()), "test"};
    api::WorkspaceOptions options;
    options.rate_limit = 1000;  // the default 15/s is the client's, not what is tested here
    options.retry = retry;
    m_workspace = api::make_workspace(config, options);
  }

  void write_bundle(const std::string& sync) {
    m_bundle_dir.write("databricks.yml",
                       "bundle:\n  name: demo\n"
                       "workspace:\n  root_path: /Users/" +
                           k_user + "/.bundle/${bundle.name}/${bundle.target}\n" + sync +
                           "targets:\n  dev:\n    default: true\n");
  }

  config::Bundle load() {
    config::LoadOptions options;
    options.chdir = m_bundle_dir.path();
    options.user = k_user;
    options.environment = [](const std::string&) { return std::nullopt; };
    config::LoadResult result = config::load_bundle(options);
    EXPECT_TRUE(result.complete);
    return std::move(result.bundle);
  }

  deploy::SyncResult sync(const deploy::FileHashes& previous, std::size_t concurrency = 4) {
    deploy::SyncOptions options;
    options.concurrency = concurrency;
    options.on_synced = [this](const std::string& path, const std::string& hash) {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_synced.push_back(path + (hash.empty() ? " deleted" : " uploaded"));
    };
    m_synced.clear();
    m_cursor = client().get("/api/2.0/emulator/requests").body["last_seq"].get<std::uint64_t>();
    return deploy::sync_files(*m_workspace, load(), previous, options);
  }

  // "METHOD route status" of every request the last sync made, reads included.
  Lines requests() {
    json log = client().get("/api/2.0/emulator/requests?since=" + std::to_string(m_cursor)).body;
    Lines out;
    for (const json& r : log["requests"]) {
      out.push_back(r["method"].get<std::string>() + " " + r["route"].get<std::string>() + " " +
                    std::to_string(r["status"].get<int>()));
    }
    return out;
  }
  Lines writes() {
    Lines out;
    for (const std::string& line : requests()) {
      if (line.rfind("GET ", 0) != 0) out.push_back(line);
    }
    return out;
  }
  std::string object_type(const std::string& path) {
    HttpReply reply = client().get("/api/2.0/workspace/get-status?path=" + k_files + "/" + path);
    return reply.status == 404 ? "missing" : reply.body.value("object_type", "?");
  }
  Lines synced() {
    std::sort(m_synced.begin(), m_synced.end());
    return m_synced;
  }

  TempDir m_bundle_dir;
  std::unique_ptr<api::Workspace> m_workspace;
  std::mutex m_mutex;
  Lines m_synced;
  std::uint64_t m_cursor = 0;
};

const std::string k_upload = "POST /api/2.0/workspace-files/import-file/{path...} 200";

TEST_F(FileSyncTest, FirstSyncUploadsAllThenNothingThenOneUploadAndOneDelete) {
  m_bundle_dir.write(".gitignore", "*.log\n");
  m_bundle_dir.write("debug.log", "noise");
  m_bundle_dir.write(".bundlectl/dev/resources.json", "{}");
  m_bundle_dir.write("src/ingest.py", "# Databricks notebook source\nprint(1)\n");
  m_bundle_dir.write("src/lib/util.py", "def f():\n  return 1\n");

  deploy::SyncResult first = sync({});
  EXPECT_EQ(first.uploaded, 4u);
  EXPECT_EQ(first.unchanged, 0u);
  EXPECT_EQ(synced(), (Lines{".gitignore uploaded", "databricks.yml uploaded",
                             "src/ingest.py uploaded", "src/lib/util.py uploaded"}));
  Lines first_writes = writes();
  EXPECT_EQ(std::count(first_writes.begin(), first_writes.end(), k_upload), 4);
  // One mkdirs for the deepest new folder (files/src/lib makes files/ and files/src too):
  // no import had to retry.
  EXPECT_EQ(
      std::count(first_writes.begin(), first_writes.end(), "POST /api/2.0/workspace/mkdirs 200"),
      1);
  EXPECT_EQ(first_writes.size(), 5u);
  EXPECT_EQ(object_type("src/ingest"), "NOTEBOOK");
  EXPECT_EQ(object_type("src/ingest.py"), "missing");
  EXPECT_EQ(object_type("src/lib/util.py"), "FILE");
  EXPECT_EQ(object_type("debug.log"), "missing");
  EXPECT_EQ(object_type(".bundlectl"), "missing");
  EXPECT_EQ(first.files.size(), 4u);

  deploy::SyncResult second = sync(first.files);
  EXPECT_EQ(second.uploaded, 0u);
  EXPECT_EQ(second.deleted, 0u);
  EXPECT_EQ(second.unchanged, 4u);
  EXPECT_EQ(second.files, first.files);
  EXPECT_EQ(requests(), Lines{});  // not even a read
  EXPECT_EQ(synced(), Lines{});

  m_bundle_dir.write("src/lib/util.py", "def f():\n  return 2\n");
  deploy::SyncResult third = sync(second.files);
  EXPECT_EQ(writes(), Lines{k_upload});
  EXPECT_EQ(synced(), Lines{"src/lib/util.py uploaded"});
  EXPECT_NE(third.files.at("src/lib/util.py"), second.files.at("src/lib/util.py"));
  EXPECT_EQ(m_workspace->export_file(k_files + "/src/lib/util.py"), "def f():\n  return 2\n");

  std::filesystem::remove(m_bundle_dir.path() / "src/ingest.py");
  deploy::SyncResult fourth = sync(third.files);
  EXPECT_EQ(writes(), Lines{"POST /api/2.0/workspace/delete 200"});
  EXPECT_EQ(synced(), Lines{"src/ingest.py deleted"});
  EXPECT_EQ(fourth.deleted, 1u);
  EXPECT_EQ(fourth.files.count("src/ingest.py"), 0u);
  EXPECT_EQ(object_type("src/ingest"), "missing");
}

TEST_F(FileSyncTest, FoldersLeftWithoutFilesAreRemovedDeepestFirst) {
  m_bundle_dir.write("a/b/c/one.txt", "1");
  m_bundle_dir.write("a/b/two.txt", "2");
  m_bundle_dir.write("a/keep.txt", "k");
  deploy::SyncResult first = sync({});
  std::filesystem::remove_all(m_bundle_dir.path() / "a/b");
  deploy::SyncResult second = sync(first.files);
  EXPECT_EQ(second.deleted, 2u);
  Lines all = writes();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[2], "POST /api/2.0/workspace/delete 200");  // a/b/c
  EXPECT_EQ(all[3], "POST /api/2.0/workspace/delete 200");  // then a/b
  EXPECT_EQ(object_type("a/b"), "missing");
  EXPECT_EQ(object_type("a/keep.txt"), "FILE");

  // A folder someone filled outside the bundle stays.
  m_bundle_dir.write("x/mine.txt", "m");
  deploy::SyncResult third = sync(second.files);
  m_workspace->upload_file(k_files + "/x/theirs.txt", "t");
  std::filesystem::remove_all(m_bundle_dir.path() / "x");
  sync(third.files);
  EXPECT_EQ(object_type("x/mine.txt"), "missing");
  EXPECT_EQ(object_type("x/theirs.txt"), "FILE");
}

TEST_F(FileSyncTest, AFileThatBecomesAFolderAndAFolderThatBecomesAFileAreReplaced) {
  m_bundle_dir.write("conf", "a file");
  m_bundle_dir.write("data/rows.csv", "1,2");
  deploy::SyncResult first = sync({});
  std::filesystem::remove(m_bundle_dir.path() / "conf");
  std::filesystem::remove_all(m_bundle_dir.path() / "data");
  m_bundle_dir.write("conf/app.yml", "a: 1");
  m_bundle_dir.write("data", "now a file");
  deploy::SyncResult second = sync(first.files);
  EXPECT_EQ(second.uploaded, 2u);
  EXPECT_EQ(second.deleted, 2u);
  EXPECT_EQ(object_type("conf"), "DIRECTORY");
  EXPECT_EQ(m_workspace->export_file(k_files + "/conf/app.yml"), "a: 1");
  EXPECT_EQ(m_workspace->export_file(k_files + "/data"), "now a file");
}

TEST_F(FileSyncTest, AFileThatBecomesANotebookReplacesItsOldSelf) {
  m_bundle_dir.write("src/job.py", "print(1)\n");
  deploy::SyncResult first = sync({});
  EXPECT_EQ(object_type("src/job.py"), "FILE");
  m_bundle_dir.write("src/job.py", "# Databricks notebook source\nprint(1)\n");
  sync(first.files);
  EXPECT_EQ(object_type("src/job"), "NOTEBOOK");
  EXPECT_EQ(object_type("src/job.py"), "missing");
  EXPECT_EQ(writes(), (Lines{k_upload, "POST /api/2.0/workspace/delete 200"}));
}

TEST_F(FileSyncTest, ManyFilesGoWithSeveralInFlightAndEachIsReportedOnce) {
  for (int i = 0; i < 60; ++i) {
    m_bundle_dir.write("data/part" + std::to_string(i % 3) + "/f" + std::to_string(i) + ".txt",
                       std::to_string(i));
  }
  deploy::SyncResult result = sync({}, 8);
  EXPECT_EQ(result.uploaded, 61u);  // with databricks.yml
  EXPECT_EQ(synced().size(), 61u);
  Lines all = writes();
  EXPECT_EQ(std::count(all.begin(), all.end(), k_upload), 61);
  EXPECT_EQ(std::count(all.begin(), all.end(), "POST /api/2.0/workspace/mkdirs 200"), 3);
  EXPECT_EQ(m_workspace->export_file(k_files + "/data/part2/f59.txt"), "59");
}

TEST_F(FileSyncTest, SyncIncludeAndExcludeFromTheBundleAreHonouredAndOddNamesRoundTrip) {
  write_bundle("sync:\n  include:\n    - dist/*.whl\n  exclude:\n    - tests\n");
  m_bundle_dir.write(".gitignore", "dist/\n");
  m_bundle_dir.write("dist/app.whl", "wheel");
  m_bundle_dir.write("dist/other.txt", "x");
  m_bundle_dir.write("tests/test_a.py", "x");
  m_bundle_dir.write("main.py", "x");
  m_bundle_dir.write("odd/a b+c#d%?.txt", "odd");
  m_bundle_dir.write("odd/empty", "");
  deploy::SyncResult result = sync({});
  Lines paths;
  for (const auto& [path, hash] : result.files) paths.push_back(path);
  EXPECT_EQ(paths, (Lines{".gitignore", "databricks.yml", "dist/app.whl", "main.py",
                          "odd/a b+c#d%?.txt", "odd/empty"}));
  EXPECT_EQ(m_workspace->export_file(k_files + "/odd/a b+c#d%?.txt"), "odd");
  EXPECT_EQ(m_workspace->export_file(k_files + "/odd/empty"), "");
}

TEST_F(FileSyncTest, AFileThatCannotBeReadIsAClearErrorAndNothingIsSent) {
  m_bundle_dir.write("main.py", "x");
  ASSERT_EQ(mkfifo((m_bundle_dir.path() / "pipe").c_str(), 0600), 0);
  try {
    sync({});
    FAIL() << "a FIFO was synced";
  } catch (const core::Failure& failure) {
    EXPECT_EQ(
        std::string(failure.what()),
        "file sync: cannot read pipe: it is a FIFO (named pipe), not a regular file (add it to "
        ".gitignore or sync.exclude to leave it out)");
  }
  EXPECT_EQ(requests(), Lines{});
}

TEST_F(FileSyncTest, ASyncPathOutsideTheRootIsRefusedAtItsLine) {
  write_bundle("sync:\n  paths:\n    - ../elsewhere\n");
  try {
    sync({});
    FAIL() << "a sync path outside the root was accepted";
  } catch (const core::Failure& failure) {
    EXPECT_EQ(std::string(failure.what()),
              "databricks.yml:7:7: sync.paths entry \"../elsewhere\" is outside the bundle "
              "root; bundlectl syncs files under the bundle root only");
  }
}

TEST_F(FileSyncTest, TheFirstFailedCallStopsTheSyncAndIsThrown) {
  emulator::ServerOptions options;
  options.faults = {emulator::parse_fault_rule("workspace-files/*:403:1")};
  start(options);
  connect();
  m_bundle_dir.write("main.py", "x");
  try {
    sync({}, 1);
    FAIL() << "the sync succeeded";
  } catch (const api::ApiError& error) {
    EXPECT_EQ(error.status(), 403);
  }
  EXPECT_EQ(synced(), Lines{});
}

TEST_F(FileSyncTest, A30PercentStormOf429And503OnWritesIsRiddenOutAndTheResultIsExact) {
  emulator::ServerOptions options;
  options.fault_seed = 7;
  options.faults = {emulator::parse_fault_rule("workspace-files/*:503:0.3:0"),
                    emulator::parse_fault_rule("workspace/mkdirs:429:0.3:0"),
                    emulator::parse_fault_rule("workspace/delete:503:0.3:0")};
  start(options);
  api::RetryPolicy retry;
  retry.max_attempts = 30;
  retry.initial_backoff = std::chrono::milliseconds(1);
  retry.max_backoff = std::chrono::milliseconds(5);
  connect(retry);
  for (int i = 0; i < 30; ++i) {
    m_bundle_dir.write("src/d" + std::to_string(i % 5) + "/f" + std::to_string(i) + ".txt",
                       std::to_string(i));
  }
  deploy::SyncResult first = sync({}, 6);
  EXPECT_EQ(first.uploaded, 31u);
  EXPECT_EQ(synced().size(), 31u);  // each reported once, however often it was tried
  Lines all = requests();
  long faults = std::count_if(all.begin(), all.end(), [](const std::string& line) {
    return line.find(" 503") != std::string::npos || line.find(" 429") != std::string::npos;
  });
  EXPECT_GT(faults, 3) << "the storm never hit";
  for (int i = 0; i < 30; i += 7) {
    EXPECT_EQ(m_workspace->export_file(k_files + "/src/d" + std::to_string(i % 5) + "/f" +
                                       std::to_string(i) + ".txt"),
              std::to_string(i));
  }
  for (int i = 0; i < 10; ++i) {
    std::filesystem::remove(m_bundle_dir.path() /
                            ("src/d" + std::to_string(i % 5) + "/f" + std::to_string(i) + ".txt"));
  }
  deploy::SyncResult second = sync(first.files, 6);
  EXPECT_EQ(second.deleted, 10u);
  EXPECT_EQ(second.files.size(), 21u);
  EXPECT_EQ(object_type("src/d0/f0.txt"), "missing");
  EXPECT_EQ(object_type("src/d0/f10.txt"), "FILE");
}

}  // namespace
}  // namespace bundlectl::testing
