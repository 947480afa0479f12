#include "api/logging_transport.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace bundlectl::api {

HttpOutcome LoggingTransport::send(const HttpRequest& request) {
  if (!spdlog::should_log(spdlog::level::debug)) return m_inner.send(request);
  const Redactor& redactor = *m_redactor;
  spdlog::debug("> {} {}", method_name(request.method), redactor.scrub(redact_url(request.url)));
  if (!request.headers.empty()) {
    spdlog::debug("> headers: {}", redactor.scrub(redact_headers(request.headers)));
  }
  const std::string* type = request.headers.find("content-type");
  if (type != nullptr && *type == k_octet_stream) {
    // A file's bytes (the file sync's uploads): its content is the user's, never logged.
    spdlog::debug("> ({} bytes of file content, not shown)", request.body.size());
  } else if (!request.body.empty()) {
    spdlog::debug("> {}", redactor.scrub(redact_body(request.body)));
  }
  auto start = std::chrono::steady_clock::now();
  HttpOutcome outcome = m_inner.send(request);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  if (const auto* response = std::get_if<HttpResponse>(&outcome)) {
    spdlog::debug("< {} ({} ms)", response->status, elapsed);
    if (!response->headers.empty()) {
      spdlog::debug("< headers: {}", redactor.scrub(redact_headers(response->headers)));
    }
    if (!response->body.empty()) {
      spdlog::debug("< {}", redactor.scrub(redact_body(response->body)));
    }
  } else {
    const auto& error = std::get<TransportError>(outcome);
    spdlog::debug("< {} after {} ms: {} (request {})", transport_error_kind_name(error.kind),
                  elapsed, redactor.scrub(error.message), error.request_sent ? "sent" : "not sent");
  }
  return outcome;
}

}  // namespace bundlectl::api
