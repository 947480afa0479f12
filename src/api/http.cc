#include "bundlectl/api/http.h"

#include "bundlectl/util/strings.h"

namespace bundlectl::api {

const char* method_name(Method method) {
  switch (method) {
    case Method::Get: return "GET";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
  }
  return "GET";
}

const char* transport_error_kind_name(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::Resolve: return "could not resolve host";
    case TransportErrorKind::Connect: return "could not connect";
    case TransportErrorKind::Timeout: return "timed out";
    case TransportErrorKind::ConnectionLost: return "connection lost";
    case TransportErrorKind::Tls: return "TLS error";
    case TransportErrorKind::Other: return "transport error";
  }
  return "transport error";
}

void Headers::set(const std::string& name, std::string value) {
  m_items[util::to_lower(name)] = std::move(value);
}

const std::string* Headers::find(const std::string& name) const {
  auto it = m_items.find(util::to_lower(name));
  return it == m_items.end() ? nullptr : &it->second;
}

}  // namespace bundlectl::api
