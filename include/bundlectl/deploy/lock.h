// The deploy lock: one file, ${workspace.state_path}/deploy.lock, created with an import that
// refuses to overwrite, so of two deploys of one target only one proceeds. Its JSON carries
// the Databricks CLI's fields (ID, AcquisitionTime, IsForced, User), so either tool sees the
// other's lock, plus the host, pid and expiry bundlectl adds to say who holds it and until
// when.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace bundlectl::api {
class Workspace;
}

namespace bundlectl::deploy {

inline constexpr std::chrono::seconds k_default_lock_expiry{30 * 60};

struct LockOwner {
  std::string id;    // a random UUID per holder
  std::string user;  // the workspace user who deploys
  std::string host;  // the machine's host name ("" in a lock the Databricks CLI wrote)
  std::int64_t pid = 0;
  std::chrono::system_clock::time_point acquired;
  std::chrono::system_clock::time_point expires;
  bool forced = false;
};

nlohmann::json lock_to_json(const LockOwner& owner);
// A lock without an expiry (the Databricks CLI's) expires `default_expiry` after it was taken.
// Throws core::Failure naming `origin` when the document is not a lock.
LockOwner lock_from_json(const nlohmann::json& json, std::chrono::seconds default_expiry,
                         const std::string& origin);

struct LockSettings {
  std::string state_path;  // ${workspace.state_path}
  std::string target;      // for messages
  std::string user;
  std::chrono::seconds expiry = k_default_lock_expiry;
  bool force = false;  // --force-lock: take the lock whoever holds it
  std::function<std::chrono::system_clock::time_point()> now = std::chrono::system_clock::now;
  std::function<void(const std::string&)> warn;  // unset: spdlog's warn
};

std::string lock_file(const std::string& state_path);  // <state_path>/deploy.lock

class DeployLock {
 public:
  DeployLock(api::Workspace& workspace, LockSettings settings);
  ~DeployLock();  // releases a held lock; never throws
  DeployLock(const DeployLock&) = delete;
  DeployLock& operator=(const DeployLock&) = delete;

  // Takes the lock, or throws core::LockHeldError naming the holder. An expired lock is taken
  // over with a warning; with `force`, any lock is.
  void acquire();
  // Deletes the lock file if it is still ours (a lock forced away by someone else is left to
  // them, with a warning). A lock file already gone (destroy removed its folder) is fine.
  void release();
  bool held() const { return m_held; }
  const LockOwner& owner() const { return m_owner; }

 private:
  bool try_write(bool overwrite);
  LockOwner read_holder();
  void warn(const std::string& message) const;

  api::Workspace& m_workspace;
  LockSettings m_settings;
  LockOwner m_owner;
  bool m_held = false;
};

}  // namespace bundlectl::deploy
