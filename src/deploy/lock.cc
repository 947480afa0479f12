#include "bundlectl/deploy/lock.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "bundlectl/api/api_error.h"
#include "bundlectl/api/workspace.h"
#include "bundlectl/core/exit_code.h"
#include "deploy/time_text.h"

namespace bundlectl::deploy {
namespace {

using Json = nlohmann::json;

// A lock file that vanishes between our refused create and our read of it was released in
// between; trying again a few times is enough, since each round means another holder finished.
constexpr int k_acquire_attempts = 3;

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

std::string describe_holder(const LockOwner& holder) {
  std::string text = holder.user.empty() ? "an unknown user" : holder.user;
  if (!holder.host.empty()) text += " on " + holder.host;
  if (holder.pid > 0) text += " (pid " + std::to_string(holder.pid) + ")";
  return text;
}

bool is_not_found(const api::ApiError& error) {
  return error.code() == api::ApiErrorCode::NotFound;
}

}  // namespace

std::string lock_file(const std::string& state_path) { return state_path + "/deploy.lock"; }

Json lock_to_json(const LockOwner& owner) {
  return Json{{"ID", owner.id},
              {"AcquisitionTime", rfc3339(owner.acquired)},
              {"IsForced", owner.forced},
              {"User", owner.user},
              {"Host", owner.host},
              {"Pid", owner.pid},
              {"ExpiresAt", rfc3339(owner.expires)}};
}

LockOwner lock_from_json(const Json& json, std::chrono::seconds default_expiry,
                         const std::string& origin) {
  if (!json.is_object() || !json.contains("ID") || !json["ID"].is_string()) {
    throw core::Failure(origin + ": the deploy lock is not a lock file (no string \"ID\")");
  }
  LockOwner owner;
  owner.id = json["ID"].get<std::string>();
  owner.user = json.value("User", std::string());
  owner.host = json.value("Host", std::string());
  owner.pid = json.value("Pid", std::int64_t{0});
  owner.forced = json.value("IsForced", false);
  const auto acquired = parse_rfc3339(json.value("AcquisitionTime", std::string()));
  if (!acquired) {
    throw core::Failure(origin + ": the deploy lock has no RFC 3339 \"AcquisitionTime\"");
  }
  owner.acquired = *acquired;
  const auto expires = parse_rfc3339(json.value("ExpiresAt", std::string()));
  owner.expires = expires ? *expires : *acquired + default_expiry;
  return owner;
}

DeployLock::DeployLock(api::Workspace& workspace, LockSettings settings)
    : m_workspace(workspace), m_settings(std::move(settings)) {}

DeployLock::~DeployLock() {
  try {
    release();
  } catch (const std::exception& error) {
    spdlog::warn("could not release the deploy lock {}: {}", lock_file(m_settings.state_path),
                 error.what());
  }
}

void DeployLock::acquire() {
  const auto now = m_settings.now();
  m_owner = LockOwner{random_uuid(),
                      m_settings.user,
                      host_name(),
                      static_cast<std::int64_t>(::getpid()),
                      now,
                      now + m_settings.expiry,
                      m_settings.force};
  m_workspace.mkdirs(m_settings.state_path);
  for (int attempt = 0; attempt < k_acquire_attempts; ++attempt) {
    bool written = try_write(m_settings.force);
    if (!written) {
      LockOwner holder;
      try {
        holder = read_holder();
      } catch (const api::ApiError& error) {
        if (is_not_found(error)) continue;  // released in between: try to create it again
        throw;
      }
      if (m_settings.now() < holder.expires) {
        throw core::LockHeldError("the deploy lock of target " + m_settings.target +
                                  " is held by " + describe_holder(holder) + " since " +
                                  rfc3339(holder.acquired) + "; it expires at " +
                                  rfc3339(holder.expires) + "; --force-lock takes it");
      }
      warn("the deploy lock of target " + m_settings.target + " held by " +
           describe_holder(holder) + " since " + rfc3339(holder.acquired) + " expired at " +
           rfc3339(holder.expires) + "; taking it over");
      written = try_write(true);
    }
    // Two takers of an expired lock both overwrite it: the one whose ID stayed holds it.
    const LockOwner holder = read_holder();
    if (holder.id != m_owner.id) {
      throw core::LockHeldError("the deploy lock of target " + m_settings.target +
                                " was taken at the same time by " + describe_holder(holder) +
                                "; --force-lock takes it");
    }
    m_held = true;
    return;
  }
  throw core::Failure("the deploy lock " + lock_file(m_settings.state_path) +
                      " kept changing hands; try again");
}

bool DeployLock::try_write(bool overwrite) {
  try {
    m_workspace.import_file(lock_file(m_settings.state_path), lock_to_json(m_owner).dump() + "\n",
                            overwrite, "AUTO");
    return true;
  } catch (const api::ApiError& error) {
    if (!overwrite && error.code() == api::ApiErrorCode::AlreadyExists) return false;
    throw;
  }
}

LockOwner DeployLock::read_holder() {
  const std::string path = lock_file(m_settings.state_path);
  const std::string text = m_workspace.export_file(path, "AUTO");
  const Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded()) throw core::Failure(path + ": the deploy lock is not valid JSON");
  return lock_from_json(json, m_settings.expiry, path);
}

void DeployLock::release() {
  if (!m_held) return;
  m_held = false;
  try {
    const LockOwner holder = read_holder();
    if (holder.id != m_owner.id) {
      warn("the deploy lock of target " + m_settings.target + " was forced away by " +
           describe_holder(holder) + "; leaving it to them");
      return;
    }
    m_workspace.delete_path(lock_file(m_settings.state_path));
  } catch (const api::ApiError& error) {
    if (!is_not_found(error)) throw;  // already gone: destroy deleted its folder
  }
}

void DeployLock::warn(const std::string& message) const {
  if (m_settings.warn) {
    m_settings.warn(message);
  } else {
    spdlog::warn("{}", message);
  }
}

}  // namespace bundlectl::deploy
