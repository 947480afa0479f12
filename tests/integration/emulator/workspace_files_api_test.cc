#include <filesystem>
#include <fstream>
#include <string>

#include "bundlectl/util/base64.h"
#include "integration/emulator/emulator_fixture.h"
#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

const std::string k_import_file = "/api/2.0/workspace-files/import-file";

class WorkspaceFilesApiTest : public EmulatorTest {
 protected:
  HttpReply upload(const std::string& path, const std::string& bytes, const char* overwrite) {
    return client().post_text(k_import_file + path + "?overwrite=" + overwrite, bytes,
                              "application/octet-stream");
  }
  json status_of(const std::string& path) {
    return client().get("/api/2.0/workspace/get-status?path=" + path).body;
  }
};

TEST_F(WorkspaceFilesApiTest, ImportFileStoresTheRawBodyAndOverwritesOnlyWhenAsked) {
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/app"}}).status, 200);
  const std::string bytes("a\0b\xff\n", 5);
  HttpReply first = upload("/Shared/app/data.bin", bytes, "false");
  ASSERT_EQ(first.status, 200) << first.text;
  EXPECT_EQ(first.body, json::object());
  json status = status_of("/Shared/app/data.bin");
  EXPECT_EQ(status["object_type"], "FILE");
  EXPECT_EQ(status["size"], 5);
  EXPECT_FALSE(status.contains("language"));
  EXPECT_EQ(
      client().get("/api/2.0/workspace/export?path=/Shared/app/data.bin&direct_download=true").text,
      bytes);

  HttpReply again = upload("/Shared/app/data.bin", "new", "false");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body, (json{{"error_code", "RESOURCE_ALREADY_EXISTS"},
                              {"message", "Path (/Shared/app/data.bin) already exists."}}));
  ASSERT_EQ(upload("/Shared/app/data.bin", "new", "true").status, 200);
  EXPECT_EQ(
      client().get("/api/2.0/workspace/export?path=/Shared/app/data.bin&direct_download=true").text,
      "new");
  EXPECT_EQ(status_of("/Shared/app/data.bin")["object_id"], status["object_id"]);
}

TEST_F(WorkspaceFilesApiTest, AMissingParentIsNotFoundAsOnDatabricks) {
  HttpReply orphan = upload("/Shared/none/deeper/x.txt", "x", "true");
  EXPECT_EQ(orphan.status, 404);
  EXPECT_EQ(orphan.body,
            (json{{"error_code", "RESOURCE_DOES_NOT_EXIST"},
                  {"message", "The parent folder (/Shared/none/deeper) does not exist."}}));
  EXPECT_EQ(client().get("/api/2.0/workspace/get-status?path=/Shared/none").status, 404);
}

TEST_F(WorkspaceFilesApiTest, NotebookSourcesLoseTheirExtensionAndOtherFilesKeepIt) {
  ASSERT_EQ(upload("/Shared/nb.py", "# Databricks notebook source\nprint(1)\n", "true").status,
            200);
  ASSERT_EQ(upload("/Shared/q.sql", "-- Databricks notebook source\nSELECT 1\n", "true").status,
            200);
  ASSERT_EQ(upload("/Shared/s.scala", "// Databricks notebook source\nval x = 1\n", "true").status,
            200);
  ASSERT_EQ(upload("/Shared/r.r", "# Databricks notebook source\nx <- 1\n", "true").status, 200);
  ASSERT_EQ(
      upload("/Shared/j.ipynb", R"({"cells": [], "metadata": {}, "nbformat": 4})", "true").status,
      200);
  ASSERT_EQ(upload("/Shared/plain.py", "print(2)\n", "true").status, 200);
  ASSERT_EQ(upload("/Shared/.py", "# Databricks notebook source\n", "true").status, 200);
  const std::pair<const char*, const char*> notebooks[] = {{"/Shared/nb", "PYTHON"},
                                                           {"/Shared/q", "SQL"},
                                                           {"/Shared/s", "SCALA"},
                                                           {"/Shared/r", "R"},
                                                           {"/Shared/j", "PYTHON"}};
  for (const auto& [path, language] : notebooks) {
    json status = status_of(path);
    EXPECT_EQ(status["object_type"], "NOTEBOOK") << path;
    EXPECT_EQ(status["language"], language) << path;
  }
  EXPECT_EQ(status_of("/Shared/plain.py")["object_type"], "FILE");
  EXPECT_EQ(status_of("/Shared/.py")["object_type"], "FILE");
  EXPECT_EQ(client().get("/api/2.0/workspace/get-status?path=/Shared/nb.py").status, 404);

  HttpReply again = upload("/Shared/nb.py", "# Databricks notebook source\n", "false");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, (json{{"error_code", "RESOURCE_ALREADY_EXISTS"},
                              {"message", "Path (/Shared/nb) already exists."}}));
}

TEST_F(WorkspaceFilesApiTest, WorkspaceImportWithAutoKnowsTheSameNotebookHeaders) {
  HttpReply scala =
      client().post("/api/2.0/workspace/import",
                    {{"path", "/Shared/s.scala"},
                     {"format", "AUTO"},
                     {"content", "Ly8gRGF0YWJyaWNrcyBub3RlYm9vayBzb3VyY2UKdmFsIHggPSAx"}});
  ASSERT_EQ(scala.status, 200) << scala.text;  // "// Databricks notebook source\nval x = 1"
  EXPECT_EQ(status_of("/Shared/s")["language"], "SCALA");
}

TEST_F(WorkspaceFilesApiTest, APercentEncodedPathIsDecodedAsTheDatabricksCliSendsIt) {
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/a b"}}).status, 200);
  HttpReply reply = client().post_text(k_import_file + "/Shared%2Fa%20b%2Fc%25d.txt?overwrite=true",
                                       "x", "application/octet-stream");
  ASSERT_EQ(reply.status, 200) << reply.text;
  EXPECT_EQ(status_of("/Shared/a%20b/c%25d.txt")["path"], "/Shared/a b/c%d.txt");
}

TEST_F(WorkspaceFilesApiTest, WorkspacePrefixedPathsNameTheSameObjects) {
  ASSERT_EQ(upload("/Workspace/Shared/w.txt", "w", "true").status, 200);
  EXPECT_EQ(status_of("/Shared/w.txt")["path"], "/Shared/w.txt");
  EXPECT_EQ(client().get("/api/2.0/workspace/get-status?path=/Workspace/Shared/w.txt").status, 200);
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "/Workspace/Users/u/x"}}).status,
            200);
  EXPECT_EQ(status_of("/Users/u/x")["object_type"], "DIRECTORY");
  EXPECT_EQ(status_of("/Workspace")["object_type"], "DIRECTORY");
}

// What `unzip` (a real reader) says of an archive: its names, and the content of one entry.
struct Unzipped {
  std::string names;
  std::string tested;
};

Unzipped unzip(const TempDir& dir, const std::string& archive) {
  std::filesystem::path file = dir.path() / "export.zip";
  std::ofstream(file, std::ios::binary) << archive;
  return {run_process({"unzip", "-Z1", file.string()}).out,
          run_process({"unzip", "-tq", file.string()}).out};
}

TEST_F(WorkspaceFilesApiTest, AFolderExportsAsAZipOfNotebooksOrOfEverythingWithAuto) {
  if (!std::filesystem::exists("/usr/bin/unzip")) GTEST_SKIP() << "no unzip to read the archive";
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/exp/sub"}}).status, 200);
  ASSERT_EQ(upload("/Shared/exp/nb.py", "# Databricks notebook source\nprint(1)\n", "true").status,
            200);
  ASSERT_EQ(
      upload("/Shared/exp/sub/q.sql", "-- Databricks notebook source\nSELECT 1\n", "true").status,
      200);
  ASSERT_EQ(upload("/Shared/exp/sub/data.txt", std::string("d\0t", 3), "true").status, 200);

  HttpReply source =
      client().get("/api/2.0/workspace/export?path=/Shared/exp&format=SOURCE&direct_download=true");
  ASSERT_EQ(source.status, 200) << source.text;
  EXPECT_EQ(source.header("Content-Type"), "application/zip");
  Unzipped notebooks = unzip(m_dir, source.text);
  EXPECT_EQ(notebooks.names, "nb.py\nsub/q.sql\n");
  EXPECT_EQ(notebooks.tested, "No errors detected in compressed data of " +
                                  (m_dir.path() / "export.zip").string() + ".\n");

  HttpReply everything = client().get("/api/2.0/workspace/export?path=/Shared/exp&format=AUTO");
  ASSERT_EQ(everything.status, 200) << everything.text;
  EXPECT_EQ(everything.body["file_type"], "zip");
  Unzipped all = unzip(m_dir, *util::base64_decode(everything.body["content"].get<std::string>()));
  EXPECT_EQ(all.names, "nb.py\nsub/data.txt\nsub/q.sql\n");
  EXPECT_EQ(
      run_process({"unzip", "-p", (m_dir.path() / "export.zip").string(), "sub/data.txt"}).out,
      std::string("d\0t", 3));

  HttpReply dbc = client().get("/api/2.0/workspace/export?path=/Shared/exp&format=DBC");
  EXPECT_EQ(dbc.status, 400);
  EXPECT_EQ(dbc.body, (json{{"error_code", "INVALID_PARAMETER_VALUE"},
                            {"message",
                             "Exporting a folder in DBC format is not supported by the "
                             "emulator; use SOURCE or AUTO."}}));
}

TEST_F(WorkspaceFilesApiTest, BadPathsAndFlagsAreRefused) {
  HttpReply dots = upload("/Shared/../x.txt", "x", "true");
  EXPECT_EQ(dots.status, 400);
  EXPECT_EQ(dots.body["error_code"], "INVALID_PARAMETER_VALUE");
  HttpReply flag = upload("/Shared/x.txt", "x", "yes");
  EXPECT_EQ(flag.status, 400);
  EXPECT_EQ(flag.body, (json{{"error_code", "INVALID_PARAMETER_VALUE"},
                             {"message", "Invalid value for overwrite: expected a boolean"}}));
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/dir"}}).status, 200);
  HttpReply over_folder = upload("/Shared/dir", "x", "true");
  EXPECT_EQ(over_folder.status, 400);
  EXPECT_EQ(over_folder.body["message"], "Path (/Shared/dir) already exists.");
}

TEST_F(WorkspaceFilesApiTest, TheRequestLogListsAnsweredRequestsAfterACursorAndCanBeCleared) {
  const std::string log = "/api/2.0/emulator/requests";
  ASSERT_EQ(client().del(log).status, 200);
  json start = client().get(log).body;
  ASSERT_EQ(start["requests"], json::array());
  std::uint64_t cursor = start["last_seq"].get<std::uint64_t>();

  upload("/Shared/one.txt", "1", "true");
  client().get("/api/2.0/workspace/get-status?path=/Shared/one.txt");
  client().get("/api/2.0/no/such/thing");
  HttpReply listed = client().get(log + "?since=" + std::to_string(cursor));
  ASSERT_EQ(listed.status, 200) << listed.text;
  const json& requests = listed.body["requests"];
  ASSERT_EQ(requests.size(), 3u) << listed.text;
  EXPECT_EQ(requests[0]["method"], "POST");
  EXPECT_EQ(requests[0]["path"], "/api/2.0/workspace-files/import-file/Shared/one.txt");
  EXPECT_EQ(requests[0]["route"], "/api/2.0/workspace-files/import-file/{path...}");
  EXPECT_EQ(requests[0]["status"], 200);
  EXPECT_EQ(requests[0]["seq"], cursor + 1);
  EXPECT_EQ(requests[1]["route"], "/api/2.0/workspace/get-status");
  EXPECT_EQ(requests[2]["route"], "unmatched");
  EXPECT_EQ(requests[2]["status"], 404);
  for (const json& request : requests) {
    EXPECT_GT(request["time_ms"].get<std::int64_t>(), 0);
    EXPECT_GE(request["duration_ms"].get<double>(), 0.0);
  }
  std::uint64_t last = listed.body["last_seq"];
  EXPECT_EQ(last, cursor + 3);
  EXPECT_EQ(client().get(log + "?since=" + std::to_string(last)).body["requests"], json::array());

  ASSERT_EQ(client().del(log).status, 200);
  EXPECT_EQ(client().get(log).body["requests"], json::array());
  EXPECT_EQ(client().get(log).body["last_seq"], last);
  EXPECT_EQ(client().get(log + "?since=-1").status, 400);

  client().set_token("wrong");
  EXPECT_EQ(client().get(log).status, 403);
}

}  // namespace
}  // namespace bundlectl::testing
