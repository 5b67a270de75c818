#include "base/source_file.h"

#include <algorithm>
#include <cstring>

namespace mw {

SourceFile::SourceFile(std::string path, std::string content)
    : path_(std::move(path)), content_(std::move(content)) {}

const std::vector<uint32_t>& SourceFile::LineStarts() const {
  std::call_once(line_starts_once_, [this] {
    line_starts_.push_back(0);
    const char* data = content_.data();
    const size_t n = content_.size();
    for (const char* p = data;
         (p = static_cast<const char*>(std::memchr(p, '\n', data + n - p)));) {
      ++p;
      // Like go/token, a final newline does not start a line.
      if (p == data + n) break;
      line_starts_.push_back(static_cast<uint32_t>(p - data));
    }
  });
  return line_starts_;
}

LineCol SourceFile::Position(int64_t offset) const {
  if (offset < 0) return {};
  uint64_t off = std::min<uint64_t>(static_cast<uint64_t>(offset), content_.size());
  const std::vector<uint32_t>& starts = LineStarts();
  auto it = std::upper_bound(starts.begin(), starts.end(), off);
  size_t line = static_cast<size_t>(it - starts.begin());  // 1-based
  return {static_cast<int>(line), static_cast<int>(off - starts[line - 1]) + 1};
}

}  // namespace mw

namespace mw {

int SourceFile::Line(int64_t offset, int* hint) const {
  if (offset < 0) return 0;
  const uint64_t off = std::min<uint64_t>(static_cast<uint64_t>(offset), content_.size());
  const std::vector<uint32_t>& starts = LineStarts();
  size_t i = static_cast<size_t>(*hint);
  if (i >= starts.size()) i = 0;
  if (starts[i] <= off) {
    // Walk forward a few lines, then fall back to binary search.
    for (int steps = 0; steps < 8; ++steps) {
      if (i + 1 == starts.size() || off < starts[i + 1]) {
        *hint = static_cast<int>(i);
        return static_cast<int>(i) + 1;
      }
      ++i;
    }
  }
  auto it = std::upper_bound(starts.begin(), starts.end(), off);
  i = static_cast<size_t>(it - starts.begin()) - 1;
  *hint = static_cast<int>(i);
  return static_cast<int>(i) + 1;
}

}  // namespace mw
