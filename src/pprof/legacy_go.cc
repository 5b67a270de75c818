// The text formats Go's runtime/pprof writes at debug=1, following
// google/pprof's profile/legacy_profile.go, plus the shared machinery for
// memory maps and renumbering.
#include <fmt/format.h>
#include <re2/re2.h>

#include <cmath>
#include <map>
#include <optional>

#include "base/go_arith.h"
#include "base/strings.h"
#include "pprof/legacy.h"

namespace mw::pprof {
namespace legacy {
namespace {

Status Unrecognized() { return Status(StatusCode::kUnimplemented, "unrecognized profile format"); }
Status Malformed(std::string detail) {
  return DataLoss(fmt::format("malformed profile format: {}", detail));
}

}  // namespace

bool IsSpaceOrComment(std::string_view line) {
  std::string_view t = TrimSpace(line);
  return t.empty() || t[0] == '#';
}

bool IsMemoryMapSentinel(std::string_view line) {
  return line.find("--- Memory map: ---") != std::string_view::npos ||
         line.find("MAPPED_LIBRARIES:") != std::string_view::npos;
}

// Like bufio.ScanLines: split on \n and drop one trailing \r.
std::vector<std::string_view> SplitLines(std::string_view data) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    size_t end = nl == std::string_view::npos ? data.size() : nl;
    std::string_view line = data.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

StatusOr<std::vector<uint64_t>> ParseHexAddresses(std::string_view s) {
  std::vector<uint64_t> out;
  size_t i = 0;
  while (i + 2 < s.size() + 0 && (i = s.find("0x", i)) != std::string_view::npos) {
    size_t j = i + 2;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || (s[j] >= 'a' && s[j] <= 'f'))) ++j;
    if (j == i + 2) {
      i += 2;
      continue;
    }
    auto v = ParseUint64(s.substr(i + 2, j - i - 2), 16);
    if (!v)
      return Malformed(fmt::format("failed to parse as hex 64-bit number: {}", s.substr(i, j - i)));
    out.push_back(*v);
    i = j;
  }
  return out;
}

uint32_t Builder::LocationFor(uint64_t addr) {
  auto [it, inserted] =
      location_by_address.emplace(addr, static_cast<uint32_t>(p.locations.size()));
  if (inserted) {
    Location l;
    l.address = addr;
    p.locations.push_back(std::move(l));
  }
  return it->second;
}

namespace {

// Go's procMapsRE and briefMapsRE.
const RE2& ProcMapsRE() {
  static const RE2 re(
      R"(^\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?(?:\s+([-rwxp]+))?(?:\s+([[:xdigit:]]+))?\s+[[:xdigit:]]+:[[:xdigit:]]+\s+[[:digit:]]+(?:\s+(\S+))?)");
  return re;
}
const RE2& BriefMapsRE() {
  static const RE2 re(
      R"(^\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?(?:\s+([-rwxp]+))?(?:\s+(\S+))?(?:\s+\(@([[:xdigit:]]+)\))?(?:\s+([[:xdigit:]]+))?)");
  return re;
}
const RE2& LogInfoRE() {
  static const RE2 re(R"(^[^\[\]]+:[0-9]+]\s)");
  return re;
}

// Returns kUnimplemented for lines that are not map entries, an empty
// optional for non-executable mappings.
StatusOr<std::optional<Mapping>> ParseMappingEntry(const std::string& l) {
  std::string start, end, perm, file, offset, build_id;
  if (RE2::PartialMatch(l, ProcMapsRE(), &start, &end, &perm, &offset, &file)) {
  } else if (RE2::PartialMatch(l, BriefMapsRE(), &start, &end, &perm, &file, &offset, &build_id)) {
  } else {
    return Unrecognized();
  }
  Mapping m;
  m.file = file;
  m.build_id = build_id;
  if (!perm.empty() && perm.find('x') == std::string::npos) return std::optional<Mapping>();
  auto s = ParseUint64(start, 16);
  auto e = ParseUint64(end, 16);
  if (!s || !e) return Unrecognized();
  m.start = *s;
  m.limit = *e;
  if (!offset.empty()) {
    auto o = ParseUint64(offset, 16);
    if (!o) return Unrecognized();
    m.offset = *o;
  }
  return std::optional<Mapping>(m);
}

bool Adjacent(const Mapping& m1, const Mapping& m2) {
  if (!m1.file.empty() && !m2.file.empty() && m1.file != m2.file) return false;
  if (!m1.build_id.empty() && !m2.build_id.empty() && m1.build_id != m2.build_id) return false;
  if (m1.limit != m2.start) return false;
  if (m1.offset != 0 && m2.offset != 0) {
    if (m1.offset + (m1.limit - m1.start) != m2.offset) return false;
  }
  return true;
}

bool IsSharedLibrary(const std::string& file) {
  static const RE2 re(R"(([.]so$|[.]so[._][0-9]+))");
  return RE2::PartialMatch(file, re);
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

}  // namespace

Status Builder::ParseMemoryMap(const std::vector<std::string_view>& lines, size_t first) {
  std::vector<std::pair<std::string, std::string>> attrs;
  std::vector<Mapping> found;
  for (size_t i = first; i < lines.size(); ++i) {
    std::string line(lines[i]);
    re2::StringPiece sp(line);
    if (RE2::Consume(&sp, LogInfoRE())) line = std::string(sp);
    for (const auto& [k, v] : attrs) line = ReplaceAll(line, k, v);
    auto m = ParseMappingEntry(line);
    if (!m.ok()) {
      size_t eq = line.find('=');
      if (eq != std::string::npos) {
        attrs.emplace_back("$" + std::string(TrimSpace(std::string_view(line).substr(0, eq))),
                           std::string(TrimSpace(std::string_view(line).substr(eq + 1))));
      }
      continue;
    }
    if (m->has_value()) found.push_back(**m);
  }
  // massageMappings: merge adjacent mappings, then put the main binary first.
  std::vector<int> remap(found.size());
  std::vector<Mapping> merged;
  for (size_t i = 0; i < found.size(); ++i) {
    if (!merged.empty() && Adjacent(merged.back(), found[i])) {
      Mapping& lm = merged.back();
      lm.limit = found[i].limit;
      if (!found[i].file.empty()) lm.file = found[i].file;
      if (!found[i].build_id.empty()) lm.build_id = found[i].build_id;
      remap[i] = static_cast<int>(merged.size() - 1);
      continue;
    }
    remap[i] = static_cast<int>(merged.size());
    merged.push_back(found[i]);
  }
  for (size_t i = 0; i < merged.size(); ++i) {
    std::string file(TrimSpace(ReplaceAll(merged[i].file, "(deleted)", "")));
    if (file.empty() || IsSharedLibrary(file) || file[0] == '[') continue;
    std::swap(merged[0], merged[i]);
    break;
  }
  p.mappings = std::move(merged);
  for (size_t i = 0; i < p.mappings.size(); ++i) p.mappings[i].id = i + 1;
  return Status::Ok();
}

Profile Builder::Finish() {
  // remapLocationIDs: keep only referenced locations, numbered by first use.
  std::vector<int64_t> new_index(p.locations.size(), -1);
  std::vector<Location> locs;
  for (RawSample& s : samples) {
    for (uint32_t& l : s.locs) {
      if (new_index[l] < 0) {
        new_index[l] = static_cast<int64_t>(locs.size());
        locs.push_back(std::move(p.locations[l]));
        locs.back().id = locs.size();
      }
      l = static_cast<uint32_t>(new_index[l]);
    }
  }
  p.locations = std::move(locs);
  // remapMappingIDs.
  if (!p.mappings.empty() && StartsWith(p.mappings[0].file, "/anon_hugepage")) {
    if (p.mappings.size() > 1 && p.mappings[0].limit == p.mappings[1].start) {
      p.mappings.erase(p.mappings.begin());
    }
  }
  if (!p.mappings.empty()) {
    Mapping& m = p.mappings[0];
    if (m.start - m.offset == 0x400000) {
      m.start = 0x400000;
      m.offset = 0;
    }
  }
  int32_t fake = kNone;
  for (Location& l : p.locations) {
    const uint64_t a = l.address;
    if (l.mapping != kNone || a == 0) continue;
    bool done = false;
    for (size_t i = 0; i < p.mappings.size() && !done; ++i) {
      if (p.mappings[i].start <= a && a < p.mappings[i].limit) {
        l.mapping = static_cast<int32_t>(i);
        done = true;
      }
    }
    for (size_t i = 0; i < p.mappings.size() && !done; ++i) {
      Mapping& m = p.mappings[i];
      if (m.offset != 0 && m.start - m.offset <= a && a < m.start) {
        m.start -= m.offset;
        m.offset = 0;
        l.mapping = static_cast<int32_t>(i);
        done = true;
      }
    }
    if (done) continue;
    if (fake == kNone) {
      Mapping f;
      f.limit = ~uint64_t{0};
      fake = static_cast<int32_t>(p.mappings.size());
      p.mappings.push_back(f);
    }
    l.mapping = fake;
  }
  for (size_t i = 0; i < p.mappings.size(); ++i) p.mappings[i].id = i + 1;
  for (RawSample& s : samples) p.AddSample(s.locs, s.values, s.labels);
  samples.clear();
  return std::move(p);
}

// goroutine and threadcreate: "<kind> profile: total N" then "count @ pcs".
StatusOr<Profile> ParseGoCount(std::string_view data) {
  static const RE2 start_re(R"(\A(\S+) profile: total \d+\z)");
  // pprof requires at least one address; Go writes "N @" with none for
  // threadcreate, which mapwarden accepts as a sample with an empty stack.
  static const RE2 count_re(R"(\A(\d+) @((?: 0x[0-9a-f]+)*)\z)");
  auto lines = SplitLines(data);
  size_t i = 0;
  while (i < lines.size() && IsSpaceOrComment(lines[i])) ++i;
  std::string type;
  if (i >= lines.size() || !RE2::FullMatch(lines[i], start_re, &type)) return Unrecognized();
  ++i;
  Builder b;
  b.p.period_type = {type, "count"};
  b.p.period = 1;
  b.p.sample_types = {{type, "count"}};
  for (; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (IsSpaceOrComment(line)) continue;
    if (StartsWith(line, "---")) break;
    std::string n_str, stack;
    if (!RE2::FullMatch(line, count_re, &n_str, &stack)) {
      return Malformed(fmt::format("line {}: expected \"count @ 0x...\", got \"{}\"", i + 1,
                                   line.substr(0, 80)));
    }
    auto n = ParseInt64(n_str, 10);
    if (!n) return Malformed(fmt::format("line {}: bad count {}", i + 1, n_str));
    Builder::RawSample s;
    for (std::string_view f : SplitFields(stack)) {
      auto addr = ParseUint64(f.substr(2), 16);
      if (!addr) return Malformed(fmt::format("line {}: bad address {}", i + 1, f));
      s.locs.push_back(b.LocationFor(*addr - 1));
    }
    s.values = {*n};
    b.samples.push_back(std::move(s));
  }
  while (i < lines.size() && !IsMemoryMapSentinel(lines[i])) ++i;
  MW_RETURN_IF_ERROR(b.ParseMemoryMap(lines, i + 1));
  return b.Finish();
}

// pprof's scaleHeapSample: undoes Poisson sampling at `rate` bytes.
std::pair<int64_t, int64_t> ScaleHeapSample(int64_t count, int64_t size, int64_t rate) {
  if (count == 0 || size == 0) return {0, 0};
  if (rate <= 1) return {count, size};
  double avg = static_cast<double>(size) / static_cast<double>(count);
  double scale = 1 / (1 - std::exp(-avg / static_cast<double>(rate)));
  return {GoFloatToInt64(static_cast<double>(count) * scale),
          GoFloatToInt64(static_cast<double>(size) * scale)};
}

StatusOr<Profile> ParseHeap(std::string_view data) {
  static const RE2 header_re(
      R"(heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)/?(\d*))");
  static const RE2 growth_re(R"(heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?)");
  static const RE2 frag_re(
      R"(heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?)");
  static const RE2 sample_re(R"((-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*))");
  auto lines = SplitLines(data);
  if (lines.empty()) return Unrecognized();
  Builder b;
  b.p.period_type = {"space", "bytes"};
  std::string sampling;
  bool has_alloc = false;
  std::string h1, h2, h3, h4, kind, rate;
  if (RE2::PartialMatch(lines[0], header_re, &h1, &h2, &h3, &h4, &kind, &rate)) {
    int64_t period = 0;
    if (!rate.empty()) {
      auto r = ParseInt64(rate, 10);
      if (!r) return Unrecognized();
      period = *r;
    }
    has_alloc = (h3 != h1 && h3 != "0") || (h4 != h2 && h4 != "0");
    if (kind == "heapz_v2" || kind == "heap_v2") {
      sampling = "v2";
    } else if (kind == "heapprofile") {
      period = 1;
    } else if (kind == "heap") {
      sampling = "v2";
      period /= 2;  // Go writes heap/<2*MemProfileRate>
    } else {
      return Unrecognized();
    }
    b.p.period = period;
  } else if (RE2::PartialMatch(lines[0], growth_re) || RE2::PartialMatch(lines[0], frag_re)) {
    b.p.period = 1;
  } else {
    return Unrecognized();
  }
  if (has_alloc) {
    b.p.sample_types = {{"alloc_objects", "count"},
                        {"alloc_space", "bytes"},
                        {"inuse_objects", "count"},
                        {"inuse_space", "bytes"}};
  } else {
    b.p.sample_types = {{"objects", "count"}, {"space", "bytes"}};
  }
  size_t i = 1;
  for (; i < lines.size(); ++i) {
    std::string_view line = TrimSpace(lines[i]);
    if (IsSpaceOrComment(line)) continue;
    if (IsMemoryMapSentinel(line)) break;
    std::string c1, s1, c2, s2, addrs;
    if (!RE2::PartialMatch(line, sample_re, &c1, &s1, &c2, &s2, &addrs)) {
      return Malformed(
          fmt::format("line {}: unexpected heap sample \"{}\"", i + 1, line.substr(0, 80)));
    }
    Builder::RawSample s;
    int64_t blocksize = 0;
    auto add = [&](const std::string& cs, const std::string& ss, const char* what) -> Status {
      auto count = ParseInt64(cs, 10);
      auto size = ParseInt64(ss, 10);
      if (!count || !size) return Malformed(fmt::format("line {}: malformed sample", i + 1));
      if (*count == 0 && *size != 0) {
        return Malformed(
            fmt::format("line {}: {} count was 0 but {} bytes was {}", i + 1, what, what, *size));
      }
      int64_t c = *count, sz = *size;
      if (c != 0) {
        blocksize = sz / c;
        if (sampling == "v2") std::tie(c, sz) = ScaleHeapSample(c, sz, b.p.period);
      }
      s.values.push_back(c);
      s.values.push_back(sz);
      return Status::Ok();
    };
    if (has_alloc) MW_RETURN_IF_ERROR(add(c2, s2, "allocation"));
    MW_RETURN_IF_ERROR(add(c1, s1, "inuse"));
    auto parsed = ParseHexAddresses(addrs);
    if (!parsed.ok()) return parsed.status();
    for (uint64_t a : *parsed) s.locs.push_back(b.LocationFor(a - 1));
    s.labels.push_back(b.p.NumericLabel("bytes", blocksize));
    b.samples.push_back(std::move(s));
  }
  while (i < lines.size() && !IsMemoryMapSentinel(lines[i])) ++i;
  MW_RETURN_IF_ERROR(b.ParseMemoryMap(lines, i + 1));
  return b.Finish();
}

// Go's mutex and block profiles ("--- mutex:" / "--- contention:") and the
// C++ contentionz format.
StatusOr<Profile> ParseContention(std::string_view data) {
  static const RE2 sample_re(R"((\d+) *(\d+) @([ x0-9a-f]*))");
  auto lines = SplitLines(data);
  if (lines.empty()) return Unrecognized();
  std::string_view first = lines[0];
  if (!StartsWith(first, "--- contentionz ") && !StartsWith(first, "--- mutex:") &&
      !StartsWith(first, "--- contention:")) {
    return Unrecognized();
  }
  Builder b;
  b.p.period_type = {"contentions", "count"};
  b.p.period = 1;
  b.p.sample_types = {{"contentions", "count"}, {"delay", "nanoseconds"}};
  int64_t cpu_hz = 0;
  size_t i = 1;
  for (; i < lines.size(); ++i) {
    std::string_view line = TrimSpace(lines[i]);
    if (IsSpaceOrComment(line)) continue;
    if (StartsWith(line, "---")) break;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) break;
    std::string_view key = TrimSpace(line.substr(0, eq)), val = TrimSpace(line.substr(eq + 1));
    if (key == "cycles/second") {
      auto v = ParseInt64(val, 0);
      if (!v) return Unrecognized();
      cpu_hz = *v;
    } else if (key == "sampling period") {
      auto v = ParseInt64(val, 0);
      if (!v) return Unrecognized();
      b.p.period = *v;
    } else if (key == "ms since reset") {
      auto v = ParseInt64(val, 0);
      if (!v) return Unrecognized();
      b.p.duration_nanos = *v * 1000 * 1000;
    } else if (key == "discarded samples") {
    } else {
      return Unrecognized();
    }
  }
  for (; i < lines.size(); ++i) {
    std::string_view line = TrimSpace(lines[i]);
    if (StartsWith(line, "---")) break;
    if (IsSpaceOrComment(line)) continue;
    std::string v1s, v2s, addrs;
    if (!RE2::PartialMatch(line, sample_re, &v1s, &v2s, &addrs)) return Unrecognized();
    auto v1 = ParseInt64(v1s, 10);
    auto v2 = ParseInt64(v2s, 10);
    if (!v1 || !v2) return Malformed(fmt::format("line {}: malformed sample", i + 1));
    int64_t cycles = *v1, count = *v2;
    if (b.p.period > 0) {
      if (cpu_hz > 0) {
        double ghz = static_cast<double>(cpu_hz) / 1e9;
        cycles =
            GoFloatToInt64(static_cast<double>(cycles) * static_cast<double>(b.p.period) / ghz);
      }
      count = WrapMul(count, b.p.period);
    }
    auto parsed = ParseHexAddresses(addrs);
    if (!parsed.ok()) return parsed.status();
    Builder::RawSample s;
    for (uint64_t a : *parsed) s.locs.push_back(b.LocationFor(a - 1));
    s.values = {count, cycles};
    b.samples.push_back(std::move(s));
  }
  while (i < lines.size() && !IsMemoryMapSentinel(lines[i])) ++i;
  MW_RETURN_IF_ERROR(b.ParseMemoryMap(lines, i + 1));
  return b.Finish();
}

bool SymbolizeFromComments(std::string_view data, Profile* p) {
  // "#\t0x4b3a6b\tmain.grow+0x8b\t\t/tmp/t/main.go:4"; consecutive lines with
  // the same PC are the inlined frames of one location, innermost first.
  struct Frame {
    std::string func, file;
    int64_t line;
  };
  std::map<uint64_t, std::vector<Frame>> frames;
  // The PC whose first listing is being read; repeats in later stacks are
  // skipped.
  bool building_active = false;
  uint64_t building = 0;
  for (std::string_view raw : SplitLines(data)) {
    std::string_view line = TrimSpace(raw);
    auto fields =
        StartsWith(line, "#") ? SplitFields(line.substr(1)) : std::vector<std::string_view>{};
    std::optional<uint64_t> pc;
    if (fields.size() >= 3 && StartsWith(fields[0], "0x"))
      pc = ParseUint64(fields[0].substr(2), 16);
    if (!pc) {
      building_active = false;
      continue;
    }
    auto& list = frames[*pc];
    if (!list.empty() && !(building_active && building == *pc)) {
      building_active = false;
      continue;
    }
    building_active = true;
    building = *pc;
    std::string_view func = fields[1];
    size_t plus = func.rfind("+0x");
    if (plus != std::string_view::npos) func = func.substr(0, plus);
    std::string_view loc = fields[2];
    size_t colon = loc.rfind(':');
    Frame f{std::string(func), std::string(loc), 0};
    if (colon != std::string_view::npos) {
      if (auto ln = ParseInt64(loc.substr(colon + 1), 10)) {
        f.file = std::string(loc.substr(0, colon));
        f.line = *ln;
      }
    }
    list.push_back(std::move(f));
  }
  if (frames.empty()) return false;
  std::map<std::pair<std::string, std::string>, int32_t> function_index;
  for (Location& l : p->locations) {
    auto it = frames.find(l.address);
    if (it == frames.end() || !l.lines.empty()) continue;
    for (const Frame& f : it->second) {
      auto [fit, inserted] = function_index.emplace(std::make_pair(f.func, f.file),
                                                    static_cast<int32_t>(p->functions.size()));
      if (inserted) {
        Function fn;
        fn.id = p->functions.size() + 1;
        fn.name = f.func;
        fn.system_name = f.func;
        fn.filename = f.file;
        p->functions.push_back(std::move(fn));
      }
      Line ln;
      ln.function = fit->second;
      ln.line = f.line;
      l.lines.push_back(ln);
    }
    if (l.mapping != kNone) {
      Mapping& m = p->mappings[static_cast<size_t>(l.mapping)];
      m.has_functions = m.has_filenames = m.has_line_numbers = m.has_inline_frames = true;
    }
  }
  // Go prints no '#' line for the runtime frames above the first user frame
  // (mallocgc, chansend, ...) nor for runtime.goexit at the root. Strip
  // them as the runtime's proto writer does (hideRuntime in protomem.go):
  // drop the leading runtime frames when a user frame follows, so that
  // stacks start at user code; the allocator drop_frames pprof sets for
  // legacy heaps is then moot.
  auto is_runtime = [&](uint32_t loc) {
    const Location& l = p->locations[loc];
    for (const Line& ln : l.lines) {
      if (!StartsWith(p->functions[static_cast<size_t>(ln.function)].name, "runtime.")) {
        return false;
      }
    }
    return true;  // unnamed frames are runtime frames the printer skipped
  };
  for (Sample& s : p->samples) {
    auto locs = p->LocationsOf(s);
    size_t begin = 0, end = locs.size();
    while (begin < end && is_runtime(locs[begin])) ++begin;
    if (begin == end) begin = 0;  // no user frame: Go printed them all
    while (end > begin && p->locations[locs[end - 1]].lines.empty()) --end;
    if (begin == end) continue;  // nothing named at all: keep the raw stack
    s.loc_begin += static_cast<uint32_t>(begin);
    s.loc_count = static_cast<uint32_t>(end - begin);
  }
  p->drop_frames.clear();
  p->keep_frames.clear();
  return true;
}

}  // namespace legacy
}  // namespace mw::pprof
