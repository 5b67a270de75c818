#include "lint/fix.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "base/file_io.h"
#include "base/strings.h"

namespace mw::lint {

StatusOr<std::map<std::string, std::string>> ApplyFixes(
    const std::vector<diag::Diagnostic>& diags) {
  std::map<std::string, std::set<std::tuple<size_t, size_t, std::string>>> edits;
  for (const diag::Diagnostic& d : diags) {
    if (d.fixes.empty()) continue;
    for (const diag::Edit& e : d.fixes[0].edits)
      edits[e.file].emplace(e.begin, e.end, e.replacement);
  }
  std::map<std::string, std::string> out;
  for (const auto& [file, list] : edits) {
    auto content = ReadInput(file, 64 << 20);
    if (!content.ok()) return content.status();
    std::string result;
    size_t at = 0;
    for (const auto& [begin, end, text] : list) {
      if (begin < at || end > content->size() || begin > end) continue;  // overlaps: dropped
      result.append(*content, at, begin - at);
      result += text;
      at = end;
    }
    result.append(*content, at, std::string::npos);
    out[file] = std::move(result);
  }
  return out;
}

namespace {

std::vector<std::string_view> Lines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t nl = s.find('\n', at);
    if (nl == std::string_view::npos) nl = s.size() - 1;
    out.push_back(s.substr(at, nl - at + 1));
    at = nl + 1;
  }
  return out;
}

}  // namespace

std::string UnifiedDiff(const std::string& label, const std::string& before,
                        const std::string& after) {
  std::vector<std::string_view> a = Lines(before), b = Lines(after);
  // Fixes insert or change a few lines: trim the common prefix and suffix
  // of each changed region by a line-level LCS over the middle.
  size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  if (n * m > 20'000'000) return "";  // too large to diff here
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  struct Op {
    char kind;  // ' ', '-', '+'
    std::string_view line;
    size_t ai, bi;
  };
  std::vector<Op> ops;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ops.push_back({' ', a[i], i, j});
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push_back({'-', a[i], i, j});  // removals before additions, as diff prints them
      ++i;
    } else {
      ops.push_back({'+', b[j], i, j});
      ++j;
    }
  }
  std::string out = "--- a/" + label + "\n+++ b/" + label + "\n";
  const size_t context = 3;
  for (size_t k = 0; k < ops.size();) {
    if (ops[k].kind == ' ') {
      ++k;
      continue;
    }
    size_t start = k >= context ? k - context : 0;
    size_t end = k;
    // Extend the hunk while changes are within 2*context lines of each other.
    while (end < ops.size()) {
      size_t next = end;
      while (next < ops.size() && ops[next].kind == ' ') ++next;
      if (next == ops.size() || next - end > 2 * context) break;
      end = next;
      while (end < ops.size() && ops[end].kind != ' ') ++end;
    }
    size_t stop = std::min(ops.size(), end + context);
    size_t a_count = 0, b_count = 0;
    for (size_t x = start; x < stop; ++x) {
      a_count += ops[x].kind != '+';
      b_count += ops[x].kind != '-';
    }
    out += "@@ -" + std::to_string(ops[start].ai + (a_count ? 1 : 0)) + "," +
           std::to_string(a_count) + " +" + std::to_string(ops[start].bi + (b_count ? 1 : 0)) +
           "," + std::to_string(b_count) + " @@\n";
    for (size_t x = start; x < stop; ++x) {
      out += ops[x].kind;
      out += ops[x].line;
      if (ops[x].line.empty() || ops[x].line.back() != '\n')
        out += "\n\\ No newline at end of file\n";
    }
    k = stop;
  }
  return out;
}

}  // namespace mw::lint
