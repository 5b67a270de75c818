// A vector that keeps its first N elements inline and goes to the heap only
// beyond them. The parser gathers every list (arguments, statements,
// parameters) in one before copying it to the arena; almost all are short,
// and std::vector's malloc and free for each was 3% of `check`'s work.
// Elements must be trivially copyable (the parser's are pointers).
#ifndef MAPWARDEN_BASE_SMALL_VECTOR_H_
#define MAPWARDEN_BASE_SMALL_VECTOR_H_

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <type_traits>

namespace mw {

template <typename T, size_t N = 8>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>, "elements are copied as bytes");

 public:
  using value_type = T;

  SmallVector() = default;
  SmallVector(std::initializer_list<T> init) {
    for (const T& v : init) push_back(v);
  }
  SmallVector(const SmallVector& o) { Assign(o); }
  SmallVector(SmallVector&& o) noexcept { Take(&o); }
  SmallVector& operator=(const SmallVector& o) {
    if (this != &o) {
      size_ = 0;
      Assign(o);
    }
    return *this;
  }
  SmallVector& operator=(SmallVector&& o) noexcept {
    if (this != &o) {
      heap_.reset();
      data_ = inline_;
      cap_ = N;
      Take(&o);
    }
    return *this;
  }

  void push_back(const T& v) {
    if (size_ == cap_) Grow(cap_ * 2);
    data_[size_++] = v;
  }
  void clear() { size_ = 0; }
  // Only shrinks.
  void truncate(size_t n) {
    if (n < size_) size_ = n;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  void Grow(size_t cap) {
    std::unique_ptr<T[]> bigger(new T[cap]);
    std::memcpy(bigger.get(), data_, size_ * sizeof(T));
    heap_ = std::move(bigger);
    data_ = heap_.get();
    cap_ = cap;
  }
  void Assign(const SmallVector& o) {
    if (o.size_ > cap_) Grow(o.size_);
    std::memcpy(data_, o.data_, o.size_ * sizeof(T));
    size_ = o.size_;
  }
  void Take(SmallVector* o) {
    if (o->heap_ != nullptr) {
      heap_ = std::move(o->heap_);
      data_ = heap_.get();
      cap_ = o->cap_;
      size_ = o->size_;
    } else {
      std::memcpy(inline_, o->inline_, o->size_ * sizeof(T));
      size_ = o->size_;
    }
    o->data_ = o->inline_;
    o->cap_ = N;
    o->size_ = 0;
  }

  T inline_[N];
  T* data_ = inline_;
  size_t size_ = 0;
  size_t cap_ = N;
  std::unique_ptr<T[]> heap_;
};

}  // namespace mw

#endif  // MAPWARDEN_BASE_SMALL_VECTOR_H_
