#include "lint/constant_arguments.h"

#include <algorithm>
#include <optional>

#include "lint/map_paths.h"
#include "sema/constant.h"
#include "syntax/walk.h"

namespace mw::lint {

using sema::Object;
using syntax::Node;
using syntax::Token;

namespace {

// An integer constant's value: a literal, or a named constant.
std::optional<__int128> IntConstant(const sema::Package* pkg, const Node* e) {
  e = StripParens(e);
  if (const syntax::BasicLit* lit = e->DynAs<syntax::BasicLit>()) {
    if (lit->kind != Token::kInt) return std::nullopt;
    sema::ConstValue v = sema::IntLiteral(lit->value);
    return v.known ? std::optional<__int128>(v.value) : std::nullopt;
  }
  const Object* o = MapPaths::NamedBy(pkg, e);  // a name, or pkg.Const
  if (o == nullptr || o->kind != sema::ObjectKind::kConst || !o->value.known) return std::nullopt;
  return o->value.value;
}

// A branch taken only for some values of a parameter: those in `values`
// (`member`), or those not in it.
struct Branch {
  size_t param = 0;
  std::vector<__int128> values;
  bool member = true;
};

class BranchFinder {
 public:
  BranchFinder(const sema::Package* pkg, const syntax::FuncDecl* func) : pkg_(pkg), func_(func) {
    size_t k = 0;
    if (func->type->params == nullptr) return;
    for (const syntax::Field* f : func->type->params->list) {
      for (const syntax::Ident* name : f->names) {
        if (const Object* o = MapPaths::UseOf(pkg, name)) params_.push_back({o, k});
        ++k;
      }
      if (f->names.empty()) ++k;
    }
  }

  // The branches on parameters between the body of the function and `node`.
  std::vector<Branch> Find(const Node* node) {
    const std::vector<const Node*> path = syntax::PathTo(func_->body, node);
    std::vector<Branch> out;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      const Node* child = path[i + 1];
      if (const syntax::IfStmt* s = path[i]->DynAs<syntax::IfStmt>()) {
        if (child == s->body || (child == s->else_stmt && s->else_stmt != nullptr)) {
          If(s, child == s->body, &out);
        }
      } else if (const syntax::SwitchStmt* s = path[i]->DynAs<syntax::SwitchStmt>()) {
        const syntax::CaseClause* cc =
            i + 2 < path.size() ? path[i + 2]->DynAs<syntax::CaseClause>() : nullptr;
        if (child == s->body && cc != nullptr) Case(s, cc, &out);
      }
    }
    return out;
  }

 private:
  // The index of the parameter `e` names, if it is one the function never
  // assigns.
  std::optional<size_t> Param(const Node* e) const {
    const Object* o = MapPaths::UseOf(pkg_, e);
    for (const auto& [p, k] : params_) {
      if (p == o) {
        if (AssignsVar(pkg_, func_, o)) return std::nullopt;
        return k;
      }
    }
    return std::nullopt;
  }

  void If(const syntax::IfStmt* s, bool then, std::vector<Branch>* out) const {
    const syntax::BinaryExpr* b = StripParens(s->cond)->DynAs<syntax::BinaryExpr>();
    if (b == nullptr || (b->op != Token::kEql && b->op != Token::kNeq)) return;
    for (auto [p, c] : {std::pair{b->x, b->y}, std::pair{b->y, b->x}}) {
      std::optional<size_t> k = Param(p);
      std::optional<__int128> v = IntConstant(pkg_, c);
      if (k && v) {
        out->push_back({*k, {*v}, (b->op == Token::kEql) == then});
        return;
      }
    }
  }

  void Case(const syntax::SwitchStmt* s, const syntax::CaseClause* cc,
            std::vector<Branch>* out) const {
    if (s->tag == nullptr) return;
    std::optional<size_t> k = Param(s->tag);
    if (!k) return;
    Branch b{*k, {}, !cc->list.empty()};
    // A case holds its own constants; a default, every other case's. A
    // fallthrough lets other values in: such switches are left alone.
    for (const Node* c : s->body->list) {
      const syntax::CaseClause* other = c->DynAs<syntax::CaseClause>();
      if (other == nullptr) return;
      const syntax::BranchStmt* last =
          other->body.empty() ? nullptr : other->body.back()->DynAs<syntax::BranchStmt>();
      if (last != nullptr && last->tok == Token::kFallthrough) return;
    }
    for (const Node* c : s->body->list) {
      const syntax::CaseClause* other = c->DynAs<syntax::CaseClause>();
      if (other == nullptr || (b.member ? other != cc : other->list.empty())) continue;
      for (const Node* e : other->list) {
        std::optional<__int128> v = IntConstant(pkg_, e);
        if (!v) return;
        b.values.push_back(*v);
      }
    }
    out->push_back(std::move(b));
  }

  const sema::Package* pkg_;
  const syntax::FuncDecl* func_;
  std::vector<std::pair<const Object*, size_t>> params_;
};

}  // namespace

bool AssignsVar(const sema::Package* pkg, const syntax::FuncDecl* func, const Object* var) {
  bool assigns = false;
  auto is_var = [&](const Node* e) { return e != nullptr && MapPaths::UseOf(pkg, e) == var; };
  Inspect(func->body, [&](const Node* n) {
    if (assigns) return false;
    if (const syntax::AssignStmt* a = n->DynAs<syntax::AssignStmt>()) {
      assigns = std::any_of(a->lhs.begin(), a->lhs.end(), is_var);
    } else if (const syntax::IncDecStmt* i = n->DynAs<syntax::IncDecStmt>()) {
      assigns = is_var(i->x);
    } else if (const syntax::UnaryExpr* u = n->DynAs<syntax::UnaryExpr>()) {
      assigns = u->op == Token::kAnd && is_var(u->x);
    } else if (const syntax::RangeStmt* r = n->DynAs<syntax::RangeStmt>()) {
      assigns = is_var(r->key) || is_var(r->value);
    }
    return !assigns;
  });
  return assigns;
}

bool RuledOutByConstantArguments(const sema::Package* pkg, const syntax::FuncDecl* func,
                                 const Node* node, const std::vector<EntrySite>& sites) {
  if (func->body == nullptr || sites.empty()) return false;
  size_t nparams = 0;
  bool variadic = false;
  if (func->type->params != nullptr) {
    for (const syntax::Field* f : func->type->params->list) {
      nparams += f->names.empty() ? 1 : f->names.size;
      variadic |= f->type != nullptr && f->type->Is<syntax::Ellipsis>();
    }
  }
  for (const Branch& b : BranchFinder(pkg, func).Find(node)) {
    const bool every_site_rules_out =
        std::all_of(sites.begin(), sites.end(), [&](const EntrySite& s) {
          // f(g()) and variadic calls do not line arguments up with parameters.
          if (s.callee != func || variadic || s.call->args.size != nparams) return false;
          std::optional<__int128> v = IntConstant(s.pkg, s.call->args[b.param]);
          if (!v) return false;
          const bool listed = std::find(b.values.begin(), b.values.end(), *v) != b.values.end();
          return listed != b.member;
        });
    if (every_site_rules_out) return true;
  }
  return false;
}

}  // namespace mw::lint
