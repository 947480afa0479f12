// An error as the Databricks REST API reports it: an HTTP status and a JSON body
// {"error_code": ..., "message": ...}. Handlers throw it; the server renders it once.
#pragma once

#include <stdexcept>
#include <string>

namespace bundlectl::emulator {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), m_status(status), m_code(std::move(code)) {}
  int status() const { return m_status; }
  const std::string& code() const { return m_code; }

 private:
  int m_status;
  std::string m_code;
};

// The errors the API returns most, with its status codes.
inline ApiError invalid_parameter(const std::string& message) {
  return ApiError(400, "INVALID_PARAMETER_VALUE", message);
}
inline ApiError not_found(const std::string& message) {
  return ApiError(404, "RESOURCE_DOES_NOT_EXIST", message);
}
inline ApiError already_exists(const std::string& message) {
  return ApiError(400, "RESOURCE_ALREADY_EXISTS", message);
}
inline ApiError malformed_request(const std::string& message) {
  return ApiError(400, "MALFORMED_REQUEST", message);
}

}  // namespace bundlectl::emulator
