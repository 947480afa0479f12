// Pipelines API 2.0.
#include "api/rest_workspace.h"

namespace bundlectl::api {
namespace {

std::string pipeline(const std::string& id, const char* tail = "") {
  return std::string(k_pipelines_api) + "/" + url_encode(id) + tail;
}

std::string string_field(const Json& answer, const char* key, const std::string& context) {
  auto it = answer.find(key);
  if (it == answer.end() || !it->is_string()) {
    throw core::Failure(context + ": the answer has no " + key);
  }
  return it->get<std::string>();
}

}  // namespace

std::string RestWorkspace::create_pipeline(const Json& spec) {
  return string_field(call(Method::Post, k_pipelines_api, spec), "pipeline_id", "pipelines create");
}

Json RestWorkspace::get_pipeline(const std::string& pipeline_id) {
  return call(Method::Get, pipeline(pipeline_id));
}

void RestWorkspace::edit_pipeline(const std::string& pipeline_id, const Json& spec) {
  Json body = spec.is_object() ? spec : Json::object();
  body["pipeline_id"] = pipeline_id;
  call(Method::Put, pipeline(pipeline_id), body);
}

void RestWorkspace::delete_pipeline(const std::string& pipeline_id) {
  call(Method::Delete, pipeline(pipeline_id));
}

std::vector<Json> RestWorkspace::list_pipelines(const std::string& filter) {
  PagedList list{k_pipelines_api, {}, "statuses", "max_results", k_pipelines_page_size};
  if (!filter.empty()) list.query.emplace_back("filter", filter);
  return collect(list);
}

std::string RestWorkspace::start_update(const std::string& pipeline_id, const Json& request) {
  Json body = request.is_object() ? request : Json::object();
  return string_field(call(Method::Post, pipeline(pipeline_id, "/updates"), body), "update_id",
                      "pipelines start update");
}

Json RestWorkspace::get_update(const std::string& pipeline_id, const std::string& update_id) {
  Json answer = call(Method::Get, pipeline(pipeline_id, "/updates/") + url_encode(update_id));
  return answer.contains("update") ? answer["update"] : answer;
}

std::vector<Json> RestWorkspace::list_updates(const std::string& pipeline_id,
                                              std::size_t max_results) {
  return collect({pipeline(pipeline_id, "/updates"),
                  {},
                  "updates",
                  "max_results",
                  k_pipelines_page_size,
                  max_results});
}

void RestWorkspace::stop_pipeline(const std::string& pipeline_id) {
  CallOptions options;
  options.idempotency = Idempotency::Idempotent;  // stopping a stopped pipeline is a no-op
  call(Method::Post, pipeline(pipeline_id, "/stop"), Json::object(), options);
}

std::vector<Json> RestWorkspace::list_pipeline_events(const std::string& pipeline_id,
                                                      std::size_t max_results) {
  return collect({pipeline(pipeline_id, "/events"),
                  {},
                  "events",
                  "max_results",
                  k_events_page_size,
                  max_results});
}

}  // namespace bundlectl::api
