// The Go lexer: go/scanner's behaviour (automatic semicolons, every literal
// form, comments, error messages), over a byte buffer.
#ifndef MAPWARDEN_SYNTAX_SCANNER_H_
#define MAPWARDEN_SYNTAX_SCANNER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/arena.h"
#include "syntax/token.h"

namespace mw::syntax {

// Receives lexical errors: byte offset and message.
using ErrorSink = std::function<void(Pos, std::string)>;

struct TokenInfo {
  Token tok = Token::kIllegal;
  Pos pos = 0;
  // Identifier, literal or comment text; ";" or "\n" for semicolons. Points
  // into the source, or into the arena when carriage returns were removed.
  std::string_view lit;
};

class Scanner {
 public:
  // `arena` holds literal text that had to be rewritten (CRs removed).
  Scanner(std::string_view src, Arena* arena, ErrorSink errors, bool scan_comments);

  TokenInfo Scan();
  int error_count() const { return error_count_; }
  // Right after Scan() returned "{": moves to its matching "}", which the
  // next Scan() returns, reading bytes without making tokens (strings,
  // runes and comments are stepped over). For bodies that are skipped
  // (imported packages). Returns false, with nothing moved, when the
  // bytes are not well formed enough for that; then scan them token by
  // token.
  bool SkipToMatchingBrace();
  // The same for "(" and "[": for declarations of imported files that are
  // only indexed (ParseOptions::lazy_decls).
  bool SkipToMatchingParen();
  bool SkipToMatchingBracket();
  // Continues scanning at byte `offset`, which must start a token (or the
  // space before one): for parsing one declaration of a file on its own.
  void Seek(int offset);

 private:
  // Advances to the next character. Inline for the common case, an ASCII
  // byte other than NUL; Next() is called about once per source byte.
  void Next() {
    if (rd_offset_ < static_cast<int>(src_.size())) {
      const unsigned char b = static_cast<unsigned char>(src_[rd_offset_]);
      if (b != 0 && b < 0x80) {
        offset_ = rd_offset_;
        if (ch_ == '\n') line_offset_ = offset_;
        ch_ = b;
        ++rd_offset_;
        return;
      }
    }
    NextSlow();
  }
  void NextSlow();
  template <char kOpen, char kClose>
  bool SkipToMatching();
  uint8_t Peek() const {
    return rd_offset_ < static_cast<int>(src_.size()) ? static_cast<uint8_t>(src_[rd_offset_]) : 0;
  }
  void Error(int offset, std::string msg);
  std::string_view ScanComment();
  bool FindLineEnd();
  std::string_view ScanIdentifier();
  int Digits(int base, int* invalid);
  Token ScanNumber(std::string_view* lit);
  bool ScanEscape(char32_t quote);
  std::string_view ScanRune();
  std::string_view ScanString();
  std::string_view ScanRawString();
  void SkipWhitespace();
  template <typename Keep>
  void SkipAscii(Keep keep);
  void SkipCommentWords();
  void ResumeAt(int i);
  Token Switch2(Token t0, Token t1);
  Token Switch3(Token t0, Token t1, char32_t c2, Token t2);
  Token Switch4(Token t0, Token t1, char32_t c2, Token t2, Token t3);
  std::string_view StripCR(std::string_view b, bool comment);

  std::string_view src_;
  Arena* arena_;
  ErrorSink errors_;
  bool scan_comments_;
  int32_t ch_ = ' ';  // current character; -1 at EOF
  int offset_ = 0;
  int rd_offset_ = 0;
  int line_offset_ = 0;
  bool insert_semi_ = false;
  int error_count_ = 0;
};

// Unicode classification exactly as Go 1.19's unicode package.
bool IsUnicodeLetter(char32_t c);
bool IsUnicodeDigit(char32_t c);

// Decodes one UTF-8 sequence as Go's utf8.DecodeRune: returns the rune and
// its width; invalid input yields (0xFFFD, 1).
std::pair<char32_t, int> DecodeRune(std::string_view s);

}  // namespace mw::syntax

#endif  // MAPWARDEN_SYNTAX_SCANNER_H_
