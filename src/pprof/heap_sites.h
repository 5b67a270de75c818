// Allocation sites of a heap profile: each sample charged to the first frame
// outside the runtime and the standard library (the line of user code that
// allocated), split by object size (the per-sample `bytes` label).
//
// Go's heap profiles already drop the leading runtime frames (hideRuntime in
// runtime/pprof/protomem.go); debug=1 profiles keep their addresses, which
// are skipped here too. A standard-library frame below the user line (for
// example strconv.Itoa) is kept as the site's `via`: memory that the library
// allocated on the line's behalf, which is never a map the line writes.
#ifndef MAPWARDEN_PPROF_HEAP_SITES_H_
#define MAPWARDEN_PPROF_HEAP_SITES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/go_arith.h"
#include "base/status.h"
#include "pprof/profile.h"

namespace mw::pprof {

struct HeapValues {
  int64_t alloc_objects = 0;
  int64_t alloc_space = 0;
  int64_t inuse_objects = 0;
  int64_t inuse_space = 0;

  // Wrapping arithmetic: values come from untrusted profiles.
  HeapValues& operator+=(const HeapValues& o) {
    alloc_objects = WrapAdd(alloc_objects, o.alloc_objects);
    alloc_space = WrapAdd(alloc_space, o.alloc_space);
    inuse_objects = WrapAdd(inuse_objects, o.inuse_objects);
    inuse_space = WrapAdd(inuse_space, o.inuse_space);
    return *this;
  }
  HeapValues& operator-=(const HeapValues& o) {
    alloc_objects = WrapSub(alloc_objects, o.alloc_objects);
    alloc_space = WrapSub(alloc_space, o.alloc_space);
    inuse_objects = WrapSub(inuse_objects, o.inuse_objects);
    inuse_space = WrapSub(inuse_space, o.inuse_space);
    return *this;
  }
  bool empty() const {
    return alloc_objects == 0 && alloc_space == 0 && inuse_objects == 0 && inuse_space == 0;
  }
};

// The values of one object size at a site. `bytes` is 0 when the profile
// has no size labels.
struct SizedValues {
  int64_t bytes = 0;
  HeapValues values;
};

struct AllocSite {
  std::string function;  // as in the profile: "main.(*Cache).put"
  std::string file;      // as in the profile
  int64_t line = 0;
  std::string via;                 // the standard-library function that allocated, or ""
  std::vector<SizedValues> sizes;  // sorted by bytes
  HeapValues total;
};

struct HeapSites {
  std::vector<AllocSite> sites;  // sorted by inuse_space, then alloc_space, descending
  HeapValues total;              // every sample, including those without a user frame
  HeapValues unattributed;       // samples with no user frame at all
  int64_t sample_rate = 0;       // the profile's period (MemProfileRate), 0 if unknown
  size_t samples = 0;
};

// Whether a function (as pprof names it) is part of the Go runtime or the
// standard library: its package path has no dot in its first element and
// is not "main". A package path like "example/app" (a module path without
// a dot) is not standard; `is_std_package` answers for those when given.
bool IsLibraryFunction(std::string_view function,
                       const std::function<bool(std::string_view)>& is_std_package = {});

// The package path of a function as pprof names it:
// "github.com/a/b.(*T).M" -> "github.com/a/b".
std::string_view FunctionPackage(std::string_view function);

// Collects the sites of a heap or allocs profile (proto or legacy). Fails
// when the profile lacks the four heap sample types.
StatusOr<HeapSites> CollectHeapSites(
    const Profile& p, const std::function<bool(std::string_view)>& is_std_package = {});

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_HEAP_SITES_H_
