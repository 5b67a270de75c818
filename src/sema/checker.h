// The type checker of one package (internal to sema). It follows go/types:
// package-level objects are collected first and typed on first use, then
// function bodies are checked statement by statement, recording the type
// and mode of every expression and the object of every identifier.
#ifndef MAPWARDEN_SEMA_CHECKER_H_
#define MAPWARDEN_SEMA_CHECKER_H_

#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/small_vector.h"
#include "sema/program.h"

namespace mw::sema {

struct Operand {
  Mode mode = Mode::kInvalid;
  const Type* type = nullptr;
  const syntax::Node* expr = nullptr;
  ConstValue value;
  const Object* builtin = nullptr;  // kBuiltin
  bool ok() const { return mode != Mode::kInvalid && type != nullptr; }
};

// The values of a statement's right-hand side: one or two almost always,
// held without a malloc (an assignment checked up to three before).
using Operands = SmallVector<Operand, 2>;
// A call's result types, as a list.
using TypeList = SmallVector<const Type*, 4>;

class Checker {
 public:
  // `bodies`: check function bodies and record what is learned (packages
  // being checked, as opposed to imported ones).
  Checker(Program* program, Package* pkg, bool bodies);

  // Collects package-level objects and imports (all packages).
  void Collect() {
    CollectDecls();
    CollectImports();
  }
  // Collect in two halves. The package's own declarations touch only the
  // package and the program's locked maps, so that imported packages are
  // collected on the workers that parse them; their imports, which may
  // load and collect other packages, are resolved afterwards, on one thread.
  void CollectDecls();
  void CollectImports();
  // Loads the packages this package's files import, and theirs, as
  // CollectImports would and in its order, but declares nothing here: it
  // reads only the syntax, so it runs beside this package's CollectDecls,
  // and CollectImports then finds every import loaded.
  void LoadImports();
  // Checks every declaration and function body (checked packages only).
  void CheckBodies();

  // The type of a package-level object, resolving it on first use.
  const Type* ObjectType(Object* obj);

  // gc's sizes and alignments on 64-bit platforms; -1 when unknown.
  int64_t SizeOf(const Type* t);
  int64_t AlignOf(const Type* t);

 private:
  friend class Program;
  using Node = syntax::Node;

  // Declarations (check_decl.cc).
  void CollectFile(size_t file_index, const syntax::File* f, Scope* file_scope);
  void CollectMethod(const syntax::FuncDecl* fd, Scope* file_scope);
  // Indexed declarations of imported files (syntax::LazyDecl): collected
  // from their names, parsed when an object they declare is first resolved.
  void CollectLazyDecl(const syntax::LazyDecl* d, Scope* file_scope);
  void CollectLazyMethod(const syntax::LazyDecl* d, Scope* file_scope);
  void Materialize(Object* obj);
  // Points `o`, name `i` of `vs`, at what it is resolved from: `src`'s type
  // and values (`vs`'s, or a constant's group's last with them) and `iota`.
  static void SetValueParts(Object* o, const syntax::ValueSpec* vs, const syntax::ValueSpec* src,
                            size_t i, int64_t iota);
  const Type* NamedOf(Object* obj);
  const Type* FuncSignature(Object* obj);
  void ResolveValue(Object* obj);
  std::vector<const Type*> DeclareTypeParams(const syntax::FieldList* tparams, Scope* scope);
  const Type* FuncTypeOf(const syntax::FuncType* f, Scope* scope, bool declare_params);
  // The type a type expression denotes; null if unknown. Records uses.
  const Type* TypeOf(const Node* e, const Scope* scope);
  const Type* StructTypeOf(const syntax::StructType* s, const Scope* scope);
  const Type* InterfaceTypeOf(const syntax::InterfaceType* it, const Scope* scope);
  const Type* Instantiate(const Type* generic, std::vector<const Type*> args);
  bool UnionTerms(const Node* e, const Scope* scope, std::vector<const Type*>* terms,
                  std::vector<bool>* tildes);
  // The single type term a constraint allows (its core term), or null.
  const Type* CoreTerm(const Type* constraint);

  // Expressions (check_expr.cc).
  Operand Expr(const Node* e, const Scope* scope, const Type* hint = nullptr);
  Operand RawExpr(const Node* e, const Scope* scope, const Type* hint, bool allow_tuple);
  Operand ExprInternal(const Node* e, const Scope* scope, const Type* hint);
  Operand Ident(const syntax::Ident* id, const Scope* scope);
  Operand Selector(const syntax::SelectorExpr* e, const Scope* scope);
  Operand Index(const Node* e, const Scope* scope);
  Operand Call(const syntax::CallExpr* call, const Scope* scope);
  Operand Builtin(const syntax::CallExpr* call, const Object* builtin, const Scope* scope);
  Operand Binary(const syntax::BinaryExpr* e, const Scope* scope, const Type* hint);
  Operand Unary(const syntax::UnaryExpr* e, const Scope* scope, const Type* hint);
  Operand CompositeLit(const syntax::CompositeLit* e, const Scope* scope, const Type* hint);
  Operand FuncLit(const syntax::FuncLit* e, const Scope* scope);
  void Record(const Operand& x);
  // Gives an untyped operand its final type (the target's, or its default
  // when the target is an interface or absent), as go/types'
  // updateExprType does for the operand's sub-expressions.
  void Convert(Operand* x, const Type* target);
  void UpdateUntyped(const Node* e, const Type* final_type);
  void Assign(Operand* x, const Type* target) { Convert(x, target); }
  void UseExprs(const syntax::List<Node>& list, const Scope* scope);
  void UseExpr(const Node* e, const Scope* scope);
  Selection LookupFieldOrMethod(const Type* t, bool addressable, std::string_view name,
                                const Package* from);
  // The results of a call as a list (for multi-value assignments).
  TypeList Values(const Operand& x);
  const Type* InferCall(const Type* sig, const syntax::CallExpr* call,
                        std::span<const Operand> args);

  void RecordBuiltinSignature(const syntax::CallExpr* call, const Operand& result);

  // Statements (check_stmt.cc).
  void FuncBody(const Type* sig, const syntax::BlockStmt* body, Scope* scope);
  void Stmts(const syntax::List<Node>& list, Scope* scope);
  void Stmt(const Node* s, Scope* scope);
  void AssignStmt(const syntax::AssignStmt* a, Scope* scope);
  Operands MultiValues(const Node* e, size_t wanted, const Type* hint, const Type* ok_type,
                       const Scope* scope, bool* comma_ok);
  void RangeStmt(const syntax::RangeStmt* r, Scope* scope);
  void TypeSwitch(const syntax::TypeSwitchStmt* s, Scope* scope);
  void LocalDecl(const syntax::GenDecl* g, Scope* scope);
  void ValueSpec(const syntax::ValueSpec* vs, bool is_const, const syntax::ValueSpec* last_values,
                 int64_t iota, Scope* scope);
  Object* DeclareVar(const syntax::Ident* id, const Type* t, Scope* scope);

  // Helpers.
  const Type* Under(const Type* t);
  const Type* Default(const Type* t);
  const Type* CoreType(const Type* t);
  bool IsInterface(const Type* t) { return t != nullptr && Under(t)->kind == TypeKind::kInterface; }
  Scope* NewScope(const Scope* parent) { return pool_.NewScope(parent); }
  // Whether `obj` belongs to another package's checker: its lazy
  // resolution runs there, under the store's lazy mutex, since packages'
  // bodies are checked in parallel while imported declarations are shared.
  bool IsForeign(const Object* obj) const { return obj->pkg != nullptr && obj->pkg != pkg_; }
  const Type* Basic(BasicKind k) { return store_->Basic(k); }

  Program* program_;
  Package* pkg_;
  TypeStore* store_;
  ObjectPool pool_;  // this package's objects and scopes (no lock needed)
  Info* info_;
  std::vector<const Type*> result_stack_;  // enclosing functions' signatures
  std::vector<std::unordered_map<std::string_view, Object*>> label_stack_;  // their labels
  int64_t iota_ = -1;  // inside a constant declaration
  const syntax::ParsedFile* current_file_ = nullptr;
  // Import declarations CollectDecls leaves to CollectImports: the file's
  // index and the spec.
  std::vector<std::pair<size_t, const syntax::ImportSpec*>> pending_imports_;
  bool bodies_ = false;
};

// Substitutes type parameters by type arguments in `t`.
bool IsUntyped(const Type* t);

// Gives an instance of a generic type its substituted underlying type.
void FillInstance(TypeStore* store, const Type* inst);

const Type* Subst(TypeStore* store, const Type* t, const std::vector<const Type*>& params,
                  const std::vector<const Type*>& args);

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_CHECKER_H_
