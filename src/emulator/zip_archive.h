// A zip archive of stored (uncompressed) entries: what the emulator answers to an export of
// a folder, as Databricks answers with a zip. Stored entries need no compressor, and every
// unzip reads them.
#pragma once

#include <string>
#include <vector>

namespace bundlectl::emulator {

struct ZipEntry {
  std::string name;  // '/'-separated, relative
  std::string data;
};

// The whole archive. Entries and the archive must stay under 4 GiB (no zip64): the
// emulator's request bodies are far smaller.
std::string zip_archive(const std::vector<ZipEntry>& entries);

}  // namespace bundlectl::emulator
