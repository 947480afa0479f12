// Standard base64 (RFC 4648 with padding): workspace file content travels in it, and HTTP Basic
// credentials of the OAuth token endpoint.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bundlectl::util {

std::string base64_encode(std::string_view bytes);
// nullopt for text that is not base64 (the caller reports it in the API's words).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace bundlectl::util
