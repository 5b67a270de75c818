// What the Go runtime allocates for maps, as object sizes: a heap profile's
// per-sample `bytes` label is the size of the block the allocator handed out
// (a size class, or whole pages), so a map's bucket arrays show up as a
// recognisable series of sizes that double on each growth.
//
// Two layouts are modelled. The bucket map of Go 1.0-1.23 (runtime/map.go
// and the compiler's MapBucketType): 8 top-hash bytes, 8 keys, 8 elements
// and an overflow pointer per bucket. The Swiss table of Go 1.24 on
// (internal/runtime/maps): groups of an 8-byte control word and 8 key/elem
// slots, in tables of 1 to 128 groups that double, then split in two. In
// both, keys and elements over 128 bytes are stored as pointers to objects
// of their own, allocated on insert.
#ifndef MAPWARDEN_PPROF_GO_ALLOC_H_
#define MAPWARDEN_PPROF_GO_ALLOC_H_

#include <cstdint>
#include <vector>

namespace mw::pprof {

// The block size mallocgc hands out for a request of `size` bytes
// (runtime.roundupsize: a size class up to 32 KB, then whole 8 KB pages).
int64_t RoundUpSize(int64_t size);

// The size of the runtime's hmap header (runtime.hmap on 64-bit).
inline constexpr int64_t kHmapSize = 48;

// The size of one bucket of a map whose keys and elements have these sizes
// and alignments; -1 when a size is unknown.
int64_t MapBucketSize(int64_t key_size, int64_t key_align, int64_t elem_size, int64_t elem_align);

// Block sizes of the map's storage: index b is the bucket array of 2^b
// buckets (with the overflow buckets the runtime preallocates from b = 4),
// as makeBucketArray allocates it. Index 0 is also the size of a single
// overflow bucket (newoverflow) and of the first bucket of a map made
// without a size hint.
std::vector<int64_t> BucketArraySizes(int64_t bucket_size);

// The size of a Swiss-table group (Go 1.24+) for these key and element
// sizes and alignments; -1 when a size is unknown.
int64_t SwissGroupSize(int64_t key_size, int64_t key_align, int64_t elem_size, int64_t elem_align);

// Block sizes of a Swiss table's group arrays: index k holds 2^k groups
// (k = 0..7; 128 groups, 1,024 slots, is the most a table has before it
// splits). Index 0 is also a small map's single group.
std::vector<int64_t> SwissGroupArraySizes(int64_t group_size);

// Keys and elements larger than this are stored as pointers, and each
// insert allocates an object for them.
inline constexpr int64_t kMaxInlineKeyElem = 128;

// The B a map made with make(map[K]V, hint) starts with.
int MapLogBucketsForHint(int64_t hint);

}  // namespace mw::pprof

#endif  // MAPWARDEN_PPROF_GO_ALLOC_H_
