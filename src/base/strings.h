// Small string helpers shared across the project.
#ifndef MAPWARDEN_BASE_STRINGS_H_
#define MAPWARDEN_BASE_STRINGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw {

std::string_view TrimSpace(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::vector<std::string_view> SplitFields(std::string_view s);  // on runs of white space
std::vector<std::string_view> Split(std::string_view s, char sep);

// Parses integers the way Go's strconv does with base 0 ("0x", "0o", "0b",
// leading "0" for octal) or a fixed base. Rejects overflow and junk.
std::optional<int64_t> ParseInt64(std::string_view s, int base = 10);
std::optional<uint64_t> ParseUint64(std::string_view s, int base = 10);
std::optional<double> ParseDouble(std::string_view s);

// Calls fn(line, line_number) for each '\n'-separated line of `text`
// (without the newline; a final line without one is included).
template <typename Fn>
void ForEachLineIn(std::string_view text, Fn&& fn) {
  size_t n = 0, start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    fn(text.substr(start, nl - start), ++n);
    start = nl + 1;
  }
}

// The 64-bit FNV-1a hash.
uint64_t Fnv64a(std::string_view s);

// Lexically cleans a slash-separated path like Go's path/filepath.Clean.
std::string CleanPath(std::string_view path);
// The last element of a path, like Go's filepath.Base.
std::string_view BaseName(std::string_view path);

}  // namespace mw

#endif  // MAPWARDEN_BASE_STRINGS_H_
