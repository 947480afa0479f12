// Bearer-token checks and the secrets the emulator makes. Tokens are compared in constant
// time, stored only as hashes, and never written to a log.
#pragma once

#include <string>
#include <string_view>

namespace bundlectl::emulator {

// A new random token: `prefix` then 32 hex digits from the system's random source.
std::string random_token(std::string_view prefix);
std::string sha256_hex(std::string_view text);
bool constant_time_equal(std::string_view a, std::string_view b);
// The token of an "Authorization: Bearer X" header value; "" when it is not of that form.
std::string bearer_token(std::string_view header);

}  // namespace bundlectl::emulator
