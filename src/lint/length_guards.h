// Branches that run only when a value read from a map entry is not empty:
//
//   orig := p.m[name][value]
//   for _, id := range orig { ... repl = append(repl, id) }
//   if len(repl) > 0 { p.m[name][value] = repl }
//
// repl is made empty and grows only in a range over orig, which was read
// from p.m[name][value]; so inside the branch that entry was not empty and
// p.m[name] is not nil. A variable's contents come from map entries when
// every value it is given is empty (nil, make([]T, 0, n), T{}, "") or a
// read of an entry (`x := m[k]`, `x, ok := m[k]`), or an append to it
// inside a range over such a variable or entry; it is declared in the
// function, assigned nowhere else (closures included) and never has its
// address taken. Conditions: `len(x) > 0`, `len(x) != 0`, `len(x) >= 1`,
// their negations and mirrors, and the same of `n` defined once as
// `len(x)` or `len(x) - c` (then only `n > 0` and `n >= 1`); and the body
// of `for ... range m[k]` (or a range over such an x) itself.
#ifndef MAPWARDEN_LINT_LENGTH_GUARDS_H_
#define MAPWARDEN_LINT_LENGTH_GUARDS_H_

#include <unordered_map>
#include <vector>

#include "sema/program.h"

namespace mw::lint {

class LengthGuards {
 public:
  LengthGuards(const sema::Package* pkg, const syntax::BlockStmt* body);
  // The map entries (reads m[k]) shown not empty by the conditions of the
  // if statements whose branches hold `node`, and by the ranges whose
  // bodies hold it.
  std::vector<const syntax::IndexExpr*> EntriesShownAt(const syntax::Node* node) const;
  // Whether `var` is declared in the function and given a value only by
  // its declaration (so a read of it stays what it was).
  bool AssignedOnlyWhereDeclared(const sema::Object* var) const;

 private:
  // One value given to a variable: the value (null for a declaration
  // without one, or a comma-ok read's `ok`), the statement, and whether it
  // is one the analysis can read (single value, plain assignment).
  struct Assignment {
    const syntax::Node* value = nullptr;
    const syntax::Node* stmt = nullptr;
    bool readable = true;
  };
  void Implied(const syntax::Node* cond, bool truth,
               std::vector<const syntax::IndexExpr*>* out) const;
  // The variable whose length `e` measures, if `e` > 0 shows it not empty;
  // `exact`: `e` is the length itself (so `e != 0` shows it too).
  const sema::Object* LengthOf(const syntax::Node* e, bool* exact) const;
  // The entries a variable's contents come from; false when they do not
  // all come from entries.
  bool SourceEntries(const sema::Object* x, int depth,
                     std::vector<const syntax::IndexExpr*>* out) const;
  bool EntryRead(const syntax::Node* e) const;
  void Index() const;

  const sema::Package* pkg_;
  const syntax::BlockStmt* body_;
  // Every value given to each variable, the ranges and the closures of the
  // body: built on first need.
  mutable bool indexed_ = false;
  mutable std::unordered_map<const sema::Object*, std::vector<Assignment>> assignments_;
  mutable std::vector<const syntax::RangeStmt*> ranges_;
  mutable std::vector<const syntax::FuncLit*> closures_;
};

}  // namespace mw::lint

#endif  // MAPWARDEN_LINT_LENGTH_GUARDS_H_
