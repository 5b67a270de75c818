#include "syntax/token.h"

#include <array>

namespace mw::syntax {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(Token::kCount)> kNames = {
    "ILLEGAL",   "EOF",         "COMMENT", "IDENT", "INT",    "FLOAT",    "IMAG",    "CHAR",
    "STRING",    "+",           "-",       "*",     "/",      "%",        "&",       "|",
    "^",         "<<",          ">>",      "&^",    "+=",     "-=",       "*=",      "/=",
    "%=",        "&=",          "|=",      "^=",    "<<=",    ">>=",      "&^=",     "&&",
    "||",        "<-",          "++",      "--",    "==",     "<",        ">",       "=",
    "!",         "!=",          "<=",      ">=",    ":=",     "...",      "(",       "[",
    "{",         ",",           ".",       ")",     "]",      "}",        ";",       ":",
    "~",         "break",       "case",    "chan",  "const",  "continue", "default", "defer",
    "else",      "fallthrough", "for",     "func",  "go",     "goto",     "if",      "import",
    "interface", "map",         "package", "range", "return", "select",   "struct",  "switch",
    "type",      "var",
};

}  // namespace

std::string_view TokenString(Token t) { return kNames[static_cast<size_t>(t)]; }

int Precedence(Token t) {
  switch (t) {
    case Token::kLOr:
      return 1;
    case Token::kLAnd:
      return 2;
    case Token::kEql:
    case Token::kNeq:
    case Token::kLss:
    case Token::kLeq:
    case Token::kGtr:
    case Token::kGeq:
      return 3;
    case Token::kAdd:
    case Token::kSub:
    case Token::kOr:
    case Token::kXor:
      return 4;
    case Token::kMul:
    case Token::kQuo:
    case Token::kRem:
    case Token::kShl:
    case Token::kShr:
    case Token::kAnd:
    case Token::kAndNot:
      return 5;
    default:
      return kLowestPrec;
  }
}

Token LookupKeyword(std::string_view s) {
  // Keywords are 2 to 11 bytes; dispatch on length and first byte.
  if (s.size() < 2 || s.size() > 11) return Token::kIdent;
  switch (s[0]) {
    case 'b':
      if (s == "break") return Token::kBreak;
      break;
    case 'c':
      if (s == "case") return Token::kCase;
      if (s == "chan") return Token::kChan;
      if (s == "const") return Token::kConst;
      if (s == "continue") return Token::kContinue;
      break;
    case 'd':
      if (s == "default") return Token::kDefault;
      if (s == "defer") return Token::kDefer;
      break;
    case 'e':
      if (s == "else") return Token::kElse;
      break;
    case 'f':
      if (s == "for") return Token::kFor;
      if (s == "func") return Token::kFunc;
      if (s == "fallthrough") return Token::kFallthrough;
      break;
    case 'g':
      if (s == "go") return Token::kGo;
      if (s == "goto") return Token::kGoto;
      break;
    case 'i':
      if (s == "if") return Token::kIf;
      if (s == "import") return Token::kImport;
      if (s == "interface") return Token::kInterface;
      break;
    case 'm':
      if (s == "map") return Token::kMap;
      break;
    case 'p':
      if (s == "package") return Token::kPackage;
      break;
    case 'r':
      if (s == "range") return Token::kRange;
      if (s == "return") return Token::kReturn;
      break;
    case 's':
      if (s == "select") return Token::kSelect;
      if (s == "struct") return Token::kStruct;
      if (s == "switch") return Token::kSwitch;
      break;
    case 't':
      if (s == "type") return Token::kType;
      break;
    case 'v':
      if (s == "var") return Token::kVar;
      break;
    default:
      break;
  }
  return Token::kIdent;
}

}  // namespace mw::syntax
