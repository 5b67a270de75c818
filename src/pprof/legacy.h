// Legacy (pre-proto) profile formats: the text that Go writes at debug=1
// (heap, goroutine, threadcreate, mutex, block) and the C++ formats pprof
// reads (binary CPU, heapz, contentionz, threadz).
#ifndef MAPWARDEN_PPROF_LEGACY_H_
#define MAPWARDEN_PPROF_LEGACY_H_

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "pprof/profile.h"

namespace mw::pprof {

// kUnimplemented means "not this format"; other errors are real faults.
StatusOr<Profile> ParseLegacy(std::string_view data);

namespace legacy {

// A profile under construction: samples hold location indices, as in pprof's
// pointer-based model, until Finish() flattens them.
struct Builder {
  Profile p;
  struct RawSample {
    std::vector<uint32_t> locs;
    std::vector<int64_t> values;
    std::vector<Label> labels;
  };
  std::vector<RawSample> samples;
  std::unordered_map<uint64_t, uint32_t> location_by_address;

  // Returns the location for `addr`, creating it on first use.
  uint32_t LocationFor(uint64_t addr);

  // Parses the memory map that may follow the samples, then renumbers
  // locations, functions and mappings as pprof's ParseMemoryMap does.
  Status ParseMemoryMap(const std::vector<std::string_view>& lines, size_t first);
  Profile Finish();
};

bool IsSpaceOrComment(std::string_view line);
bool IsMemoryMapSentinel(std::string_view line);
std::vector<std::string_view> SplitLines(std::string_view data);
// Every 0x-prefixed hex number in `s`.
StatusOr<std::vector<uint64_t>> ParseHexAddresses(std::string_view s);

StatusOr<Profile> ParseGoCount(std::string_view data);
StatusOr<Profile> ParseHeap(std::string_view data);
StatusOr<Profile> ParseContention(std::string_view data);
StatusOr<Profile> ParseThread(std::string_view data);
StatusOr<Profile> ParseCpu(std::string_view data);
StatusOr<Profile> ParseJava(std::string_view data);
std::pair<int64_t, int64_t> ScaleHeapSample(int64_t count, int64_t size, int64_t rate);

// Go's debug=1 text annotates each stack with "#\tPC\tfunc+off\tfile:line"
// lines. pprof ignores them; mapwarden turns them into functions and lines.
// Returns whether any '#' frame was found (the text came from Go).
bool SymbolizeFromComments(std::string_view data, Profile* p);

}  // namespace legacy
}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_LEGACY_H_
