#include "bundlectl/api/api_error.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

namespace bundlectl::api {

const char* api_error_code_name(ApiErrorCode code) {
  switch (code) {
    case ApiErrorCode::NotFound: return "not found";
    case ApiErrorCode::AlreadyExists: return "already exists";
    case ApiErrorCode::InvalidParameter: return "invalid parameter";
    case ApiErrorCode::PermissionDenied: return "permission denied";
    case ApiErrorCode::Unauthenticated: return "unauthenticated";
    case ApiErrorCode::RateLimited: return "rate limited";
    case ApiErrorCode::Conflict: return "conflict";
    case ApiErrorCode::Unavailable: return "unavailable";
    case ApiErrorCode::DeadlineExceeded: return "deadline exceeded";
    case ApiErrorCode::Internal: return "internal error";
    case ApiErrorCode::Unknown: return "error";
  }
  return "error";
}

namespace {

std::string compose(const std::string& context, int status, const std::string& error_code,
                    const std::string& message) {
  std::string text = context + ": HTTP " + std::to_string(status);
  if (!error_code.empty()) text += " " + error_code;
  if (!message.empty()) text += ": " + message;
  return text;
}

struct CodeName {
  const char* name;
  ApiErrorCode code;
};

constexpr CodeName k_error_codes[] = {
    {"RESOURCE_DOES_NOT_EXIST", ApiErrorCode::NotFound},
    {"NOT_FOUND", ApiErrorCode::NotFound},
    {"FEATURE_DISABLED", ApiErrorCode::NotFound},
    {"RESOURCE_ALREADY_EXISTS", ApiErrorCode::AlreadyExists},
    {"ALREADY_EXISTS", ApiErrorCode::AlreadyExists},
    {"INVALID_PARAMETER_VALUE", ApiErrorCode::InvalidParameter},
    {"INVALID_PARAMETER", ApiErrorCode::InvalidParameter},
    {"MALFORMED_REQUEST", ApiErrorCode::InvalidParameter},
    {"BAD_REQUEST", ApiErrorCode::InvalidParameter},
    {"INVALID_STATE", ApiErrorCode::Conflict},
    {"RESOURCE_CONFLICT", ApiErrorCode::Conflict},
    {"ABORTED", ApiErrorCode::Conflict},
    {"PERMISSION_DENIED", ApiErrorCode::PermissionDenied},
    {"UNAUTHENTICATED", ApiErrorCode::Unauthenticated},
    {"REQUEST_LIMIT_EXCEEDED", ApiErrorCode::RateLimited},
    {"RESOURCE_EXHAUSTED", ApiErrorCode::RateLimited},
    {"TOO_MANY_REQUESTS", ApiErrorCode::RateLimited},
    {"TEMPORARILY_UNAVAILABLE", ApiErrorCode::Unavailable},
    {"DEADLINE_EXCEEDED", ApiErrorCode::DeadlineExceeded},
    {"INTERNAL_ERROR", ApiErrorCode::Internal},
    {"INTERNAL_SERVER_ERROR", ApiErrorCode::Internal},
};

ApiErrorCode code_from_status(int status) {
  switch (status) {
    case 400: return ApiErrorCode::InvalidParameter;
    case 401: return ApiErrorCode::Unauthenticated;
    case 403: return ApiErrorCode::PermissionDenied;
    case 404: return ApiErrorCode::NotFound;
    case 409: return ApiErrorCode::AlreadyExists;
    case 429: return ApiErrorCode::RateLimited;
    case 500: return ApiErrorCode::Internal;
    case 503: return ApiErrorCode::Unavailable;
    case 504: return ApiErrorCode::DeadlineExceeded;
    default: return ApiErrorCode::Unknown;
  }
}

ApiErrorCode code_from_error_code(const std::string& error_code, int status) {
  for (const CodeName& entry : k_error_codes) {
    if (error_code == entry.name) return entry.code;
  }
  return code_from_status(status);
}

// The Jobs API answers a missing job or run with 400 INVALID_PARAMETER_VALUE and
// "Job 123 does not exist." (no std::regex: GCC 12 warns inside it under the sanitizers).
bool says_does_not_exist(const std::string& message) {
  static const std::string k_tail = " does not exist";
  for (const char* noun : {"Job ", "Run ", "Pipeline "}) {
    const std::string prefix = noun;
    for (auto at = message.find(prefix); at != std::string::npos;
         at = message.find(prefix, at + 1)) {
      std::size_t end = at + prefix.size();
      while (end < message.size() &&
             (std::isalnum(static_cast<unsigned char>(message[end])) || message[end] == '-')) {
        ++end;
      }
      if (end > at + prefix.size() && message.compare(end, k_tail.size(), k_tail) == 0) {
        return true;
      }
    }
  }
  return false;
}

std::string string_field(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

ApiError::ApiError(ApiErrorCode code, int status, std::string error_code, std::string message,
                   const std::string& what)
    : core::Failure(what),
      m_code(code),
      m_status(status),
      m_error_code(std::move(error_code)),
      m_message(std::move(message)) {}

ApiError make_api_error(const HttpResponse& response, const std::string& context) {
  std::string error_code;
  std::string message;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    error_code = string_field(body, "error_code");
    message = string_field(body, "message");
    if (error_code.empty()) error_code = string_field(body, "error");        // OAuth
    if (message.empty()) message = string_field(body, "error_description");  // OAuth
    if (message.empty()) message = string_field(body, "detail");             // SCIM
  } else {
    message = response.body.substr(0, 200);
  }
  ApiErrorCode code = code_from_error_code(error_code, response.status);
  if (response.status == 400 && says_does_not_exist(message)) code = ApiErrorCode::NotFound;
  std::string what = compose(context, response.status, error_code, message);
  return ApiError(code, response.status, error_code, message, what);
}

NetworkError::NetworkError(TransportError error, const std::string& context)
    : core::Failure(context + ": " + transport_error_kind_name(error.kind) + ": " + error.message),
      m_error(std::move(error)) {}

}  // namespace bundlectl::api
