// A source file's bytes and its line table: byte offsets map to line and
// column as go/token.File does (columns are 1-based byte counts).
#ifndef MAPWARDEN_BASE_SOURCE_FILE_H_
#define MAPWARDEN_BASE_SOURCE_FILE_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mw {

struct LineCol {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string content);

  const std::string& path() const { return path_; }
  std::string_view content() const { return content_; }
  size_t size() const { return content_.size(); }

  // Offsets past the end clamp to the end.
  LineCol Position(int64_t offset) const;
  int LineCount() const { return static_cast<int>(LineStarts().size()); }

  // The 1-based line of `offset`, starting the search at *hint (a line
  // index from a previous call): near-sequential lookups cost O(1).
  int Line(int64_t offset, int* hint) const;

 private:
  // Built on first use: most imported files never need a position.
  const std::vector<uint32_t>& LineStarts() const;

  std::string path_;
  std::string content_;
  mutable std::once_flag line_starts_once_;
  mutable std::vector<uint32_t> line_starts_;  // offset of each line's first byte
};

}  // namespace mw

#endif  // MAPWARDEN_BASE_SOURCE_FILE_H_
