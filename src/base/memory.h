// Helpers for the few very large buffers (decompressed profiles, per-frame
// arrays): back them with transparent huge pages where the kernel allows it,
// because on virtual machines page faults on 4 KiB pages cost more than the
// work done on the memory.
#ifndef MAPWARDEN_BASE_MEMORY_H_
#define MAPWARDEN_BASE_MEMORY_H_

#include <cstddef>
#include <string>
#include <vector>

namespace mw {

// Advises the kernel to use huge pages for the 2 MiB-aligned interior of
// [p, p + bytes). A no-op for small ranges or where unsupported.
void AdviseHugePages(void* p, size_t bytes);

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
