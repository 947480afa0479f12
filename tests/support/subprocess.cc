#include "support/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace bundlectl::testing {
namespace {

std::vector<std::string> child_environment(const ProcessOptions& options) {
  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry; ++entry) {
    std::string text(*entry);
    std::size_t equals = text.find('=');
    if (equals != std::string::npos) env[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& name : options.unset_env) env.erase(name);
  for (const auto& [name, value] : options.env) env[name] = value;
  std::vector<std::string> out;
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  return out;
}

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    read = fds[0];
    write = fds[1];
  }
};

// Forks and execs; the child's stdin/stdout/stderr are the given descriptors.
pid_t spawn(const std::vector<std::string>& argv, const ProcessOptions& options, int in, int out,
            int err) {
  std::vector<std::string> env = child_environment(options);
  std::vector<char*> env_pointers;
  for (auto& entry : env) env_pointers.push_back(entry.data());
  env_pointers.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> arg_pointers;
  for (auto& arg : args) arg_pointers.push_back(arg.data());
  arg_pointers.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
    execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    execvpe(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    _exit(127);
  }
  return pid;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  Pipe in, out, err;
  pid_t pid = spawn(argv, options, in.read, out.write, err.write);
  close(in.read);
  close(out.write);
  close(err.write);

  ProcessResult result;
  std::size_t written = 0;
  if (options.input.empty()) {
    close(in.write);
    in.write = -1;
  } else {
    fcntl(in.write, F_SETFL, O_NONBLOCK);
  }
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out.read, POLLIN, 0});
    if (err_open) fds.push_back({err.read, POLLIN, 0});
    if (in.write >= 0) fds.push_back({in.write, POLLOUT, 0});
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) {
      kill(-pid, SIGKILL);
      break;
    }
    if (poll(fds.data(), fds.size(), static_cast<int>(remaining.count())) < 0 && errno != EINTR) {
      break;
    }
    for (const pollfd& fd : fds) {
      if (!fd.revents) continue;
      if (fd.fd == in.write) {
        ssize_t n = write(in.write, options.input.data() + written, options.input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == options.input.size()) {
          close(in.write);
          in.write = -1;
        }
        continue;
      }
      char buffer[65536];
      ssize_t n = read(fd.fd, buffer, sizeof buffer);
      std::string& sink = fd.fd == out.read ? result.out : result.err;
      if (n > 0) {
        sink.append(buffer, static_cast<std::size_t>(n));
      } else {
        (fd.fd == out.read ? out_open : err_open) = false;
      }
    }
  }
  if (in.write >= 0) close(in.write);
  close(out.read);
  close(err.read);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = decode_status(status);
  return result;
}

ProcessOptions isolated_environment(const std::string& home) {
  ProcessOptions options;
  options.env["HOME"] = home;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    std::string name = text.substr(0, text.find('='));
    for (const char* prefix : {"DATABRICKS_", "BUNDLE_VAR_", "GIT_"}) {
      if (name.rfind(prefix, 0) == 0) options.unset_env.push_back(name);
    }
  }
  for (const char* name :
       {"ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "REQUESTS_CA_BUNDLE",
        "SSL_CERT_FILE", "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy",
        "NO_PROXY", "BUNDLECTL_EMULATOR", "BUNDLECTL_EMULATOR_TOKEN", "BUNDLECTL_EMULATOR_SCENARIO",
        "BUNDLECTL_LOG_LEVEL"}) {
    options.unset_env.push_back(name);
  }
  return options;
}

ProcessResult run_bundlectl(const std::vector<std::string>& args, const ProcessOptions& options) {
  std::vector<std::string> argv{bundlectl_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const ProcessOptions& options) {
  Pipe out;
  int null_in = open("/dev/null", O_RDONLY | O_CLOEXEC);
  m_pid = spawn(argv, options, null_in, out.write, 2);
  close(null_in);
  close(out.write);
  m_stdout = out.read;
}

BackgroundProcess::~BackgroundProcess() {
  stop(std::chrono::milliseconds(2000));
  if (m_stdout >= 0) close(m_stdout);
}

std::string BackgroundProcess::wait_for_line(const std::string& needle,
                                             std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::size_t line_end;
    while ((line_end = m_output.find('\n', m_consumed)) != std::string::npos) {
      std::string line = m_output.substr(m_consumed, line_end - m_consumed);
      m_consumed = line_end + 1;
      if (line.find(needle) != std::string::npos) return line;
    }
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0 || m_stdout < 0) return "";
    pollfd fd{m_stdout, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(remaining.count())) <= 0) continue;
    char buffer[4096];
    ssize_t n = read(m_stdout, buffer, sizeof buffer);
    if (n <= 0) return "";
    m_output.append(buffer, static_cast<std::size_t>(n));
  }
}

int BackgroundProcess::stop(std::chrono::milliseconds grace) {
  if (m_pid <= 0) return m_exit_code;
  kill(m_pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + grace;
  int status = 0;
  while (true) {
    pid_t done = waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(-m_pid, SIGKILL);
      kill(m_pid, SIGKILL);
      waitpid(m_pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  m_pid = -1;
  m_exit_code = decode_status(status);
  return m_exit_code;
}

}  // namespace bundlectl::testing
