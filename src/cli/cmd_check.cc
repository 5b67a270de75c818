// `mapwarden check`: type-checks Go packages and runs the map rules.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>

#include "base/file_io.h"
#include "base/strings.h"
#include "base/timing.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "diag/render/render.h"
#include "lint/fix.h"
#include "lint/map_flow.h"
#include "lint/registry.h"
#include "lint/suppress.h"
#include "load/loader.h"
#include "sema/facts.h"

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
  std::string tags, format = "text", enable, disable, baseline, write_baseline;
  bool fix = false, diff = false;
  FlagSet fs("check", "check [flags] [PATTERN...]", kCheckDescription);
  fs.String("format", "FORMAT", &format,
            "Output format: text, json, sarif or github (default text)");
  fs.String("enable", "RULES", &enable, "Run only these rules (comma-separated codes or names)");
  fs.String("disable", "RULES", &disable, "Do not run these rules");
  fs.Bool("tests", &config.tests, "Also check _test.go files");
  fs.String("tags", "LIST", &tags, "Comma-separated build tags to satisfy");
  fs.Int("jobs", &config.jobs, "Parser threads (default: the number of cores)");
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

  std::optional<PhaseTimer> phase;
  phase.emplace("load");
  auto loaded_or = load::Load(*rest, config);
  if (!loaded_or.ok()) return Fail(loaded_or.status().message());
  // Never freed: the process exits when the report is out, through
  // FailAndExit or std::_Exit.
  auto* loaded = new load::LoadResult(std::move(*loaded_or));

  int status = kExitClean;
  bool input_errors = false;
  if (loaded->packages.empty()) {
    // As the go command says it: not an error, but worth knowing.
    std::string patterns;
    for (const std::string& p : *rest) patterns += (patterns.empty() ? "" : " ") + p;
    std::fprintf(stderr, "mapwarden: warning: %s matched no packages\n", patterns.c_str());
  }
  for (const load::Package& p : loaded->packages) {
    for (const std::string& e : p.errors) {
      std::fprintf(stderr, "mapwarden: %s\n", e.c_str());
      input_errors = true;
    }
    for (const syntax::ParsedFile& f : p.files) {
      for (const syntax::SyntaxError& e : f.errors) {
        std::fprintf(stderr, "%s\n", f.FormatError(e).c_str());
        input_errors = true;
      }
    }
  }
  const bool progress = isatty(2) && loaded->packages.size() >= 50;
  if (progress) {
    std::fprintf(stderr, "mapwarden: checking %zu packages (%zu files)...\r",
                 loaded->packages.size(), loaded->files_parsed);
  }
  sema::ProgramConfig pc;
  pc.goroot = config.goroot;
  pc.build = config.build;
  auto* program = new sema::Program(pc);
  for (const load::Package& p : loaded->packages) {
    std::vector<const syntax::ParsedFile*> go_files;
    for (size_t i = 0; i < p.go_files.size() && i < p.files.size(); ++i) {
      go_files.push_back(&p.files[i]);
    }
    program->AddParsed(p.dir, std::move(go_files));
  }
  std::vector<const sema::Package*> packages;
  std::vector<const syntax::ParsedFile*> all_files;
  {
    phase.emplace("imports");
    std::vector<const syntax::ParsedFile*> roots;
    for (const load::Package& p : loaded->packages) {
      for (const syntax::ParsedFile& f : p.files) roots.push_back(&f);
    }
    program->Prefetch(roots, config.jobs);
  }
  phase.emplace("typecheck");
  syntax::RunWithLargeStack([&] {
    for (const load::Package& p : loaded->packages) {
      packages.push_back(program->Check(p.import_path, p.PackageFiles()));
      if (p.xtest_begin < p.files.size()) {
        packages.push_back(program->Check(p.import_path + "_test", p.XTestFiles()));
      }
      for (const syntax::ParsedFile& f : p.files) all_files.push_back(&f);
    }
  });
  for (const sema::Package* pkg : packages) {
    for (const auto& [file, lit] : pkg->unresolved_imports) {
      LineCol lc = file->source->Position(lit->Start());
      std::fprintf(stderr,
                   "mapwarden: warning: %s:%d:%d: cannot find package %.*s; findings that "
                   "depend on it are not reported\n",
                   file->source->path().c_str(), lc.line, lc.column,
                   static_cast<int>(lit->value.size()), lit->value.data());
    }
  }
  phase.emplace("facts");
  auto* facts = new sema::Facts(program, packages);
  phase.emplace("flow");
  auto* flow = new lint::MapFlow(program, packages, *facts);
  phase.emplace("rules");
  std::error_code ec;
  const std::string cwd = std::filesystem::current_path(ec).string();
  lint::RuleContext ctx(program, packages, facts, flow, cwd);
  diag::RenderContext render;
  render.tool_version = MAPWARDEN_VERSION;
  for (const auto& rule : lint::AllRules()) {
    if (!enabled.empty() && enabled.count(rule->code()) == 0) continue;
    if (disabled.count(rule->code()) != 0) continue;
    rule->Run(&ctx);
    render.rules.push_back({rule->code(), rule->name(), rule->doc().summary});
  }
  phase.reset();
  if (progress) std::fprintf(stderr, "%80s\r", "");
  std::vector<diag::Diagnostic> diags = std::move(ctx.diagnostics());
  lint::ApplyInlineSuppressions(
      all_files, [&](const std::string& p) { return ctx.RelativePath(p); }, &diags);
  diag::SortDiagnostics(&diags);

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
