// The deploy lock against an emulated workspace over HTTP: who holds it, for how long, and
// what a second deployer is told.
#include "bundlectl/deploy/lock.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "bundlectl/core/exit_code.h"
#include "deploy/time_text.h"
#include "integration/deploy/embedded_workspace.h"

namespace bundlectl::deploy {
namespace {

using namespace std::chrono_literals;
using testing::EmbeddedWorkspace;

const std::string k_state_path = "/Workspace/Shared/sales/prod/state";

WallTime at(const std::string& text) { return *parse_rfc3339(text); }

LockSettings settings_for(const std::string& user, const std::string& time,
                          std::vector<std::string>* warnings = nullptr) {
  LockSettings settings;
  settings.state_path = k_state_path;
  settings.target = "prod";
  settings.user = user;
  const WallTime now = at(time);
  settings.now = [now] { return now; };
  if (warnings != nullptr) {
    settings.warn = [warnings](const std::string& message) { warnings->push_back(message); };
  }
  return settings;
}

std::string this_host() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

std::string holder_text(const std::string& user) {
  return user + " on " + this_host() + " (pid " + std::to_string(::getpid()) + ")";
}

nlohmann::json lock_json(EmbeddedWorkspace& workspace) {
  return nlohmann::json::parse(workspace->export_file(lock_file(k_state_path), "AUTO"));
}

TEST(DeployLockTest, HoldsTheDatabricksFieldsAndIsDeletedOnRelease) {
  EmbeddedWorkspace workspace;
  DeployLock lock(*workspace, settings_for("jane@x.com", "2026-12-04T10:00:00Z"));
  lock.acquire();
  const nlohmann::json json = lock_json(workspace);
  EXPECT_EQ(json["User"], "jane@x.com");
  EXPECT_EQ(json["AcquisitionTime"], "2026-12-04T10:00:00Z");
  EXPECT_EQ(json["ExpiresAt"], "2026-12-04T10:30:00Z");
  EXPECT_EQ(json["IsForced"], false);
  EXPECT_EQ(json["Pid"], ::getpid());
  EXPECT_EQ(json["ID"], lock.owner().id);
  lock.release();
  EXPECT_THROW(workspace->get_status(lock_file(k_state_path)), core::Failure);
}

TEST(DeployLockTest, ASecondDeployerIsToldWhoHoldsItAndUntilWhen) {
  EmbeddedWorkspace workspace;
  DeployLock first(*workspace, settings_for("jane@x.com", "2026-12-04T10:00:00Z"));
  first.acquire();
  DeployLock second(*workspace, settings_for("bob@x.com", "2026-12-04T10:10:00Z"));
  try {
    second.acquire();
    FAIL() << "a held lock was taken";
  } catch (const core::LockHeldError& error) {
    EXPECT_EQ(std::string(error.what()),
              "the deploy lock of target prod is held by " + holder_text("jane@x.com") +
                  " since 2026-12-04T10:00:00Z; it expires at 2026-12-04T10:30:00Z; "
                  "--force-lock takes it");
  }
  EXPECT_EQ(lock_json(workspace)["User"], "jane@x.com");
}

TEST(DeployLockTest, AnExpiredLockIsTakenOverWithAWarning) {
  EmbeddedWorkspace workspace;
  DeployLock first(*workspace, settings_for("jane@x.com", "2026-12-04T10:00:00Z"));
  first.acquire();
  std::vector<std::string> warnings;
  DeployLock second(*workspace, settings_for("bob@x.com", "2026-12-04T10:31:00Z", &warnings));
  second.acquire();
  EXPECT_EQ(lock_json(workspace)["User"], "bob@x.com");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "the deploy lock of target prod held by " + holder_text("jane@x.com") +
                             " since 2026-12-04T10:00:00Z expired at 2026-12-04T10:30:00Z; "
                             "taking it over");
}

TEST(DeployLockTest, ForceTakesAHeldLockAndTheFormerHolderLeavesIt) {
  EmbeddedWorkspace workspace;
  std::vector<std::string> warnings;
  DeployLock first(*workspace, settings_for("jane@x.com", "2026-12-04T10:00:00Z", &warnings));
  first.acquire();
  LockSettings forced = settings_for("bob@x.com", "2026-12-04T10:05:00Z");
  forced.force = true;
  DeployLock second(*workspace, forced);
  second.acquire();
  EXPECT_EQ(lock_json(workspace)["IsForced"], true);
  first.release();
  EXPECT_EQ(lock_json(workspace)["User"], "bob@x.com") << "the former holder deleted it";
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "the deploy lock of target prod was forced away by " +
                             holder_text("bob@x.com") + "; leaving it to them");
}

TEST(DeployLockTest, ALockTheDatabricksCliWroteIsUnderstood) {
  EmbeddedWorkspace workspace;
  workspace->mkdirs(k_state_path);
  workspace->import_file(lock_file(k_state_path),
                         R"({"ID":"5e0c9f5a-1111-4222-8333-944455556666",)"
                         R"("AcquisitionTime":"2026-12-04T11:00:00.123456789+01:00",)"
                         R"("IsForced":false,"User":"carol@x.com"})",
                         false, "AUTO");
  DeployLock lock(*workspace, settings_for("jane@x.com", "2026-12-04T10:20:00Z"));
  try {
    lock.acquire();
    FAIL() << "the Databricks CLI's lock was ignored";
  } catch (const core::LockHeldError& error) {
    EXPECT_STREQ(error.what(),
                 "the deploy lock of target prod is held by carol@x.com since "
                 "2026-12-04T10:00:00Z; it expires at 2026-12-04T10:30:00Z; --force-lock takes "
                 "it");
  }
}

TEST(DeployLockTest, ReleasingALockAlreadyDeletedIsFine) {
  EmbeddedWorkspace workspace;
  DeployLock lock(*workspace, settings_for("jane@x.com", "2026-12-04T10:00:00Z"));
  lock.acquire();
  workspace->delete_path("/Workspace/Shared/sales", /*recursive=*/true);
  EXPECT_NO_THROW(lock.release());
  EXPECT_FALSE(lock.held());
}

TEST(LockTimeTest, ReadsRfc3339WithOffsetsAndRefusesOtherText) {
  EXPECT_EQ(rfc3339(at("2026-12-04T11:00:00+01:00")), "2026-12-04T10:00:00Z");
  EXPECT_EQ(rfc3339(at("2026-12-04T09:30:00.5-00:30")), "2026-12-04T10:00:00Z");
  EXPECT_FALSE(parse_rfc3339("2026-12-04 10:00:00Z").has_value());
  EXPECT_FALSE(parse_rfc3339("2026-13-04T10:00:00Z").has_value());
  EXPECT_FALSE(parse_rfc3339("2026-12-04T10:00:00").has_value());
  EXPECT_FALSE(parse_rfc3339("").has_value());
}

}  // namespace
}  // namespace bundlectl::deploy
