#include "cli/workspace_lookup.h"

#include <exception>
#include <vector>

#include "bundlectl/api/api_error.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::cli {
namespace {

std::string id_text(const api::Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return "";
}

// The ids of the objects in `items` whose `name_key` (under `settings_key`, when given) equals
// `name` exactly.
std::vector<std::string> ids_named(const std::vector<api::Json>& items, const std::string& name,
                                   const char* settings_key, const char* name_key,
                                   const char* id_key) {
  std::vector<std::string> ids;
  for (const api::Json& item : items) {
    if (!item.is_object()) continue;
    const api::Json* holder = &item;
    if (settings_key != nullptr) {
      auto settings = item.find(settings_key);
      if (settings == item.end() || !settings->is_object()) continue;
      holder = &*settings;
    }
    auto found = holder->find(name_key);
    if (found == holder->end() || !found->is_string() || found->get<std::string>() != name) {
      continue;
    }
    auto id = item.find(id_key);
    if (id != item.end() && !id_text(*id).empty()) ids.push_back(id_text(*id));
  }
  return ids;
}

std::optional<std::string> single(const std::vector<std::string>& ids, const std::string& kind,
                                  const std::string& name, std::string& error) {
  if (ids.size() == 1) return ids.front();
  if (ids.empty()) {
    error = "no " + kind + " named " + util::quoted(name) + " exists in the workspace";
  } else {
    error = std::to_string(ids.size()) + " " + kind + "s are named " + util::quoted(name) +
            " in the workspace";
  }
  return std::nullopt;
}

// Runs `call`, turning every exception into `error`; a network failure also marks the
// workspace unreachable for the calls that follow.
template <typename Call>
bool guarded(Call&& call, std::string& unreachable, std::string& error) {
  if (!unreachable.empty()) {
    error = unreachable;
    return false;
  }
  try {
    call();
    return true;
  } catch (const api::NetworkError& e) {
    unreachable = std::string("the workspace could not be reached: ") + e.what();
    error = unreachable;
  } catch (const std::exception& e) {
    error = e.what();
  }
  return false;
}

}  // namespace

std::optional<config::CurrentUser> ApiWorkspaceLookup::current_user(std::string& error) {
  if (m_user) return m_user;
  api::CurrentUser user;
  if (!guarded([&] { user = m_workspace.current_user(); }, m_unreachable, error)) {
    return std::nullopt;
  }
  if (user.user_name.empty()) {
    error = "SCIM Me answered without a userName";
    return std::nullopt;
  }
  std::string display = user.display_name.empty() ? user.user_name : user.display_name;
  m_user =
      config::CurrentUser{user.user_name, config::short_name_of(user.user_name), display, user.id};
  return m_user;
}

std::optional<std::string> ApiWorkspaceLookup::resolve(const std::string& kind,
                                                       const std::string& name,
                                                       std::string& error) {
  if (kind == "job") return resolve_job(name, error);
  if (kind == "pipeline") return resolve_pipeline(name, error);
  error = "lookup of " + kind + " is not supported yet";
  return std::nullopt;
}

std::optional<std::string> ApiWorkspaceLookup::resolve_job(const std::string& name,
                                                           std::string& error) {
  std::vector<api::Json> jobs;
  if (!guarded([&] { jobs = m_workspace.list_jobs(name); }, m_unreachable, error)) {
    return std::nullopt;
  }
  return single(ids_named(jobs, name, "settings", "name", "job_id"), "job", name, error);
}

std::optional<std::string> ApiWorkspaceLookup::resolve_pipeline(const std::string& name,
                                                                std::string& error) {
  std::vector<api::Json> pipelines;
  std::string quoted_name;
  for (char c : name) quoted_name += c == '\'' ? std::string("''") : std::string(1, c);
  if (!guarded([&] { pipelines = m_workspace.list_pipelines("name = '" + quoted_name + "'"); },
               m_unreachable, error)) {
    return std::nullopt;
  }
  return single(ids_named(pipelines, name, nullptr, "name", "pipeline_id"), "pipeline", name,
                error);
}

}  // namespace bundlectl::cli
