#include "bundlectl/util/file_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace bundlectl::util {
namespace {

std::string size_text(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Why a file of this kind is not read, or "" for a regular file.
std::string kind_problem(const struct stat& info) {
  if (S_ISREG(info.st_mode)) return "";
  if (S_ISDIR(info.st_mode)) return "it is a directory, not a file";
  if (S_ISFIFO(info.st_mode)) return "it is a FIFO (named pipe), not a regular file";
  if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) return "it is a device, not a regular file";
  if (S_ISSOCK(info.st_mode)) return "it is a socket, not a regular file";
  return "it is not a regular file";
}

std::string open_problem(int error) {
  if (error == ELOOP) return "too many levels of symbolic links (a symbolic link loop?)";
  if (error == ENOENT) return "no such file";
  if (error == EACCES) return "permission denied";
  return std::strerror(error);
}

std::string too_large(std::uintmax_t size, std::size_t max_bytes) {
  return "it is " + std::to_string(size) + " bytes, more than the limit of " + size_text(max_bytes);
}

// Owns a file descriptor.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

FileText read_input_file(const std::filesystem::path& path, std::size_t max_bytes) {
  FileText result;
  // stat first: opening a FIFO would block and opening a device can have effects.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    result.problem = open_problem(errno);
    return result;
  }
  if (std::string problem = kind_problem(info); !problem.empty()) {
    result.problem = problem;
    return result;
  }
  if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    result.problem = too_large(static_cast<std::uintmax_t>(info.st_size), max_bytes);
    return result;
  }
  // O_NONBLOCK: if the path was swapped for a FIFO since stat, open still returns; the
  // descriptor's own kind is checked again below.
  Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) {
    result.problem = open_problem(errno);
    return result;
  }
  if (::fstat(file.get(), &info) != 0) {
    result.problem = open_problem(errno);
    return result;
  }
  if (std::string problem = kind_problem(info); !problem.empty()) {
    result.problem = problem;
    return result;
  }
  std::string text;
  text.resize(std::min<std::uintmax_t>(static_cast<std::uintmax_t>(info.st_size), max_bytes));
  std::size_t filled = 0;
  // The file may grow while it is read: never past max_bytes + 1, which is enough to tell.
  while (true) {
    if (filled == text.size()) {
      if (text.size() > max_bytes) break;
      text.resize(std::min(max_bytes + 1, text.size() + 65536));
    }
    ssize_t got = ::read(file.get(), text.data() + filled, text.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      result.problem = open_problem(errno);
      return result;
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  if (filled > max_bytes) {
    result.problem = "it grew past the limit of " + size_text(max_bytes) + " while being read";
    return result;
  }
  text.resize(filled);
  result.text = std::move(text);
  return result;
}

std::string cannot_read(const std::string& shown, const FileText& result) {
  return "cannot read " + shown + ": " + result.problem;
}

}  // namespace bundlectl::util
