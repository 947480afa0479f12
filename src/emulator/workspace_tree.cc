#include "emulator/workspace_tree.h"

#include "bundlectl/util/strings.h"
#include "emulator/api_error.h"

namespace bundlectl::emulator {

using nlohmann::json;

std::string normalized_workspace_path(const std::string& path) {
  if (path.empty() || path[0] != '/') {
    throw invalid_parameter("Path (" + path + ") must be absolute.");
  }
  std::string out;
  for (const std::string& segment : util::split(path, '/')) {
    if (segment.empty()) continue;
    if (segment == "." || segment == "..") {
      throw invalid_parameter("Path (" + path + ") must not contain '.' or '..' segments.");
    }
    out += "/" + segment;
  }
  // /Workspace is the mount every workspace path is also reachable under (bundles deploy to
  // /Workspace/Users/...): both spellings name one object, kept without the prefix.
  if (out == "/Workspace") return "/";
  if (util::starts_with(out, "/Workspace/")) out.erase(0, std::string("/Workspace").size());
  return out.empty() ? "/" : out;
}

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool is_directory(ApiContext& context, const std::string& path) {
  if (path == "/") return true;
  std::optional<WorkspaceObject> object = context.store.object(path);
  return object && object->object_type == "DIRECTORY";
}

void store_import(ApiContext& context, WorkspaceObject object, bool overwrite,
                  const std::function<void(const WorkspaceObject&)>& refuse_existing) {
  if (object.path == "/") throw already_exists("Path (/) already exists.");
  std::string parent = parent_of(object.path);
  if (!is_directory(context, parent)) {
    throw not_found("The parent folder (" + parent + ") does not exist.");
  }
  std::int64_t now = context.clock.now_ms();
  std::optional<WorkspaceObject> existing = context.store.object(object.path);
  if (existing) {
    if (existing->object_type == "DIRECTORY") {
      throw already_exists("Path (" + object.path + ") already exists.");
    }
    if (!overwrite) refuse_existing(*existing);
    object.object_id = existing->object_id;
    object.created_at = existing->created_at;
  } else {
    object.object_id = context.ids.next_id();
    object.created_at = now;
  }
  object.modified_at = now;
  context.store.put_object(object);
}

void make_directories(ApiContext& context, const std::string& path) {
  std::string prefix;
  for (const std::string& part : util::split(path.substr(1), '/')) {
    if (part.empty()) continue;
    prefix += "/" + part;
    std::optional<WorkspaceObject> existing = context.store.object(prefix);
    if (existing && existing->object_type != "DIRECTORY") {
      throw already_exists("Path (" + prefix + ") already exists.");
    }
    if (existing) continue;
    std::int64_t now = context.clock.now_ms();
    context.store.put_object({prefix, "DIRECTORY", context.ids.next_id(), "", "", now, now});
  }
}

json object_info(const WorkspaceObject& object) {
  json out = {
      {"object_type", object.object_type}, {"path", object.path},
      {"object_id", object.object_id},     {"resource_id", std::to_string(object.object_id)},
      {"created_at", object.created_at},   {"modified_at", object.modified_at}};
  if (!object.language.empty()) out["language"] = object.language;
  if (object.object_type == "FILE") out["size"] = object.content.size();
  return out;
}

namespace {

std::string first_line(const std::string& content) {
  std::string line = content.substr(0, content.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool is_jupyter_document(const std::string& content) {
  json document = json::parse(content, nullptr, false);
  return document.is_object() && document.contains("cells") && document.contains("metadata");
}

}  // namespace

NotebookSource detect_notebook(const std::string& path, const std::string& content) {
  struct Kind {
    const char* extension;
    const char* header;  // nullptr: a Jupyter document
    const char* language;
  };
  static const Kind k_kinds[] = {{".py", "# Databricks notebook source", "PYTHON"},
                                 {".r", "# Databricks notebook source", "R"},
                                 {".scala", "// Databricks notebook source", "SCALA"},
                                 {".sql", "-- Databricks notebook source", "SQL"},
                                 {".ipynb", nullptr, "PYTHON"}};
  std::string lower = util::to_lower(path);
  for (const Kind& kind : k_kinds) {
    std::string extension = kind.extension;
    // ".py" alone is a name, not an extension: it would leave the folder's path.
    std::size_t name_start = lower.rfind('/') + 1;
    if (!util::ends_with(lower, extension) || lower.size() - extension.size() <= name_start) {
      continue;
    }
    bool notebook = kind.header ? first_line(content) == kind.header : is_jupyter_document(content);
    if (!notebook) return {"", path};
    return {kind.language, path.substr(0, path.size() - extension.size())};
  }
  return {"", path};
}

}  // namespace bundlectl::emulator
