#include "emulator/store.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace bundlectl::emulator {
namespace {

WorkspaceObject folder(const std::string& path) { return {path, "DIRECTORY", 1, "", "", 0, 0}; }

std::vector<std::string> paths(const std::vector<WorkspaceObject>& objects) {
  std::vector<std::string> out;
  for (const WorkspaceObject& object : objects) out.push_back(object.path);
  return out;
}

TEST(StoreTest, ChildrenAndDeleteTreeTreatLikeWildcardsInPathsLiterally) {
  Store store(":memory:");
  for (const char* path : {"/a_b", "/a_b/x", "/a_b/x/deep", "/axb", "/axb/y", "/a_b%"}) {
    store.put_object(folder(path));
  }
  EXPECT_EQ(paths(store.children("/a_b")), (std::vector<std::string>{"/a_b/x"}));
  EXPECT_EQ(paths(store.children("/")), (std::vector<std::string>{"/a_b", "/a_b%", "/axb"}));
  EXPECT_EQ(store.delete_tree("/a_b"), 3u);
  EXPECT_TRUE(store.object("/axb/y"));
  EXPECT_TRUE(store.object("/a_b%"));
}

TEST(StoreTest, RunsVersionMovesOnLocalRunWritesAndOnOtherConnectionsCommits) {
  testing::TempDir dir;
  std::string file = (dir.path() / "ws.db").string();
  Store first(file);
  Store second(file);
  std::int64_t before = first.runs_version();
  EXPECT_EQ(first.runs_version(), before);
  emulator::Run run;
  run.run_id = 9;
  first.save_run(run);
  std::int64_t after_local = first.runs_version();
  EXPECT_NE(after_local, before);
  EXPECT_TRUE(second.run(9));
  second.delete_run(9);
  EXPECT_NE(first.runs_version(), after_local);
  EXPECT_FALSE(first.run(9));
}

TEST(StoreTest, RunNumbersCountPerJob) {
  Store store(":memory:");
  store.put_job(1, {{"job_id", 1}, {"settings", {{"name", "a"}}}});
  store.put_job(2, {{"job_id", 2}, {"settings", {{"name", "b"}}}});
  EXPECT_EQ(store.next_run_number(1), 1);
  EXPECT_EQ(store.next_run_number(1), 2);
  EXPECT_EQ(store.next_run_number(2), 1);
  EXPECT_EQ(store.next_run_number(3), 0);
}

}  // namespace
}  // namespace bundlectl::emulator
