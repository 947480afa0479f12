// Where the project's sources are, for tests that read files of the checkout.
#pragma once

#include <filesystem>

namespace bundlectl::testing {

// The root of the checkout the tests were built from.
std::filesystem::path source_dir();

}  // namespace bundlectl::testing
