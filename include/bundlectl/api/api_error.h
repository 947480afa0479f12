// Errors of the REST API, typed from the `{"error_code", "message"}` body (with the HTTP status
// as the fallback), and network failures, kept apart from them.
#pragma once

#include <string>

#include "bundlectl/api/http.h"
#include "bundlectl/core/exit_code.h"

namespace bundlectl::api {

enum class ApiErrorCode {
  NotFound,
  AlreadyExists,
  InvalidParameter,
  PermissionDenied,
  Unauthenticated,
  RateLimited,
  Conflict,
  Unavailable,
  DeadlineExceeded,
  Internal,
  Unknown,
};

const char* api_error_code_name(ApiErrorCode code);  // "not found", ...

// An HTTP response with a status >= 400.
class ApiError : public core::Failure {
 public:
  // `message` is the server's text; what() is the whole sentence with context and status.
  ApiError(ApiErrorCode code, int status, std::string error_code, std::string message,
           const std::string& what);

  ApiErrorCode code() const { return m_code; }
  int status() const { return m_status; }
  const std::string& error_code() const { return m_error_code; }  // as the server sent it
  const std::string& message() const { return m_message; }        // the server's text

 private:
  ApiErrorCode m_code;
  int m_status;
  std::string m_error_code;
  std::string m_message;
};

// Builds the typed error from a failed response. Understands the Databricks body
// {"error_code", "message"}, SCIM's {"detail", "status"}, OAuth's {"error",
// "error_description"} and non-JSON bodies; maps the Jobs API's 400 "Job 12 does not exist."
// (and "Run ... does not exist") to NotFound. `context` ("GET /api/2.2/jobs/get") prefixes the
// message.
ApiError make_api_error(const HttpResponse& response, const std::string& context);

// No complete response: the network failed (after retries, if any were allowed).
class NetworkError : public core::Failure {
 public:
  NetworkError(TransportError error, const std::string& context);
  const TransportError& error() const { return m_error; }

 private:
  TransportError m_error;
};

}  // namespace bundlectl::api
