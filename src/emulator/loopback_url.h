// Which webhook URLs the emulator really POSTs to: plain http to a loopback address only.
//
// An emulator bound to a network address must not become a way to make requests to other
// hosts (SSRF), so anything else is recorded as not delivered, with the reason. The host is a
// literal that never goes through DNS: 127.0.0.0/8, [::1], or `localhost` (sent to 127.0.0.1).
#pragma once

#include <optional>
#include <string>

namespace bundlectl::emulator {

struct LoopbackTarget {
  std::string connect_host;  // an address literal: 127.x.y.z or ::1
  int port = 80;
  std::string host_header;  // as the URL spells it (with the port when one was given)
  std::string path;         // with the query; "/" when the URL has none
};

// The target of `url`, or nullopt with `reason` saying why the emulator does not post to it.
// `reason` never repeats the URL, which may hold a secret (Slack-style URLs do).
std::optional<LoopbackTarget> loopback_target(const std::string& url, std::string& reason);

}  // namespace bundlectl::emulator
