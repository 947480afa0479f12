// How a browser signs in to the emulator's web pages. A browser cannot be told to send an
// Authorization header, so a page opened once with `?token=TOKEN` answers with an HttpOnly
// cookie holding the token and a redirect to the same page without it (the token leaves the
// address bar and the history). The cookie is then accepted like the header, for reads only:
// a cookie rides along with requests other sites make, so anything that changes state still
// needs the header. The token is never written to a log.
#pragma once

#include <string>
#include <string_view>

namespace bundlectl::emulator {

inline constexpr std::string_view k_session_cookie_name = "bundlectl_emulator_token";

// The value of cookie `name` in a Cookie header ("a=1; b=2"); "" when it is absent.
std::string cookie_value(std::string_view cookie_header, std::string_view name);

// The Set-Cookie header value that carries `token`: HttpOnly, SameSite=Strict, Path=/.
std::string session_cookie(const std::string& token);

// `path` as a Location header value: bytes outside [A-Za-z0-9/._~-] are percent-encoded, so
// no request path can smuggle a header or another host into the redirect.
std::string redirect_location(std::string_view path);

// True when `token` can be a cookie value as it is (no spaces, quotes, commas, semicolons,
// backslashes or control bytes); other tokens must be sent in the header.
bool fits_in_cookie(std::string_view token);

// True for methods that only read: the ones the cookie is accepted for.
bool is_read_method(std::string_view method);

}  // namespace bundlectl::emulator
