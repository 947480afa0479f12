// Node packages that some integration tests drive (the JavaScript SDK, yaml-language-server),
// installed on first use from the package.json and lock file beside the test's scripts.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace bundlectl::testing {

// Ensures node is available and `folder`/node_modules holds `package`, running `npm ci` in
// `folder` when it does not; installs into one folder are serialised across processes.
// Returns why the test must be skipped, or nothing when ready.
std::optional<std::string> ensure_npm_package(const std::filesystem::path& folder,
                                              const std::string& package);

}  // namespace bundlectl::testing
