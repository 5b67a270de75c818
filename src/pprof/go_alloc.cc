#include "pprof/go_alloc.h"

#include <algorithm>
#include <array>

namespace mw::pprof {
namespace {

// runtime/sizeclasses.go (unchanged from Go 1.12 to Go 1.23).
constexpr std::array<int32_t, 68> kClassToSize = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,  160,   176,
    192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,  512,   576,
    640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304, 2688,  3072,
    3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728, 10240, 10880,
    12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};
constexpr int64_t kMaxSmallSize = 32768;
constexpr int64_t kPageSize = 8192;
constexpr int64_t kBucketCount = 8;
constexpr int64_t kPtrSize = 8;

int64_t AlignUp(int64_t n, int64_t a) { return a <= 1 ? n : (n + a - 1) / a * a; }

}  // namespace

int64_t RoundUpSize(int64_t size) {
  if (size <= 0) return 0;
  if (size <= kMaxSmallSize) {
    return *std::lower_bound(kClassToSize.begin(), kClassToSize.end(), size);
  }
  return AlignUp(size, kPageSize);
}

int64_t MapBucketSize(int64_t key_size, int64_t key_align, int64_t elem_size, int64_t elem_align) {
  if (key_size < 0 || elem_size < 0 || key_align <= 0 || elem_align <= 0) return -1;
  if (key_size > kMaxInlineKeyElem) key_size = key_align = kPtrSize;
  if (elem_size > kMaxInlineKeyElem) elem_size = elem_align = kPtrSize;
  int64_t off = kBucketCount;  // tophash [8]uint8
  off = AlignUp(off, key_align) + kBucketCount * key_size;
  off = AlignUp(off, elem_align) + kBucketCount * elem_size;
  off = AlignUp(off, kPtrSize) + kPtrSize;  // overflow *bmap
  return AlignUp(off, kPtrSize);
}

std::vector<int64_t> BucketArraySizes(int64_t bucket_size) {
  std::vector<int64_t> sizes;
  if (bucket_size <= 0) return sizes;
  // Up to 2^40 buckets: more than any heap holds.
  for (int b = 0; b <= 40; ++b) {
    int64_t nbuckets = int64_t{1} << b;
    if (b >= 4) {
      // makeBucketArray preallocates 2^(b-4) overflow buckets and uses the
      // rest of the rounded-up block for more.
      nbuckets += int64_t{1} << (b - 4);
      int64_t sz = bucket_size * nbuckets;
      int64_t up = RoundUpSize(sz);
      if (up != sz) nbuckets = up / bucket_size;
    }
    sizes.push_back(RoundUpSize(bucket_size * nbuckets));
  }
  return sizes;
}

int64_t SwissGroupSize(int64_t key_size, int64_t key_align, int64_t elem_size, int64_t elem_align) {
  if (key_size < 0 || elem_size < 0 || key_align <= 0 || elem_align <= 0) return -1;
  if (key_size > kMaxInlineKeyElem) key_size = key_align = kPtrSize;
  if (elem_size > kMaxInlineKeyElem) elem_size = elem_align = kPtrSize;
  // A slot is struct { key K; elem V }.
  const int64_t slot_align = std::max(key_align, elem_align);
  const int64_t slot = AlignUp(AlignUp(key_size, elem_align) + elem_size, slot_align);
  // A group is struct { ctrl uint64; slots [8]slot }.
  return AlignUp(kPtrSize + kBucketCount * slot, std::max(slot_align, kPtrSize));
}

std::vector<int64_t> SwissGroupArraySizes(int64_t group_size) {
  std::vector<int64_t> sizes;
  if (group_size <= 0) return sizes;
  for (int k = 0; k <= 7; ++k) sizes.push_back(RoundUpSize(group_size << k));
  return sizes;
}

int MapLogBucketsForHint(int64_t hint) {
  // overLoadFactor: count > 8 && count > 6.5 * 2^B.
  int b = 0;
  while (hint > kBucketCount && hint > (int64_t{13} << b) / 2 && b < 62) ++b;
  return b;
}

}  // namespace mw::pprof
