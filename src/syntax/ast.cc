#include "syntax/ast.h"

#include <array>

namespace mw::syntax {

std::string_view NodeKindName(NodeKind k) {
  static constexpr std::array kNames = {
#define MW_AST_NAME(name) std::string_view(#name),
      MW_AST_NODES(MW_AST_NAME)
#undef MW_AST_NAME
  };
  return kNames[static_cast<size_t>(k)];
}

int FieldList::NumFields() const {
  int n = 0;
  for (const Field* f : list) n += f->names.empty() ? 1 : static_cast<int>(f->names.size);
  return n;
}

// Start and End follow go/ast's Pos and End methods exactly, including their
// arithmetic on absent positions (kNoPos + 1 is offset 0, as NoPos + 1 is in
// Go).
Pos Node::Start() const {
  switch (kind) {
    case NodeKind::kComment:
      return As<Comment>()->slash;
    case NodeKind::kCommentGroup:
      return As<CommentGroup>()->list[0]->Start();
    case NodeKind::kField: {
      const Field* f = As<Field>();
      if (!f->names.empty()) return f->names[0]->Start();
      if (f->type) return f->type->Start();
      return kNoPos;
    }
    case NodeKind::kFieldList: {
      const FieldList* f = As<FieldList>();
      if (f->opening != kNoPos) return f->opening;
      if (!f->list.empty()) return f->list[0]->Start();
      return kNoPos;
    }
    case NodeKind::kBadExpr:
      return As<BadExpr>()->from;
    case NodeKind::kIdent:
      return As<Ident>()->name_pos;
    case NodeKind::kEllipsis:
      return As<Ellipsis>()->ellipsis;
    case NodeKind::kBasicLit:
      return As<BasicLit>()->value_pos;
    case NodeKind::kFuncLit:
      return As<FuncLit>()->type->Start();
    case NodeKind::kCompositeLit: {
      const CompositeLit* c = As<CompositeLit>();
      return c->type ? c->type->Start() : c->lbrace;
    }
    case NodeKind::kParenExpr:
      return As<ParenExpr>()->lparen;
    case NodeKind::kSelectorExpr:
      return As<SelectorExpr>()->x->Start();
    case NodeKind::kIndexExpr:
      return As<IndexExpr>()->x->Start();
    case NodeKind::kIndexListExpr:
      return As<IndexListExpr>()->x->Start();
    case NodeKind::kSliceExpr:
      return As<SliceExpr>()->x->Start();
    case NodeKind::kTypeAssertExpr:
      return As<TypeAssertExpr>()->x->Start();
    case NodeKind::kCallExpr:
      return As<CallExpr>()->fun->Start();
    case NodeKind::kStarExpr:
      return As<StarExpr>()->star;
    case NodeKind::kUnaryExpr:
      return As<UnaryExpr>()->op_pos;
    case NodeKind::kBinaryExpr:
      return As<BinaryExpr>()->x->Start();
    case NodeKind::kKeyValueExpr:
      return As<KeyValueExpr>()->key->Start();
    case NodeKind::kArrayType:
      return As<ArrayType>()->lbrack;
    case NodeKind::kStructType:
      return As<StructType>()->struct_pos;
    case NodeKind::kFuncType: {
      const FuncType* f = As<FuncType>();
      if (f->func != kNoPos || f->params == nullptr) return f->func;
      return f->params->Start();
    }
    case NodeKind::kInterfaceType:
      return As<InterfaceType>()->interface;
    case NodeKind::kMapType:
      return As<MapType>()->map;
    case NodeKind::kChanType:
      return As<ChanType>()->begin;
    case NodeKind::kBadStmt:
      return As<BadStmt>()->from;
    case NodeKind::kDeclStmt:
      return As<DeclStmt>()->decl->Start();
    case NodeKind::kEmptyStmt:
      return As<EmptyStmt>()->semicolon;
    case NodeKind::kLabeledStmt:
      return As<LabeledStmt>()->label->Start();
    case NodeKind::kExprStmt:
      return As<ExprStmt>()->x->Start();
    case NodeKind::kSendStmt:
      return As<SendStmt>()->chan->Start();
    case NodeKind::kIncDecStmt:
      return As<IncDecStmt>()->x->Start();
    case NodeKind::kAssignStmt:
      return As<AssignStmt>()->lhs[0]->Start();
    case NodeKind::kGoStmt:
      return As<GoStmt>()->go;
    case NodeKind::kDeferStmt:
      return As<DeferStmt>()->defer;
    case NodeKind::kReturnStmt:
      return As<ReturnStmt>()->return_pos;
    case NodeKind::kBranchStmt:
      return As<BranchStmt>()->tok_pos;
    case NodeKind::kBlockStmt:
      return As<BlockStmt>()->lbrace;
    case NodeKind::kIfStmt:
      return As<IfStmt>()->if_pos;
    case NodeKind::kCaseClause:
      return As<CaseClause>()->case_pos;
    case NodeKind::kSwitchStmt:
      return As<SwitchStmt>()->switch_pos;
    case NodeKind::kTypeSwitchStmt:
      return As<TypeSwitchStmt>()->switch_pos;
    case NodeKind::kCommClause:
      return As<CommClause>()->case_pos;
    case NodeKind::kSelectStmt:
      return As<SelectStmt>()->select;
    case NodeKind::kForStmt:
      return As<ForStmt>()->for_pos;
    case NodeKind::kRangeStmt:
      return As<RangeStmt>()->for_pos;
    case NodeKind::kImportSpec: {
      const ImportSpec* s = As<ImportSpec>();
      return s->name ? s->name->Start() : s->path->Start();
    }
    case NodeKind::kValueSpec:
      return As<ValueSpec>()->names[0]->Start();
    case NodeKind::kTypeSpec:
      return As<TypeSpec>()->name->Start();
    case NodeKind::kBadDecl:
      return As<BadDecl>()->from;
    case NodeKind::kGenDecl:
      return As<GenDecl>()->tok_pos;
    case NodeKind::kFuncDecl:
      return As<FuncDecl>()->type->Start();
    case NodeKind::kLazyDecl:
      return As<LazyDecl>()->from;
    case NodeKind::kFile:
      return As<File>()->package;
  }
  return kNoPos;
}

Pos Node::End() const {
  switch (kind) {
    case NodeKind::kComment: {
      const Comment* c = As<Comment>();
      return c->slash + static_cast<Pos>(c->text.size());
    }
    case NodeKind::kCommentGroup:
      return As<CommentGroup>()->list.back()->End();
    case NodeKind::kField: {
      const Field* f = As<Field>();
      if (f->tag) return f->tag->End();
      if (f->type) return f->type->End();
      if (!f->names.empty()) return f->names.back()->End();
      return kNoPos;
    }
    case NodeKind::kFieldList: {
      const FieldList* f = As<FieldList>();
      if (f->closing != kNoPos) return f->closing + 1;
      if (!f->list.empty()) return f->list.back()->End();
      return kNoPos;
    }
    case NodeKind::kBadExpr:
      return As<BadExpr>()->to;
    case NodeKind::kIdent: {
      const Ident* i = As<Ident>();
      return i->name_pos + static_cast<Pos>(i->name.size());
    }
    case NodeKind::kEllipsis: {
      const Ellipsis* e = As<Ellipsis>();
      return e->elt ? e->elt->End() : e->ellipsis + 3;
    }
    case NodeKind::kBasicLit: {
      const BasicLit* b = As<BasicLit>();
      return b->value_pos + static_cast<Pos>(b->value.size());
    }
    case NodeKind::kFuncLit:
      return As<FuncLit>()->body->End();
    case NodeKind::kCompositeLit:
      return As<CompositeLit>()->rbrace + 1;
    case NodeKind::kParenExpr:
      return As<ParenExpr>()->rparen + 1;
    case NodeKind::kSelectorExpr:
      return As<SelectorExpr>()->sel->End();
    case NodeKind::kIndexExpr:
      return As<IndexExpr>()->rbrack + 1;
    case NodeKind::kIndexListExpr:
      return As<IndexListExpr>()->rbrack + 1;
    case NodeKind::kSliceExpr:
      return As<SliceExpr>()->rbrack + 1;
    case NodeKind::kTypeAssertExpr:
      return As<TypeAssertExpr>()->rparen + 1;
    case NodeKind::kCallExpr:
      return As<CallExpr>()->rparen + 1;
    case NodeKind::kStarExpr:
      return As<StarExpr>()->x->End();
    case NodeKind::kUnaryExpr:
      return As<UnaryExpr>()->x->End();
    case NodeKind::kBinaryExpr:
      return As<BinaryExpr>()->y->End();
    case NodeKind::kKeyValueExpr:
      return As<KeyValueExpr>()->value->End();
    case NodeKind::kArrayType:
      return As<ArrayType>()->elt->End();
    case NodeKind::kStructType:
      return As<StructType>()->fields->End();
    case NodeKind::kFuncType: {
      const FuncType* f = As<FuncType>();
      return f->results ? f->results->End() : f->params->End();
    }
    case NodeKind::kInterfaceType:
      return As<InterfaceType>()->methods->End();
    case NodeKind::kMapType:
      return As<MapType>()->value->End();
    case NodeKind::kChanType:
      return As<ChanType>()->value->End();
    case NodeKind::kBadStmt:
      return As<BadStmt>()->to;
    case NodeKind::kDeclStmt:
      return As<DeclStmt>()->decl->End();
    case NodeKind::kEmptyStmt: {
      const EmptyStmt* e = As<EmptyStmt>();
      return e->implicit ? e->semicolon : e->semicolon + 1;
    }
    case NodeKind::kLabeledStmt:
      return As<LabeledStmt>()->stmt->End();
    case NodeKind::kExprStmt:
      return As<ExprStmt>()->x->End();
    case NodeKind::kSendStmt:
      return As<SendStmt>()->value->End();
    case NodeKind::kIncDecStmt:
      return As<IncDecStmt>()->tok_pos + 2;
    case NodeKind::kAssignStmt:
      return As<AssignStmt>()->rhs.back()->End();
    case NodeKind::kGoStmt:
      return As<GoStmt>()->call->End();
    case NodeKind::kDeferStmt:
      return As<DeferStmt>()->call->End();
    case NodeKind::kReturnStmt: {
      const ReturnStmt* r = As<ReturnStmt>();
      return r->results.empty() ? r->return_pos + 6 : r->results.back()->End();
    }
    case NodeKind::kBranchStmt: {
      const BranchStmt* b = As<BranchStmt>();
      if (b->label) return b->label->End();
      return b->tok_pos + static_cast<Pos>(TokenString(b->tok).size());
    }
    case NodeKind::kBlockStmt: {
      const BlockStmt* b = As<BlockStmt>();
      if (b->rbrace != kNoPos) return b->rbrace + 1;
      if (!b->list.empty()) return b->list.back()->End();
      return b->lbrace + 1;
    }
    case NodeKind::kIfStmt: {
      const IfStmt* s = As<IfStmt>();
      return s->else_stmt ? s->else_stmt->End() : s->body->End();
    }
    case NodeKind::kCaseClause: {
      const CaseClause* c = As<CaseClause>();
      return c->body.empty() ? c->colon + 1 : c->body.back()->End();
    }
    case NodeKind::kSwitchStmt:
      return As<SwitchStmt>()->body->End();
    case NodeKind::kTypeSwitchStmt:
      return As<TypeSwitchStmt>()->body->End();
    case NodeKind::kCommClause: {
      const CommClause* c = As<CommClause>();
      return c->body.empty() ? c->colon + 1 : c->body.back()->End();
    }
    case NodeKind::kSelectStmt:
      return As<SelectStmt>()->body->End();
    case NodeKind::kForStmt:
      return As<ForStmt>()->body->End();
    case NodeKind::kRangeStmt:
      return As<RangeStmt>()->body->End();
    case NodeKind::kImportSpec: {
      const ImportSpec* s = As<ImportSpec>();
      return s->end_pos != kNoPos ? s->end_pos : s->path->End();
    }
    case NodeKind::kValueSpec: {
      const ValueSpec* s = As<ValueSpec>();
      if (!s->values.empty()) return s->values.back()->End();
      if (s->type) return s->type->End();
      return s->names.back()->End();
    }
    case NodeKind::kTypeSpec:
      return As<TypeSpec>()->type->End();
    case NodeKind::kBadDecl:
      return As<BadDecl>()->to;
    case NodeKind::kGenDecl: {
      const GenDecl* g = As<GenDecl>();
      return g->rparen != kNoPos ? g->rparen + 1 : g->specs[0]->End();
    }
    case NodeKind::kFuncDecl: {
      const FuncDecl* f = As<FuncDecl>();
      return f->body ? f->body->End() : f->type->End();
    }
    case NodeKind::kLazyDecl:
      return As<LazyDecl>()->to;
    case NodeKind::kFile: {
      const File* f = As<File>();
      return f->decls.empty() ? f->name->End() : f->decls.back()->End();
    }
  }
  return kNoPos;
}

}  // namespace mw::syntax
