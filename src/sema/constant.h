// Constant values as far as types need them: integer literals and
// arithmetic in 127 bits, rune literals, string literal lengths.
#ifndef MAPWARDEN_SEMA_CONSTANT_H_
#define MAPWARDEN_SEMA_CONSTANT_H_

#include <string_view>

#include "sema/scope.h"
#include "syntax/token.h"

namespace mw::sema {

// An integer literal's value ("0x10", "1_000", "0o17"), unknown if it does
// not fit.
ConstValue IntLiteral(std::string_view lit);
// Folds integer constant arithmetic while it fits in 127 bits.
ConstValue Fold(syntax::Token op, ConstValue a, ConstValue b);
// The length in bytes of a string literal's value, or -1.
int64_t StringLiteralLength(std::string_view lit);
// A rune literal's value: 'a', '\n', '\x7f', '\377', '\u00ff', 'é'.
ConstValue CharLiteral(std::string_view lit);
// The bits of an integer basic kind, 0 for other kinds.
int IntBits(BasicKind k);
bool IsUnsigned(BasicKind k);

}  // namespace mw::sema

#endif  // MAPWARDEN_SEMA_CONSTANT_H_
