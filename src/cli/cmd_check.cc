// `mapwarden check`: type-checks Go packages and runs the map rules.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "base/file_io.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "diag/render/render.h"
#include "lint/analysis.h"
#include "lint/fix.h"
#include "lint/registry.h"
#include "lint/suppress.h"

namespace mw::cli {

namespace {

constexpr const char* kCheckDescription =
    "Type-checks the Go packages matching PATTERN (default ./...) and reports\n"
    "writes that can hit a nil map (rules MW101-MW105; see 'mapwarden rules' and\n"
    "'mapwarden explain CODE'). Findings print as\n"
    "  path:line:col: message [CODE name]\n"
    "with related places and a help line indented below.\n\n"
    "Suppress a finding with //mapwarden:ignore CODE reason (or //nolint:mapwarden)\n"
    "on its line or the line before, or adopt the tool on an existing codebase\n"
    "with --write-baseline FILE and later runs with --baseline FILE.\n\n"
    "Exit status: 0 no findings, 1 findings, 2 usage error, unreadable or\n"
    "unparseable input.";

std::set<std::string> RuleSet(const std::string& list, bool* ok, std::string* bad) {
  std::set<std::string> out;
  for (std::string_view r : Split(list, ',')) {
    r = TrimSpace(r);
    if (r.empty()) continue;
    const lint::Rule* rule = lint::FindRule(r);
    if (rule == nullptr) {
      *ok = false;
      *bad = std::string(r);
      return out;
    }
    out.insert(rule->code());
  }
  return out;
}

// After the program is built it is never freed (the process exits as soon
// as the report is out): errors past that point exit right away.
[[noreturn]] void FailAndExit(const std::string& message) {
  Fail(message);
  std::fflush(stdout);
  std::_Exit(kExitUsage);
}

}  // namespace

std::string CheckHelp() {
  return "Usage: mapwarden check [flags] [PATTERN...]\n\n" + std::string(kCheckDescription) +
         "\n\nRun 'mapwarden check --help' for the flags.\n";
}

int RunCheck(const std::vector<std::string>& args) {
  load::LoadConfig config;
  // No rule reads comments, and suppressions read those of the files with
  // findings from their source (2% of the instructions on go/...).
  config.comments = false;
  std::string tags, format = "text", enable, disable, baseline, write_baseline;
  bool fix = false, diff = false;
  FlagSet fs("check", "check [flags] [PATTERN...]", kCheckDescription);
  fs.String("format", "FORMAT", &format,
            "Output format: text, json, sarif or github (default text)");
  fs.String("enable", "RULES", &enable, "Run only these rules (comma-separated codes or names)");
  fs.String("disable", "RULES", &disable, "Do not run these rules");
  fs.Bool("tests", &config.tests, "Also check _test.go files");
  fs.String("tags", "LIST", &tags, "Comma-separated build tags to satisfy");
  fs.Int("jobs", &config.jobs,
         "Threads for parsing and type checking (default: the number of cores)");
  fs.String("baseline", "FILE", &baseline, "Report only findings not recorded in FILE");
  fs.String("write-baseline", "FILE", &write_baseline,
            "Record the current findings in FILE (written atomically) and exit 0");
  fs.Bool("fix", &fix, "Apply the fixes of fixable findings to the source files");
  fs.Bool("diff", &diff, "Print the fixes as a unified diff instead of applying them");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->empty()) rest->push_back("./...");
  if (format != "text" && format != "json" && format != "sarif" && format != "github") {
    return Fail(
        fmt::format("check: unknown --format \"{}\" (want text, json, sarif or github)", format));
  }
  bool ok = true;
  std::string bad;
  std::set<std::string> enabled = RuleSet(enable, &ok, &bad);
  std::set<std::string> disabled = RuleSet(disable, &ok, &bad);
  if (!ok) return Fail(fmt::format("check: unknown rule \"{}\"; see 'mapwarden rules'", bad));
  for (std::string_view t : Split(tags, ',')) {
    if (!t.empty()) config.build.tags.emplace_back(t);
  }

  std::error_code ec;
  lint::AnalysisOptions options;
  options.load = config;
  options.enabled = std::move(enabled);
  options.disabled = std::move(disabled);
  options.progress = isatty(2);
  options.base_dir = std::filesystem::current_path(ec).string();
  auto analysis_or = lint::Analyze(*rest, options);
  if (!analysis_or.ok()) return Fail(analysis_or.status().message());
  // Never freed: the process exits when the report is out, through
  // FailAndExit or std::_Exit.
  lint::Analysis* analysis = analysis_or->release();
  if (analysis->loaded->packages.empty()) {
    // As the go command says it: not an error, but worth knowing.
    std::string patterns;
    for (const std::string& p : *rest) patterns += (patterns.empty() ? "" : " ") + p;
    std::fprintf(stderr, "mapwarden: warning: %s matched no packages\n", patterns.c_str());
  }
  const bool input_errors = analysis->input_errors;
  const lint::RuleContext& ctx = *analysis->context;
  const std::vector<const syntax::ParsedFile*>& all_files = analysis->files;
  std::vector<diag::Diagnostic> diags = std::move(analysis->diagnostics);
  diag::RenderContext render;
  render.tool_version = MAPWARDEN_VERSION;
  render.rules = analysis->rules_run;
  render.base_dir = options.base_dir;
  int status = kExitClean;

  // The text of a finding's line, for baselines.
  std::map<std::string, const syntax::ParsedFile*> by_path;
  for (const syntax::ParsedFile* f : all_files) by_path[ctx.RelativePath(f->source->path())] = f;
  auto line_text = [&](const diag::Diagnostic& d) -> std::string {
    auto it = by_path.find(d.span.file);
    if (it == by_path.end()) return "";
    std::string_view src = it->second->source->content();
    size_t at = 0;
    for (int l = 1; l < d.span.line && at != std::string_view::npos; ++l) {
      at = src.find('\n', at);
      if (at != std::string_view::npos) ++at;
    }
    if (at == std::string_view::npos) return "";
    return std::string(TrimSpace(src.substr(at, src.find('\n', at) - at)));
  };
  if (!write_baseline.empty()) {
    Status s = lint::WriteBaseline(write_baseline, diags, line_text);
    if (!s.ok()) FailAndExit(s.message());
    std::fprintf(stderr, "mapwarden: recorded %zu findings in %s\n", diags.size(),
                 write_baseline.c_str());
    std::fflush(stdout);
    std::_Exit(input_errors ? kExitUsage : kExitClean);
  }
  if (!baseline.empty()) {
    auto removed = lint::ApplyBaseline(baseline, line_text, &diags);
    if (!removed.ok()) FailAndExit(removed.status().message());
  }

  std::string out;
  if (fix || diff) {
    auto changed = lint::ApplyFixes(diags);
    if (!changed.ok()) FailAndExit(changed.status().message());
    for (const auto& [path, content] : *changed) {
      if (diff) {
        auto before = ReadInput(path, 64 << 20);
        if (before.ok()) out += lint::UnifiedDiff(ctx.RelativePath(path), *before, content);
      } else {
        Status s = WriteFileAtomically(path, content);
        if (!s.ok()) FailAndExit(s.message());
        std::fprintf(stderr, "mapwarden: fixed %s\n", ctx.RelativePath(path).c_str());
      }
    }
    if (fix) {
      // What is left: findings without a fix.
      std::vector<diag::Diagnostic> left;
      for (diag::Diagnostic& d : diags) {
        if (d.fixes.empty()) left.push_back(std::move(d));
      }
      diags = std::move(left);
    }
  }
  if (!diff) {
    render.color = format == "text" && isatty(1) && std::getenv("NO_COLOR") == nullptr;
    if (format == "json") {
      diag::RenderJson(diags, render, &out);
    } else if (format == "sarif") {
      diag::RenderSarif(diags, render, &out);
    } else if (format == "github") {
      diag::RenderGithub(diags, render, &out);
    } else {
      diag::RenderText(diags, render, &out);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (input_errors)
    status = kExitUsage;
  else if (!diags.empty())
    status = kExitFindings;
  std::_Exit(status);
}

int RunRules(const std::vector<std::string>& args) {
  FlagSet fs("rules", "rules", "Lists the rules 'mapwarden check' runs.");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  for (const auto& r : lint::AllRules()) {
    std::printf("%s  %-24s %s\n", r->code(), r->name(), r->doc().summary);
  }
  return kExitClean;
}

std::string RulesHelp() {
  return "Usage: mapwarden rules\n\nLists the rules 'mapwarden check' runs.\n";
}

int RunExplain(const std::vector<std::string>& args) {
  FlagSet fs("explain", "explain CODE",
             "Prints a rule's documentation: what it does, why it is bad, an example and the fix.");
  int exit_code = kExitClean;
  auto rest = ParseCommandFlags(fs, args, &exit_code);
  if (!rest) return exit_code;
  if (rest->size() != 1) return Fail("explain: want one rule code or name, e.g. 'explain MW101'");
  const lint::Rule* r = lint::FindRule((*rest)[0]);
  if (r == nullptr) {
    return Fail(fmt::format("explain: unknown rule \"{}\"; see 'mapwarden rules'", (*rest)[0]));
  }
  std::fputs(lint::FormatRuleDoc(*r).c_str(), stdout);
  return kExitClean;
}

std::string ExplainHelp() {
  return "Usage: mapwarden explain CODE\n\nPrints a rule's documentation: what it does, why it is "
         "bad, an example and the fix.\n";
}

}  // namespace mw::cli
