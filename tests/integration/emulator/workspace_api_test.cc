#include "integration/emulator/emulator_fixture.h"

namespace bundlectl::testing {
namespace {

using nlohmann::json;

class WorkspaceApiTest : public EmulatorTest {
 protected:
  HttpReply import_file(const std::string& path, const std::string& base64, bool overwrite = false,
                        const std::string& format = "AUTO") {
    return client().post(
        "/api/2.0/workspace/import",
        {{"path", path}, {"format", format}, {"content", base64}, {"overwrite", overwrite}});
  }
};

TEST_F(WorkspaceApiTest, MkdirsImportExportAndGetStatus) {
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/app/state"}}).status,
            200);
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/app/state"}}).status,
            200);
  ASSERT_EQ(import_file("/Shared/app/state/deploy.lock", "eyJvd25lciI6ImEifQ==").status,
            200);  // {"owner":"a"}
  HttpReply status =
      client().get("/api/2.0/workspace/get-status?path=/Shared/app/state/deploy.lock");
  ASSERT_EQ(status.status, 200) << status.text;
  EXPECT_EQ(status.body["object_type"], "FILE");
  EXPECT_EQ(status.body["size"], 13);
  HttpReply exported = client().get("/api/2.0/workspace/export?path=/Shared/app/state/deploy.lock");
  EXPECT_EQ(exported.body["content"], "eyJvd25lciI6ImEifQ==");
  HttpReply raw = client().get(
      "/api/2.0/workspace/export?path=/Shared/app/state/deploy.lock&direct_download=true");
  EXPECT_EQ(raw.text, "{\"owner\":\"a\"}");
  EXPECT_EQ(client().get("/api/2.0/workspace/get-status?path=/Shared/app").body["object_type"],
            "DIRECTORY");
}

TEST_F(WorkspaceApiTest, DotSegmentsAreRefusedAndRepeatedSlashesCollapse) {
  for (const char* path : {"/Shared/a/../b", "/Shared/./a", "/.."}) {
    HttpReply reply = client().post("/api/2.0/workspace/mkdirs", {{"path", path}});
    EXPECT_EQ(reply.status, 400) << path;
    EXPECT_EQ(reply.body, (json{{"error_code", "INVALID_PARAMETER_VALUE"},
                                {"message", "Path (" + std::string(path) +
                                                ") must not contain '.' or '..' segments."}}))
        << path;
  }
  EXPECT_EQ(import_file("/Shared/../x.txt", "YQ==").status, 400);
  ASSERT_EQ(client().post("/api/2.0/workspace/mkdirs", {{"path", "//Shared//a///b/"}}).status, 200);
  HttpReply listed = client().get("/api/2.0/workspace/list?path=/Shared/a");
  ASSERT_EQ(listed.body["objects"].size(), 1u) << listed.text;
  EXPECT_EQ(listed.body["objects"][0]["path"], "/Shared/a/b");
}

TEST_F(WorkspaceApiTest, ImportingToTheRootIsRefused) {
  for (const char* path : {"/", "//", "/.py"}) {
    HttpReply reply = import_file(path, "IyBEYXRhYnJpY2tzIG5vdGVib29rIHNvdXJjZQ==");
    EXPECT_EQ(reply.status, 400) << path;
    EXPECT_EQ(reply.body, (json{{"error_code", "RESOURCE_ALREADY_EXISTS"},
                                {"message", "Path (/) already exists."}}))
        << path;
  }
  HttpReply root = client().get("/api/2.0/workspace/get-status?path=/");
  EXPECT_EQ(root.body["object_type"], "DIRECTORY");
}

TEST_F(WorkspaceApiTest, ImportWithoutOverwriteRefusesAnExistingPathAtomicallyLikeALock) {
  ASSERT_EQ(import_file("/Shared/lock", "YQ==").status, 200);
  HttpReply again = import_file("/Shared/lock", "Yg==");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, (json{{"error_code", "RESOURCE_ALREADY_EXISTS"},
                              {"message", "Path (/Shared/lock) already exists."}}));
  ASSERT_EQ(import_file("/Shared/lock", "Yg==", true).status, 200);
  EXPECT_EQ(client().get("/api/2.0/workspace/export?path=/Shared/lock").body["content"], "Yg==");
  HttpReply orphan = import_file("/Shared/none/x", "YQ==");
  EXPECT_EQ(orphan.status, 404);
  EXPECT_EQ(orphan.body["message"], "The parent folder (/Shared/none) does not exist.");
}

TEST_F(WorkspaceApiTest, SourceNotebooksTakeTheirLanguageAndLoseTheExtension) {
  // "# Databricks notebook source\nprint(1)\n"
  ASSERT_EQ(
      import_file("/Shared/nb.py", "IyBEYXRhYnJpY2tzIG5vdGVib29rIHNvdXJjZQpwcmludCgxKQo=").status,
      200);
  HttpReply status = client().get("/api/2.0/workspace/get-status?path=/Shared/nb");
  ASSERT_EQ(status.status, 200) << status.text;
  EXPECT_EQ(status.body["object_type"], "NOTEBOOK");
  EXPECT_EQ(status.body["language"], "PYTHON");
}

TEST_F(WorkspaceApiTest, ListShowsDirectChildrenOnlyAndDeleteNeedsRecursiveForFullFolders) {
  client().post("/api/2.0/workspace/mkdirs", {{"path", "/Shared/a/b"}});
  import_file("/Shared/a/f_1", "YQ==");
  import_file("/Shared/a/b/g", "YQ==");
  HttpReply listed = client().get("/api/2.0/workspace/list?path=/Shared/a");
  ASSERT_EQ(listed.body["objects"].size(), 2u);
  EXPECT_EQ(listed.body["objects"][0]["path"], "/Shared/a/b");
  EXPECT_EQ(listed.body["objects"][1]["path"], "/Shared/a/f_1");
  HttpReply refused = client().post("/api/2.0/workspace/delete", {{"path", "/Shared/a"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body["error_code"], "DIRECTORY_NOT_EMPTY");
  EXPECT_EQ(client()
                .post("/api/2.0/workspace/delete", {{"path", "/Shared/a"}, {"recursive", true}})
                .status,
            200);
  HttpReply gone = client().get("/api/2.0/workspace/get-status?path=/Shared/a/b/g");
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, (json{{"error_code", "RESOURCE_DOES_NOT_EXIST"},
                             {"message", "Path (/Shared/a/b/g) doesn't exist."}}));
  EXPECT_EQ(client().get("/api/2.0/workspace/list?path=/Shared/a").status, 404);
}

}  // namespace
}  // namespace bundlectl::testing
