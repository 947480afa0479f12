// Workspace files API 2.0: `import-file`, the call the Databricks CLI's file sync makes. The
// body is the file's bytes, not JSON; the path is the rest of the URL.
#include "bundlectl/util/strings.h"
#include "emulator/api_context.h"
#include "emulator/api_error.h"
#include "emulator/workspace_tree.h"

namespace bundlectl::emulator {
namespace {

using nlohmann::json;

bool overwrite_flag(const ApiRequest& request) {
  json query = json::object();
  if (std::optional<std::string> value = request.query_value("overwrite"))
    query["overwrite"] = *value;
  return optional_bool(query, "overwrite", false);
}

// Databricks answers an existing file with 409 but an existing notebook with 400, both
// RESOURCE_ALREADY_EXISTS; the Databricks CLI handles the two apart.
ApiError exists_error(const WorkspaceObject& existing) {
  int status = existing.object_type == "FILE" ? 409 : 400;
  return ApiError(status, "RESOURCE_ALREADY_EXISTS",
                  "Path (" + existing.path + ") already exists.");
}

ApiResponse import_file(ApiContext& context, const ApiRequest& request) {
  std::string path = normalized_workspace_path("/" + request.path_params.at("path"));
  bool overwrite = overwrite_flag(request);
  NotebookSource notebook = detect_notebook(path, request.body);
  WorkspaceObject object{notebook.path,
                         notebook.language.empty() ? "FILE" : "NOTEBOOK",
                         0,
                         notebook.language,
                         request.body,
                         0,
                         0};
  if (object.path == "/") throw already_exists("Path (/) already exists.");
  // As on Databricks, parents are not created: the caller makes them with mkdirs (the
  // Databricks CLI does so on this 404 and tries again).
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
    if (!overwrite) throw exists_error(*existing);
    object.object_id = existing->object_id;
    object.created_at = existing->created_at;
  } else {
    object.object_id = context.ids.next_id();
    object.created_at = now;
  }
  object.modified_at = now;
  context.store.put_object(object);
  return json_response(json::object());
}

}  // namespace

void add_workspace_files_routes(Router& router, ApiContext& context) {
  router.add("POST", "/api/2.0/workspace-files/import-file/{path...}",
             [&context](const ApiRequest& r) { return import_file(context, r); });
}

}  // namespace bundlectl::emulator
