// Logs every request and response at debug level, redacted, then passes it on unchanged.
#pragma once

#include <memory>

#include "bundlectl/api/http.h"
#include "bundlectl/api/redact.h"

namespace bundlectl::api {

class LoggingTransport final : public HttpTransport {
 public:
  LoggingTransport(HttpTransport& inner, std::shared_ptr<const Redactor> redactor)
      : m_inner(inner), m_redactor(std::move(redactor)) {}

  HttpOutcome send(const HttpRequest& request) override;

 private:
  HttpTransport& m_inner;
  std::shared_ptr<const Redactor> m_redactor;
};

}  // namespace bundlectl::api
