// Workspace API 2.0: mkdirs, import, export, get-status, list, delete.
#include "bundlectl/util/base64.h"
#include "bundlectl/util/strings.h"
#include "emulator/api_context.h"
#include "emulator/api_error.h"
#include "emulator/workspace_tree.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

const std::string k_base = "/api/2.0/workspace/";

std::string normalized_path(const json& params) {
  return normalized_workspace_path(require_string(params, "path"));
}

ApiError missing_path(const std::string& path) {
  return not_found("Path (" + path + ") doesn't exist.");
}

// The language a notebook's extension implies, and the path without that extension.
std::pair<std::string, std::string> notebook_language(const std::string& path) {
  const std::pair<const char*, const char*> k_extensions[] = {
      {".py", "PYTHON"}, {".sql", "SQL"}, {".scala", "SCALA"}, {".r", "R"}, {".ipynb", "PYTHON"}};
  for (const auto& [extension, language] : k_extensions) {
    if (util::ends_with(util::to_lower(path), extension)) {
      return {language, path.substr(0, path.size() - std::string(extension).size())};
    }
  }
  return {"", path};
}

ApiResponse import_object(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  std::string path = normalized_path(params);
  if (path == "/") throw already_exists("Path (/) already exists.");  // the root folder
  std::string format = params.value("format", "SOURCE");
  std::optional<std::string> content = util::base64_decode(params.value("content", ""));
  if (!content) throw malformed_request("Content is not valid base64.");
  WorkspaceObject object{path, "NOTEBOOK", 0, params.value("language", ""), *content, 0, 0};
  bool notebook_header = util::starts_with(*content, "# Databricks notebook source") ||
                         util::starts_with(*content, "-- Databricks notebook source") ||
                         !detect_notebook(path, *content).language.empty();
  if (format == "RAW" || (format == "AUTO" && !notebook_header)) {
    object.object_type = "FILE";
    object.language.clear();
  } else if (format == "AUTO" || format == "JUPYTER" || object.language.empty()) {
    auto [language, stripped] = notebook_language(path);
    if (object.language.empty()) object.language = language;
    object.path = stripped;
    if (object.language.empty()) {
      throw invalid_parameter("The language must be specified to import a notebook in " + format +
                              " format.");
    }
  } else if (format != "SOURCE" && format != "HTML" && format != "DBC" && format != "R_MARKDOWN") {
    throw invalid_parameter("Invalid format: " + format);
  }
  // "/" is refused there too (an import of "/.py" is stripped to it).
  store_import(context, std::move(object), optional_bool(params, "overwrite", false),
               [](const WorkspaceObject& existing) {
                 throw already_exists("Path (" + existing.path + ") already exists.");
               });
  return json_response(json::object());
}

ApiResponse export_object(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  std::string path = normalized_path(params);
  std::optional<WorkspaceObject> object = context.store.object(path);
  if (!object) throw missing_path(path);
  bool folder = object->object_type == "DIRECTORY";
  if (folder) object->content = export_folder(context, path, params.value("format", "SOURCE"));
  if (optional_bool(params, "direct_download", false)) {
    ApiResponse response;
    response.body = object->content;
    response.content_type = folder ? "application/zip" : "application/octet-stream";
    return response;
  }
  if (folder) {
    return json_response({{"content", util::base64_encode(object->content)}, {"file_type", "zip"}});
  }
  std::string file_type = object->object_type == "FILE" ? "" : util::to_lower(object->language);
  if (file_type == "python") file_type = "py";
  return json_response(
      {{"content", util::base64_encode(object->content)}, {"file_type", file_type}});
}

ApiResponse list_objects(ApiContext& context, const ApiRequest& request) {
  std::string path = normalized_path(request.params());
  json out = json::object();
  if (path != "/") {
    std::optional<WorkspaceObject> object = context.store.object(path);
    if (!object) throw missing_path(path);
    if (object->object_type != "DIRECTORY") {
      out["objects"] = json::array({object_info(*object)});
      return json_response(out);
    }
  }
  for (const WorkspaceObject& child : context.store.children(path)) {
    out["objects"].push_back(object_info(child));
  }
  return json_response(out);
}

ApiResponse delete_object(ApiContext& context, const ApiRequest& request) {
  const json& params = request.params();
  std::string path = normalized_path(params);
  std::optional<WorkspaceObject> object = context.store.object(path);
  if (!object) throw missing_path(path);
  if (object->object_type == "DIRECTORY" && !optional_bool(params, "recursive", false) &&
      !context.store.children(path).empty()) {
    throw ApiError(400, "DIRECTORY_NOT_EMPTY", "Folder (" + path + ") is not empty.");
  }
  context.store.delete_tree(path);
  return json_response(json::object());
}

}  // namespace

void add_workspace_routes(Router& router, ApiContext& context) {
  router.add("POST", k_base + "mkdirs", [&context](const ApiRequest& r) {
    make_directories(context, normalized_path(r.params()));
    return json_response(json::object());
  });
  router.add("POST", k_base + "import",
             [&context](const ApiRequest& r) { return import_object(context, r); });
  router.add("GET", k_base + "export",
             [&context](const ApiRequest& r) { return export_object(context, r); });
  router.add("GET", k_base + "get-status", [&context](const ApiRequest& r) {
    std::string path = normalized_path(r.params());
    if (path == "/") {
      return json_response({{"object_type", "DIRECTORY"}, {"path", "/"}, {"object_id", 0}});
    }
    std::optional<WorkspaceObject> object = context.store.object(path);
    if (!object) throw missing_path(path);
    return json_response(object_info(*object));
  });
  router.add("GET", k_base + "list",
             [&context](const ApiRequest& r) { return list_objects(context, r); });
  router.add("POST", k_base + "delete",
             [&context](const ApiRequest& r) { return delete_object(context, r); });
  // A new workspace has its users' home folders, as a real one does.
  auto lock = context.store.lock();
  make_directories(context, "/Users/" + context.user_name);
  make_directories(context, "/Shared");
}

}  // namespace bundlectl::emulator
