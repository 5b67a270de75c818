#include "sema/constant.h"

#include "base/strings.h"

namespace mw::sema {

using syntax::Token;

ConstValue IntLiteral(std::string_view lit) {
  int base = 10;
  if (lit.size() > 1 && lit[0] == '0') {
    char p = static_cast<char>(lit[1] | 0x20);
    if (p == 'x') {
      base = 16, lit.remove_prefix(2);
    } else if (p == 'b') {
      base = 2, lit.remove_prefix(2);
    } else if (p == 'o') {
      base = 8, lit.remove_prefix(2);
    } else {
      base = 8, lit.remove_prefix(1);
    }
  }
  __int128 v = 0;
  for (char c : lit) {
    if (c == '_') continue;
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : 99;
    if (d >= base) return {};
    if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, d, &v)) return {};
  }
  return {true, v};
}

// Folds integer constant arithmetic while it fits in 127 bits.
ConstValue Fold(Token op, ConstValue a, ConstValue b) {
  if (!a.known || !b.known) return {};
  __int128 r = 0;
  switch (op) {
    case Token::kAdd:
      if (__builtin_add_overflow(a.value, b.value, &r)) return {};
      return {true, r};
    case Token::kSub:
      if (__builtin_sub_overflow(a.value, b.value, &r)) return {};
      return {true, r};
    case Token::kMul:
      if (__builtin_mul_overflow(a.value, b.value, &r)) return {};
      return {true, r};
    case Token::kQuo:
    case Token::kRem:
      if (b.value == 0 || b.value == -1) {
        if (b.value == 0) return {};
        return op == Token::kQuo ? Fold(Token::kSub, {true, 0}, a) : ConstValue{true, 0};
      }
      return {true, op == Token::kQuo ? a.value / b.value : a.value % b.value};
    case Token::kAnd:
      return {true, a.value & b.value};
    case Token::kOr:
      return {true, a.value | b.value};
    case Token::kXor:
      return {true, a.value ^ b.value};
    case Token::kAndNot:
      return {true, a.value & ~b.value};
    case Token::kShl:
      if (b.value < 0 || b.value >= 126 || a.value < 0 || (a.value >> (126 - b.value)) != 0) {
        return {};
      }
      return {true, a.value << b.value};
    case Token::kShr:
      if (b.value < 0) return {};
      return {true, b.value >= 126 ? (a.value < 0 ? -1 : 0) : a.value >> b.value};
    default:
      return {};
  }
}

// The length in bytes of a string literal's value, or -1.
int64_t StringLiteralLength(std::string_view lit) {
  if (lit.size() < 2) return -1;
  if (lit[0] == '`') {
    int64_t n = 0;
    for (char c : lit.substr(1, lit.size() - 2)) n += c != '\r';
    return n;
  }
  int64_t n = 0;
  for (size_t i = 1; i + 1 < lit.size(); ++i) {
    if (lit[i] != '\\') {
      ++n;
      continue;
    }
    if (i + 1 >= lit.size() - 1) return -1;
    char c = lit[++i];
    switch (c) {
      case 'x':
        i += 2, ++n;
        break;
      case 'u':
      case 'U': {
        const size_t digits = c == 'u' ? 4 : 8;
        auto v = ParseUint64(lit.substr(i + 1, digits), 16);
        if (!v) return -1;
        n += *v < 0x80 ? 1 : *v < 0x800 ? 2 : *v < 0x10000 ? 3 : 4;
        i += digits;
        break;
      }
      default:
        if (c >= '0' && c <= '7') i += 2;  // octal: three digits
        ++n;
    }
  }
  return n;
}

// A rune literal's value: 'a', '\n', '\x7f', '\377', '\u00ff', 'é'.
ConstValue CharLiteral(std::string_view lit) {
  if (lit.size() < 3) return {};
  std::string_view body = lit.substr(1, lit.size() - 2);
  if (body[0] != '\\') {
    // One UTF-8 encoded code point.
    const unsigned char c0 = static_cast<unsigned char>(body[0]);
    int n = c0 < 0x80 ? 1 : c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
    if (static_cast<int>(body.size()) != n) return {};
    __int128 v = n == 1 ? c0 : n == 2 ? c0 & 0x1F : n == 3 ? c0 & 0x0F : c0 & 0x07;
    for (int i = 1; i < n; ++i) v = (v << 6) | (static_cast<unsigned char>(body[i]) & 0x3F);
    return {true, v};
  }
  if (body.size() < 2) return {};
  switch (body[1]) {
    case 'a':
      return {true, 7};
    case 'b':
      return {true, 8};
    case 'f':
      return {true, 12};
    case 'n':
      return {true, 10};
    case 'r':
      return {true, 13};
    case 't':
      return {true, 9};
    case 'v':
      return {true, 11};
    case '\\':
      return {true, '\\'};
    case '\'':
      return {true, '\''};
    case 'x':
    case 'u':
    case 'U': {
      auto v = ParseUint64(body.substr(2), 16);
      return v ? ConstValue{true, static_cast<__int128>(*v)} : ConstValue{};
    }
    default: {
      auto v = ParseUint64(body.substr(1), 8);
      return v ? ConstValue{true, static_cast<__int128>(*v)} : ConstValue{};
    }
  }
}

// The bits of an integer basic kind, 0 for other kinds.
int IntBits(BasicKind k) {
  switch (CanonicalBasic(k)) {
    case BasicKind::kInt8:
    case BasicKind::kUint8:
      return 8;
    case BasicKind::kInt16:
    case BasicKind::kUint16:
      return 16;
    case BasicKind::kInt32:
    case BasicKind::kUint32:
      return 32;
    case BasicKind::kInt:
    case BasicKind::kUint:
    case BasicKind::kInt64:
    case BasicKind::kUint64:
    case BasicKind::kUintptr:
      return 64;
    default:
      return 0;
  }
}

bool IsUnsigned(BasicKind k) {
  k = CanonicalBasic(k);
  return k == BasicKind::kUint || k == BasicKind::kUint8 || k == BasicKind::kUint16 ||
         k == BasicKind::kUint32 || k == BasicKind::kUint64 || k == BasicKind::kUintptr;
}

}  // namespace mw::sema
