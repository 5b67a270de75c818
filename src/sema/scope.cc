#include "sema/scope.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace mw::sema {

uint64_t Scope::Hash(std::string_view name) {
  // FNV-1a: names are short, and this is far cheaper than std::hash's.
  uint64_t h = 14695981039346656037ull;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

uint64_t NameTag(std::string_view name) {
  uint64_t tag = static_cast<uint64_t>(std::min<size_t>(name.size(), 255)) << 56;
  const size_t n = std::min<size_t>(name.size(), 7);
  for (size_t i = 0; i < n; ++i)
    tag |= static_cast<uint64_t>(static_cast<unsigned char>(name[i])) << (8 * i);
  return tag;
}

void Scope::Grow(uint32_t capacity) {
  if (capacity <= capacity_) return;
  capacity = std::max({capacity, capacity_ * 2, 4u});
  Object** objects =
      static_cast<Object**>(arena_->Allocate(sizeof(Object*) * capacity, alignof(Object*)));
  if (size_ != 0) std::memcpy(objects, objects_, sizeof(Object*) * size_);
  objects_ = objects;
  if (index_.empty()) {
    uint64_t* tags =
        static_cast<uint64_t*>(arena_->Allocate(sizeof(uint64_t) * capacity, alignof(uint64_t)));
    if (size_ != 0) std::memcpy(tags, tags_, sizeof(uint64_t) * size_);
    tags_ = tags;
  }
  capacity_ = capacity;
}

void Scope::Reserve(size_t n) {
  Grow(static_cast<uint32_t>(size_ + n));
  if (size_ + n > kSmall) Rebuild(size_ + n);
}

void Scope::Rebuild(size_t capacity) {
  tags_ = nullptr;
  // At most half full: four slots per name.
  index_.assign(std::max<size_t>(64, std::bit_ceil(std::max<size_t>(capacity, size_) * 4)), 0);
  const size_t mask = index_.size() - 1;
  for (uint32_t i = 0; i < size_; ++i) {
    size_t at = Hash(objects_[i]->name) & mask;
    while (index_[at] != 0) at = (at + 1) & mask;
    index_[at] = i + 1;
  }
}

bool Scope::Insert(Object* obj) {
  if (obj->name == "_") return true;  // the blank identifier declares nothing
  if (index_.empty()) {
    const uint64_t tag = NameTag(obj->name);
    if (FindSmall(obj->name, tag) != nullptr) return false;
    if (size_ == capacity_) Grow(size_ + 1);
    objects_[size_] = obj;
    tags_[size_] = tag;
    ++size_;
    if (size_ > kSmall) Rebuild();
    return true;
  }
  // One probe finds the name or the free slot where it goes.
  const size_t mask = index_.size() - 1;
  size_t at = Hash(obj->name) & mask;
  for (; index_[at] != 0; at = (at + 1) & mask) {
    if (objects_[index_[at] - 1]->name == obj->name) return false;
  }
  if (size_ == capacity_) Grow(size_ + 1);
  objects_[size_++] = obj;
  index_[at] = size_;
  if (size_ * 2 > index_.size()) Rebuild();
  return true;
}

Object* Scope::FindSmall(std::string_view name, uint64_t tag) const {
  for (uint32_t i = 0; i < size_; ++i) {
    if (tags_[i] == tag && (name.size() <= 7 || objects_[i]->name == name)) return objects_[i];
  }
  return nullptr;
}

Object* Scope::FindIndexed(std::string_view name, uint64_t hash) const {
  const size_t mask = index_.size() - 1;
  for (size_t at = hash & mask;; at = (at + 1) & mask) {
    const uint32_t slot = index_[at];
    if (slot == 0) return nullptr;
    Object* o = objects_[slot - 1];
    if (o->name == name) return o;
  }
}

Object* Scope::LookupLocal(std::string_view name) const {
  return index_.empty() ? FindSmall(name, NameTag(name)) : FindIndexed(name, Hash(name));
}

Object* Scope::Lookup(std::string_view name) const {
  // The tag and the hash are each computed once for the whole chain.
  const uint64_t tag = NameTag(name);
  uint64_t hash = 0;
  bool hashed = false;
  for (const Scope* s = this; s != nullptr; s = s->parent_) {
    if (s->index_.empty()) {
      if (Object* o = s->FindSmall(name, tag)) return o;
      continue;
    }
    if (!hashed) {
      hash = Hash(name);
      hashed = true;
    }
    if (Object* o = s->FindIndexed(name, hash)) return o;
  }
  return nullptr;
}

Scope* NewUniverse(ObjectPool* pool, TypeStore* types) {
  Scope* u = pool->NewScope(nullptr);
  struct Named {
    const char* name;
    BasicKind kind;
  };
  for (const Named& n :
       {Named{"bool", BasicKind::kBool}, Named{"int", BasicKind::kInt},
        Named{"int8", BasicKind::kInt8}, Named{"int16", BasicKind::kInt16},
        Named{"int32", BasicKind::kInt32}, Named{"int64", BasicKind::kInt64},
        Named{"uint", BasicKind::kUint}, Named{"uint8", BasicKind::kUint8},
        Named{"uint16", BasicKind::kUint16}, Named{"uint32", BasicKind::kUint32},
        Named{"uint64", BasicKind::kUint64}, Named{"uintptr", BasicKind::kUintptr},
        Named{"float32", BasicKind::kFloat32}, Named{"float64", BasicKind::kFloat64},
        Named{"complex64", BasicKind::kComplex64}, Named{"complex128", BasicKind::kComplex128},
        Named{"string", BasicKind::kString}, Named{"byte", BasicKind::kByte},
        Named{"rune", BasicKind::kRune}}) {
    Object* o = pool->New(ObjectKind::kTypeName, n.name);
    o->type = types->Basic(n.kind);
    u->Insert(o);
  }
  for (auto [name, type] : {std::pair<const char*, const Type*>{"error", types->Error()},
                            {"any", types->Any()},
                            {"comparable", types->Comparable()}}) {
    Object* o = pool->New(ObjectKind::kTypeName, name);
    o->type = type;
    u->Insert(o);
  }
  for (const char* name : {"true", "false"}) {
    Object* o = pool->New(ObjectKind::kConst, name);
    o->type = types->Basic(BasicKind::kUntypedBool);
    u->Insert(o);
  }
  Object* iota = pool->New(ObjectKind::kConst, "iota");
  iota->type = types->Basic(BasicKind::kUntypedInt);
  u->Insert(iota);
  Object* nil = pool->New(ObjectKind::kNil, "nil");
  nil->type = types->Basic(BasicKind::kUntypedNil);
  u->Insert(nil);
  for (const char* name :
       {"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
        "max", "min", "new", "panic", "print", "println", "real", "recover"}) {
    u->Insert(pool->New(ObjectKind::kBuiltin, name));
  }
  return u;
}

}  // namespace mw::sema
