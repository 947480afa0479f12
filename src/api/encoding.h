// Percent-encoding for URLs and forms, and base64 for workspace file contents and Basic auth.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace bundlectl::api {

using Params = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 unreserved characters stay, everything else becomes %XX.
std::string url_encode(const std::string& text);
// "a=1&b=x%20y": a query string or an application/x-www-form-urlencoded body.
std::string form_encode(const Params& params);

std::string base64_encode(const std::string& bytes);
// Throws core::Failure on malformed input.
std::string base64_decode(const std::string& text);

}  // namespace bundlectl::api
