// Runs a program as a child and measures it: wall time, CPU time and peak memory. Shared by the
// benchmark programs, which time `bundlectl` as users run it.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace bench {

struct RunResult {
  int status = -1;         // exit code; -1 when the child did not exit normally
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // user + system time of the child, all its threads
  long max_rss_kb = 0;
};

// Runs `argv` with stdout to /dev/null and stderr to `stderr_file`.
inline RunResult run(const std::vector<std::string>& args, const std::string& stderr_file) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int null_fd = open("/dev/null", O_WRONLY);
    int err_fd = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (null_fd >= 0) dup2(null_fd, STDOUT_FILENO);
    if (err_fd >= 0) dup2(err_fd, STDERR_FILENO);
    execv(argv[0], argv.data());
    std::perror("execv");
    _exit(127);
  }
  RunResult result;
  if (pid < 0) {
    std::perror("fork");
    return result;
  }
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) < 0) {
    std::perror("wait4");
    return result;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.max_rss_kb = usage.ru_maxrss;
  auto seconds_of = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  result.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace bench
