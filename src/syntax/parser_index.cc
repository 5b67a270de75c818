// Indexing the top-level declarations of imported files
// (ParseOptions::lazy_decls): each is stepped over, keeping only its names
// and extent, and parsed by ParseLazyDecl when the type checker first needs
// one of them. An imported package is mostly declarations no one refers to
// (runtime: 5 of 2,849 for the go/... packages), and building their trees
// cost more than all their scanning. Brackets are matched on the bytes, as
// skipped function bodies are, so signatures, struct types and initializers
// make no tokens either.
//
// The index reads only the shapes well-formed code has. Anything else (a
// parenthesized receiver, a missing name, a stray closing bracket, a method
// with type parameters) makes IndexDecl give up, and that declaration is
// parsed in full, so the index never guesses at a shape it does not know.
// Errors the full parse would find inside what the index steps over (in
// brackets, or a constant without a value) go unreported, as imported
// files' errors always do.
#include "syntax/parser_internal.h"

namespace mw::syntax {
namespace internal {

void Parser::IndexStep() {
  if (IsLiteral(tok_)) {
    index_end_ = pos_ + static_cast<Pos>(lit_.size());
  } else if (tok_ != Token::kSemicolon && tok_ != Token::kEOF) {  // ";" may be a newline
    index_end_ = pos_ + static_cast<Pos>(TokenString(tok_).size());
  }
  Next();
}

bool Parser::IndexSkipBracketed() {
  Token close;
  bool skipped;
  switch (tok_) {
    case Token::kLParen:
      close = Token::kRParen;
      skipped = scanner_.SkipToMatchingParen();
      break;
    case Token::kLBrack:
      close = Token::kRBrack;
      skipped = scanner_.SkipToMatchingBracket();
      break;
    case Token::kLBrace:
      close = Token::kRBrace;
      skipped = scanner_.SkipToMatchingBrace();
      break;
    default:
      return false;
  }
  if (!skipped) return false;
  Next0();  // the closing bracket
  if (tok_ != close) return false;
  IndexStep();
  return true;
}

// Receiver = "(" [ identifier ] [ "*" ] TypeName [ TypeArgs ] ")" .
// The shapes of Go's receivers but a parenthesized type; `d` gets the base
// type's name and whether it is a pointer, as the type checker reads them.
bool Parser::IndexReceiver(LazyDecl* d) {
  IndexStep();  // (
  Ident* first = nullptr;
  if (tok_ == Token::kIdent) {
    first = NewIdent(pos_, lit_);
    IndexStep();
  }
  bool star = false;
  if (tok_ == Token::kMul) {
    star = true;
    IndexStep();
  }
  Ident* base = nullptr;
  if (tok_ == Token::kIdent) {
    base = NewIdent(pos_, lit_);
    IndexStep();
  } else if (!star && first != nullptr) {
    base = first;  // (T) or (T[P])
  } else {
    return false;
  }
  if (tok_ == Token::kLBrack && !IndexSkipBracketed()) return false;
  if (tok_ != Token::kRParen) return false;
  IndexStep();
  d->is_method = true;
  d->pointer_recv = star;
  d->recv_base = base;
  return true;
}

// Spec = IdentifierList ... | identifier [ TypeParams ] [ "=" ] Type ; up to
// the ";" or ")" that ends it, which is left for the caller.
bool Parser::IndexSpec(Token keyword, SmallVector<Ident*>* names, SmallVector<Ident*>* aliases) {
  if (tok_ != Token::kIdent) return false;
  names->push_back(NewIdent(pos_, lit_));
  IndexStep();
  if (keyword == Token::kType) {
    if (tok_ == Token::kAssign) aliases->push_back(names->back());
  } else {
    while (tok_ == Token::kComma) {
      IndexStep();
      if (tok_ != Token::kIdent) return false;
      names->push_back(NewIdent(pos_, lit_));
      IndexStep();
    }
  }
  for (;;) {
    switch (tok_) {
      case Token::kSemicolon:
      case Token::kRParen:
      case Token::kEOF:
        return true;
      case Token::kLParen:
      case Token::kLBrack:
      case Token::kLBrace:
        if (!IndexSkipBracketed()) return false;
        break;
      case Token::kRBrack:
      case Token::kRBrace:
        return false;
      default:
        IndexStep();
        break;
    }
  }
}

// TopLevelDecl, stepped over: null where the index gives up (the caller
// then parses the declaration from its start).
LazyDecl* Parser::IndexDecl() {
  LazyDecl* d = New<LazyDecl>();
  d->tok = tok_;
  d->from = pos_;
  d->source = &src_;
  d->arena = arena_;
  SmallVector<Ident*> names;
  SmallVector<Ident*> aliases;
  IndexStep();
  if (d->tok == Token::kFunc) {
    // "func" [ Receiver ] FunctionName [ TypeParams ] Signature [ FunctionBody ] .
    if (tok_ == Token::kLParen && !IndexReceiver(d)) return nullptr;
    if (tok_ != Token::kIdent) return nullptr;
    names.push_back(NewIdent(pos_, lit_));
    IndexStep();
    if (tok_ == Token::kLBrack && (d->is_method || !IndexSkipBracketed())) return nullptr;
    if (tok_ != Token::kLParen || !IndexSkipBracketed()) return nullptr;  // parameters
    // The result, then the body: a "{" is the body's unless it follows
    // "struct" or "interface".
    for (bool body = false; !body;) {
      switch (tok_) {
        case Token::kSemicolon:
        case Token::kEOF:
          body = true;  // none
          break;
        case Token::kStruct:
        case Token::kInterface:
          IndexStep();
          if (tok_ != Token::kLBrace || !IndexSkipBracketed()) return nullptr;
          break;
        case Token::kLBrace:
          if (!IndexSkipBracketed()) return nullptr;
          body = true;
          break;
        case Token::kLParen:
        case Token::kLBrack:
          if (!IndexSkipBracketed()) return nullptr;
          break;
        case Token::kRParen:
        case Token::kRBrack:
        case Token::kRBrace:
          return nullptr;
        default:
          IndexStep();
          break;
      }
    }
  } else if (tok_ == Token::kLParen) {
    // keyword "(" { Spec ";" } ")"
    IndexStep();
    while (tok_ != Token::kRParen) {
      if (!IndexSpec(d->tok, &names, &aliases)) return nullptr;
      if (tok_ == Token::kSemicolon) {
        IndexStep();
      } else if (tok_ != Token::kRParen) {
        return nullptr;
      }
    }
    IndexStep();
  } else if (!IndexSpec(d->tok, &names, &aliases)) {
    return nullptr;
  }
  if (tok_ != Token::kSemicolon && tok_ != Token::kEOF) return nullptr;
  d->to = index_end_;
  if (tok_ == Token::kSemicolon) {
    IndexStep();
    // "func f()\n{": go/parser reports it; let the full parse do so.
    if (d->tok == Token::kFunc && tok_ == Token::kLBrace) return nullptr;
  }
  d->names = MakeList(names);
  d->aliases = MakeList(aliases);
  return d;
}

Decl* Parser::IndexOrParseDecl() {
  switch (tok_) {
    case Token::kFunc:
    case Token::kType:
    case Token::kVar:
    case Token::kConst: {
      const Pos from = pos_;
      if (LazyDecl* d = IndexDecl()) return d;
      scanner_.Seek(from);
      Next();
      return ParseDecl(TokenSet::kDeclStart);
    }
    default:
      return ParseDecl(TokenSet::kDeclStart);
  }
}

Decl* Parser::ParseOneDecl() {
  try {
    return ParseDecl(TokenSet::kDeclStart);
  } catch (const Bailout&) {
    BadDecl* d = New<BadDecl>();
    d->from = d->to = pos_;
    return d;
  }
}

}  // namespace internal

ParseOptions ImportedFileOptions() {
  ParseOptions options;
  options.comments = false;
  options.skip_func_bodies = true;
  options.skip_literal_values = true;
  options.lazy_decls = true;
  return options;
}

Decl* ParseLazyDecl(const LazyDecl* d) {
  if (d->parsed != nullptr) return d->parsed;
  ParseOptions options = ImportedFileOptions();
  options.lazy_decls = false;
  std::vector<SyntaxError> errors;  // reported by nothing: imported files' errors never are
  internal::Parser p(*d->source, d->arena, options, &errors, d->from);
  d->parsed = p.ParseOneDecl();
  return d->parsed;
}

}  // namespace mw::syntax
