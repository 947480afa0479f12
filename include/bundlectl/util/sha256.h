// SHA-256 (FIPS 180-4), for content hashes: deploy state's spec hashes and the file sync's
// "has this file changed" check. Written here so the main library need not load OpenSSL,
// whose start-up cost every command would pay.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace bundlectl::util {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest of everything passed to update(); the object is spent afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> m_state;
  std::array<std::uint8_t, 64> m_buffer{};
  std::size_t m_buffered = 0;
  std::uint64_t m_total_bytes = 0;
};

// The digest of `bytes` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace bundlectl::util
