// Small string helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bundlectl::util {

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::vector<std::string> split(std::string_view text, char separator);
std::string trim(std::string_view text);
std::string to_lower(std::string_view text);

// Edit distance (insert, delete, substitute, transpose adjacent) between two words.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is close enough to be a plausible typo; else "".
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// ", did you mean \"x\"?" or "" : the tail every "unknown X" message uses.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Renders a string as a double-quoted literal with JSON escapes, for messages.
std::string quoted(std::string_view text);

// RFC 3986 percent-encoding: unreserved characters and those in `keep` stay, every other
// byte becomes %XX. keep = "/" encodes a relative path as a URI reference.
std::string percent_encode(std::string_view text, std::string_view keep = {});

}  // namespace bundlectl::util
