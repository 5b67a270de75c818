#include "lint/suppress.h"

#include <strings.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/arena.h"
#include "base/file_io.h"
#include "base/strings.h"
#include "syntax/scanner.h"

namespace mw::lint {

namespace {

// What a comment suppresses: codes and names (upper-cased), or everything.
struct Suppression {
  bool all = false;
  std::set<std::string> rules;
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return out;
}

bool ParseSuppression(std::string_view text, Suppression* s) {
  if (StartsWith(text, "//")) text.remove_prefix(2);
  text = TrimSpace(text);
  if (StartsWith(text, "mapwarden:ignore")) {
    text.remove_prefix(16);
    std::vector<std::string_view> fields = SplitFields(text);
    if (fields.empty()) return false;  // a code is required
    for (std::string_view r : Split(fields[0], ',')) {
      if (Upper(r) == "ALL") s->all = true;
      if (!r.empty()) s->rules.insert(Upper(r));
    }
    return true;
  }
  if (StartsWith(text, "nolint")) {
    text.remove_prefix(6);
    if (text.empty() || text[0] == ' ' || text[0] == '\t') {
      s->all = true;  // bare //nolint: every linter
      return true;
    }
    if (text[0] != ':') return false;
    text.remove_prefix(1);
    std::string_view list = text.substr(0, text.find_first_of(" \t/"));
    for (std::string_view l : Split(list, ',')) {
      if (l == "mapwarden" || l == "all") s->all = true;
    }
    return s->all;
  }
  return false;
}

bool Suppresses(const Suppression& s, const diag::Diagnostic& d) {
  return s.all || s.rules.count(Upper(d.code)) != 0 || s.rules.count(Upper(d.name)) != 0;
}

}  // namespace

void ApplyInlineSuppressions(const std::vector<const syntax::ParsedFile*>& files,
                             const std::function<std::string(const std::string&)>& relative,
                             std::vector<diag::Diagnostic>* diags) {
  if (diags->empty()) return;
  // Only the comments of files with findings are read.
  std::set<std::string_view> with_findings;
  for (const diag::Diagnostic& d : *diags) with_findings.insert(d.span.file);
  // file -> line -> suppressions on that line
  std::map<std::string, std::map<int, std::vector<Suppression>>> by_file;
  for (const syntax::ParsedFile* pf : files) {
    if (pf->file == nullptr) continue;
    std::string rel = relative(pf->source->path());
    if (with_findings.count(rel) == 0) continue;
    // From the source, with the lexer: the tree may have been parsed
    // without its comments.
    Arena arena(4096);
    syntax::Scanner scanner(pf->source->content(), &arena, nullptr, /*scan_comments=*/true);
    for (syntax::TokenInfo t = scanner.Scan(); t.tok != syntax::Token::kEOF; t = scanner.Scan()) {
      Suppression s;
      if (t.tok != syntax::Token::kComment || !ParseSuppression(t.lit, &s)) continue;
      by_file[rel][pf->source->Position(t.pos).line].push_back(s);
    }
  }
  std::vector<diag::Diagnostic> kept;
  for (diag::Diagnostic& d : *diags) {
    bool suppressed = false;
    auto f = by_file.find(d.span.file);
    if (f != by_file.end()) {
      for (int line : {d.span.line, d.span.line - 1}) {
        auto l = f->second.find(line);
        if (l == f->second.end()) continue;
        for (const Suppression& s : l->second) suppressed = suppressed || Suppresses(s, d);
      }
    }
    if (!suppressed) kept.push_back(std::move(d));
  }
  *diags = std::move(kept);
}

Status WriteBaseline(const std::string& path, const std::vector<diag::Diagnostic>& diags,
                     const LineText& line_text) {
  nlohmann::json entries = nlohmann::json::array();
  for (const diag::Diagnostic& d : diags) {
    entries.push_back({{"rule", d.code},
                       {"file", d.span.file},
                       {"line", d.span.line},
                       {"message", d.message},
                       {"source", line_text(d)}});
  }
  nlohmann::json doc = {{"version", 1}, {"tool", "mapwarden"}, {"findings", entries}};
  return WriteFileAtomically(
      path, doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

namespace {

std::string BaselineKey(const std::string& rule, const std::string& file,
                        const std::string& message, const std::string& source) {
  return rule + '\x1f' + file + '\x1f' + message + '\x1f' + source;
}

}  // namespace

StatusOr<std::vector<std::string>> ParseBaseline(std::string_view text, const std::string& path) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("findings") ||
      !doc["findings"].is_array()) {
    return InvalidArgument(path + ": not a mapwarden baseline (expected {\"findings\": [...]})");
  }
  std::vector<std::string> keys;
  for (const auto& e : doc["findings"]) {
    if (!e.is_object() || !e.contains("rule") || !e.contains("file") || !e.contains("message") ||
        !e["rule"].is_string() || !e["file"].is_string() || !e["message"].is_string()) {
      return InvalidArgument(path + ": finding " + std::to_string(keys.size() + 1) +
                             " lacks rule, file or message");
    }
    std::string source = e.contains("source") && e["source"].is_string() ? e["source"] : "";
    keys.push_back(BaselineKey(e["rule"], e["file"], e["message"], source));
  }
  return keys;
}

StatusOr<size_t> ApplyBaseline(const std::string& path, const LineText& line_text,
                               std::vector<diag::Diagnostic>* diags) {
  auto text = ReadInput(path, 256 << 20);
  if (!text.ok()) return text.status();
  auto keys = ParseBaseline(*text, path);
  if (!keys.ok()) return keys.status();
  // Each entry absorbs one finding with the same rule, file, message and line text.
  std::map<std::string, int> budget;
  for (const std::string& k : *keys) ++budget[k];
  size_t removed = 0;
  std::vector<diag::Diagnostic> kept;
  for (diag::Diagnostic& d : *diags) {
    int& left = budget[BaselineKey(d.code, d.span.file, d.message, line_text(d))];
    if (left > 0) {
      --left;
      ++removed;
    } else {
      kept.push_back(std::move(d));
    }
  }
  *diags = std::move(kept);
  return removed;
}

}  // namespace mw::lint
