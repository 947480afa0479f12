#include "emulator/loopback_url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace bundlectl::emulator {
namespace {

constexpr const char* k_not_loopback =
    "The URL's host is not a loopback address: the emulator posts webhooks only to "
    "127.0.0.0/8, [::1] and localhost.";

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_loopback_ipv4(const std::string& host) {
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) return false;
  return (ntohl(address.s_addr) >> 24) == 127;
}

bool is_loopback_ipv6(const std::string& host) {
  in6_addr address{};
  return inet_pton(AF_INET6, host.c_str(), &address) == 1 && IN6_IS_ADDR_LOOPBACK(&address);
}

// "host", "host:port", "[v6]" or "[v6]:port" into host and port; false when malformed.
bool split_authority(const std::string& authority, std::string& host, int& port) {
  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string::npos) return false;
    host = authority.substr(1, close - 1);
    std::string rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return false;
    if (!rest.empty()) port_text = rest.substr(1);
  } else {
    std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  if (port_text.empty()) return !host.empty();
  if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), ::isdigit))
    return false;
  port = std::stoi(port_text);
  return !host.empty() && port > 0 && port < 65536;
}

}  // namespace

std::optional<LoopbackTarget> loopback_target(const std::string& url, std::string& reason) {
  const std::string scheme = "http://";
  if (lower(url.substr(0, scheme.size())) != scheme) {
    reason = "The emulator posts webhooks only to plain http:// URLs on a loopback address.";
    return std::nullopt;
  }
  std::string rest = url.substr(scheme.size());
  std::size_t end = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, end);
  if (authority.find('@') != std::string::npos) {
    reason = "The URL holds credentials: give them as the destination's username and password.";
    return std::nullopt;
  }
  LoopbackTarget target;
  std::string host;
  if (!split_authority(authority, host, target.port)) {
    reason = "The URL's host or port cannot be read.";
    return std::nullopt;
  }
  if (lower(host) == "localhost" || is_loopback_ipv4(host)) {
    target.connect_host = lower(host) == "localhost" ? "127.0.0.1" : host;
  } else if (is_loopback_ipv6(host)) {
    target.connect_host = host;
  } else {
    reason = k_not_loopback;
    return std::nullopt;
  }
  target.host_header = authority;
  target.path = end == std::string::npos ? "/" : rest.substr(end);
  if (target.path.front() != '/') target.path = "/" + target.path;
  std::size_t fragment = target.path.find('#');
  if (fragment != std::string::npos) target.path.resize(fragment);
  return target;
}

}  // namespace bundlectl::emulator
