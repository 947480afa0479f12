#include "cli/workspace_lookup.h"

#include <exception>

#include "bundlectl/api/api_error.h"
#include "bundlectl/core/value_json.h"
#include "cli/named_objects.h"

namespace bundlectl::cli {
namespace {

// Runs `call`, turning every exception into `error`; a network or credentials failure also
// marks the workspace unusable for the calls that follow.
template <typename Call>
bool guarded(Call&& call, std::mutex& mutex, std::string& unreachable, std::string& error) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!unreachable.empty()) {
      error = unreachable;
      return false;
    }
  }
  std::string failure;
  try {
    call();
    return true;
  } catch (const api::NetworkError& e) {
    failure = std::string("the workspace could not be reached: ") + e.what();
  } catch (const api::AuthError& e) {
    // Credentials that cannot be used fail every later call the same way.
    failure = e.what();
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex);
  if (unreachable.empty()) unreachable = failure;
  error = failure;
  return false;
}

// The fields of a SCIM user the Databricks CLI keeps (its SDK's User type); anything else the
// server sends is not part of workspace.current_user.
core::Value reported_user_fields(const api::Json& me) {
  static const char* const k_fields[] = {"active",     "displayName", "emails",  "entitlements",
                                         "externalId", "groups",      "id",      "name",
                                         "roles",      "schemas",     "userName"};
  core::Value fields = core::Value::mapping();
  if (!me.is_object()) return fields;
  for (const char* field : k_fields) {
    auto found = me.find(field);
    if (found != me.end() && !found->is_null()) fields.set(field, core::from_json(*found));
  }
  return fields;
}

}  // namespace

std::optional<config::CurrentUser> ApiWorkspaceLookup::current_user(std::string& error) {
  if (m_user) return m_user;
  api::CurrentUser user;
  if (!guarded([&] { user = m_workspace.current_user(); }, m_mutex, m_unreachable, error)) {
    return std::nullopt;
  }
  if (user.user_name.empty()) {
    error = "SCIM Me answered without a userName";
    return std::nullopt;
  }
  std::string display = user.display_name.empty() ? user.user_name : user.display_name;
  m_user =
      config::CurrentUser{user.user_name, config::short_name_of(user.user_name, user.display_name),
                          display, user.id, reported_user_fields(user.reported)};
  return m_user;
}

std::optional<std::string> ApiWorkspaceLookup::unusable() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_unreachable.empty()) return std::nullopt;
  return m_unreachable;
}

std::optional<std::string> ApiWorkspaceLookup::resolve(const std::string& kind,
                                                       const std::string& name,
                                                       std::string& error) {
  std::string id;
  if (!guarded([&] { id = find_named_object(m_workspace, kind, name); }, m_mutex, m_unreachable,
               error)) {
    return std::nullopt;
  }
  return id;
}

}  // namespace bundlectl::cli
