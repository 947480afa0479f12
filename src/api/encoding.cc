#include "api/encoding.h"

#include <optional>

#include "bundlectl/core/exit_code.h"
#include "bundlectl/util/base64.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::api {

std::string url_encode(const std::string& text) { return util::percent_encode(text); }

std::string form_encode(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += url_encode(name) + "=" + url_encode(value);
  }
  return out;
}

std::string base64_encode(const std::string& bytes) { return util::base64_encode(bytes); }

std::string base64_decode(const std::string& text) {
  std::optional<std::string> bytes = util::base64_decode(text);
  if (!bytes) throw core::Failure("malformed base64 content");
  return *std::move(bytes);
}

}  // namespace bundlectl::api
