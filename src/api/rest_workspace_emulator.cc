// The one call of RestWorkspace that only bundlectl's emulator answers: whether the host is
// the emulator, so emulator-only requests (`run --scenario`) never reach a real workspace.
#include "api/rest_workspace.h"
#include "bundlectl/api/api_error.h"

namespace bundlectl::api {

std::optional<Json> RestWorkspace::emulator_clock() {
  Json answer;
  try {
    answer = call(Method::Get, "/api/2.0/emulator/clock");
  } catch (const ApiError&) {
    return std::nullopt;  // a workspace answers 404 ENDPOINT_NOT_FOUND (or refuses the path)
  }
  if (!answer.is_object() || !answer.contains("mode") || !answer["mode"].is_string() ||
      !answer.contains("now_ms") || !answer["now_ms"].is_number_integer()) {
    return std::nullopt;
  }
  return answer;
}

}  // namespace bundlectl::api
