// The facts the rules need, computed once over a program's checked
// packages: which expressions are maps, which struct types hold maps, where
// each struct type is constructed, which fields are assigned, who calls
// whom, and which functions may return a nil map.
#ifndef MAPWARDEN_SEMA_FACTS_H_
#define MAPWARDEN_SEMA_FACTS_H_

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/flat_map.h"
#include "sema/program.h"

namespace mw::sema {

enum class ConstructionKind : uint8_t {
  kCompositeLit,  // T{...} or &T{...}
  kNew,           // new(T)
  kVarDecl,       // var x T
  kZeroReturn,    // a bare return of a named result never assigned
  kDecoder,       // json/xml/gob/yaml decoding into the value
};
const char* ConstructionKindName(ConstructionKind k);

struct Construction {
  ConstructionKind kind = ConstructionKind::kCompositeLit;
  const Type* type = nullptr;          // the struct type (named when it has a name)
  const syntax::Node* node = nullptr;  // the literal, call, declared name or return
  const Package* pkg = nullptr;
  const syntax::ParsedFile* file = nullptr;
  const syntax::Node* func = nullptr;  // the enclosing FuncDecl or FuncLit, if any
  const Object* var = nullptr;         // at package level: the variable it initialises
  // Composite literals: the fields the literal sets, by index.
  std::vector<bool> fields_set;
};

struct FieldAssignment {
  const Type* owner = nullptr;  // the struct type holding the field
  int field_index = -1;
  const syntax::Node* stmt = nullptr;
  const syntax::Node* target = nullptr;  // the selector x.f assigned
  const syntax::Node* func = nullptr;
  const Package* pkg = nullptr;
  const syntax::ParsedFile* file = nullptr;
};

enum class CallKind : uint8_t {
  kStatic,     // a function, by name
  kMethod,     // a method of a concrete type
  kInterface,  // an interface method: one edge per implementer in the program
  kClosure,    // a function literal, called directly or through a variable
  kDefines,    // a function defining a closure, which may run in its context
};
const char* CallKindName(CallKind k);

struct CallEdge {
  const syntax::Node* caller = nullptr;  // FuncDecl or FuncLit; null at package level
  const syntax::Node* callee = nullptr;  // FuncDecl or FuncLit
  const syntax::Node* site = nullptr;    // the call (or the literal, for kDefines)
  CallKind kind = CallKind::kStatic;
  bool go = false;                           // in a go statement
  bool defer = false;                        // in a defer statement
  const syntax::ParsedFile* file = nullptr;  // where the site is
};

// Some of a program's call edges, in order, without a copy: a view into
// the facts that made it, valid while they live.
class CallEdges {
 public:
  class Iterator {
   public:
    Iterator(const std::vector<CallEdge>* calls, const uint32_t* at) : calls_(calls), at_(at) {}
    const CallEdge* operator*() const { return &(*calls_)[*at_]; }
    Iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return at_ != o.at_; }

   private:
    const std::vector<CallEdge>* calls_;
    const uint32_t* at_;
  };
  CallEdges() = default;
  CallEdges(const std::vector<CallEdge>* calls, const uint32_t* begin, const uint32_t* end)
      : calls_(calls), begin_(begin), end_(end) {}
  Iterator begin() const { return {calls_, begin_}; }
  Iterator end() const { return {calls_, end_}; }
  size_t size() const { return static_cast<size_t>(end_ - begin_); }
  bool empty() const { return begin_ == end_; }

 private:
  const std::vector<CallEdge>* calls_ = nullptr;
  const uint32_t* begin_ = nullptr;
  const uint32_t* end_ = nullptr;
};

class FactsBuilder;

class Facts {
 public:
  // Computes the facts of `packages` (checked by `program`).
  Facts(Program* program, const std::vector<const Package*>& packages);
  // The same in steps, so that each package's share is built by the thread
  // that checked its bodies, right after them, while its syntax is still
  // in cache and without a phase of its own to wait on: Start, then
  // AddPackage(i) once for each index of `packages` as its bodies are
  // checked (from any thread, in any order), then Complete on one thread.
  static std::unique_ptr<Facts> Start(Program* program, std::vector<const Package*> packages);
  void AddPackage(size_t index);
  void Complete();
  ~Facts();

  // Whether values of `t` hold maps: maps themselves, and structs, arrays
  // and slices of them, transitively (not through pointers).
  bool HoldsMap(const Type* t) const;
  // The constructions of the struct type `t` (named types by their name).
  const std::vector<Construction>& ConstructionsOf(const Type* t) const;
  const std::vector<FieldAssignment>& field_assignments() const { return field_assignments_; }
  const std::vector<CallEdge>& calls() const { return calls_; }
  CallEdges CallsFrom(const syntax::Node* func) const;
  CallEdges CallsTo(const syntax::Node* func) const;
  // The edges of one call expression (several for interface calls).
  CallEdges CallsAt(const syntax::Node* site) const;
  // Whether the function (FuncDecl or FuncLit) may return a nil map in
  // some result.
  bool MayReturnNilMap(const syntax::Node* func) const { return nil_map_funcs_.count(func) != 0; }
  // Whether the function's own body (not its function literals') assigns
  // to or increments an index expression, x[k] = v or x[k]++.
  bool WritesIndex(const syntax::Node* func) const { return index_writers_.count(func) != 0; }
  // The declaration of a function or method object, or null.
  static const syntax::Node* DeclOf(const Object* func);
  // The functions that refer to a package-level variable.
  const std::unordered_set<const syntax::Node*>* UsersOf(const Object* var) const {
    auto it = var_users_.find(var);
    return it == var_users_.end() ? nullptr : &it->second;
  }
  // A function's name as Go's runtime spells it (pkg.F, pkg.(*T).M,
  // pkg.F.func1), and the file it is in.
  const std::string& FuncName(const syntax::Node* func) const;
  const syntax::ParsedFile* FuncFile(const syntax::Node* func) const;

 private:
  friend class FactsBuilder;
  Facts();  // one package's share, built on a worker thread
  // Appends a later package's share (the order of every list is package
  // order, as if one builder had visited the packages in turn).
  void Absorb(Facts&& share);
  // Between Start and Complete: the packages, their shares and builders.
  void Begin(Program* program, std::vector<const Package*> packages);
  struct InProgress;
  std::unique_ptr<InProgress> in_progress_;
  mutable std::unordered_map<const Type*, bool> holds_map_;
  std::unordered_map<const Type*, std::vector<Construction>> constructions_;
  std::vector<FieldAssignment> field_assignments_;
  std::vector<CallEdge> calls_;
  // The call edges by caller, callee and site: each key's edge indices, in
  // order, as one range of `edges` (built once; lookups take no locks and
  // allocate nothing).
  class CallIndex {
   public:
    void Build(const std::vector<CallEdge>& calls, const syntax::Node* CallEdge::*key);
    CallEdges Get(const std::vector<CallEdge>& calls, const syntax::Node* key) const;

   private:
    FlatPtrMap<const syntax::Node*, std::pair<uint32_t, uint32_t>> ranges_;
    std::pair<uint32_t, uint32_t> null_range_{0, 0};  // package-level callers
    std::vector<uint32_t> edges_;
  };
  CallIndex calls_from_, calls_to_, calls_at_;
  std::unordered_set<const syntax::Node*> nil_map_funcs_;
  std::unordered_set<const syntax::Node*> index_writers_;
  std::unordered_map<const Object*, std::unordered_set<const syntax::Node*>> var_users_;
  std::unordered_map<const syntax::Node*, std::pair<std::string, const syntax::ParsedFile*>>
      func_names_;
};

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_FACTS_H_
