#include "bundlectl/api/api_client.h"

#include "bundlectl/api/api_error.h"

namespace bundlectl::api {

ApiClient::ApiClient(std::string host, const RetryingSender& sender, Credentials& credentials,
                     std::shared_ptr<const Redactor> redactor)
    : m_host(std::move(host)),
      m_sender(sender),
      m_credentials(credentials),
      m_redactor(std::move(redactor)) {}

namespace {

Idempotency default_idempotency(Method method) {
  switch (method) {
    case Method::Get:
    case Method::Put:
    case Method::Delete: return Idempotency::Idempotent;
    case Method::Post:
    case Method::Patch: return Idempotency::NotIdempotent;
  }
  return Idempotency::NotIdempotent;
}

std::string path_only(const std::string& path) { return path.substr(0, path.find('?')); }

}  // namespace

HttpRequest ApiClient::build(Method method, const std::string& path, const nlohmann::json& body,
                             const std::string* bytes, const CallOptions& options) {
  HttpRequest request;
  request.method = method;
  request.url = m_host + path;
  request.headers.set("Accept", "application/json");
  request.headers.set("Authorization", m_credentials.authorization());
  if (bytes != nullptr) {
    request.headers.set("Content-Type", k_octet_stream);
    request.body = *bytes;
  } else if (!body.is_null()) {
    request.headers.set("Content-Type", "application/json");
    request.body = body.dump();
  }
  request.timeout = options.timeout;
  return request;
}

nlohmann::json ApiClient::call(Method method, const std::string& path, const nlohmann::json& body,
                               const CallOptions& options) {
  return perform(method, path, body, nullptr, options);
}

nlohmann::json ApiClient::call_with_bytes(Method method, const std::string& path,
                                          const std::string& bytes, const CallOptions& options) {
  return perform(method, path, nullptr, &bytes, options);
}

nlohmann::json ApiClient::perform(Method method, const std::string& path,
                                  const nlohmann::json& body, const std::string* bytes,
                                  const CallOptions& options) {
  const Idempotency idempotency = options.idempotency.value_or(default_idempotency(method));
  const RetryPolicy& policy = options.retry ? *options.retry : m_sender.policy();
  const std::string context = std::string(method_name(method)) + " " + path_only(path);
  SendResult result = m_sender.send(build(method, path, body, bytes, options), idempotency, policy);
  if (auto* response = std::get_if<HttpResponse>(&result.outcome);
      response != nullptr && response->status == 401 && m_credentials.auth_type() != k_auth_pat) {
    // An OAuth token may have been revoked or expired early: fetch a new one, once.
    m_credentials.invalidate();
    result = m_sender.send(build(method, path, body, bytes, options), idempotency, policy);
  }
  if (auto* error = std::get_if<TransportError>(&result.outcome)) {
    error->message = m_redactor->scrub(error->message);
    std::string tries =
        result.attempts > 1 ? " (after " + std::to_string(result.attempts) + " attempts)" : "";
    throw NetworkError(*error, context + tries);
  }
  auto& response = std::get<HttpResponse>(result.outcome);
  if (response.status < 200 || response.status >= 300) {
    response.body = m_redactor->scrub(response.body);
    throw make_api_error(response, context);
  }
  if (response.body.empty()) return nlohmann::json::object();
  nlohmann::json json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_discarded()) {
    throw core::Failure(context + ": the answer is not JSON (HTTP " +
                        std::to_string(response.status) + ")");
  }
  return json;
}

}  // namespace bundlectl::api
