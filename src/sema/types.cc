#include "sema/types.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "base/strings.h"
#include "syntax/token.h"

namespace mw::sema {
namespace {

// Go's strconv.Quote for struct tags (ASCII printable kept, the rest escaped).
std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

class Writer {
 public:
  explicit Writer(const TypeStore& store) : store_(store) {}

  void Type(const sema::Type* t) {
    if (t == nullptr) {
      out_ += "<nil>";
      return;
    }
    switch (t->kind) {
      case TypeKind::kBasic:
        if (t->basic == BasicKind::kUnsafePointer) {
          out_ += "unsafe.Pointer";
        } else {
          out_ += BasicName(t->basic);
        }
        break;
      case TypeKind::kArray:
        out_ += fmt::format("[{}]", t->len);
        Type(t->elem);
        break;
      case TypeKind::kSlice:
        out_ += "[]";
        Type(t->elem);
        break;
      case TypeKind::kStruct:
        out_ += "struct{";
        for (size_t i = 0; i < t->fields.size(); ++i) {
          if (i > 0) out_ += "; ";
          const Var& f = t->fields[i];
          if (!f.embedded) out_ += f.name + " ";
          Type(f.type);
          if (!f.tag.empty()) out_ += " " + Quote(f.tag);
        }
        out_ += "}";
        break;
      case TypeKind::kPointer:
        out_ += "*";
        Type(t->elem);
        break;
      case TypeKind::kTuple:
        Tuple(t->fields, false);
        break;
      case TypeKind::kSignature:
        out_ += "func";
        Signature(t);
        break;
      case TypeKind::kUnion:
        for (size_t i = 0; i < t->embeddeds.size(); ++i) {
          if (i > 0) out_ += " | ";
          if (i < t->tildes.size() && t->tildes[i]) out_ += "~";
          Type(t->embeddeds[i]);
        }
        break;
      case TypeKind::kInterface: {
        if (t == store_.Any()) {
          out_ += "any";
          break;
        }
        if (t->implicit && t->methods.empty() && t->embeddeds.size() == 1) {
          Type(t->embeddeds[0]);
          break;
        }
        out_ += "interface{";
        bool first = true;
        for (const Method& m : t->methods) {
          if (!first) out_ += "; ";
          first = false;
          out_ += m.name;
          Signature(m.signature);
        }
        for (const sema::Type* e : t->embeddeds) {
          if (!first) out_ += "; ";
          first = false;
          Type(e);
        }
        out_ += "}";
        break;
      }
      case TypeKind::kMap:
        out_ += "map[";
        Type(t->key);
        out_ += "]";
        Type(t->elem);
        break;
      case TypeKind::kChan: {
        bool parens = false;
        switch (t->dir) {
          case ChanDir::kSendRecv:
            out_ += "chan ";
            parens = t->elem->kind == TypeKind::kChan && t->elem->dir == ChanDir::kRecvOnly;
            break;
          case ChanDir::kSendOnly:
            out_ += "chan<- ";
            break;
          case ChanDir::kRecvOnly:
            out_ += "<-chan ";
            break;
        }
        if (parens) out_ += "(";
        Type(t->elem);
        if (parens) out_ += ")";
        break;
      }
      case TypeKind::kNamed:
        if (!t->pkg_path.empty()) out_ += t->pkg_path + ".";
        out_ += t->name;
        if (!t->type_args.empty()) {
          TypeList(t->type_args);
        } else if (!t->type_params.empty()) {
          TypeParamList(t->type_params);
        }
        break;
      case TypeKind::kTypeParam:
        out_ += t->name;
        break;
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  // Consecutive parameters with the same constraint share it: [K, V any].
  // (go/types compares constraint pointers; interned types compare alike.)
  void TypeParamList(const std::vector<const sema::Type*>& params) {
    out_ += "[";
    for (size_t i = 0; i < params.size(); ++i) {
      if (i > 0) {
        if (params[i]->constraint != params[i - 1]->constraint) {
          out_ += " ";
          Type(params[i - 1]->constraint);
        }
        out_ += ", ";
      }
      out_ += params[i]->name;
    }
    out_ += " ";
    Type(params.back()->constraint);
    out_ += "]";
  }

  void TypeList(const std::vector<const sema::Type*>& list) {
    out_ += "[";
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out_ += ", ";
      Type(list[i]);
    }
    out_ += "]";
  }

  void Tuple(const std::vector<Var>& vars, bool variadic) {
    out_ += "(";
    for (size_t i = 0; i < vars.size(); ++i) {
      if (i > 0) out_ += ", ";
      if (!vars[i].name.empty()) out_ += vars[i].name + " ";
      const sema::Type* t = vars[i].type;
      if (variadic && i + 1 == vars.size() && t->kind == TypeKind::kSlice) {
        out_ += "...";
        t = t->elem;
      }
      Type(t);
    }
    out_ += ")";
  }

  void Signature(const sema::Type* sig) {
    if (!sig->type_params.empty()) TypeParamList(sig->type_params);
    Tuple(sig->fields, sig->variadic);
    if (sig->results.empty()) return;
    out_ += " ";
    if (sig->results.size() == 1 && sig->results[0].name.empty()) {
      Type(sig->results[0].type);
      return;
    }
    Tuple(sig->results, false);
  }

  const TypeStore& store_;
  std::string out_;
};

}  // namespace

const char* BasicName(BasicKind k) {
  static constexpr const char* kNames[] = {
      "invalid type",   "bool",         "int",           "int8",
      "int16",          "int32",        "int64",         "uint",
      "uint8",          "uint16",       "uint32",        "uint64",
      "uintptr",        "float32",      "float64",       "complex64",
      "complex128",     "string",       "Pointer",       "untyped bool",
      "untyped int",    "untyped rune", "untyped float", "untyped complex",
      "untyped string", "untyped nil",  "byte",          "rune",
  };
  return kNames[static_cast<size_t>(k)];
}

const Type* Type::Underlying() const {
  const Type* t = this;
  // A named type's underlying type is never named once resolved.
  if (t->kind == TypeKind::kNamed && t->underlying != nullptr) return t->underlying;
  if (t->kind == TypeKind::kTypeParam && t->constraint != nullptr) return t->constraint;
  return t;
}

bool Type::IsMap() const { return Underlying()->kind == TypeKind::kMap; }

TypeStore::TypeStore() {
  for (int k = 0; k <= static_cast<int>(BasicKind::kRune); ++k) {
    Type t(TypeKind::kBasic);
    t.basic = static_cast<BasicKind>(k);
    t.name = BasicName(t.basic);
    types_.push_back(std::move(t));
    basics_.push_back(&types_.back());
  }
  // error: interface{ Error() string }, named in the universe.
  const Type* error_sig = Signature({}, {Var{"", Basic(BasicKind::kString)}}, /*variadic=*/false);
  Type* err = NewNamed("", "error");
  err->underlying = Interface({Method{"Error", "", error_sig}}, {});
  error_ = err;
  empty_interface_ = Interface({}, {});
  // any is an alias of interface{}, but go/types prints the universe's one
  // as "any": it is a distinct object.
  Type any(TypeKind::kInterface);
  types_.push_back(std::move(any));
  any_ = &types_.back();
  Type* comparable = NewNamed("", "comparable");
  comparable->underlying = empty_interface_;
  comparable_ = comparable;
}

namespace {

// A hash of what makes a type distinct, mixed field by field: component
// types are interned (equal types are equal pointers), so their addresses
// stand for them. No key is built: a byte-string key cost a malloc and a
// copy of every name per type made (most calls find the type already).
class StructureHash {
 public:
  template <typename T>
  void Add(T v) {
    uint64_t x = 0;
    static_assert(sizeof v <= sizeof x);
    std::memcpy(&x, &v, sizeof v);
    Mix(x);
  }
  void Add(std::string_view s) { Mix(Fnv64a(s) ^ s.size()); }
  uint64_t value() const { return h_; }

 private:
  void Mix(uint64_t x) {
    h_ ^= x + 0x9E3779B97F4A7C15ull + (h_ << 6) + (h_ >> 2);
    h_ *= 0xFF51AFD7ED558CCDull;
  }
  uint64_t h_ = 0;
};

void HashVars(StructureHash* h, const std::vector<Var>& vs) {
  h->Add(static_cast<uint32_t>(vs.size()));
  for (const Var& v : vs) {
    h->Add(std::string_view(v.name));
    h->Add(v.type);
    h->Add(v.embedded);
    h->Add(std::string_view(v.tag));
  }
}

bool SameVars(const std::vector<Var>& a, const std::vector<Var>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].type != b[i].type || a[i].embedded != b[i].embedded || a[i].name != b[i].name ||
        a[i].tag != b[i].tag) {
      return false;
    }
  }
  return true;
}

uint64_t HashStructure(const Type& t) {
  StructureHash h;
  h.Add(static_cast<uint8_t>(t.kind));
  h.Add(t.elem);
  h.Add(t.key);
  h.Add(t.len);
  h.Add(static_cast<uint8_t>(t.dir));
  h.Add(static_cast<uint8_t>((t.variadic ? 1 : 0) | (t.implicit ? 2 : 0)));
  HashVars(&h, t.fields);
  HashVars(&h, t.results);
  h.Add(static_cast<uint32_t>(t.methods.size()));
  for (const Method& m : t.methods) {
    h.Add(std::string_view(m.name));
    h.Add(std::string_view(m.pkg_path));
    h.Add(m.signature);
  }
  h.Add(static_cast<uint32_t>(t.embeddeds.size()));
  for (const Type* e : t.embeddeds) h.Add(e);
  h.Add(static_cast<uint32_t>(t.tildes.size()));
  for (bool b : t.tildes) h.Add(b);
  return h.value();
}

// Whether a and b are the same type by structure: the fields HashStructure
// reads, compared.
bool SameStructure(const Type& a, const Type& b) {
  if (a.kind != b.kind || a.elem != b.elem || a.key != b.key || a.len != b.len || a.dir != b.dir ||
      a.variadic != b.variadic || a.implicit != b.implicit || a.embeddeds != b.embeddeds ||
      a.tildes != b.tildes || a.methods.size() != b.methods.size() ||
      !SameVars(a.fields, b.fields) || !SameVars(a.results, b.results)) {
    return false;
  }
  for (size_t i = 0; i < a.methods.size(); ++i) {
    const Method& x = a.methods[i];
    const Method& y = b.methods[i];
    if (x.signature != y.signature || x.name != y.name || x.pkg_path != y.pkg_path) return false;
  }
  return true;
}

}  // namespace

const Type* TypeStore::Intern(Type t) {
  const bool composite =
      (t.kind == TypeKind::kPointer || t.kind == TypeKind::kSlice || t.kind == TypeKind::kArray ||
       t.kind == TypeKind::kMap || t.kind == TypeKind::kChan) &&
      t.fields.empty() && t.results.empty() && t.methods.empty() && t.embeddeds.empty() &&
      t.tildes.empty() && !t.variadic && !t.implicit;
  if (composite) return Composite(t.kind, t.elem, t.key, t.len, t.dir);
  const uint64_t hash = HashStructure(t);
  std::lock_guard<AdaptiveMutex> lock(mu_);
  auto [begin, end] = interned_.equal_range(hash);
  for (auto it = begin; it != end; ++it) {
    if (SameStructure(*it->second, t)) return it->second;
  }
  types_.push_back(std::move(t));
  interned_.emplace(hash, &types_.back());
  return &types_.back();
}

const Type* TypeStore::Composite(TypeKind kind, const Type* elem, const Type* key, int64_t len,
                                 ChanDir dir) {
  const CompositeKey k{elem, key, len, static_cast<uint8_t>(kind), static_cast<uint8_t>(dir)};
  std::lock_guard<AdaptiveMutex> lock(mu_);
  auto it = composites_.find(k);
  if (it != composites_.end()) return it->second;
  Type t(kind);
  t.elem = elem;
  t.key = key;
  t.len = len;
  t.dir = dir;
  const Type* made = &types_.push_back(std::move(t));
  composites_.emplace(k, made);
  return made;
}

const Type* TypeStore::Pointer(const Type* elem) {
  return Composite(TypeKind::kPointer, elem, nullptr, 0, ChanDir::kSendRecv);
}
const Type* TypeStore::Slice(const Type* elem) {
  return Composite(TypeKind::kSlice, elem, nullptr, 0, ChanDir::kSendRecv);
}
const Type* TypeStore::Array(int64_t len, const Type* elem) {
  return Composite(TypeKind::kArray, elem, nullptr, len, ChanDir::kSendRecv);
}
const Type* TypeStore::Map(const Type* key, const Type* elem) {
  return Composite(TypeKind::kMap, elem, key, 0, ChanDir::kSendRecv);
}
const Type* TypeStore::Chan(ChanDir dir, const Type* elem) {
  return Composite(TypeKind::kChan, elem, nullptr, 0, dir);
}
const Type* TypeStore::Struct(std::vector<Var> fields) {
  Type t(TypeKind::kStruct);
  t.fields = std::move(fields);
  return Intern(std::move(t));
}
const Type* TypeStore::Union(std::vector<const Type*> terms, std::vector<bool> tildes) {
  Type t(TypeKind::kUnion);
  t.embeddeds = std::move(terms);
  t.tildes = std::move(tildes);
  return Intern(std::move(t));
}

const Type* TypeStore::Interface(std::vector<Method> methods, std::vector<const Type*> embeddeds,
                                 bool implicit) {
  // go/types orders methods by Id: exported names, then pkgpath-qualified ones.
  auto id = [](const Method& m) {
    return syntax::IsExported(m.name) ? m.name : m.pkg_path + "." + m.name;
  };
  std::sort(methods.begin(), methods.end(),
            [&](const Method& a, const Method& b) { return id(a) < id(b); });
  Type t(TypeKind::kInterface);
  t.methods = std::move(methods);
  t.embeddeds = std::move(embeddeds);
  t.implicit = implicit;
  return Intern(std::move(t));
}
const Type* TypeStore::Signature(std::vector<Var> params, std::vector<Var> results, bool variadic) {
  Type t(TypeKind::kSignature);
  t.fields = std::move(params);
  t.results = std::move(results);
  t.variadic = variadic;
  return Intern(std::move(t));
}
const Type* TypeStore::Tuple(std::vector<Var> vars) {
  Type t(TypeKind::kTuple);
  t.fields = std::move(vars);
  return Intern(std::move(t));
}

const Type* TypeStore::GenericSignature(Type sig) {
  std::lock_guard<AdaptiveMutex> lock(mu_);
  types_.push_back(std::move(sig));
  return &types_.back();
}

Type* TypeStore::NewNamed(std::string pkg_path, std::string name) {
  Type t(TypeKind::kNamed);
  t.pkg_path = std::move(pkg_path);
  t.name = std::move(name);
  std::lock_guard<AdaptiveMutex> lock(mu_);
  types_.push_back(std::move(t));
  return &types_.back();
}

Type* TypeStore::NewTypeParam(std::string name, const Type* constraint) {
  Type t(TypeKind::kTypeParam);
  t.name = std::move(name);
  t.constraint = constraint;
  std::lock_guard<AdaptiveMutex> lock(mu_);
  types_.push_back(std::move(t));
  return &types_.back();
}

const Type* TypeStore::Instance(const Type* generic, std::vector<const Type*> args) {
  auto key = std::make_pair(generic, args);
  std::lock_guard<AdaptiveMutex> lock(mu_);
  auto it = instances_.find(key);
  if (it != instances_.end()) return it->second;
  Type t(TypeKind::kNamed);
  t.pkg_path = generic->pkg_path;
  t.name = generic->name;
  t.origin = generic;
  t.type_args = std::move(args);
  types_.push_back(std::move(t));
  instances_.emplace(std::move(key), &types_.back());
  return &types_.back();
}

std::vector<const Type*> TypeStore::InstancesOf(const Type* generic) const {
  std::lock_guard<AdaptiveMutex> lock(mu_);
  std::vector<const Type*> out;
  for (auto it = instances_.lower_bound({generic, {}});
       it != instances_.end() && it->first.first == generic; ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::string TypeString(const Type* t, const TypeStore& store) {
  Writer w(store);
  w.Type(t);
  return w.Take();
}

}  // namespace mw::sema
