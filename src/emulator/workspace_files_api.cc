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
  // As on Databricks, parents are not created: the caller makes them with mkdirs (the
  // Databricks CLI does so on this 404 and tries again).
  store_import(context, std::move(object), overwrite,
               [](const WorkspaceObject& existing) { throw exists_error(existing); });
  return json_response(json::object());
}

}  // namespace

void add_workspace_files_routes(Router& router, ApiContext& context) {
  router.add("POST", "/api/2.0/workspace-files/import-file/{path...}",
             [&context](const ApiRequest& r) { return import_file(context, r); });
}

}  // namespace bundlectl::emulator
