#include "emulator/zip_archive.h"

#include <array>
#include <cstdint>

namespace bundlectl::emulator {
namespace {

std::uint32_t crc32(const std::string& data) {
  static const std::array<std::uint32_t, 256> k_table = [] {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    return table;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data) crc = k_table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

// The fields the local header and the central directory entry share, from "version
// needed" to the file name length.
void put_common(std::string& out, const ZipEntry& entry, std::uint32_t crc) {
  put16(out, 20);      // version needed: 2.0
  put16(out, 0x0800);  // flags: names are UTF-8
  put16(out, 0);       // method: stored
  put16(out, 0);       // modification time: 00:00:00
  put16(out, 0x21);    // modification date: 1980-01-01
  put32(out, crc);
  put32(out, static_cast<std::uint32_t>(entry.data.size()));  // compressed size
  put32(out, static_cast<std::uint32_t>(entry.data.size()));  // uncompressed size
  put16(out, static_cast<std::uint32_t>(entry.name.size()));
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries) {
  std::string out;
  std::string directory;
  for (const ZipEntry& entry : entries) {
    std::uint32_t crc = crc32(entry.data);
    std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    put32(out, 0x04034b50);
    put_common(out, entry, crc);
    put16(out, 0);  // extra field length
    out += entry.name;
    out += entry.data;

    put32(directory, 0x02014b50);
    put16(directory, 20);  // made by: 2.0
    put_common(directory, entry, crc);
    put16(directory, 0);  // extra field length
    put16(directory, 0);  // comment length
    put16(directory, 0);  // disk number
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += entry.name;
  }
  std::uint32_t directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);  // this disk
  put16(out, 0);  // disk with the directory
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace bundlectl::emulator
