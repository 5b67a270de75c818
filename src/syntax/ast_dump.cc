#include "syntax/ast_dump.h"

#include <fmt/format.h>

namespace mw::syntax {
namespace {

class Dumper {
 public:
  explicit Dumper(std::string* out) : out_(out) {}

  void Node(int indent, std::string_view label, const syntax::Node* n) {
    out_->append(static_cast<size_t>(indent) * 2, ' ');
    out_->append(label);
    if (n == nullptr) {
      out_->append(": nil\n");
      return;
    }
    fmt::format_to(std::back_inserter(*out_), ": {} {}-{}", NodeKindName(n->kind), n->Start(),
                   n->End());
    Scalars(n);
    out_->push_back('\n');
    Children(indent + 1, n);
  }

 private:
  void P(const char* name, Pos p) { fmt::format_to(std::back_inserter(*out_), " {}={}", name, p); }
  void T(const char* name, Token t) {
    fmt::format_to(std::back_inserter(*out_), " {}={}", name, TokenString(t));
  }
  void B(const char* name, bool b) {
    fmt::format_to(std::back_inserter(*out_), " {}={}", name, b ? "true" : "false");
  }
  void I(const char* name, int v) { fmt::format_to(std::back_inserter(*out_), " {}={}", name, v); }
  void S(const char* name, std::string_view s) {
    fmt::format_to(std::back_inserter(*out_), " {}=", name);
    Quote(s);
  }
  void Quote(std::string_view s) {
    out_->push_back('"');
    for (char c : s) {
      unsigned char u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_->push_back('\\');
        out_->push_back(c);
      } else if (u < 0x20 || u == 0x7f) {
        fmt::format_to(std::back_inserter(*out_), "\\x{:02x}", u);
      } else {
        out_->push_back(c);
      }
    }
    out_->push_back('"');
  }

  template <typename T>
  void Each(int indent, const char* name, List<T> list) {
    for (uint32_t i = 0; i < list.size; ++i) {
      Node(indent, fmt::format("{}[{}]", name, i), list[i]);
    }
  }

  // Scalar fields, in go/ast struct order.
  void Scalars(const syntax::Node* n) {
    switch (n->kind) {
      case NodeKind::kComment: {
        auto* x = n->As<Comment>();
        P("Slash", x->slash);
        S("Text", x->text);
        break;
      }
      case NodeKind::kCommentGroup:
        break;
      case NodeKind::kField:
        break;
      case NodeKind::kFieldList: {
        auto* x = n->As<FieldList>();
        P("Opening", x->opening);
        P("Closing", x->closing);
        break;
      }
      case NodeKind::kBadExpr:
        P("From", n->As<BadExpr>()->from);
        P("To", n->As<BadExpr>()->to);
        break;
      case NodeKind::kIdent:
        P("NamePos", n->As<Ident>()->name_pos);
        S("Name", n->As<Ident>()->name);
        break;
      case NodeKind::kEllipsis:
        P("Ellipsis", n->As<Ellipsis>()->ellipsis);
        break;
      case NodeKind::kBasicLit: {
        auto* x = n->As<BasicLit>();
        P("ValuePos", x->value_pos);
        T("Kind", x->kind);
        S("Value", x->value);
        break;
      }
      case NodeKind::kFuncLit:
        break;
      case NodeKind::kCompositeLit: {
        auto* x = n->As<CompositeLit>();
        P("Lbrace", x->lbrace);
        P("Rbrace", x->rbrace);
        B("Incomplete", x->incomplete);
        break;
      }
      case NodeKind::kParenExpr:
        P("Lparen", n->As<ParenExpr>()->lparen);
        P("Rparen", n->As<ParenExpr>()->rparen);
        break;
      case NodeKind::kSelectorExpr:
        break;
      case NodeKind::kIndexExpr:
        P("Lbrack", n->As<IndexExpr>()->lbrack);
        P("Rbrack", n->As<IndexExpr>()->rbrack);
        break;
      case NodeKind::kIndexListExpr:
        P("Lbrack", n->As<IndexListExpr>()->lbrack);
        P("Rbrack", n->As<IndexListExpr>()->rbrack);
        break;
      case NodeKind::kSliceExpr: {
        auto* x = n->As<SliceExpr>();
        P("Lbrack", x->lbrack);
        B("Slice3", x->slice3);
        P("Rbrack", x->rbrack);
        break;
      }
      case NodeKind::kTypeAssertExpr:
        P("Lparen", n->As<TypeAssertExpr>()->lparen);
        P("Rparen", n->As<TypeAssertExpr>()->rparen);
        break;
      case NodeKind::kCallExpr: {
        auto* x = n->As<CallExpr>();
        P("Lparen", x->lparen);
        P("Ellipsis", x->ellipsis);
        P("Rparen", x->rparen);
        break;
      }
      case NodeKind::kStarExpr:
        P("Star", n->As<StarExpr>()->star);
        break;
      case NodeKind::kUnaryExpr:
        P("OpPos", n->As<UnaryExpr>()->op_pos);
        T("Op", n->As<UnaryExpr>()->op);
        break;
      case NodeKind::kBinaryExpr:
        P("OpPos", n->As<BinaryExpr>()->op_pos);
        T("Op", n->As<BinaryExpr>()->op);
        break;
      case NodeKind::kKeyValueExpr:
        P("Colon", n->As<KeyValueExpr>()->colon);
        break;
      case NodeKind::kArrayType:
        P("Lbrack", n->As<ArrayType>()->lbrack);
        break;
      case NodeKind::kStructType:
        P("Struct", n->As<StructType>()->struct_pos);
        B("Incomplete", n->As<StructType>()->incomplete);
        break;
      case NodeKind::kFuncType:
        P("Func", n->As<FuncType>()->func);
        break;
      case NodeKind::kInterfaceType:
        P("Interface", n->As<InterfaceType>()->interface);
        B("Incomplete", n->As<InterfaceType>()->incomplete);
        break;
      case NodeKind::kMapType:
        P("Map", n->As<MapType>()->map);
        break;
      case NodeKind::kChanType: {
        auto* x = n->As<ChanType>();
        P("Begin", x->begin);
        P("Arrow", x->arrow);
        I("Dir", x->dir);
        break;
      }
      case NodeKind::kBadStmt:
        P("From", n->As<BadStmt>()->from);
        P("To", n->As<BadStmt>()->to);
        break;
      case NodeKind::kDeclStmt:
        break;
      case NodeKind::kEmptyStmt:
        P("Semicolon", n->As<EmptyStmt>()->semicolon);
        B("Implicit", n->As<EmptyStmt>()->implicit);
        break;
      case NodeKind::kLabeledStmt:
        P("Colon", n->As<LabeledStmt>()->colon);
        break;
      case NodeKind::kExprStmt:
        break;
      case NodeKind::kSendStmt:
        P("Arrow", n->As<SendStmt>()->arrow);
        break;
      case NodeKind::kIncDecStmt:
        P("TokPos", n->As<IncDecStmt>()->tok_pos);
        T("Tok", n->As<IncDecStmt>()->tok);
        break;
      case NodeKind::kAssignStmt:
        P("TokPos", n->As<AssignStmt>()->tok_pos);
        T("Tok", n->As<AssignStmt>()->tok);
        break;
      case NodeKind::kGoStmt:
        P("Go", n->As<GoStmt>()->go);
        break;
      case NodeKind::kDeferStmt:
        P("Defer", n->As<DeferStmt>()->defer);
        break;
      case NodeKind::kReturnStmt:
        P("Return", n->As<ReturnStmt>()->return_pos);
        break;
      case NodeKind::kBranchStmt:
        P("TokPos", n->As<BranchStmt>()->tok_pos);
        T("Tok", n->As<BranchStmt>()->tok);
        break;
      case NodeKind::kBlockStmt:
        P("Lbrace", n->As<BlockStmt>()->lbrace);
        P("Rbrace", n->As<BlockStmt>()->rbrace);
        break;
      case NodeKind::kIfStmt:
        P("If", n->As<IfStmt>()->if_pos);
        break;
      case NodeKind::kCaseClause:
        P("Case", n->As<CaseClause>()->case_pos);
        P("Colon", n->As<CaseClause>()->colon);
        break;
      case NodeKind::kSwitchStmt:
        P("Switch", n->As<SwitchStmt>()->switch_pos);
        break;
      case NodeKind::kTypeSwitchStmt:
        P("Switch", n->As<TypeSwitchStmt>()->switch_pos);
        break;
      case NodeKind::kCommClause:
        P("Case", n->As<CommClause>()->case_pos);
        P("Colon", n->As<CommClause>()->colon);
        break;
      case NodeKind::kSelectStmt:
        P("Select", n->As<SelectStmt>()->select);
        break;
      case NodeKind::kForStmt:
        P("For", n->As<ForStmt>()->for_pos);
        break;
      case NodeKind::kRangeStmt: {
        auto* x = n->As<RangeStmt>();
        P("For", x->for_pos);
        P("TokPos", x->tok_pos);
        T("Tok", x->tok);
        break;
      }
      case NodeKind::kImportSpec:
        P("EndPos", n->As<ImportSpec>()->end_pos);
        break;
      case NodeKind::kValueSpec:
        break;
      case NodeKind::kTypeSpec:
        P("Assign", n->As<TypeSpec>()->assign);
        break;
      case NodeKind::kBadDecl:
        P("From", n->As<BadDecl>()->from);
        P("To", n->As<BadDecl>()->to);
        break;
      case NodeKind::kGenDecl: {
        auto* x = n->As<GenDecl>();
        P("TokPos", x->tok_pos);
        T("Tok", x->tok);
        P("Lparen", x->lparen);
        P("Rparen", x->rparen);
        break;
      }
      case NodeKind::kFuncDecl:
        break;
      case NodeKind::kLazyDecl:
        // Not go/ast's: only trees parsed with lazy_decls have them.
        P("From", n->As<LazyDecl>()->from);
        T("Tok", n->As<LazyDecl>()->tok);
        P("To", n->As<LazyDecl>()->to);
        break;
      case NodeKind::kFile:
        P("Package", n->As<File>()->package);
        break;
    }
  }

  // Child nodes, in go/ast struct order.
  void Children(int d, const syntax::Node* n) {
    switch (n->kind) {
      case NodeKind::kComment:
        break;
      case NodeKind::kCommentGroup:
        Each(d, "List", n->As<CommentGroup>()->list);
        break;
      case NodeKind::kField: {
        auto* x = n->As<Field>();
        Node(d, "Doc", x->doc);
        Each(d, "Names", x->names);
        Node(d, "Type", x->type);
        Node(d, "Tag", x->tag);
        Node(d, "Comment", x->comment);
        break;
      }
      case NodeKind::kFieldList:
        Each(d, "List", n->As<FieldList>()->list);
        break;
      case NodeKind::kBadExpr:
      case NodeKind::kIdent:
      case NodeKind::kBasicLit:
        break;
      case NodeKind::kEllipsis:
        Node(d, "Elt", n->As<Ellipsis>()->elt);
        break;
      case NodeKind::kFuncLit:
        Node(d, "Type", n->As<FuncLit>()->type);
        Node(d, "Body", n->As<FuncLit>()->body);
        break;
      case NodeKind::kCompositeLit:
        Node(d, "Type", n->As<CompositeLit>()->type);
        Each(d, "Elts", n->As<CompositeLit>()->elts);
        break;
      case NodeKind::kParenExpr:
        Node(d, "X", n->As<ParenExpr>()->x);
        break;
      case NodeKind::kSelectorExpr:
        Node(d, "X", n->As<SelectorExpr>()->x);
        Node(d, "Sel", n->As<SelectorExpr>()->sel);
        break;
      case NodeKind::kIndexExpr:
        Node(d, "X", n->As<IndexExpr>()->x);
        Node(d, "Index", n->As<IndexExpr>()->index);
        break;
      case NodeKind::kIndexListExpr:
        Node(d, "X", n->As<IndexListExpr>()->x);
        Each(d, "Indices", n->As<IndexListExpr>()->indices);
        break;
      case NodeKind::kSliceExpr: {
        auto* x = n->As<SliceExpr>();
        Node(d, "X", x->x);
        Node(d, "Low", x->low);
        Node(d, "High", x->high);
        Node(d, "Max", x->max);
        break;
      }
      case NodeKind::kTypeAssertExpr:
        Node(d, "X", n->As<TypeAssertExpr>()->x);
        Node(d, "Type", n->As<TypeAssertExpr>()->type);
        break;
      case NodeKind::kCallExpr:
        Node(d, "Fun", n->As<CallExpr>()->fun);
        Each(d, "Args", n->As<CallExpr>()->args);
        break;
      case NodeKind::kStarExpr:
        Node(d, "X", n->As<StarExpr>()->x);
        break;
      case NodeKind::kUnaryExpr:
        Node(d, "X", n->As<UnaryExpr>()->x);
        break;
      case NodeKind::kBinaryExpr:
        Node(d, "X", n->As<BinaryExpr>()->x);
        Node(d, "Y", n->As<BinaryExpr>()->y);
        break;
      case NodeKind::kKeyValueExpr:
        Node(d, "Key", n->As<KeyValueExpr>()->key);
        Node(d, "Value", n->As<KeyValueExpr>()->value);
        break;
      case NodeKind::kArrayType:
        Node(d, "Len", n->As<ArrayType>()->len);
        Node(d, "Elt", n->As<ArrayType>()->elt);
        break;
      case NodeKind::kStructType:
        Node(d, "Fields", n->As<StructType>()->fields);
        break;
      case NodeKind::kFuncType: {
        auto* x = n->As<FuncType>();
        Node(d, "TypeParams", x->type_params);
        Node(d, "Params", x->params);
        Node(d, "Results", x->results);
        break;
      }
      case NodeKind::kInterfaceType:
        Node(d, "Methods", n->As<InterfaceType>()->methods);
        break;
      case NodeKind::kMapType:
        Node(d, "Key", n->As<MapType>()->key);
        Node(d, "Value", n->As<MapType>()->value);
        break;
      case NodeKind::kChanType:
        Node(d, "Value", n->As<ChanType>()->value);
        break;
      case NodeKind::kBadStmt:
      case NodeKind::kEmptyStmt:
        break;
      case NodeKind::kDeclStmt:
        Node(d, "Decl", n->As<DeclStmt>()->decl);
        break;
      case NodeKind::kLabeledStmt:
        Node(d, "Label", n->As<LabeledStmt>()->label);
        Node(d, "Stmt", n->As<LabeledStmt>()->stmt);
        break;
      case NodeKind::kExprStmt:
        Node(d, "X", n->As<ExprStmt>()->x);
        break;
      case NodeKind::kSendStmt:
        Node(d, "Chan", n->As<SendStmt>()->chan);
        Node(d, "Value", n->As<SendStmt>()->value);
        break;
      case NodeKind::kIncDecStmt:
        Node(d, "X", n->As<IncDecStmt>()->x);
        break;
      case NodeKind::kAssignStmt:
        Each(d, "Lhs", n->As<AssignStmt>()->lhs);
        Each(d, "Rhs", n->As<AssignStmt>()->rhs);
        break;
      case NodeKind::kGoStmt:
        Node(d, "Call", n->As<GoStmt>()->call);
        break;
      case NodeKind::kDeferStmt:
        Node(d, "Call", n->As<DeferStmt>()->call);
        break;
      case NodeKind::kReturnStmt:
        Each(d, "Results", n->As<ReturnStmt>()->results);
        break;
      case NodeKind::kBranchStmt:
        Node(d, "Label", n->As<BranchStmt>()->label);
        break;
      case NodeKind::kBlockStmt:
        Each(d, "List", n->As<BlockStmt>()->list);
        break;
      case NodeKind::kIfStmt: {
        auto* x = n->As<IfStmt>();
        Node(d, "Init", x->init);
        Node(d, "Cond", x->cond);
        Node(d, "Body", x->body);
        Node(d, "Else", x->else_stmt);
        break;
      }
      case NodeKind::kCaseClause:
        Each(d, "List", n->As<CaseClause>()->list);
        Each(d, "Body", n->As<CaseClause>()->body);
        break;
      case NodeKind::kSwitchStmt: {
        auto* x = n->As<SwitchStmt>();
        Node(d, "Init", x->init);
        Node(d, "Tag", x->tag);
        Node(d, "Body", x->body);
        break;
      }
      case NodeKind::kTypeSwitchStmt: {
        auto* x = n->As<TypeSwitchStmt>();
        Node(d, "Init", x->init);
        Node(d, "Assign", x->assign);
        Node(d, "Body", x->body);
        break;
      }
      case NodeKind::kCommClause:
        Node(d, "Comm", n->As<CommClause>()->comm);
        Each(d, "Body", n->As<CommClause>()->body);
        break;
      case NodeKind::kSelectStmt:
        Node(d, "Body", n->As<SelectStmt>()->body);
        break;
      case NodeKind::kForStmt: {
        auto* x = n->As<ForStmt>();
        Node(d, "Init", x->init);
        Node(d, "Cond", x->cond);
        Node(d, "Post", x->post);
        Node(d, "Body", x->body);
        break;
      }
      case NodeKind::kRangeStmt: {
        auto* x = n->As<RangeStmt>();
        Node(d, "Key", x->key);
        Node(d, "Value", x->value);
        Node(d, "X", x->x);
        Node(d, "Body", x->body);
        break;
      }
      case NodeKind::kImportSpec: {
        auto* x = n->As<ImportSpec>();
        Node(d, "Doc", x->doc);
        Node(d, "Name", x->name);
        Node(d, "Path", x->path);
        Node(d, "Comment", x->comment);
        break;
      }
      case NodeKind::kValueSpec: {
        auto* x = n->As<ValueSpec>();
        Node(d, "Doc", x->doc);
        Each(d, "Names", x->names);
        Node(d, "Type", x->type);
        Each(d, "Values", x->values);
        Node(d, "Comment", x->comment);
        break;
      }
      case NodeKind::kTypeSpec: {
        auto* x = n->As<TypeSpec>();
        Node(d, "Doc", x->doc);
        Node(d, "Name", x->name);
        Node(d, "TypeParams", x->type_params);
        Node(d, "Type", x->type);
        Node(d, "Comment", x->comment);
        break;
      }
      case NodeKind::kBadDecl:
        break;
      case NodeKind::kGenDecl:
        Node(d, "Doc", n->As<GenDecl>()->doc);
        Each(d, "Specs", n->As<GenDecl>()->specs);
        break;
      case NodeKind::kFuncDecl: {
        auto* x = n->As<FuncDecl>();
        Node(d, "Doc", x->doc);
        Node(d, "Recv", x->recv);
        Node(d, "Name", x->name);
        Node(d, "Type", x->type);
        Node(d, "Body", x->body);
        break;
      }
      case NodeKind::kLazyDecl:
        Each(d, "Names", n->As<LazyDecl>()->names);
        break;
      case NodeKind::kFile: {
        auto* x = n->As<File>();
        Node(d, "Doc", x->doc);
        Node(d, "Name", x->name);
        Each(d, "Decls", x->decls);
        Each(d, "Comments", x->comments);
        break;
      }
    }
  }

  std::string* out_;
};

}  // namespace

void DumpAst(const File* file, std::string* out) { Dumper(out).Node(0, "File", file); }

}  // namespace mw::syntax
