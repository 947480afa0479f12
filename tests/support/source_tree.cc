// The checkout's paths are compiled into this file alone (tests/CMakeLists.txt): a definition
// given to every test file would put an absolute path into each compilation, and no other
// clone could then reuse the compilation cache for any of them.
#include "support/source_tree.h"

#include "support/subprocess.h"

namespace bundlectl::testing {

std::filesystem::path source_dir() { return BUNDLECTL_SOURCE_DIR; }

std::string bundlectl_binary() { return BUNDLECTL_BINARY; }

}  // namespace bundlectl::testing
