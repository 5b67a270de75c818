// A hash map from pointers to values, with open addressing and linear
// probing in one array. The checker records a type for every expression and
// an object for every identifier (millions for the standard library); with
// std::unordered_map, node allocation and pointer chasing cost a fifth of
// the type checker's time (measured with perf on `debug types --tests
// --stats std`). Keys are never null; entries are never erased.
#ifndef MAPWARDEN_BASE_FLAT_MAP_H_
#define MAPWARDEN_BASE_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace mw {

// Walks the filled slots (non-null keys) of [p, end) and then of [next,
// last); `last` is every iterator's end. For FlatPtrMap the second range is
// empty; NodeMap (sema/node_map.h) walks its array and then its hash map.
template <typename Slot>
class SlotIter {
 public:
  SlotIter(Slot* p, Slot* end, Slot* next, Slot* last)
      : p_(p), end_(end), next_(next), last_(last) {
    Skip();
  }
  SlotIter(Slot* p, Slot* end) : SlotIter(p, end, end, end) {}
  Slot& operator*() const { return *p_; }
  Slot* operator->() const { return p_; }
  SlotIter& operator++() {
    ++p_;
    Skip();
    return *this;
  }
  bool operator==(const SlotIter& o) const { return p_ == o.p_; }
  bool operator!=(const SlotIter& o) const { return p_ != o.p_; }

 private:
  void Skip() {
    for (;;) {
      while (p_ != end_ && p_->first == nullptr) ++p_;
      if (p_ != end_ || end_ == last_) return;
      p_ = next_;
      end_ = last_;
    }
  }
  Slot* p_;
  Slot* end_;
  Slot* next_;
  Slot* last_;
};

template <typename K, typename V>
class FlatPtrMap {
  static_assert(std::is_pointer_v<K>, "keys are pointers");

 public:
  using value_type = std::pair<K, V>;

  using iterator = SlotIter<value_type>;
  using const_iterator = SlotIter<const value_type>;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  iterator begin() { return {slots_.data(), slots_.data() + slots_.size()}; }
  iterator end() { return {slots_.data() + slots_.size(), slots_.data() + slots_.size()}; }
  const_iterator begin() const { return {slots_.data(), slots_.data() + slots_.size()}; }
  const_iterator end() const {
    return {slots_.data() + slots_.size(), slots_.data() + slots_.size()};
  }

  void reserve(size_t n) {
    size_t cap = 16;
    while (cap < n + n / 2) cap *= 2;
    if (cap > slots_.size()) Rehash(cap);
  }

  iterator find(K key) {
    if (slots_.empty()) return end();
    value_type* s = Probe(key);
    return s->first == nullptr ? end() : iterator(s, slots_.data() + slots_.size());
  }
  const_iterator find(K key) const {
    if (slots_.empty()) return end();
    const value_type* s = const_cast<FlatPtrMap*>(this)->Probe(key);
    return s->first == nullptr ? end() : const_iterator(s, slots_.data() + slots_.size());
  }
  size_t count(K key) const { return find(key) != end() ? 1 : 0; }

  V& operator[](K key) { return emplace(key, V()).first->second; }

  std::pair<iterator, bool> emplace(K key, V value) {
    if ((size_ + 1) * 3 > slots_.size() * 2) Rehash(slots_.empty() ? 16 : slots_.size() * 2);
    value_type* s = Probe(key);
    const bool fresh = s->first == nullptr;
    if (fresh) {
      s->first = key;
      s->second = std::move(value);
      ++size_;
    }
    return {iterator(s, slots_.data() + slots_.size()), fresh};
  }

  // The slot array (null keys: empty), for maps built on this one.
  std::pair<value_type*, value_type*> slots() const {
    value_type* d = const_cast<value_type*>(slots_.data());
    return {d, d + slots_.size()};
  }

 private:
  static size_t Hash(K key) {
    uint64_t h = (reinterpret_cast<uintptr_t>(key) >> 3) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(h ^ (h >> 32));
  }
  // The slot holding `key`, or the empty slot where it would go.
  value_type* Probe(K key) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
      value_type* s = &slots_[i];
      if (s->first == key || s->first == nullptr) return s;
    }
  }
  void Rehash(size_t cap) {
    std::vector<value_type> old(cap);
    old.swap(slots_);
    for (value_type& s : old) {
      if (s.first != nullptr) *Probe(s.first) = std::move(s);
    }
  }

  std::vector<value_type> slots_;
  size_t size_ = 0;
};

}  // namespace mw

#endif  // MAPWARDEN_BASE_FLAT_MAP_H_
