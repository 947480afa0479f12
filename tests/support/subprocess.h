// Runs real processes for integration tests: the bundlectl binary, the emulator, node.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace bundlectl::testing {

struct ProcessResult {
  int exit_code = -1;  // the exit status, or 128 + signal number
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string cwd;                           // empty: the test's own working directory
  std::map<std::string, std::string> env;    // added to (or replacing) the inherited environment
  std::vector<std::string> unset_env;        // removed from the inherited environment
  std::string input;                         // written to the child's stdin, then closed
  std::chrono::milliseconds timeout{60000};  // the child is killed after this
};

// Runs `argv` to completion and captures both output streams.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The path of the bundlectl binary under test.
std::string bundlectl_binary();

// Options under which a child sees nothing of the machine's own workspaces and settings:
// HOME is `home` (no ~/.databrickscfg), and every DATABRICKS_*, BUNDLE_VAR_* and GIT_*
// variable of the test's environment is removed, with the proxies, CA bundles, GitHub's
// OIDC variables and bundlectl's own emulator and log settings.
ProcessOptions isolated_environment(const std::string& home);

// Runs the bundlectl binary with `args`.
ProcessResult run_bundlectl(const std::vector<std::string>& args,
                            const ProcessOptions& options = {});

// A long-running child (a server) with its stdout readable line by line; killed on destruction.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Reads stdout until a line contains `needle`; returns that line, or "" on timeout or exit.
  std::string wait_for_line(const std::string& needle, std::chrono::milliseconds timeout);
  // Sends SIGTERM, waits up to `grace`, then SIGKILL; returns the exit code.
  int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));
  pid_t pid() const { return m_pid; }
  // Everything read from stdout so far.
  const std::string& output() const { return m_output; }

 private:
  pid_t m_pid = -1;
  int m_stdout = -1;
  std::string m_output;
  std::size_t m_consumed = 0;
  int m_exit_code = -1;
};

}  // namespace bundlectl::testing
