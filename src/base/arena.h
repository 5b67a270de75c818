// A bump allocator for syntax trees: nodes of one file live and die together,
// so they are carved from large blocks and never freed one by one.
#ifndef MAPWARDEN_BASE_ARENA_H_
#define MAPWARDEN_BASE_ARENA_H_

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace mw {

class Arena {
 public:
  explicit Arena(size_t block_size = 64 * 1024) : block_size_(block_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;

  void* Allocate(size_t size, size_t align) {
    size_t pad = (align - (reinterpret_cast<uintptr_t>(cur_) & (align - 1))) & (align - 1);
    if (cur_ == nullptr || size + pad > static_cast<size_t>(end_ - cur_)) {
      NewBlock(size + align);
      pad = (align - (reinterpret_cast<uintptr_t>(cur_) & (align - 1))) & (align - 1);
    }
    char* p = cur_ + pad;
    cur_ = p + size;
    return p;
  }

  // Objects must be trivially destructible: the arena runs no destructors.
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return ::new (Allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  template <typename T>
  std::span<T> CopyArray(const T* data, size_t n) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (n == 0) return {};
    T* p = static_cast<T*>(Allocate(sizeof(T) * n, alignof(T)));
    std::memcpy(p, data, sizeof(T) * n);
    return {p, n};
  }

  std::string_view CopyString(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(Allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  size_t bytes_allocated() const { return allocated_; }
  // The size of blocks from here on (the first may be sized differently).
  void set_block_size(size_t size) { block_size_ = size; }

 private:
  void NewBlock(size_t min) {
    size_t size = std::max(block_size_, min);
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));  // not zeroed
    cur_ = blocks_.back().get();
    end_ = cur_ + size;
    allocated_ += size;
  }

  size_t block_size_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t allocated_ = 0;
};

// Objects with stable addresses and destructors, built in chunks of
// kChunk. A std::deque allocates one block per 512 bytes: one malloc per
// object or two for the checker's objects, scopes and types.
template <typename T, size_t kChunk = 64>
class StablePool {
 public:
  StablePool() = default;
  StablePool(const StablePool&) = delete;
  StablePool& operator=(const StablePool&) = delete;
  ~StablePool() {
    for (size_t i = size_; i-- > 0;) At(i)->~T();
  }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == chunks_.size() * kChunk)
      chunks_.push_back(std::unique_ptr<Slot[]>(new Slot[kChunk]));  // not zeroed
    T* p = ::new (chunks_[size_ / kChunk][size_ % kChunk].bytes) T(std::forward<Args>(args)...);
    ++size_;
    return *p;
  }
  T& push_back(T&& value) { return emplace_back(std::move(value)); }
  T& back() { return *At(size_ - 1); }
  size_t size() const { return size_; }

 private:
  struct Slot {
    alignas(T) std::byte bytes[sizeof(T)];
  };
  T* At(size_t i) {
    return std::launder(reinterpret_cast<T*>(chunks_[i / kChunk][i % kChunk].bytes));
  }
  std::vector<std::unique_ptr<Slot[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace mw

#endif  // MAPWARDEN_BASE_ARENA_H_
