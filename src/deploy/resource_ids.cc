// Filling ${resources.<type>.<key>.id} with the ids deploy learned: the references render
// leaves in a payload for objects that may not exist until earlier calls of the same deploy.
#include "bundlectl/core/exit_code.h"
#include "bundlectl/deploy/apply.h"
#include "bundlectl/util/strings.h"

namespace bundlectl::deploy {
namespace {

using Json = nlohmann::json;

constexpr const char* k_open = "${resources.";

// "resources.jobs.x.id" → "jobs.x"; "" when the reference is not to an id.
std::string id_reference_address(const std::string& inner) {
  const std::vector<std::string> parts = util::split(inner, '.');
  if (parts.size() != 4 || parts[0] != "resources" || parts[3] != "id") return "";
  return parts[1] + "." + parts[2];
}

bool all_digits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Json fill_string(const std::string& text,
                 const std::function<std::string(const std::string&)>& id_of) {
  std::string out;
  std::size_t at = 0;
  std::size_t replaced = 0;
  std::string last_id;
  while (true) {
    const std::size_t open = text.find(k_open, at);
    const std::size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) break;
    const std::string inner = text.substr(open + 2, close - open - 2);
    const std::string address = id_reference_address(inner);
    out += text.substr(at, open - at);
    if (address.empty()) {
      out += text.substr(open, close + 1 - open);  // not an id: left for whoever handles it
    } else {
      last_id = id_of(address);
      if (last_id.empty()) {
        throw core::Failure("${" + inner + "} refers to " + address +
                            ", which has no id yet (it is not deployed)");
      }
      out += last_id;
      ++replaced;
    }
    at = close + 1;
  }
  out += text.substr(at);
  if (replaced == 1 && out == last_id && all_digits(last_id) && last_id.size() <= 18) {
    return Json(std::stoll(last_id));
  }
  return Json(out);
}

}  // namespace

Json fill_resource_ids(const Json& spec,
                       const std::function<std::string(const std::string&)>& id_of) {
  if (spec.is_string()) {
    const std::string& text = spec.get_ref<const std::string&>();
    if (text.find(k_open) == std::string::npos) return spec;
    return fill_string(text, id_of);
  }
  if (spec.is_object()) {
    Json out = Json::object();
    for (const auto& [key, value] : spec.items()) out[key] = fill_resource_ids(value, id_of);
    return out;
  }
  if (spec.is_array()) {
    Json out = Json::array();
    for (const Json& value : spec) out.push_back(fill_resource_ids(value, id_of));
    return out;
  }
  return spec;
}

}  // namespace bundlectl::deploy
