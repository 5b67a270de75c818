// The C++ profiler formats pprof still reads (binary CPU and threadz), and
// the dispatch over every legacy format.
#include <fmt/format.h>
#include <re2/re2.h>

#include "base/go_arith.h"
#include "base/strings.h"
#include "pprof/legacy.h"

namespace mw::pprof {
namespace legacy {
namespace {

Status Unrecognized() { return Status(StatusCode::kUnimplemented, "unrecognized profile format"); }

using WordReader = uint64_t (*)(std::string_view*, bool*);

template <int kBytes, bool kBigEndian>
uint64_t ReadWord(std::string_view* b, bool* ok) {
  if (b->size() < kBytes) {
    *ok = false;
    return 0;
  }
  uint64_t v = 0;
  for (int i = 0; i < kBytes; ++i) {
    const int idx = kBigEndian ? i : kBytes - 1 - i;
    v = (v << 8) | static_cast<uint8_t>((*b)[static_cast<size_t>(idx)]);
  }
  b->remove_prefix(kBytes);
  return v;
}

// Drops a duplicated frame at the top of the stack, as pprof does.
void CleanupDuplicateLocations(Builder* b) {
  for (auto& s : b->samples) {
    if (s.locs.size() > 1 &&
        b->p.locations[s.locs[0]].address == b->p.locations[s.locs[1]].address + 1) {
      s.locs.erase(s.locs.begin() + 1);
    }
  }
}

// pprof's parseCPUSamples: (count, depth, addresses...) records up to a
// (0, 1, 0) trailer. With `adjust`, return addresses past the first frame
// are moved back into their call instruction.
bool ReadCpuSamples(std::string_view* b, WordReader read, bool adjust, Builder* bld) {
  while (!b->empty()) {
    bool ok = true;
    uint64_t count = read(b, &ok);
    uint64_t nstk = read(b, &ok);
    if (!ok || nstk > b->size() / 4) return false;
    std::vector<uint64_t> addrs(nstk);
    for (uint64_t i = 0; i < nstk; ++i) addrs[i] = read(b, &ok);
    if (!ok) return false;
    if (count == 0 && nstk == 1 && addrs[0] == 0) break;
    Builder::RawSample s;
    for (size_t i = 0; i < addrs.size(); ++i) {
      s.locs.push_back(bld->LocationFor(adjust && i > 0 ? addrs[i] - 1 : addrs[i]));
    }
    s.values = {static_cast<int64_t>(count), WrapMul(static_cast<int64_t>(count), bld->p.period)};
    bld->samples.push_back(std::move(s));
  }
  return true;
}

// pprof's parseJavaLocations: the symbol section maps addresses to
// "function (file:line)"; the locations it names lose their address.
Status ParseJavaLocations(std::string_view b, Builder* bld) {
  static const RE2 loc_re(R"(^\s*0x([[:xdigit:]]+)\s+(.*)\s*$)");
  static const RE2 file_line_re(R"(^(.*)\s+\((.+):(-?[[:digit:]]+)\)$)");
  static const RE2 path_re(R"(^(.*)\s+\((.*)\)$)");
  std::unordered_map<std::string, int32_t> fns;
  for (std::string_view raw : SplitLines(b)) {
    std::string line(TrimSpace(raw));
    if (line.empty()) continue;
    std::string addr_hex, rest;
    if (!RE2::FullMatch(line, loc_re, &addr_hex, &rest)) continue;
    auto addr = ParseUint64(addr_hex, 16);
    if (!addr) return DataLoss(fmt::format("malformed Java location: {}", line));
    auto it = bld->location_by_address.find(*addr);
    if (it == bld->location_by_address.end()) continue;
    std::string func, file, line_no;
    int64_t lineno = 0;
    if (RE2::FullMatch(rest, file_line_re, &func, &file, &line_no)) {
      if (auto n = ParseInt64(line_no, 10); n && *n > 0) lineno = *n;
    } else if (RE2::FullMatch(rest, path_re, &func, &file)) {
      file = std::string(BaseName(file));
    } else if (rest.find("generated stub/JIT") != std::string::npos) {
      func = "STUB";
    } else {
      func = rest;
    }
    auto [fit, inserted] = fns.emplace(func, static_cast<int32_t>(bld->p.functions.size()));
    if (inserted) {
      Function f;
      f.name = func;
      f.system_name = func;
      f.filename = file;
      bld->p.functions.push_back(std::move(f));
    }
    Location& loc = bld->p.locations[it->second];
    Line ln;
    ln.function = fit->second;
    ln.line = lineno;
    loc.lines = {ln};
    loc.address = 0;
  }
  return Status::Ok();
}

// Numbers functions by first use, drops addresses, and validates, as pprof's
// remapFunctionIDs and Aggregate(true, true, true, true, false) do.
StatusOr<Profile> FinishJava(Builder* bld) {
  Profile p = bld->Finish();
  std::vector<int32_t> order(p.functions.size(), kNone);
  std::vector<Function> fns;
  for (Location& l : p.locations) {
    for (Line& ln : l.lines) {
      int32_t& o = order[static_cast<size_t>(ln.function)];
      if (o == kNone) {
        o = static_cast<int32_t>(fns.size());
        fns.push_back(std::move(p.functions[static_cast<size_t>(ln.function)]));
        fns.back().id = fns.size();
      }
      ln.function = o;
    }
    l.address = 0;
  }
  p.functions = std::move(fns);
  MW_RETURN_IF_ERROR(p.CheckValid());
  return p;
}

StatusOr<Profile> ParseJavaCpu(std::string_view b, int64_t period, WordReader read) {
  Builder bld;
  bld.p.period = WrapMul(period, 1000);
  bld.p.period_type = {"cpu", "nanoseconds"};
  bld.p.sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
  if (!ReadCpuSamples(&b, read, /*adjust=*/false, &bld)) return Unrecognized();
  MW_RETURN_IF_ERROR(ParseJavaLocations(b, &bld));
  return FinishJava(&bld);
}

}  // namespace

// Java heapz and contentionz text profiles.
StatusOr<Profile> ParseJava(std::string_view data) {
  size_t nl = data.find('\n');
  if (nl == std::string_view::npos) return Unrecognized();
  std::string_view header = TrimSpace(data.substr(0, nl));
  std::string type;
  if (header == "--- heapz 1 ---") {
    type = "heap";
  } else if (header == "--- contentionz 1 ---") {
    type = "contention";
  } else {
    return Unrecognized();
  }
  static const RE2 attribute_re(R"(([\w ]+)=([\w ]+))");
  static const RE2 sample_re(R"( *(\d+) +(\d+) +@ +([ x0-9a-f]*))");
  Builder bld;
  std::string_view b = data.substr(nl + 1);
  // Header attributes.
  for (size_t next = b.find('\n'); next != std::string_view::npos; next = b.find('\n')) {
    std::string line(TrimSpace(b.substr(0, next)));
    if (!line.empty()) {
      std::string attr, value;
      if (!RE2::PartialMatch(line, attribute_re, &attr, &value)) break;
      attr = std::string(TrimSpace(attr));
      value = std::string(TrimSpace(value));
      const std::string key = type + "/" + attr;
      if (key == "heap/format" || key == "contention/format") {
        if (value != "java") return Unrecognized();
      } else if (key == "heap/resolution") {
        bld.p.sample_types = {{"inuse_objects", "count"}, {"inuse_space", value}};
      } else if (key == "contention/resolution") {
        bld.p.sample_types = {{"contentions", "count"}, {"delay", value}};
      } else if (key == "contention/sampling period") {
        bld.p.period_type = {"contentions", "count"};
        auto v = ParseInt64(value, 0);
        if (!v) return DataLoss(fmt::format("failed to parse attribute {}", line));
        bld.p.period = *v;
      } else if (key == "contention/ms since reset") {
        auto v = ParseInt64(value, 0);
        if (!v) return DataLoss(fmt::format("failed to parse attribute {}", line));
        bld.p.duration_nanos = *v * 1000 * 1000;
      } else {
        return Unrecognized();
      }
    }
    b = b.substr(next + 1);
  }
  // Samples: "value2 value1 @ addresses".
  for (size_t next = b.find('\n'); next != std::string_view::npos; next = b.find('\n')) {
    std::string line(TrimSpace(b.substr(0, next)));
    if (!line.empty()) {
      std::string v2s, v1s, addrs;
      if (!RE2::PartialMatch(line, sample_re, &v2s, &v1s, &addrs)) break;
      auto parsed = ParseHexAddresses(addrs);
      if (!parsed.ok()) return parsed.status();
      Builder::RawSample s;
      for (uint64_t a : *parsed) s.locs.push_back(bld.LocationFor(a));
      auto v1 = ParseInt64(v1s, 0), v2 = ParseInt64(v2s, 0);
      if (!v1 || !v2) return DataLoss(fmt::format("parsing sample {}", line));
      int64_t a = *v1, c = *v2;
      if (type == "heap") {
        if (a == 0)
          return DataLoss(fmt::format("parsing sample {}: second value must be non-zero", line));
        s.labels.push_back(bld.p.NumericLabel("bytes", c / a));
        std::tie(a, c) = ScaleHeapSample(a, c, 524288);
      } else if (bld.p.period != 0) {
        a = WrapMul(a, bld.p.period);
        c = WrapMul(c, bld.p.period);
      }
      s.values = {a, c};
      bld.samples.push_back(std::move(s));
    }
    b = b.substr(next + 1);
  }
  if (bld.p.sample_types.empty()) return Unrecognized();
  MW_RETURN_IF_ERROR(ParseJavaLocations(b, &bld));
  return FinishJava(&bld);
}

StatusOr<Profile> ParseCpu(std::string_view data) {
  static const WordReader kReaders[] = {ReadWord<4, false>, ReadWord<4, true>, ReadWord<8, false>,
                                        ReadWord<8, true>};
  for (WordReader read : kReaders) {
    std::string_view b = data;
    bool ok = true;
    uint64_t n1 = read(&b, &ok), n2 = read(&b, &ok), n3 = read(&b, &ok), n4 = read(&b, &ok),
             n5 = read(&b, &ok);
    if (!ok || n1 != 0 || n2 != 3 || n4 == 0 || n5 != 0) continue;
    if (n3 == 1) return ParseJavaCpu(b, static_cast<int64_t>(n4), read);
    if (n3 != 0) continue;
    Builder bld;
    bld.p.period = WrapMul(static_cast<int64_t>(n4), 1000);
    bld.p.period_type = {"cpu", "nanoseconds"};
    bld.p.sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
    if (!ReadCpuSamples(&b, read, /*adjust=*/true, &bld)) return Unrecognized();
    // Strip the signal-handler frame that appears second in nearly every
    // sample; pprof does this twice.
    for (int iter = 0; iter < 2; ++iter) {
      const size_t margin = bld.samples.size() / 32;
      std::unordered_map<uint64_t, size_t> addr1;
      std::vector<uint64_t> order;
      for (auto& s : bld.samples) {
        if (s.locs.size() > 1) {
          uint64_t a = bld.p.locations[s.locs[1]].address;
          if (addr1[a]++ == 0) order.push_back(a);
        }
      }
      for (uint64_t a : order) {
        if (addr1[a] >= bld.samples.size() - margin) {
          for (auto& s : bld.samples) {
            if (s.locs.size() > 1 && bld.p.locations[s.locs[1]].address == a) {
              s.locs.erase(s.locs.begin() + 1);
            }
          }
          break;
        }
      }
    }
    auto lines = SplitLines(b);
    MW_RETURN_IF_ERROR(bld.ParseMemoryMap(lines, 0));
    CleanupDuplicateLocations(&bld);
    return bld.Finish();
  }
  return Unrecognized();
}

StatusOr<Profile> ParseThread(std::string_view data) {
  static const RE2 threadz_re(R"(--- threadz \d+ ---)");
  static const RE2 thread_re(R"(--- Thread ([[:xdigit:]]+) \(name: (.*)/(\d+)\) stack: ---)");
  auto lines = SplitLines(data);
  size_t i = 0;
  while (i < lines.size() && IsSpaceOrComment(lines[i])) ++i;
  std::string_view line = i < lines.size() ? lines[i] : std::string_view();
  if (RE2::PartialMatch(line, threadz_re)) {
    for (++i; i < lines.size(); ++i) {
      line = lines[i];
      if (IsMemoryMapSentinel(line) || StartsWith(line, "-")) break;
    }
    if (i >= lines.size()) line = i > 0 ? lines[i - 1] : std::string_view();
  } else if (!RE2::PartialMatch(line, thread_re)) {
    return Unrecognized();
  }
  Builder b;
  b.p.sample_types = {{"thread", "count"}};
  b.p.period_type = {"thread", "count"};
  b.p.period = 1;
  while (!IsMemoryMapSentinel(line)) {
    if (StartsWith(line, "---- no stack trace for")) {
      line = "";
      break;
    }
    if (!RE2::PartialMatch(line, thread_re)) return Unrecognized();
    std::vector<uint64_t> addrs;
    bool same_as_previous = false;
    std::string_view next;
    for (++i; i < lines.size(); ++i) {
      next = TrimSpace(lines[i]);
      if (next.empty()) continue;
      if (StartsWith(next, "---")) break;
      if (next.find("same as previous thread") != std::string_view::npos) {
        same_as_previous = true;
        continue;
      }
      auto more = ParseHexAddresses(next);
      if (!more.ok()) return more.status();
      addrs.insert(addrs.end(), more->begin(), more->end());
    }
    if (i >= lines.size() && !StartsWith(next, "---")) {
      // The scanner ran dry: the loop below ends on the sentinel check.
    }
    line = next;
    if (same_as_previous) addrs.clear();
    if (addrs.empty()) {
      if (!b.samples.empty()) b.samples.back().values[0]++;
      if (i >= lines.size()) break;
      continue;
    }
    Builder::RawSample s;
    for (size_t k = 0; k < addrs.size(); ++k) {
      s.locs.push_back(b.LocationFor(k > 0 ? addrs[k] - 1 : addrs[k]));
    }
    s.values = {1};
    b.samples.push_back(std::move(s));
    if (i >= lines.size()) break;
  }
  while (i < lines.size() && !IsMemoryMapSentinel(lines[i])) ++i;
  MW_RETURN_IF_ERROR(b.ParseMemoryMap(lines, i + 1));
  CleanupDuplicateLocations(&b);
  return b.Finish();
}

}  // namespace legacy

namespace {

const char* const kAllocRx =
    R"(calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|realloc|)"
    R"(tcmalloc::.*|tc_calloc|tc_cfree|tc_malloc|tc_free|tc_memalign|tc_posix_memalign|)"
    R"(tc_pvalloc|tc_valloc|tc_realloc|tc_new|tc_delete|tc_newarray|tc_deletearray|)"
    R"(tc_new_nothrow|tc_newarray_nothrow|malloc_zone_malloc|malloc_zone_calloc|)"
    R"(malloc_zone_valloc|malloc_zone_realloc|malloc_zone_memalign|malloc_zone_free|)"
    R"(runtime\..*|BaseArena::.*|(::)?do_malloc_no_errno|(::)?do_malloc_pages|(::)?do_malloc|)"
    R"(DoSampledAllocation|MallocedMemBlock::MallocedMemBlock|_M_allocate|)"
    R"(__builtin_(vec_)?delete|__builtin_(vec_)?new|__gnu_cxx::new_allocator::allocate|)"
    R"(__libc_malloc|__malloc_alloc_template::allocate|allocate|cpp_alloc|operator new(\[\])?|)"
    R"(simple_alloc::allocate)";
const char* const kAllocSkipRx = R"(runtime\.panic|runtime\.reflectcall|runtime\.call[0-9]*)";
const char* const kCpuProfilerRx =
    R"(ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|)"
    R"(__pthread_sighandler|__restore)";
const char* const kLockRx =
    R"(RecordLockProfileData|(base::)?RecordLockProfileData.*|(base::)?SubmitMutexProfileData.*|)"
    R"((base::)?SubmitSpinLockProfileData.*|(base::Mutex::)?AwaitCommon.*|(base::Mutex::)?Unlock.*|)"
    R"((base::Mutex::)?UnlockSlow.*|(base::Mutex::)?ReaderUnlock.*|(base::MutexLock::)?~MutexLock.*|)"
    R"((Mutex::)?AwaitCommon.*|(Mutex::)?Unlock.*|(Mutex::)?UnlockSlow.*|(Mutex::)?ReaderUnlock.*|)"
    R"((MutexLock::)?~MutexLock.*|(SpinLock::)?Unlock.*|(SpinLock::)?SlowUnlock.*|)"
    R"((SpinLockHolder::)?~SpinLockHolder.*)";

bool IsType(const Profile& p, std::initializer_list<std::vector<const char*>> types) {
  for (const auto& t : types) {
    if (t.size() != p.sample_types.size()) continue;
    bool all = true;
    for (size_t i = 0; i < t.size(); ++i) all = all && p.sample_types[i].type == t[i];
    if (all) return true;
  }
  return false;
}

void AddLegacyFrameInfo(Profile* p) {
  if (IsType(*p, {{"allocations", "size"},
                  {"objects", "space"},
                  {"inuse_objects", "inuse_space"},
                  {"alloc_objects", "alloc_space"},
                  {"alloc_objects", "alloc_space", "inuse_objects", "inuse_space"}})) {
    p->drop_frames = kAllocRx;
    p->keep_frames = kAllocSkipRx;
  } else if (IsType(*p, {{"contentions", "delay"}})) {
    p->drop_frames = kLockRx;
    p->keep_frames = "";
  } else {
    p->drop_frames = kCpuProfilerRx;
    p->keep_frames = "";
  }
}

}  // namespace

StatusOr<Profile> ParseLegacy(std::string_view data) {
  using Parser = StatusOr<Profile> (*)(std::string_view);
  static const Parser kParsers[] = {legacy::ParseCpu,        legacy::ParseHeap,
                                    legacy::ParseGoCount,    legacy::ParseThread,
                                    legacy::ParseContention, legacy::ParseJava};
  for (Parser parse : kParsers) {
    StatusOr<Profile> p = parse(data);
    if (p.ok()) {
      AddLegacyFrameInfo(&*p);
      if (legacy::SymbolizeFromComments(data, &*p) && !data.empty() && data.back() != '\n') {
        // Go always ends its text profiles with a newline.
        return DataLoss(fmt::format("text profile ends in the middle of line {} (truncated?)",
                                    legacy::SplitLines(data).size()));
      }
      return p;
    }
    if (p.status().code() != StatusCode::kUnimplemented) return p;
  }
  return Status(StatusCode::kUnimplemented, "unrecognized profile format");
}

}  // namespace mw::pprof
