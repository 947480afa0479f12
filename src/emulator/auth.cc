#include "emulator/auth.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <random>
#include <stdexcept>

#include "bundlectl/util/strings.h"

namespace bundlectl::emulator {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += k_digits[bytes[i] >> 4];
    out += k_digits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

std::string random_token(std::string_view prefix) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for a token");
  return std::string(prefix) + hex(bytes, sizeof bytes);
}

std::string sha256_hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return hex(digest, sizeof digest);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

std::string bearer_token(std::string_view header) {
  constexpr std::string_view k_scheme = "Bearer ";
  if (header.size() <= k_scheme.size()) return "";
  if (util::to_lower(header.substr(0, k_scheme.size())) != "bearer ") return "";
  return util::trim(header.substr(k_scheme.size()));
}

}  // namespace bundlectl::emulator
