// Visiting a syntax tree in go/ast.Walk's order (comments are not visited).
#ifndef MAPWARDEN_SYNTAX_WALK_H_
#define MAPWARDEN_SYNTAX_WALK_H_

#include <vector>

#include "syntax/ast.h"

namespace mw::syntax {

// Calls fn(child) for each direct child of `n`, in go/ast.Walk's order.
template <typename Fn>
void ForEachChild(const Node* n, Fn&& fn);

// Pre-order traversal, as ast.Inspect: `fn` returns false to skip a
// node's children. Recursion depth follows the tree's nesting.
template <typename Fn>
void Inspect(const Node* n, Fn&& fn) {
  if (n == nullptr || !fn(n)) return;
  ForEachChild(n, [&fn](const Node* c) { Inspect(c, fn); });
}

template <typename Fn>
void ForEachChild(const Node* n, Fn&& fn) {
  auto one = [&fn](const Node* c) {
    if (c != nullptr) fn(c);
  };
  auto list = [&fn](const auto& l) {
    for (const Node* c : l) {
      if (c != nullptr) fn(c);
    }
  };
  switch (n->kind) {
    case NodeKind::kField: {
      const Field* f = n->As<Field>();
      list(f->names);
      one(f->type);
      one(f->tag);
      break;
    }
    case NodeKind::kFieldList:
      list(n->As<FieldList>()->list);
      break;
    case NodeKind::kEllipsis:
      one(n->As<Ellipsis>()->elt);
      break;
    case NodeKind::kFuncLit:
      one(n->As<FuncLit>()->type);
      one(n->As<FuncLit>()->body);
      break;
    case NodeKind::kCompositeLit:
      one(n->As<CompositeLit>()->type);
      list(n->As<CompositeLit>()->elts);
      break;
    case NodeKind::kParenExpr:
      one(n->As<ParenExpr>()->x);
      break;
    case NodeKind::kSelectorExpr:
      one(n->As<SelectorExpr>()->x);
      one(n->As<SelectorExpr>()->sel);
      break;
    case NodeKind::kIndexExpr:
      one(n->As<IndexExpr>()->x);
      one(n->As<IndexExpr>()->index);
      break;
    case NodeKind::kIndexListExpr:
      one(n->As<IndexListExpr>()->x);
      list(n->As<IndexListExpr>()->indices);
      break;
    case NodeKind::kSliceExpr: {
      const SliceExpr* s = n->As<SliceExpr>();
      one(s->x);
      one(s->low);
      one(s->high);
      one(s->max);
      break;
    }
    case NodeKind::kTypeAssertExpr:
      one(n->As<TypeAssertExpr>()->x);
      one(n->As<TypeAssertExpr>()->type);
      break;
    case NodeKind::kCallExpr:
      one(n->As<CallExpr>()->fun);
      list(n->As<CallExpr>()->args);
      break;
    case NodeKind::kStarExpr:
      one(n->As<StarExpr>()->x);
      break;
    case NodeKind::kUnaryExpr:
      one(n->As<UnaryExpr>()->x);
      break;
    case NodeKind::kBinaryExpr:
      one(n->As<BinaryExpr>()->x);
      one(n->As<BinaryExpr>()->y);
      break;
    case NodeKind::kKeyValueExpr:
      one(n->As<KeyValueExpr>()->key);
      one(n->As<KeyValueExpr>()->value);
      break;
    case NodeKind::kArrayType:
      one(n->As<ArrayType>()->len);
      one(n->As<ArrayType>()->elt);
      break;
    case NodeKind::kStructType:
      one(n->As<StructType>()->fields);
      break;
    case NodeKind::kFuncType:
      one(n->As<FuncType>()->type_params);
      one(n->As<FuncType>()->params);
      one(n->As<FuncType>()->results);
      break;
    case NodeKind::kInterfaceType:
      one(n->As<InterfaceType>()->methods);
      break;
    case NodeKind::kMapType:
      one(n->As<MapType>()->key);
      one(n->As<MapType>()->value);
      break;
    case NodeKind::kChanType:
      one(n->As<ChanType>()->value);
      break;
    case NodeKind::kDeclStmt:
      one(n->As<DeclStmt>()->decl);
      break;
    case NodeKind::kLabeledStmt:
      one(n->As<LabeledStmt>()->label);
      one(n->As<LabeledStmt>()->stmt);
      break;
    case NodeKind::kExprStmt:
      one(n->As<ExprStmt>()->x);
      break;
    case NodeKind::kSendStmt:
      one(n->As<SendStmt>()->chan);
      one(n->As<SendStmt>()->value);
      break;
    case NodeKind::kIncDecStmt:
      one(n->As<IncDecStmt>()->x);
      break;
    case NodeKind::kAssignStmt:
      list(n->As<AssignStmt>()->lhs);
      list(n->As<AssignStmt>()->rhs);
      break;
    case NodeKind::kGoStmt:
      one(n->As<GoStmt>()->call);
      break;
    case NodeKind::kDeferStmt:
      one(n->As<DeferStmt>()->call);
      break;
    case NodeKind::kReturnStmt:
      list(n->As<ReturnStmt>()->results);
      break;
    case NodeKind::kBranchStmt:
      one(n->As<BranchStmt>()->label);
      break;
    case NodeKind::kBlockStmt:
      list(n->As<BlockStmt>()->list);
      break;
    case NodeKind::kIfStmt: {
      const IfStmt* s = n->As<IfStmt>();
      one(s->init);
      one(s->cond);
      one(s->body);
      one(s->else_stmt);
      break;
    }
    case NodeKind::kCaseClause:
      list(n->As<CaseClause>()->list);
      list(n->As<CaseClause>()->body);
      break;
    case NodeKind::kSwitchStmt:
      one(n->As<SwitchStmt>()->init);
      one(n->As<SwitchStmt>()->tag);
      one(n->As<SwitchStmt>()->body);
      break;
    case NodeKind::kTypeSwitchStmt:
      one(n->As<TypeSwitchStmt>()->init);
      one(n->As<TypeSwitchStmt>()->assign);
      one(n->As<TypeSwitchStmt>()->body);
      break;
    case NodeKind::kCommClause:
      one(n->As<CommClause>()->comm);
      list(n->As<CommClause>()->body);
      break;
    case NodeKind::kSelectStmt:
      one(n->As<SelectStmt>()->body);
      break;
    case NodeKind::kForStmt: {
      const ForStmt* s = n->As<ForStmt>();
      one(s->init);
      one(s->cond);
      one(s->post);
      one(s->body);
      break;
    }
    case NodeKind::kRangeStmt: {
      const RangeStmt* s = n->As<RangeStmt>();
      one(s->key);
      one(s->value);
      one(s->x);
      one(s->body);
      break;
    }
    case NodeKind::kImportSpec:
      one(n->As<ImportSpec>()->name);
      one(n->As<ImportSpec>()->path);
      break;
    case NodeKind::kValueSpec:
      list(n->As<ValueSpec>()->names);
      one(n->As<ValueSpec>()->type);
      list(n->As<ValueSpec>()->values);
      break;
    case NodeKind::kTypeSpec:
      one(n->As<TypeSpec>()->name);
      one(n->As<TypeSpec>()->type_params);
      one(n->As<TypeSpec>()->type);
      break;
    case NodeKind::kGenDecl:
      list(n->As<GenDecl>()->specs);
      break;
    case NodeKind::kFuncDecl:
      one(n->As<FuncDecl>()->recv);
      one(n->As<FuncDecl>()->name);
      one(n->As<FuncDecl>()->type);
      one(n->As<FuncDecl>()->body);
      break;
    case NodeKind::kFile:
      one(n->As<File>()->name);
      list(n->As<File>()->decls);
      break;
    default:
      break;  // leaves: identifiers, literals, comments, bad nodes
  }
}

// The nodes from `root` down to `target` whose extents hold it, outermost
// first (`target` last when it is under `root`).
inline std::vector<const Node*> PathTo(const Node* root, const Node* target) {
  std::vector<const Node*> path;
  Inspect(root, [&](const Node* n) {
    if (n->Start() > target->Start() || target->End() > n->End()) return false;
    path.push_back(n);
    return true;
  });
  return path;
}

}  // namespace mw::syntax

#endif  // MAPWARDEN_SYNTAX_WALK_H_
