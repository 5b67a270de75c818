// Helpers for the few very large buffers (decompressed profiles, per-frame
// arrays): back them with transparent huge pages where the kernel allows it,
// because on virtual machines page faults on 4 KiB pages cost more than the
// work done on the memory.
#ifndef MAPWARDEN_BASE_MEMORY_H_
#define MAPWARDEN_BASE_MEMORY_H_

#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace mw {

// An allocator whose value-initialization is default-initialization, so that
// resize() on a vector of integers does not write zeros: each page is first
// touched when it is filled with real data.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  using std::allocator<T>::allocator;
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// A vector of integers that resize() leaves uninitialized.
template <typename T>
using RawVector = std::vector<T, DefaultInitAllocator<T>>;

// Advises the kernel to use huge pages for the 2 MiB-aligned interior of
// [p, p + bytes). A no-op for small ranges or where unsupported.
void AdviseHugePages(void* p, size_t bytes);

// Returns the pages of [p, p + bytes) to the kernel; they read as zeros
// afterwards. `p` and `bytes` must be page-aligned.
void DiscardPages(void* p, size_t bytes);

// Resizes a container to `n` elements, asking for huge pages before the
// memory is first touched.
template <typename Container>
void ResizeHuge(Container* c, size_t n) {
  if (n > c->capacity()) {
    c->reserve(n);
    AdviseHugePages(c->data(), n * sizeof(typename Container::value_type));
  }
  c->resize(n);
}

}  // namespace mw

#endif  // MAPWARDEN_BASE_MEMORY_H_
