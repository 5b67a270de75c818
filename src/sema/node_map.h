// A map from syntax nodes to what the checker records about them, indexed
// by node id (syntax/ast.h) in one array, with a hash map beside it for the
// nodes the array cannot hold: those without an id, or past its size, or
// whose slot another node took (ids are unique within a package only when
// its files share a NodeIdCounter). Lookups check the key, so a node of
// another package is never taken for one of this package.
//
// The checker records a type for most expressions (the only nodes the
// parser numbers), in the order the parser made them: with the array those writes walk memory in
// order, where a hash map's land anywhere in several megabytes. On `check --tests
// ./go/...` recording was the checker's costliest function (6% of cycles).
#ifndef MAPWARDEN_SEMA_NODE_MAP_H_
#define MAPWARDEN_SEMA_NODE_MAP_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "base/flat_map.h"
#include "syntax/ast.h"

namespace mw::sema {

template <typename K, typename V>
class NodeMap {
 public:
  using value_type = std::pair<K, V>;

  // Iterators walk the array's filled slots, then the hash map's.
  using iterator = SlotIter<value_type>;
  using const_iterator = SlotIter<const value_type>;

  size_t size() const { return dense_size_ + overflow_.size(); }
  bool empty() const { return size() == 0; }

  // Room in the array for ids below `id_end`.
  void reserve_ids(uint32_t id_end) {
    if (id_end > dense_.size()) dense_.resize(id_end);
  }

  iterator begin() { return MakeIter<value_type>(dense_.data(), overflow_.slots()); }
  iterator end() { return EndIter<value_type>(overflow_.slots()); }
  const_iterator begin() const {
    return MakeIter<const value_type>(dense_.data(), overflow_.slots());
  }
  const_iterator end() const { return EndIter<const value_type>(overflow_.slots()); }

  iterator find(K key) { return At<value_type>(Find(key), overflow_.slots()); }
  const_iterator find(K key) const {
    return At<const value_type>(const_cast<NodeMap*>(this)->Find(key), overflow_.slots());
  }
  size_t count(K key) const { return const_cast<NodeMap*>(this)->Find(key) != nullptr ? 1 : 0; }

  V& operator[](K key) { return emplace(key, V()).first->second; }

  std::pair<iterator, bool> emplace(K key, V value) {
    const uint32_t id = key->id;
    if (id != 0 && id < dense_.size()) {
      value_type& s = dense_[id];
      if (s.first == key) return {At<value_type>(&s, overflow_.slots()), false};
      if (s.first == nullptr) {
        s.first = key;
        s.second = std::move(value);
        ++dense_size_;
        return {At<value_type>(&s, overflow_.slots()), true};
      }
    }
    auto [it, fresh] = overflow_.emplace(key, std::move(value));
    return {At<value_type>(&*it, overflow_.slots()), fresh};
  }

 private:
  using Span = std::pair<value_type*, value_type*>;

  value_type* Find(K key) {
    const uint32_t id = key->id;
    if (id != 0 && id < dense_.size()) {
      value_type& s = dense_[id];
      if (s.first == key) return &s;
      // An empty slot: the key was never inserted (a colliding key goes to
      // the hash map only when its slot is taken, and slots stay taken).
      if (s.first == nullptr) return nullptr;
    }
    auto it = overflow_.find(key);
    return it == overflow_.end() ? nullptr : &*it;
  }

  template <typename Slot>
  SlotIter<Slot> MakeIter(Slot* dense, Span over) const {
    return SlotIter<Slot>(dense, dense + dense_.size(), over.first, over.second);
  }
  template <typename Slot>
  SlotIter<Slot> EndIter(Span over) const {
    return SlotIter<Slot>(over.second, over.second);
  }
  // An iterator at slot `s` (null: the end).
  template <typename Slot>
  SlotIter<Slot> At(Slot* s, Span over) const {
    if (s == nullptr) return EndIter<Slot>(over);
    const value_type* d = dense_.data();
    if (s >= d && s < d + dense_.size()) {
      return SlotIter<Slot>(s, const_cast<Slot*>(d + dense_.size()), over.first, over.second);
    }
    return SlotIter<Slot>(s, over.second);
  }

  std::vector<value_type> dense_;
  size_t dense_size_ = 0;
  FlatPtrMap<K, V> overflow_;
};

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_NODE_MAP_H_
