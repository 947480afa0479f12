// Reading a whole input file that may be hostile: a bundle file, an include, a policy, a
// variable-override file. The kind and size are checked before a byte is read, so a FIFO does
// not block, /dev/zero does not fill memory and a 1 GiB file is refused, not loaded.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace bundlectl::util {

// The largest input file read: one bundle file, policy or override file.
constexpr std::size_t k_max_input_file_bytes = std::size_t{64} << 20;

struct FileText {
  std::optional<std::string> text;  // the whole file, when it could be read
  std::string problem;              // why not, e.g. "it is a FIFO, not a regular file"
};

// Reads `path` if it is a regular file (after symbolic links) of at most `max_bytes`.
// Otherwise `problem` says why, in words that follow "cannot read <path>: ".
FileText read_input_file(const std::filesystem::path& path,
                         std::size_t max_bytes = k_max_input_file_bytes);

// "cannot read <shown>: <problem>", the message every caller gives.
std::string cannot_read(const std::string& shown, const FileText& result);

}  // namespace bundlectl::util
