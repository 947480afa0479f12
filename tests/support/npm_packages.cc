#include "support/npm_packages.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <functional>

#include "support/subprocess.h"

namespace bundlectl::testing {
namespace {

constexpr std::chrono::milliseconds k_node_version_timeout{10'000};
constexpr std::chrono::milliseconds k_npm_ci_timeout{180'000};

std::string tail(const std::string& text, std::size_t size = 600) {
  return text.size() <= size ? text : text.substr(text.size() - size);
}

// An exclusive lock per folder, held while npm installs there: tests run in parallel, and two
// installs into one node_modules (or a read during one) would see each other's half-work.
class InstallLock {
 public:
  explicit InstallLock(const std::filesystem::path& folder) {
    std::size_t key = std::hash<std::string>{}(std::filesystem::absolute(folder).string());
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("bundlectl-npm-" + std::to_string(key) + ".lock");
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd >= 0) ::flock(m_fd, LOCK_EX);
  }
  ~InstallLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
  }
  InstallLock(const InstallLock&) = delete;
  InstallLock& operator=(const InstallLock&) = delete;

 private:
  int m_fd = -1;
};

}  // namespace

std::optional<std::string> ensure_npm_package(const std::filesystem::path& folder,
                                              const std::string& package) {
  ProcessOptions quick;
  quick.timeout = k_node_version_timeout;
  if (run_process({"node", "--version"}, quick).exit_code != 0) {
    return "node is not installed";
  }
  InstallLock lock(folder);
  // npm writes node_modules/.package-lock.json last, once an install is complete.
  std::filesystem::path done = folder / "node_modules" / ".package-lock.json";
  std::filesystem::path manifest = folder / "node_modules" / package / "package.json";
  if (std::filesystem::exists(done) && std::filesystem::exists(manifest)) return std::nullopt;
  ProcessOptions install;
  install.cwd = folder.string();
  install.timeout = k_npm_ci_timeout;
  ProcessResult npm = run_process({"npm", "ci", "--no-audit", "--no-fund"}, install);
  if (npm.exit_code != 0 || !std::filesystem::exists(manifest)) {
    return "npm could not install " + package + " (is the registry reachable?): " + tail(npm.err);
  }
  return std::nullopt;
}

}  // namespace bundlectl::testing
