// Declarations: imports, constants, variables, types (with type
// parameters) and functions.
#include "syntax/parser_internal.h"

namespace mw::syntax::internal {
namespace {

void AppendUtf8(char32_t r, std::string* out) {
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (r >> 18)));
    out->push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

// strconv.Unquote for an import path literal, into bytes (\x and octal
// escapes are bytes, \u and \U are UTF-8); false if malformed.
bool UnquoteImportPath(std::string_view lit, std::string* out) {
  if (lit.size() < 2) return false;
  const char q = lit.front();
  if (q != lit.back() || (q != '"' && q != '`')) return false;
  std::string_view s = lit.substr(1, lit.size() - 2);
  size_t i = 0;
  while (i < s.size()) {
    if (q == '"' && s[i] == '\\') {
      if (i + 1 >= s.size()) return false;
      char c = s[i + 1];
      auto hex = [&](size_t start, int n) -> int64_t {
        if (start + static_cast<size_t>(n) > s.size()) return -1;
        int64_t v = 0;
        for (int k = 0; k < n; ++k) {
          char h = s[start + static_cast<size_t>(k)];
          int d = h >= '0' && h <= '9'   ? h - '0'
                  : h >= 'a' && h <= 'f' ? h - 'a' + 10
                  : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                         : -1;
          if (d < 0) return -1;
          v = v * 16 + d;
        }
        return v;
      };
      int64_t v = -1;
      size_t len = 2;
      switch (c) {
        case 'a':
          v = 7;
          break;
        case 'b':
          v = 8;
          break;
        case 'f':
          v = 12;
          break;
        case 'n':
          v = 10;
          break;
        case 'r':
          v = 13;
          break;
        case 't':
          v = 9;
          break;
        case 'v':
          v = 11;
          break;
        case '\\':
          v = '\\';
          break;
        case '"':
          v = '"';
          break;
        case 'x':
          v = hex(i + 2, 2);
          len = 4;
          break;
        case 'u':
          v = hex(i + 2, 4);
          len = 6;
          break;
        case 'U':
          v = hex(i + 2, 8);
          len = 10;
          break;
        default:
          if (c >= '0' && c <= '7' && i + 3 < s.size() + 0) {
            v = 0;
            for (int k = 1; k <= 3; ++k) {
              char o = s[i + static_cast<size_t>(k)];
              if (o < '0' || o > '7') return false;
              v = v * 8 + (o - '0');
            }
            len = 4;
          }
      }
      if (v < 0) return false;
      if (c == 'u' || c == 'U' || v < 0x80) {
        AppendUtf8(static_cast<char32_t>(v), out);
      } else {
        out->push_back(static_cast<char>(v));
      }
      i += len;
      continue;
    }
    out->push_back(s[i]);
    ++i;
  }
  return true;
}

// go/parser's isValidImport: graphic, no spaces, none of !"#$%&'()*,:;<=>?[\]^{|}`.
bool IsValidImport(std::string_view lit) {
  // Nearly every path is quoted printable ASCII with none of the illegal
  // characters: valid without unquoting and decoding.
  if (lit.size() > 2 && lit.front() == '"' && lit.back() == '"') {
    bool plain = true;
    for (char c : lit.substr(1, lit.size() - 2)) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x21 || u >= 0x7f ||
          std::string_view("!\"#$%&'()*,:;<=>?[\\]^{|}`").find(c) != std::string_view::npos) {
        plain = false;
        break;
      }
    }
    if (plain) return true;
  }
  std::string bytes;
  if (!UnquoteImportPath(lit, &bytes)) return false;
  std::u32string s;
  for (size_t i = 0; i < bytes.size();) {
    auto [r, w] = DecodeRune(std::string_view(bytes).substr(i));
    s.push_back(r);
    i += static_cast<size_t>(w);
  }
  static constexpr std::u32string_view kIllegal = U"!\"#$%&'()*,:;<=>?[\\]^{|}`\uFFFD";
  for (char32_t r : s) {
    const bool graphic = (r >= 0x21 && r < 0x7f) || (r >= 0xa1 && r != 0xad && r < 0xfff9);
    const bool space = r == ' ' || (r >= 0x9 && r <= 0xd) || r == 0x85 || r == 0xa0 ||
                       r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 ||
                       r == 0x202f || r == 0x205f || r == 0x3000;
    if (!graphic || space || kIllegal.find(r) != std::u32string_view::npos) return false;
  }
  return !s.empty();
}

}  // namespace

bool IsTypeElem(Expr* x) {
  switch (x->kind) {
    case NodeKind::kArrayType:
    case NodeKind::kStructType:
    case NodeKind::kFuncType:
    case NodeKind::kInterfaceType:
    case NodeKind::kMapType:
    case NodeKind::kChanType:
      return true;
    case NodeKind::kBinaryExpr: {
      BinaryExpr* b = x->As<BinaryExpr>();
      return IsTypeElem(b->x) || IsTypeElem(b->y);
    }
    case NodeKind::kUnaryExpr:
      return x->As<UnaryExpr>()->op == Token::kTilde;
    case NodeKind::kParenExpr:
      return IsTypeElem(x->As<ParenExpr>()->x);
    default:
      return false;
  }
}

namespace {

// Splits "P T" (parsed as an expression) into a type parameter name and its
// constraint, as go/parser's extractName does; name is null if x is not of
// that form.
std::pair<Ident*, Expr*> ExtractName(Arena* arena, Expr* x, bool force) {
  switch (x->kind) {
    case NodeKind::kIdent:
      return {x->As<Ident>(), nullptr};
    case NodeKind::kBinaryExpr: {
      BinaryExpr* b = x->As<BinaryExpr>();
      if (b->op == Token::kMul) {
        if (Ident* name = b->x->DynAs<Ident>(); name && (force || IsTypeElem(b->y))) {
          // x = name *b->y
          StarExpr* s = arena->New<StarExpr>();
          s->star = b->op_pos;
          s->x = b->y;
          return {name, s};
        }
      } else if (b->op == Token::kOr) {
        auto [name, lhs] = ExtractName(arena, b->x, force || IsTypeElem(b->y));
        if (name != nullptr && lhs != nullptr) {
          // x = name lhs|b->y
          BinaryExpr* op = arena->New<BinaryExpr>();
          *op = *b;
          op->x = lhs;
          return {name, op};
        }
      }
      break;
    }
    case NodeKind::kCallExpr: {
      CallExpr* c = x->As<CallExpr>();
      if (Ident* name = c->fun->DynAs<Ident>()) {
        if (c->args.size == 1 && c->ellipsis == kNoPos && (force || IsTypeElem(c->args[0]))) {
          // x = name (c->args[0]); the parentheses are dropped.
          return {name, c->args[0]};
        }
      }
      break;
    }
    default:
      break;
  }
  return {nullptr, x};
}

}  // namespace

// ImportSpec = [ "." | PackageName ] ImportPath .
Spec* Parser::ParseImportSpec(CommentGroup* doc, Pos, Token, int) {
  Ident* ident = nullptr;
  switch (tok_) {
    case Token::kPeriod:
      ident = NewIdent(pos_, ".");
      Next();
      break;
    case Token::kIdent:
      ident = ParseIdent();
      break;
    default:
      break;
  }
  const Pos pos = pos_;
  std::string_view path;
  if (tok_ == Token::kString) {
    path = lit_;
    if (!IsValidImport(path)) Error(pos, "invalid import path: " + std::string(path));
    Next();
  } else {
    Expect(Token::kString);  // use Expect's error handling
  }
  ExpectSemi();  // before reading the line comment
  ImportSpec* s = New<ImportSpec>();
  s->doc = doc;
  s->name = ident;
  s->path = New<BasicLit>();
  s->path->value_pos = pos;
  s->path->kind = Token::kString;
  s->path->value = path;
  s->comment = line_comment_;
  return s;
}

// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
// VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
Spec* Parser::ParseValueSpec(CommentGroup* doc, Pos, Token keyword, int iota) {
  const Pos pos = pos_;
  SmallVector<Ident*> idents = ParseIdentList();
  Expr* typ = TryIdentOrType();
  SmallVector<Expr*> values;
  bool has_values = false;
  // Always permit optional initialization for more tolerant parsing.
  if (tok_ == Token::kAssign) {
    Next();
    values = ParseList(true);
    has_values = true;
  }
  ExpectSemi();  // before reading the line comment
  if (keyword == Token::kVar) {
    if (typ == nullptr && !has_values) Error(pos, "missing variable type or initialization");
  } else if (keyword == Token::kConst) {
    if (!has_values && (iota == 0 || typ != nullptr)) Error(pos, "missing constant value");
  }
  ValueSpec* s = New<ValueSpec>();
  s->doc = doc;
  s->names = MakeList(idents);
  s->type = typ;
  s->values = MakeList(values);
  s->comment = line_comment_;
  return s;
}

void Parser::ParseGenericType(TypeSpec* spec, Pos open_pos, Ident* name0, Expr* typ0) {
  SmallVector<Field*> list = ParseParameterList(name0, typ0, Token::kRBrack);
  const Pos close_pos = Expect(Token::kRBrack);
  spec->type_params = NewFieldList(open_pos, list, close_pos);
  // Let the type checker decide whether to accept type parameters on
  // aliases: see go.dev/issue/46477.
  if (tok_ == Token::kAssign) {
    // type alias
    spec->assign = pos_;
    Next();
  }
  spec->type = ParseType();
}

// TypeSpec = identifier [ TypeParams ] [ "=" ] Type .
Spec* Parser::ParseTypeSpec(CommentGroup* doc, Pos, Token, int) {
  Ident* name = ParseIdent();
  TypeSpec* spec = New<TypeSpec>();
  spec->doc = doc;
  spec->name = name;
  if (tok_ == Token::kLBrack) {
    // spec.name "[" ...: an array type or a generic type.
    const Pos lbrack = pos_;
    Next();
    if (tok_ == Token::kIdent) {
      // We may have an array type or a type parameter list. In either case
      // we expect an expression x (which may just be a name, or a more
      // complex expression) which we can analyze further.
      //
      // A type parameter list may have a type bound starting with a "["
      // as in: P []E. In that case, simply parsing an expression would
      // lead to an error: P[] is invalid. But since index or slice
      // expressions are never constant and thus invalid array length
      // expressions, if the name is followed by "[" it must be the start
      // of an array or slice constraint.
      Expr* x = ParseIdent();
      if (tok_ != Token::kLBrack) {
        ++expr_lev_;
        Expr* lhs = ParsePrimaryExpr(x);
        x = ParseBinaryExpr(lhs, kLowestPrec + 1, false);
        --expr_lev_;
      }
      // Analyze the expression x.
      auto [pname, ptype] = ExtractName(arena_, x, tok_ == Token::kComma);
      if (pname != nullptr && (ptype != nullptr || tok_ != Token::kRBrack)) {
        // spec.name "[" pname ...
        // spec.name "[" pname ptype ...
        // spec.name "[" pname ptype "," ...
        ParseGenericType(spec, lbrack, pname, ptype);  // ptype may be null
      } else {
        // spec.name "[" pname "]" ...
        // spec.name "[" x ...
        spec->type = ParseArrayType(lbrack, x);
      }
    } else {
      // Array type.
      spec->type = ParseArrayType(lbrack, nullptr);
    }
  } else {
    // No type parameters.
    if (tok_ == Token::kAssign) {
      // type alias
      spec->assign = pos_;
      Next();
    }
    spec->type = ParseType();
  }
  ExpectSemi();  // before reading the line comment
  spec->comment = line_comment_;
  return spec;
}

// GenDecl = keyword ( Spec | "(" { Spec ";" } ")" ) .
GenDecl* Parser::ParseGenDecl(Token keyword) {
  auto spec = [&](CommentGroup* doc, Pos pos, int iota) -> Spec* {
    switch (keyword) {
      case Token::kImport:
        return ParseImportSpec(doc, pos, keyword, iota);
      case Token::kType:
        return ParseTypeSpec(doc, pos, keyword, iota);
      default:
        return ParseValueSpec(doc, pos, keyword, iota);
    }
  };
  GenDecl* d = New<GenDecl>();
  d->doc = lead_comment_;
  d->tok_pos = Expect(keyword);
  d->tok = keyword;
  SmallVector<Spec*> list;
  if (tok_ == Token::kLParen) {
    d->lparen = pos_;
    Next();
    for (int iota = 0; tok_ != Token::kRParen && tok_ != Token::kEOF; ++iota) {
      list.push_back(spec(lead_comment_, d->tok_pos, iota));
    }
    d->rparen = Expect(Token::kRParen);
    ExpectSemi();
  } else {
    list.push_back(spec(nullptr, d->tok_pos, 0));
  }
  d->specs = MakeList(list);
  return d;
}

// FunctionBody = Block, skipped: the block is left empty and its braces
// matched on the bytes (or, where those are malformed, by token).
BlockStmt* Parser::SkipBody() {
  BlockStmt* b = New<BlockStmt>();
  if (tok_ == Token::kLBrace && scanner_.SkipToMatchingBrace()) {
    b->lbrace = pos_;
    Next0();
    b->rbrace = Expect2(Token::kRBrace);
    return b;
  }
  b->lbrace = Expect(Token::kLBrace);
  for (int depth = 1; tok_ != Token::kEOF;) {
    if (tok_ == Token::kLBrace) ++depth;
    if (tok_ == Token::kRBrace && --depth == 0) break;
    Next();
  }
  b->rbrace = Expect2(Token::kRBrace);
  return b;
}

// FunctionDecl = "func" [ Receiver ] FunctionName [ TypeParams ] Signature [ FunctionBody ] .
FuncDecl* Parser::ParseFuncDecl() {
  FuncDecl* d = New<FuncDecl>();
  d->doc = lead_comment_;
  const Pos pos = Expect(Token::kFunc);
  if (tok_ == Token::kLParen) d->recv = ParseParameters(false).second;
  d->name = ParseIdent();
  auto [tparams, params] = ParseParameters(true);
  if (d->recv != nullptr && tparams != nullptr) {
    // Method declarations do not have type parameters. We parse them to
    // report a better error.
    Error(tparams->opening, "method must have no type parameters");
    tparams = nullptr;
  }
  FieldList* results = ParseResult();
  switch (tok_) {
    case Token::kLBrace:
      d->body = options_.skip_func_bodies ? SkipBody() : ParseBody();
      ExpectSemi();
      break;
    case Token::kSemicolon:
      Next();
      if (tok_ == Token::kLBrace) {
        // opening { of function declaration on next line
        Error(pos_, "unexpected semicolon or newline before {");
        d->body = ParseBody();
        ExpectSemi();
      }
      break;
    default:
      ExpectSemi();
      break;
  }
  d->type = New<FuncType>();
  d->type->func = pos;
  d->type->type_params = tparams;
  d->type->params = params;
  d->type->results = results;
  return d;
}

// Declaration = ConstDecl | TypeDecl | VarDecl ; TopLevelDecl adds functions.
Decl* Parser::ParseDecl(TokenSet sync) {
  switch (tok_) {
    case Token::kConst:
    case Token::kVar:
    case Token::kType:
      return ParseGenDecl(tok_);
    case Token::kFunc:
      return ParseFuncDecl();
    default: {
      const Pos pos = pos_;
      ErrorExpected(pos, "declaration");
      Advance(sync);
      BadDecl* d = New<BadDecl>();
      d->from = pos;
      d->to = pos_;
      return d;
    }
  }
}

}  // namespace mw::syntax::internal
