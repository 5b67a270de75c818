// Facts' queries and the merge of packages' shares; facts_builder.cc
// gathers them.
#include "sema/facts.h"

namespace mw::sema {

using syntax::FuncDecl;
using syntax::Node;
using syntax::ParsedFile;

const char* ConstructionKindName(ConstructionKind k) {
  switch (k) {
    case ConstructionKind::kCompositeLit:
      return "literal";
    case ConstructionKind::kNew:
      return "new";
    case ConstructionKind::kVarDecl:
      return "var";
    case ConstructionKind::kZeroReturn:
      return "zero-return";
    case ConstructionKind::kDecoder:
      return "decoder";
  }
  return "?";
}

const char* CallKindName(CallKind k) {
  switch (k) {
    case CallKind::kStatic:
      return "static";
    case CallKind::kMethod:
      return "method";
    case CallKind::kInterface:
      return "interface";
    case CallKind::kClosure:
      return "closure";
    case CallKind::kDefines:
      return "defines";
  }
  return "?";
}
const Node* Facts::DeclOf(const Object* func) {
  if (func == nullptr || func->kind != ObjectKind::kFunc || func->decl == nullptr) return nullptr;
  return func->decl->Is<FuncDecl>() ? func->decl : nullptr;
}

void Facts::Absorb(Facts&& share) {
  for (auto& [type, list] : share.constructions_) {
    auto& to = constructions_[type];
    for (Construction& c : list) to.push_back(std::move(c));
  }
  for (FieldAssignment& a : share.field_assignments_) field_assignments_.push_back(a);
  calls_.insert(calls_.end(), share.calls_.begin(), share.calls_.end());
  index_writers_.insert(share.index_writers_.begin(), share.index_writers_.end());
  for (auto& [var, users] : share.var_users_) var_users_[var].insert(users.begin(), users.end());
  for (auto& [func, name] : share.func_names_) func_names_.emplace(func, std::move(name));
}

bool Facts::HoldsMap(const Type* t) const {
  if (t == nullptr) return false;
  auto it = holds_map_.find(t);
  if (it != holds_map_.end()) return it->second;
  holds_map_[t] = false;  // a recursive type holds a map only through its other parts
  const Type* u = t->Underlying();
  bool holds = false;
  switch (u->kind) {
    case TypeKind::kMap:
      holds = true;
      break;
    case TypeKind::kStruct:
      for (const Var& f : u->fields) holds = holds || HoldsMap(f.type);
      break;
    case TypeKind::kArray:
    case TypeKind::kSlice:
      holds = HoldsMap(u->elem);
      break;
    default:
      break;
  }
  holds_map_[t] = holds;
  return holds;
}

const std::string& Facts::FuncName(const Node* func) const {
  static const std::string kUnknown = "?";
  auto it = func_names_.find(func);
  return it == func_names_.end() ? kUnknown : it->second.first;
}

const ParsedFile* Facts::FuncFile(const Node* func) const {
  auto it = func_names_.find(func);
  return it == func_names_.end() ? nullptr : it->second.second;
}

const std::vector<Construction>& Facts::ConstructionsOf(const Type* t) const {
  static const std::vector<Construction> kNone;
  auto it = constructions_.find(t);
  return it == constructions_.end() ? kNone : it->second;
}

void Facts::CallIndex::Build(const std::vector<CallEdge>& calls, const Node* CallEdge::*key) {
  // Counted, then placed: each key's edges stay in index order.
  ranges_.reserve(calls.size());
  uint32_t null_count = 0;
  for (const CallEdge& e : calls) {
    if (e.*key == nullptr) {
      ++null_count;
    } else {
      ++ranges_[e.*key].second;
    }
  }
  uint32_t next = null_count;
  null_range_ = {0, 0};
  for (auto& [k, range] : ranges_) {
    range.first = next;
    next += range.second;
    range.second = range.first;  // the fill position, ending as the range's end
  }
  edges_.resize(calls.size());
  for (size_t i = 0; i < calls.size(); ++i) {
    const Node* k = calls[i].*key;
    uint32_t& fill = k == nullptr ? null_range_.second : ranges_[k].second;
    edges_[fill++] = static_cast<uint32_t>(i);
  }
}

CallEdges Facts::CallIndex::Get(const std::vector<CallEdge>& calls, const Node* key) const {
  std::pair<uint32_t, uint32_t> range = null_range_;
  if (key != nullptr) {
    auto it = ranges_.find(key);
    if (it == ranges_.end()) return {};
    range = it->second;
  }
  return {&calls, edges_.data() + range.first, edges_.data() + range.second};
}

CallEdges Facts::CallsFrom(const Node* func) const { return calls_from_.Get(calls_, func); }

CallEdges Facts::CallsAt(const Node* site) const { return calls_at_.Get(calls_, site); }

CallEdges Facts::CallsTo(const Node* func) const { return calls_to_.Get(calls_, func); }

}  // namespace mw::sema
