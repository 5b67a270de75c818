// The C++ profiler formats pprof still reads (binary CPU and threadz), and
// the dispatch over every legacy format.
#include <fmt/format.h>
#include <re2/re2.h>

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

}  // namespace

StatusOr<Profile> ParseCpu(std::string_view data) {
  static const WordReader kReaders[] = {ReadWord<4, false>, ReadWord<4, true>, ReadWord<8, false>,
                                        ReadWord<8, true>};
  for (WordReader read : kReaders) {
    std::string_view b = data;
    bool ok = true;
    uint64_t n1 = read(&b, &ok), n2 = read(&b, &ok), n3 = read(&b, &ok), n4 = read(&b, &ok),
             n5 = read(&b, &ok);
    if (!ok || n1 != 0 || n2 != 3 || n4 == 0 || n5 != 0) continue;
    if (n3 == 1) return Status(StatusCode::kUnimplemented, "Java CPU profiles are not supported");
    if (n3 != 0) continue;
    Builder bld;
    bld.p.period = static_cast<int64_t>(n4) * 1000;
    bld.p.period_type = {"cpu", "nanoseconds"};
    bld.p.sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
    while (!b.empty()) {
      bool rok = true;
      uint64_t count = read(&b, &rok);
      uint64_t nstk = read(&b, &rok);
      if (!rok || nstk > b.size() / 4) return Unrecognized();
      std::vector<uint64_t> addrs(nstk);
      for (uint64_t i = 0; i < nstk; ++i) addrs[i] = read(&b, &rok);
      if (!rok) return Unrecognized();
      if (count == 0 && nstk == 1 && addrs[0] == 0) break;
      Builder::RawSample s;
      for (size_t i = 0; i < addrs.size(); ++i) {
        s.locs.push_back(bld.LocationFor(i > 0 ? addrs[i] - 1 : addrs[i]));
      }
      s.values = {static_cast<int64_t>(count), static_cast<int64_t>(count) * bld.p.period};
      bld.samples.push_back(std::move(s));
    }
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
  static const Parser kParsers[] = {legacy::ParseCpu, legacy::ParseHeap, legacy::ParseGoCount,
                                    legacy::ParseThread, legacy::ParseContention};
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
