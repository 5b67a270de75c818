#include "load/build_context.h"

#include <fmt/format.h>

#include <array>

#include "base/strings.h"

namespace mw::load {
namespace {

constexpr std::array<std::string_view, 17> kKnownOS = {
    "aix",   "android", "darwin", "dragonfly", "freebsd", "hurd",    "illumos", "ios", "js",
    "linux", "nacl",    "netbsd", "openbsd",   "plan9",   "solaris", "windows", "zos"};
constexpr std::array<std::string_view, 12> kUnixOS = {"aix",     "android", "darwin",  "dragonfly",
                                                      "freebsd", "hurd",    "illumos", "ios",
                                                      "linux",   "netbsd",  "openbsd", "solaris"};
constexpr std::array<std::string_view, 24> kKnownArch = {
    "386",     "amd64",  "amd64p32", "arm",      "armbe",     "arm64",       "arm64be", "loong64",
    "mips",    "mipsle", "mips64",   "mips64le", "mips64p32", "mips64p32le", "ppc",     "ppc64",
    "ppc64le", "riscv",  "riscv64",  "s390",     "s390x",     "sparc",       "sparc64", "wasm"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& a, std::string_view s) {
  for (std::string_view x : a) {
    if (x == s) return true;
  }
  return false;
}

bool IsTagChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

// Recursive descent over go/build/constraint's //go:build grammar:
//   Expr = OrExpr; OrExpr = AndExpr { "||" AndExpr }; AndExpr = Not { "&&" Not };
//   Not = "!" Not | "(" Expr ")" | tag .
class ExprParser {
 public:
  ExprParser(std::string_view s, const BuildContext& ctx) : s_(s), ctx_(ctx) {}

  StatusOr<bool> Parse() {
    bool v = Or();
    Skip();
    if (!error_.empty()) return InvalidArgument(error_);
    if (i_ != s_.size())
      return InvalidArgument(fmt::format("unexpected token at \"{}\"", s_.substr(i_)));
    return v;
  }

 private:
  void Skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  bool Or() {
    bool v = And();
    for (;;) {
      Skip();
      if (s_.substr(i_, 2) != "||") return v;
      i_ += 2;
      bool r = And();
      v = v || r;
    }
  }
  bool And() {
    bool v = Not();
    for (;;) {
      Skip();
      if (s_.substr(i_, 2) != "&&") return v;
      i_ += 2;
      bool r = Not();
      v = v && r;
    }
  }
  bool Not() {
    Skip();
    if (i_ < s_.size() && s_[i_] == '!') {
      ++i_;
      return !Not();
    }
    if (i_ < s_.size() && s_[i_] == '(') {
      ++i_;
      bool v = Or();
      Skip();
      if (i_ >= s_.size() || s_[i_] != ')') {
        Fail("missing close paren");
        return false;
      }
      ++i_;
      return v;
    }
    size_t start = i_;
    while (i_ < s_.size() && IsTagChar(s_[i_])) ++i_;
    if (i_ == start) {
      Fail("unexpected end of expression");
      return false;
    }
    return ctx_.MatchTag(s_.substr(start, i_ - start));
  }
  void Fail(const char* msg) {
    if (error_.empty()) error_ = msg;
    i_ = s_.size();
  }

  std::string_view s_;
  const BuildContext& ctx_;
  size_t i_ = 0;
  std::string error_;
};

// The text after "+build", if `line` is a // +build line.
bool SplitPlusBuild(std::string_view line, std::string_view* expr) {
  if (!StartsWith(line, "//")) return false;
  line = TrimSpace(line.substr(2));
  if (!StartsWith(line, "+build")) return false;
  std::string_view rest = line.substr(6);
  std::string_view trimmed = TrimSpace(rest);
  if (rest.size() == trimmed.size() && !rest.empty()) return false;  // +buildfoo
  *expr = trimmed;
  return true;
}

// A +build line: OR of space-separated terms, each an AND of
// comma-separated (possibly negated) tags. Malformed lines are ignored, as
// go/build ignores them.
std::optional<bool> EvalPlusBuild(std::string_view expr, const BuildContext& ctx) {
  bool any = false;
  bool result = false;
  for (std::string_view term : SplitFields(expr)) {
    bool all = true;
    for (std::string_view lit : Split(term, ',')) {
      bool neg = false;
      if (StartsWith(lit, "!!")) return std::nullopt;
      if (StartsWith(lit, "!")) {
        neg = true;
        lit.remove_prefix(1);
      }
      if (lit.empty()) return std::nullopt;
      for (char c : lit) {
        if (!IsTagChar(c)) return std::nullopt;
      }
      bool v = ctx.MatchTag(lit);
      all = all && (neg ? !v : v);
    }
    any = true;
    result = result || all;
  }
  if (!any) return std::nullopt;
  return result;
}

bool IsGoBuildComment(std::string_view line) {
  if (!StartsWith(line, "//go:build")) return false;
  std::string_view rest = line.substr(10);
  return rest.empty() || TrimSpace(rest).size() < rest.size();
}

}  // namespace

bool BuildContext::MatchTag(std::string_view name) const {
  if (cgo && name == "cgo") return true;
  if (name == goos || name == goarch || name == "gc") return true;
  if (goos == "android" && name == "linux") return true;
  if (goos == "illumos" && name == "solaris") return true;
  if (goos == "ios" && name == "darwin") return true;
  if (name == "unix" && Contains(kUnixOS, goos)) return true;
  if (name == "boringcrypto") name = "goexperiment.boringcrypto";
  for (const std::string& t : tags) {
    if (t == name) return true;
  }
  // The register ABI experiments are on by default where Go 1.19 supports them.
  if (name == "goexperiment.regabiwrappers" || name == "goexperiment.regabiargs") {
    return goarch == "amd64" || goarch == "arm64" || goarch == "ppc64" || goarch == "ppc64le" ||
           goarch == "riscv64";
  }
  if (StartsWith(name, "go1.")) {
    auto minor = ParseInt64(name.substr(4), 10);
    return minor && *minor >= 1 && *minor <= go_minor && name.substr(4)[0] != '0';
  }
  return false;
}

bool BuildContext::GoodOSArchFile(std::string_view name) const {
  if (size_t dot = name.find('.'); dot != std::string_view::npos) name = name.substr(0, dot);
  size_t i = name.find('_');
  if (i == std::string_view::npos) return true;
  // Only the last two parts after the first '_' matter (after a _test
  // suffix is dropped), so they are cut from the end: no list is built
  // for the 2,000 names a run may look at.
  std::string_view rest = name.substr(i);  // starts with '_'
  if (EndsWith(rest, "_test")) rest.remove_suffix(5);
  const size_t last_cut = rest.rfind('_');
  if (last_cut == std::string_view::npos) return true;  // only "_test" was there
  const std::string_view last = rest.substr(last_cut + 1);
  if (last_cut > 0) {
    const std::string_view before = rest.substr(0, last_cut);
    const std::string_view second = before.substr(before.rfind('_') + 1);
    if (Contains(kKnownOS, second) && Contains(kKnownArch, last)) {
      return MatchTag(last) && MatchTag(second);
    }
  }
  if (Contains(kKnownOS, last) || Contains(kKnownArch, last)) return MatchTag(last);
  return true;
}

StatusOr<bool> BuildContext::ShouldBuild(std::string_view content) const {
  // go/build's parseFileHeader: the leading run of blank lines and
  // comments; // +build lines count only up to the last blank line in it.
  size_t end = 0;
  std::string_view p = content;
  bool ended = false;
  bool in_slash_star = false;
  std::string_view go_build;
  bool have_go_build = false;
  while (!p.empty()) {
    std::string_view line = p;
    size_t nl = p.find('\n');
    if (nl != std::string_view::npos) {
      line = p.substr(0, nl);
      p = p.substr(nl + 1);
    } else {
      p = {};
    }
    line = TrimSpace(line);
    if (line.empty() && !ended) {
      end = content.size() - p.size();
      continue;
    }
    if (!StartsWith(line, "//")) ended = true;
    if (!in_slash_star && IsGoBuildComment(line)) {
      if (have_go_build) return InvalidArgument("multiple //go:build comments");
      go_build = line;
      have_go_build = true;
    }
    bool stop = false;
    while (!line.empty()) {
      if (in_slash_star) {
        size_t k = line.find("*/");
        if (k == std::string_view::npos) break;  // next line
        in_slash_star = false;
        line = TrimSpace(line.substr(k + 2));
        continue;
      }
      if (StartsWith(line, "//")) break;
      if (StartsWith(line, "/*")) {
        in_slash_star = true;
        line = TrimSpace(line.substr(2));
        continue;
      }
      stop = true;
      break;
    }
    if (stop) break;
  }
  if (have_go_build) {
    auto v = EvalGoBuildExpr(TrimSpace(go_build.substr(10)), *this);
    if (!v.ok()) return v.status().WithContext("parsing //go:build line");
    return *v;
  }
  bool ok = true;
  std::string_view header = content.substr(0, end);
  while (!header.empty()) {
    std::string_view line = header;
    size_t nl = header.find('\n');
    if (nl != std::string_view::npos) {
      line = header.substr(0, nl);
      header = header.substr(nl + 1);
    } else {
      header = {};
    }
    line = TrimSpace(line);
    if (!StartsWith(line, "//") || line.find("+build") == std::string_view::npos) continue;
    std::string_view expr;
    if (!SplitPlusBuild(line, &expr)) continue;
    if (auto v = EvalPlusBuild(expr, *this); v && !*v) ok = false;
  }
  return ok;
}

StatusOr<bool> EvalGoBuildExpr(std::string_view expr, const BuildContext& ctx) {
  return ExprParser(expr, ctx).Parse();
}

}  // namespace mw::load
