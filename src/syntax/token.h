// Go tokens, as go/token defines them: kinds, spellings, precedence.
#ifndef MAPWARDEN_SYNTAX_TOKEN_H_
#define MAPWARDEN_SYNTAX_TOKEN_H_

#include <cstdint>
#include <string_view>

namespace mw::syntax {

// Byte offset into a source file; kNoPos when absent (go/token's NoPos).
using Pos = int32_t;
inline constexpr Pos kNoPos = -1;

enum class Token : uint8_t {
  kIllegal,
  kEOF,
  kComment,
  // Literals.
  kIdent,
  kInt,
  kFloat,
  kImag,
  kChar,
  kString,
  // Operators and delimiters.
  kAdd,        // +
  kSub,        // -
  kMul,        // *
  kQuo,        // /
  kRem,        // %
  kAnd,        // &
  kOr,         // |
  kXor,        // ^
  kShl,        // <<
  kShr,        // >>
  kAndNot,     // &^
  kAddAssign,  // +=
  kSubAssign,
  kMulAssign,
  kQuoAssign,
  kRemAssign,
  kAndAssign,
  kOrAssign,
  kXorAssign,
  kShlAssign,
  kShrAssign,
  kAndNotAssign,
  kLAnd,    // &&
  kLOr,     // ||
  kArrow,   // <-
  kInc,     // ++
  kDec,     // --
  kEql,     // ==
  kLss,     // <
  kGtr,     // >
  kAssign,  // =
  kNot,     // !
  kNeq,     // !=
  kLeq,     // <=
  kGeq,     // >=
  kDefine,  // :=
  kEllipsis,
  kLParen,
  kLBrack,
  kLBrace,
  kComma,
  kPeriod,
  kRParen,
  kRBrack,
  kRBrace,
  kSemicolon,
  kColon,
  kTilde,
  // Keywords.
  kBreak,
  kCase,
  kChan,
  kConst,
  kContinue,
  kDefault,
  kDefer,
  kElse,
  kFallthrough,
  kFor,
  kFunc,
  kGo,
  kGoto,
  kIf,
  kImport,
  kInterface,
  kMap,
  kPackage,
  kRange,
  kReturn,
  kSelect,
  kStruct,
  kSwitch,
  kType,
  kVar,
  kCount,
};

// go/token's Token.String(): "+" for operators, "func" for keywords, "IDENT"
// and the like for the rest.
std::string_view TokenString(Token t);

// Binary operator precedence (go/token's Precedence); 0 for non-operators.
int Precedence(Token t);
inline constexpr int kLowestPrec = 0;
inline constexpr int kUnaryPrec = 6;

// The keyword spelled by `ident`, or Token::kIdent.
Token LookupKeyword(std::string_view ident);

inline bool IsKeyword(Token t) { return t >= Token::kBreak && t <= Token::kVar; }

// Whether a name is exported (go/token's IsExported), for names starting
// with an ASCII letter; a name starting with a non-ASCII upper-case letter
// counts as unexported.
inline bool IsExported(std::string_view name) {
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}
inline bool IsLiteral(Token t) { return t >= Token::kIdent && t <= Token::kString; }
inline bool IsOperator(Token t) { return t >= Token::kAdd && t <= Token::kTilde; }

}  // namespace mw::syntax

#endif  // MAPWARDEN_SYNTAX_TOKEN_H_
