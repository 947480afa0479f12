// Workspace API 2.0 (files and folders), SCIM Me, and Permissions.
#include "api/rest_workspace.h"
#include "bundlectl/api/api_error.h"

namespace bundlectl::api {
namespace {

std::string workspace(const char* endpoint) { return std::string(k_workspace_api) + endpoint; }

std::string permissions(const std::string& object_type, const std::string& object_id) {
  return std::string(k_permissions_api) + "/" + url_encode(object_type) + "/" +
         url_encode(object_id);
}

CallOptions idempotent() {
  CallOptions options;
  options.idempotency = Idempotency::Idempotent;
  return options;
}

}  // namespace

void RestWorkspace::mkdirs(const std::string& path) {
  call(Method::Post, workspace("/mkdirs"), {{"path", path}}, idempotent());
}

void RestWorkspace::import_file(const std::string& path, const std::string& content, bool overwrite,
                                const std::string& format) {
  Json body = {{"path", path},
               {"content", base64_encode(content)},
               {"format", format},
               {"overwrite", overwrite}};
  CallOptions options;
  // Writing the same bytes again over the same path changes nothing.
  if (overwrite) options.idempotency = Idempotency::Idempotent;
  call(Method::Post, workspace("/import"), body, options);
}

std::string RestWorkspace::export_file(const std::string& path, const std::string& format) {
  Json answer = get(workspace("/export"), {{"path", path}, {"format", format}});
  return base64_decode(answer.value("content", std::string()));
}

Json RestWorkspace::get_status(const std::string& path) {
  return get(workspace("/get-status"), {{"path", path}});
}

std::vector<Json> RestWorkspace::list_directory(const std::string& path) {
  Json answer = get(workspace("/list"), {{"path", path}});
  std::vector<Json> objects;
  if (auto it = answer.find("objects"); it != answer.end() && it->is_array()) {
    for (Json& object : *it) objects.push_back(std::move(object));
  }
  return objects;
}

void RestWorkspace::delete_path(const std::string& path, bool recursive) {
  call(Method::Post, workspace("/delete"), {{"path", path}, {"recursive", recursive}},
       idempotent());
}

void RestWorkspace::upload_file(const std::string& path, const std::string& bytes, bool overwrite) {
  // The path is one URL segment, its slashes encoded too, as the Databricks CLI sends it.
  std::size_t start = path.find_first_not_of('/');
  std::string relative = start == std::string::npos ? "" : path.substr(start);
  std::string url = std::string(k_workspace_files_api) + "/import-file/" + url_encode(relative) +
                    "?overwrite=" + (overwrite ? "true" : "false");
  CallOptions options;
  // Writing the same bytes again over the same path changes nothing.
  if (overwrite) options.idempotency = Idempotency::Idempotent;
  try {
    m_client->call_with_bytes(Method::Post, url, bytes, options);
    return;
  } catch (const ApiError& error) {
    // 404 is the parent folder missing: the API does not make parents, mkdirs does.
    if (error.status() != 404) throw;
  }
  std::size_t slash = path.rfind('/');
  mkdirs(slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash));
  m_client->call_with_bytes(Method::Post, url, bytes, options);
}

CurrentUser RestWorkspace::current_user() {
  Json me = call(Method::Get, k_scim_me);
  CurrentUser user;
  user.id = me.value("id", std::string());
  user.user_name = me.value("userName", std::string());
  user.display_name = me.value("displayName", std::string());
  user.reported = std::move(me);
  return user;
}

Json RestWorkspace::get_permissions(const std::string& object_type, const std::string& object_id) {
  return call(Method::Get, permissions(object_type, object_id));
}

Json RestWorkspace::set_permissions(const std::string& object_type, const std::string& object_id,
                                    const Json& access_control_list) {
  return call(Method::Put, permissions(object_type, object_id),
              {{"access_control_list", access_control_list}});
}

Json RestWorkspace::update_permissions(const std::string& object_type, const std::string& object_id,
                                       const Json& access_control_list) {
  // PATCH adds entries; sending the same entries twice leaves the same list.
  return call(Method::Patch, permissions(object_type, object_id),
              {{"access_control_list", access_control_list}}, idempotent());
}

}  // namespace bundlectl::api
