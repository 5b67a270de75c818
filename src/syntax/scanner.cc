// A port of go/scanner (Go 1.19). Behaviour, including where semicolons are
// inserted and the text of every error, follows the original closely, since
// the parser's output is compared with go/parser's.
#include "syntax/scanner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mw::syntax {
namespace {

struct CodePointRange {
  char32_t lo, hi;
};
#include "syntax/unicode_tables.inc"

template <size_t N>
bool InRanges(const CodePointRange (&ranges)[N], char32_t c) {
  auto it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                             [](char32_t v, const CodePointRange& r) { return v < r.lo; });
  return it != std::begin(ranges) && c <= (it - 1)->hi;
}

constexpr int32_t kEOF = -1;
constexpr char32_t kBOM = 0xFEFF;
constexpr char32_t kRuneError = 0xFFFD;
constexpr char32_t kMaxRune = 0x10FFFF;

int32_t Lower(int32_t ch) { return ('a' - 'A') | ch; }
bool IsDecimal(int32_t ch) { return '0' <= ch && ch <= '9'; }
bool IsHex(int32_t ch) { return IsDecimal(ch) || ('a' <= Lower(ch) && Lower(ch) <= 'f'); }
bool IsLetter(int32_t ch) {
  return ('a' <= Lower(ch) && Lower(ch) <= 'z') || ch == '_' ||
         (ch >= 0x80 && IsUnicodeLetter(static_cast<char32_t>(ch)));
}
bool IsDigit(int32_t ch) {
  return IsDecimal(ch) || (ch >= 0x80 && IsUnicodeDigit(static_cast<char32_t>(ch)));
}
int DigitVal(int32_t ch) {
  if ('0' <= ch && ch <= '9') return ch - '0';
  if ('a' <= Lower(ch) && Lower(ch) <= 'f') return Lower(ch) - 'a' + 10;
  return 16;
}

const char* LitName(char prefix) {
  switch (prefix) {
    case 'x':
      return "hexadecimal literal";
    case 'o':
    case '0':
      return "octal literal";
    case 'b':
      return "binary literal";
    default:
      return "decimal literal";
  }
}

// Index of the first '_' that does not separate digits, or -1.
int InvalidSep(std::string_view x) {
  int32_t x1 = ' ';
  char d = '.';
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = Lower(static_cast<unsigned char>(x[1]));
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); ++i) {
    char p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0') return static_cast<int>(i);
    } else if (IsDecimal(static_cast<unsigned char>(d)) ||
               (x1 == 'x' && IsHex(static_cast<unsigned char>(d)))) {
      d = '0';
    } else {
      if (p == '_') return static_cast<int>(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return static_cast<int>(x.size()) - 1;
  return -1;
}

// Go's %q of a rune: 'x' with Go escapes for the common controls.
std::string QuoteRune(int32_t c) {
  switch (c) {
    case '\a':
      return "'\\a'";
    case '\b':
      return "'\\b'";
    case '\f':
      return "'\\f'";
    case '\n':
      return "'\\n'";
    case '\r':
      return "'\\r'";
    case '\t':
      return "'\\t'";
    case '\v':
      return "'\\v'";
    case '\\':
      return "'\\\\'";
    case '\'':
      return "'\\''";
    default:
      break;
  }
  if (c < 0x20 || c == 0x7f) return fmt::format("'\\x{:02x}'", c);
  if (c < 0x80) return fmt::format("'{}'", static_cast<char>(c));
  std::string s = "'";
  char32_t r = static_cast<char32_t>(c);
  if (r < 0x800) {
    s += static_cast<char>(0xC0 | (r >> 6));
    s += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    s += static_cast<char>(0xE0 | (r >> 12));
    s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (r >> 18));
    s += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (r & 0x3F));
  }
  return s + "'";
}

// Go's %#U: U+0041 'A'.
std::string FormatU(int32_t c) {
  std::string s = fmt::format("U+{:04X}", c);
  if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) s += " " + QuoteRune(c);
  return s;
}

}  // namespace

bool IsUnicodeLetter(char32_t c) { return InRanges(kLetterRanges, c); }
bool IsUnicodeDigit(char32_t c) { return InRanges(kDigitRanges, c); }

std::pair<char32_t, int> DecodeRune(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  if (n == 0) return {kRuneError, 0};
  unsigned char c0 = p[0];
  if (c0 < 0x80) return {c0, 1};
  auto cont = [&](size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    if (!cont(1)) return {kRuneError, 1};
    return {static_cast<char32_t>(((c0 & 0x1F) << 6) | (p[1] & 0x3F)), 2};
  }
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    if (n < 2) return {kRuneError, 1};
    unsigned char lo = 0x80, hi = 0xBF;
    if (c0 == 0xE0) lo = 0xA0;
    if (c0 == 0xED) hi = 0x9F;
    if (p[1] < lo || p[1] > hi || !cont(2)) return {kRuneError, 1};
    return {static_cast<char32_t>(((c0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)), 3};
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    if (n < 2) return {kRuneError, 1};
    unsigned char lo = 0x80, hi = 0xBF;
    if (c0 == 0xF0) lo = 0x90;
    if (c0 == 0xF4) hi = 0x8F;
    if (p[1] < lo || p[1] > hi || !cont(2) || !cont(3)) return {kRuneError, 1};
    return {static_cast<char32_t>(((c0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
                                  ((p[2] & 0x3F) << 6) | (p[3] & 0x3F)),
            4};
  }
  return {kRuneError, 1};
}

Scanner::Scanner(std::string_view src, Arena* arena, ErrorSink errors, bool scan_comments)
    : src_(src), arena_(arena), errors_(std::move(errors)), scan_comments_(scan_comments) {
  Next();
  if (ch_ == static_cast<int32_t>(kBOM)) Next();  // a BOM is allowed as the first character
}

void Scanner::Error(int offset, std::string msg) {
  if (errors_) errors_(offset, std::move(msg));
  ++error_count_;
}

// NUL, non-ASCII and the end of the source.
void Scanner::NextSlow() {
  const int n = static_cast<int>(src_.size());
  if (rd_offset_ < n) {
    offset_ = rd_offset_;
    if (ch_ == '\n') line_offset_ = offset_;
    int32_t r = static_cast<unsigned char>(src_[rd_offset_]);
    int w = 1;
    if (r == 0) {
      Error(offset_, "illegal character NUL");
    } else if (r >= 0x80) {
      auto [rr, ww] = DecodeRune(src_.substr(rd_offset_));
      r = static_cast<int32_t>(rr);
      w = ww;
      if (rr == kRuneError && ww == 1) {
        Error(offset_, "illegal UTF-8 encoding");
      } else if (rr == kBOM && offset_ > 0) {
        Error(offset_, "illegal byte order mark");
      }
    }
    rd_offset_ += w;
    ch_ = r;
  } else {
    offset_ = n;
    if (ch_ == '\n') line_offset_ = offset_;
    ch_ = kEOF;
  }
}

// Consumes the run of ASCII bytes, starting at the current character, for
// which keep(byte) holds, as repeated Next() calls would; NUL and non-ASCII
// bytes always stop it, so that Next() reports them.
template <typename Keep>
void Scanner::SkipAscii(Keep keep) {
  const int n = static_cast<int>(src_.size());
  int i = offset_;
  int last_newline = -1;
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(src_[i]);
    if (b == 0 || b >= 0x80 || !keep(b)) break;
    if (b == '\n') last_newline = i;
    ++i;
  }
  if (i == offset_) return;
  if (last_newline >= 0) line_offset_ = last_newline + 1;
  ResumeAt(i);
}

// Makes src_[i] the current character after a run of ASCII bytes skipped
// without Next(), as if Next() had been called for each.
void Scanner::ResumeAt(int i) {
  ch_ = static_cast<unsigned char>(src_[i - 1]);
  rd_offset_ = i;
  Next();
}

// Consumes a //-comment's text up to the first NUL, newline, carriage
// return or non-ASCII byte, 16 bytes at a time (or whole 8-byte words
// without SSE2; SkipAscii then finishes the line byte by byte). Comments are a third of the
// standard library's bytes.
void Scanner::SkipCommentWords() {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto zero_byte = [](uint64_t x) { return (x - kOnes) & ~x; };
  const size_t n = src_.size();
  size_t i = static_cast<size_t>(offset_);
#if defined(__SSE2__)
  // Sixteen bytes at a time, up to the first byte that ends the run.
  const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), nul = _mm_setzero_si128();
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src_.data() + i));
    const int stop =
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)),
                                       _mm_cmpeq_epi8(v, nul))) |
        _mm_movemask_epi8(v);  // non-ASCII: the high bit
    if (stop != 0) {
      i += static_cast<size_t>(__builtin_ctz(stop));
      if (i != static_cast<size_t>(offset_)) ResumeAt(static_cast<int>(i));
      return;
    }
    i += 16;
  }
#endif
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, src_.data() + i, 8);
    if (((zero_byte(w) | zero_byte(w ^ (kOnes * '\n')) | zero_byte(w ^ (kOnes * '\r')) | w) &
         kHigh) != 0) {
      break;
    }
    i += 8;
  }
  if (i != static_cast<size_t>(offset_)) ResumeAt(static_cast<int>(i));  // no newline skipped
}

std::string_view Scanner::StripCR(std::string_view b, bool comment) {
  std::string c;
  c.reserve(b.size());
  for (size_t j = 0; j < b.size(); ++j) {
    char ch = b[j];
    if (ch != '\r' ||
        (comment && c.size() > 2 && c.back() == '*' && j + 1 < b.size() && b[j + 1] == '/')) {
      c += ch;
    }
  }
  return arena_->CopyString(c);
}

std::string_view Scanner::ScanComment() {
  const int offs = offset_ - 1;  // the initial '/'
  int num_cr = 0;
  bool valid = false;
  if (ch_ == '/') {
    // A //-style comment; the newline is not part of it.
    Next();
    while (ch_ != '\n' && ch_ >= 0) {
      if (ch_ == '\r') {
        ++num_cr;
        Next();
      } else if (ch_ > 0 && ch_ < 0x80) {
        SkipCommentWords();
        SkipAscii([](unsigned char b) { return b != '\n' && b != '\r'; });
      } else {
        Next();
      }
    }
    valid = true;
  } else {
    // A /*-style comment.
    Next();
    while (ch_ >= 0) {
      if (ch_ > 0 && ch_ < 0x80 && ch_ != '*' && ch_ != '\r') {
        SkipAscii([](unsigned char b) { return b != '*' && b != '\r'; });
        continue;
      }
      int32_t ch = ch_;
      if (ch == '\r') ++num_cr;
      Next();
      if (ch == '*' && ch_ == '/') {
        Next();
        valid = true;
        break;
      }
    }
    if (!valid) Error(offs, "comment not terminated");
  }
  std::string_view lit = src_.substr(offs, offset_ - offs);
  // On Windows, a //-comment line may end in "\r\n"; drop the '\r'.
  if (num_cr > 0 && lit.size() >= 2 && lit[1] == '/' && lit.back() == '\r') {
    lit.remove_suffix(1);
    --num_cr;
  }
  // go/scanner also interprets //line directives here; they change reported
  // positions, not the syntax tree, and offsets ignore them.
  if (valid && (lit[1] == '*' || offs == line_offset_) && lit.size() >= 7 &&
      lit.substr(2, 5) == "line ") {
    std::string_view text = lit;
    if (text[1] == '*') text.remove_suffix(2);
    text.remove_prefix(7);
    int toffs = offs + 7;
    auto trailing_digits = [](std::string_view t, uint64_t* n) -> std::pair<int, bool> {
      size_t i = t.rfind(':');
      if (i == std::string_view::npos) return {0, false};
      std::string_view digits = t.substr(i + 1);
      uint64_t v = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10) {
          ok = false;
          break;
        }
        v = v * 10 + static_cast<uint64_t>(c - '0');
      }
      *n = v;
      return {static_cast<int>(i) + 1, ok};
    };
    uint64_t n = 0;
    auto [i, ok] = trailing_digits(text, &n);
    if (i != 0) {
      constexpr uint64_t kMaxLineCol = (uint64_t{1} << 30) - 1;
      if (!ok) {
        Error(toffs + i, "invalid line number: " + std::string(text.substr(i)));
      } else {
        uint64_t n2 = 0;
        auto [i2, ok2] = trailing_digits(text.substr(0, i - 1), &n2);
        uint64_t line = n;
        bool bad = false;
        if (ok2) {
          std::swap(i, i2);
          line = n2;
          uint64_t col = n;
          if (col == 0 || col > kMaxLineCol) {
            Error(toffs + i2, "invalid column number: " + std::string(text.substr(i2)));
            bad = true;
          }
        }
        if (!bad && (line == 0 || line > kMaxLineCol)) {
          Error(toffs + i, "invalid line number: " + std::string(text.substr(i)));
        }
      }
    }
  }
  if (num_cr > 0) lit = StripCR(lit, lit[1] == '*');
  return lit;
}

// Whether a newline or EOF follows the comment(s) starting at the current
// '/', on the same line. The scanner position is restored.
bool Scanner::FindLineEnd() {
  const int saved = offset_ - 1;
  auto restore = [&] {
    ch_ = '/';
    offset_ = saved;
    rd_offset_ = saved + 1;
    Next();  // consume the initial '/' again
  };
  while (ch_ == '/' || ch_ == '*') {
    if (ch_ == '/') {
      restore();
      return true;  // a //-comment always reaches the line end
    }
    Next();
    while (ch_ >= 0) {
      int32_t ch = ch_;
      if (ch == '\n') {
        restore();
        return true;
      }
      Next();
      if (ch == '*' && ch_ == '/') {
        Next();
        break;
      }
    }
    SkipWhitespace();
    if (ch_ < 0 || ch_ == '\n') {
      restore();
      return true;
    }
    if (ch_ != '/') {
      restore();
      return false;
    }
    Next();  // consume '/'
  }
  restore();
  return false;
}

std::string_view Scanner::ScanIdentifier() {
  const int offs = offset_;
  const int n = static_cast<int>(src_.size());
  // Fast path for ASCII identifiers.
  for (int i = rd_offset_; i < n; ++i) {
    unsigned char b = static_cast<unsigned char>(src_[i]);
    if (('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || b == '_' || ('0' <= b && b <= '9')) {
      continue;
    }
    rd_offset_ = i;
    if (0 < b && b < 0x80) {
      ch_ = b;
      offset_ = rd_offset_;
      ++rd_offset_;
    } else {
      Next();
      while (IsLetter(ch_) || IsDigit(ch_)) Next();
    }
    return src_.substr(offs, offset_ - offs);
  }
  offset_ = n;
  rd_offset_ = n;
  ch_ = kEOF;
  return src_.substr(offs, offset_ - offs);
}

int Scanner::Digits(int base, int* invalid) {
  int digsep = 0;
  if (base <= 10) {
    const int32_t max = '0' + base;
    while (IsDecimal(ch_) || ch_ == '_') {
      int ds = 1;
      if (ch_ == '_') {
        ds = 2;
      } else if (ch_ >= max && invalid != nullptr && *invalid < 0) {
        *invalid = offset_;
      }
      digsep |= ds;
      Next();
    }
  } else {
    while (IsHex(ch_) || ch_ == '_') {
      digsep |= ch_ == '_' ? 2 : 1;
      Next();
    }
  }
  return digsep;
}

Token Scanner::ScanNumber(std::string_view* lit) {
  const int offs = offset_;
  Token tok = Token::kIllegal;
  int base = 10;
  char prefix = 0;
  int digsep = 0;
  int invalid = -1;
  if (ch_ != '.') {
    tok = Token::kInt;
    if (ch_ == '0') {
      Next();
      switch (Lower(ch_)) {
        case 'x':
          Next();
          base = 16;
          prefix = 'x';
          break;
        case 'o':
          Next();
          base = 8;
          prefix = 'o';
          break;
        case 'b':
          Next();
          base = 2;
          prefix = 'b';
          break;
        default:
          base = 8;
          prefix = '0';
          digsep = 1;
          break;
      }
    }
    digsep |= Digits(base, &invalid);
  }
  if (ch_ == '.') {
    tok = Token::kFloat;
    if (prefix == 'o' || prefix == 'b') {
      Error(offset_, std::string("invalid radix point in ") + LitName(prefix));
    }
    Next();
    digsep |= Digits(base, &invalid);
  }
  if ((digsep & 1) == 0) Error(offset_, std::string(LitName(prefix)) + " has no digits");
  int32_t e = Lower(ch_);
  if (e == 'e' || e == 'p') {
    if (e == 'e' && prefix != 0 && prefix != '0') {
      Error(offset_, fmt::format("{} exponent requires decimal mantissa", QuoteRune(ch_)));
    } else if (e == 'p' && prefix != 'x') {
      Error(offset_, fmt::format("{} exponent requires hexadecimal mantissa", QuoteRune(ch_)));
    }
    Next();
    tok = Token::kFloat;
    if (ch_ == '+' || ch_ == '-') Next();
    int ds = Digits(10, nullptr);
    digsep |= ds;
    if ((ds & 1) == 0) Error(offset_, "exponent has no digits");
  } else if (prefix == 'x' && tok == Token::kFloat) {
    Error(offset_, "hexadecimal mantissa requires a 'p' exponent");
  }
  if (ch_ == 'i') {
    tok = Token::kImag;
    Next();
  }
  *lit = src_.substr(offs, offset_ - offs);
  if (tok == Token::kInt && invalid >= 0) {
    Error(invalid, fmt::format("invalid digit {} in {}",
                               QuoteRune(static_cast<unsigned char>((*lit)[invalid - offs])),
                               LitName(prefix)));
  }
  if (digsep & 2) {
    int i = InvalidSep(*lit);
    if (i >= 0) Error(offs + i, "'_' must separate successive digits");
  }
  return tok;
}

bool Scanner::ScanEscape(char32_t quote) {
  const int offs = offset_;
  int n = 0;
  uint32_t base = 0, max = 0;
  switch (ch_) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '\\':
      Next();
      return true;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      n = 3;
      base = 8;
      max = 255;
      break;
    case 'x':
      Next();
      n = 2;
      base = 16;
      max = 255;
      break;
    case 'u':
      Next();
      n = 4;
      base = 16;
      max = kMaxRune;
      break;
    case 'U':
      Next();
      n = 8;
      base = 16;
      max = kMaxRune;
      break;
    default:
      if (ch_ == static_cast<int32_t>(quote)) {
        Next();
        return true;
      }
      Error(offs, ch_ < 0 ? "escape sequence not terminated" : "unknown escape sequence");
      return false;
  }
  uint32_t x = 0;
  for (; n > 0; --n) {
    uint32_t d = static_cast<uint32_t>(DigitVal(ch_));
    if (d >= base) {
      Error(offset_, ch_ < 0
                         ? std::string("escape sequence not terminated")
                         : fmt::format("illegal character {} in escape sequence", FormatU(ch_)));
      return false;
    }
    x = x * base + d;
    Next();
  }
  if (x > max || (0xD800 <= x && x < 0xE000)) {
    Error(offs, "escape sequence is invalid Unicode code point");
    return false;
  }
  return true;
}

std::string_view Scanner::ScanRune() {
  const int offs = offset_ - 1;
  bool valid = true;
  int n = 0;
  for (;;) {
    int32_t ch = ch_;
    if (ch == '\n' || ch < 0) {
      if (valid) {
        Error(offs, "rune literal not terminated");
        valid = false;
      }
      break;
    }
    Next();
    if (ch == '\'') break;
    ++n;
    if (ch == '\\' && !ScanEscape('\'')) valid = false;
  }
  if (valid && n != 1) Error(offs, "illegal rune literal");
  return src_.substr(offs, offset_ - offs);
}

std::string_view Scanner::ScanString() {
  const int offs = offset_ - 1;
  for (;;) {
    if (ch_ > 0 && ch_ < 0x80 && ch_ != '"' && ch_ != '\\' && ch_ != '\n') {
      SkipAscii([](unsigned char b) { return b != '"' && b != '\\' && b != '\n'; });
      continue;
    }
    int32_t ch = ch_;
    if (ch == '\n' || ch < 0) {
      Error(offs, "string literal not terminated");
      break;
    }
    Next();
    if (ch == '"') break;
    if (ch == '\\') ScanEscape('"');
  }
  return src_.substr(offs, offset_ - offs);
}

std::string_view Scanner::ScanRawString() {
  const int offs = offset_ - 1;
  bool has_cr = false;
  for (;;) {
    if (ch_ > 0 && ch_ < 0x80 && ch_ != '`' && ch_ != '\r') {
      SkipAscii([](unsigned char b) { return b != '`' && b != '\r'; });
      continue;
    }
    int32_t ch = ch_;
    if (ch < 0) {
      Error(offs, "raw string literal not terminated");
      break;
    }
    Next();
    if (ch == '`') break;
    if (ch == '\r') has_cr = true;
  }
  std::string_view lit = src_.substr(offs, offset_ - offs);
  if (has_cr) lit = StripCR(lit, false);
  return lit;
}

void Scanner::SkipWhitespace() {
  const bool semi = insert_semi_;
  if (ch_ == ' ' || ch_ == '\t' || (ch_ == '\n' && !semi) || ch_ == '\r') {
    SkipAscii([semi](unsigned char b) {
      return b == ' ' || b == '\t' || (b == '\n' && !semi) || b == '\r';
    });
  }
}

Token Scanner::Switch2(Token t0, Token t1) {
  if (ch_ == '=') {
    Next();
    return t1;
  }
  return t0;
}

Token Scanner::Switch3(Token t0, Token t1, char32_t c2, Token t2) {
  if (ch_ == '=') {
    Next();
    return t1;
  }
  if (ch_ == static_cast<int32_t>(c2)) {
    Next();
    return t2;
  }
  return t0;
}

Token Scanner::Switch4(Token t0, Token t1, char32_t c2, Token t2, Token t3) {
  if (ch_ == '=') {
    Next();
    return t1;
  }
  if (ch_ == static_cast<int32_t>(c2)) {
    Next();
    if (ch_ == '=') {
      Next();
      return t3;
    }
    return t2;
  }
  return t0;
}

namespace {

// The first byte at or after `p` that SkipToMatching must look at: an
// opening or closing bracket of the kind skipped, a quote or a slash.
// Function bodies are mostly other bytes, so they are passed over 16 at a
// time.
template <char kOpen, char kClose>
inline const char* NextBracketOrQuote(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i open = _mm_set1_epi8(kOpen), close = _mm_set1_epi8(kClose),
                dquote = _mm_set1_epi8('"'), squote = _mm_set1_epi8('\''),
                bquote = _mm_set1_epi8('`'), slash = _mm_set1_epi8('/');
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, open), _mm_cmpeq_epi8(v, close)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, dquote), _mm_cmpeq_epi8(v, squote))),
        _mm_or_si128(_mm_cmpeq_epi8(v, bquote), _mm_cmpeq_epi8(v, slash)));
    if (const int mask = _mm_movemask_epi8(hit); mask != 0) return p + __builtin_ctz(mask);
  }
#endif
  for (; p < end; ++p) {
    switch (*p) {
      case kOpen:
      case kClose:
      case '"':
      case '\'':
      case '`':
      case '/':
        return p;
      default:
        break;
    }
  }
  return end;
}

}  // namespace

template <char kOpen, char kClose>
bool Scanner::SkipToMatching() {
  const char* const begin = src_.data();
  const char* const end = begin + src_.size();
  const char* const start = begin + offset_;
  const char* p = start;
  if (ch_ == kEOF || p >= end) return false;
  int depth = 1;
  while ((p = NextBracketOrQuote<kOpen, kClose>(p, end)) < end) {
    switch (*p) {
      case kOpen:
        ++depth;
        ++p;
        break;
      case kClose:
        if (--depth == 0) {
          // The line of the closing bracket starts after the last newline
          // skipped, if any (newlines are not tracked on the way).
          const void* nl = memrchr(start, '\n', static_cast<size_t>(p - start));
          if (nl != nullptr)
            line_offset_ = static_cast<int>(static_cast<const char*>(nl) + 1 - begin);
          offset_ = static_cast<int>(p - begin);
          rd_offset_ = offset_ + 1;
          ch_ = kClose;
          insert_semi_ = false;
          return true;
        }
        ++p;
        break;
      case '"':
      case '\'': {
        const char quote = *p++;
        while (p < end && *p != quote) {
          if (*p == '\n') return false;
          if (*p == '\\') ++p;
          ++p;
        }
        if (p >= end) return false;
        ++p;
        break;
      }
      case '`': {
        const void* close = std::memchr(p + 1, '`', static_cast<size_t>(end - p - 1));
        if (close == nullptr) return false;
        p = static_cast<const char*>(close) + 1;
        break;
      }
      default:  // '/'
        if (p + 1 < end && p[1] == '/') {
          const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
          p = nl == nullptr ? end : static_cast<const char*>(nl);
        } else if (p + 1 < end && p[1] == '*') {
          const char* q = p + 2;
          for (;;) {
            q = static_cast<const char*>(std::memchr(q, '*', static_cast<size_t>(end - q)));
            if (q == nullptr || q + 1 >= end) return false;
            if (q[1] == '/') break;
            ++q;
          }
          p = q + 2;
        } else {
          ++p;
        }
        break;
    }
  }
  return false;
}

bool Scanner::SkipToMatchingBrace() { return SkipToMatching<'{', '}'>(); }
bool Scanner::SkipToMatchingParen() { return SkipToMatching<'(', ')'>(); }
bool Scanner::SkipToMatchingBracket() { return SkipToMatching<'[', ']'>(); }

void Scanner::Seek(int offset) {
  offset = std::clamp(offset, 0, static_cast<int>(src_.size()));
  const void* nl = memrchr(src_.data(), '\n', static_cast<size_t>(offset));
  line_offset_ =
      nl == nullptr ? 0 : static_cast<int>(static_cast<const char*>(nl) + 1 - src_.data());
  offset_ = rd_offset_ = offset;
  ch_ = ' ';
  insert_semi_ = false;
  Next();
}

TokenInfo Scanner::Scan() {
  for (;;) {
    SkipWhitespace();
    TokenInfo t;
    t.pos = offset_;
    bool insert_semi = false;
    const int32_t ch = ch_;
    if (IsLetter(ch)) {
      t.lit = ScanIdentifier();
      if (t.lit.size() > 1) {
        t.tok = LookupKeyword(t.lit);
        switch (t.tok) {
          case Token::kIdent:
          case Token::kBreak:
          case Token::kContinue:
          case Token::kFallthrough:
          case Token::kReturn:
            insert_semi = true;
            break;
          default:
            break;
        }
      } else {
        insert_semi = true;
        t.tok = Token::kIdent;
      }
    } else if (IsDecimal(ch) || (ch == '.' && IsDecimal(Peek()))) {
      insert_semi = true;
      t.tok = ScanNumber(&t.lit);
    } else {
      Next();  // always make progress
      switch (ch) {
        case kEOF:
          if (insert_semi_) {
            insert_semi_ = false;  // EOF consumed
            return {Token::kSemicolon, t.pos, "\n"};
          }
          t.tok = Token::kEOF;
          break;
        case '\n':
          insert_semi_ = false;  // newline consumed
          return {Token::kSemicolon, t.pos, "\n"};
        case '"':
          insert_semi = true;
          t.tok = Token::kString;
          t.lit = ScanString();
          break;
        case '\'':
          insert_semi = true;
          t.tok = Token::kChar;
          t.lit = ScanRune();
          break;
        case '`':
          insert_semi = true;
          t.tok = Token::kString;
          t.lit = ScanRawString();
          break;
        case ':':
          t.tok = Switch2(Token::kColon, Token::kDefine);
          break;
        case '.':
          t.tok = Token::kPeriod;
          if (ch_ == '.' && Peek() == '.') {
            Next();
            Next();
            t.tok = Token::kEllipsis;
          }
          break;
        case ',':
          t.tok = Token::kComma;
          break;
        case ';':
          t.tok = Token::kSemicolon;
          t.lit = ";";
          break;
        case '(':
          t.tok = Token::kLParen;
          break;
        case ')':
          insert_semi = true;
          t.tok = Token::kRParen;
          break;
        case '[':
          t.tok = Token::kLBrack;
          break;
        case ']':
          insert_semi = true;
          t.tok = Token::kRBrack;
          break;
        case '{':
          t.tok = Token::kLBrace;
          break;
        case '}':
          insert_semi = true;
          t.tok = Token::kRBrace;
          break;
        case '+':
          t.tok = Switch3(Token::kAdd, Token::kAddAssign, '+', Token::kInc);
          insert_semi = t.tok == Token::kInc;
          break;
        case '-':
          t.tok = Switch3(Token::kSub, Token::kSubAssign, '-', Token::kDec);
          insert_semi = t.tok == Token::kDec;
          break;
        case '*':
          t.tok = Switch2(Token::kMul, Token::kMulAssign);
          break;
        case '/':
          if (ch_ == '/' || ch_ == '*') {
            // A comment.
            if (insert_semi_ && FindLineEnd()) {
              // Reset to the comment's start and report the newline first.
              ch_ = '/';
              offset_ = t.pos;
              rd_offset_ = offset_ + 1;
              insert_semi_ = false;
              return {Token::kSemicolon, t.pos, "\n"};
            }
            std::string_view comment = ScanComment();
            if (!scan_comments_) {
              insert_semi_ = false;
              continue;
            }
            t.tok = Token::kComment;
            t.lit = comment;
          } else {
            t.tok = Switch2(Token::kQuo, Token::kQuoAssign);
          }
          break;
        case '%':
          t.tok = Switch2(Token::kRem, Token::kRemAssign);
          break;
        case '^':
          t.tok = Switch2(Token::kXor, Token::kXorAssign);
          break;
        case '<':
          if (ch_ == '-') {
            Next();
            t.tok = Token::kArrow;
          } else {
            t.tok = Switch4(Token::kLss, Token::kLeq, '<', Token::kShl, Token::kShlAssign);
          }
          break;
        case '>':
          t.tok = Switch4(Token::kGtr, Token::kGeq, '>', Token::kShr, Token::kShrAssign);
          break;
        case '=':
          t.tok = Switch2(Token::kAssign, Token::kEql);
          break;
        case '!':
          t.tok = Switch2(Token::kNot, Token::kNeq);
          break;
        case '&':
          if (ch_ == '^') {
            Next();
            t.tok = Switch2(Token::kAndNot, Token::kAndNotAssign);
          } else {
            t.tok = Switch3(Token::kAnd, Token::kAndAssign, '&', Token::kLAnd);
          }
          break;
        case '|':
          t.tok = Switch3(Token::kOr, Token::kOrAssign, '|', Token::kLOr);
          break;
        case '~':
          t.tok = Token::kTilde;
          break;
        default:
          if (ch != static_cast<int32_t>(kBOM)) {
            Error(t.pos, fmt::format("illegal character {}", FormatU(ch)));
          }
          insert_semi = insert_semi_;  // preserve insertSemi info
          t.tok = Token::kIllegal;
          t.lit = src_.substr(t.pos, offset_ - t.pos);
          break;
      }
    }
    insert_semi_ = insert_semi;
    return t;
  }
}

}  // namespace mw::syntax
