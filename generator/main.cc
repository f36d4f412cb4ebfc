// The `morsel` command line: parses arguments and calls the generator library.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <new>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "generator/build.h"
#include "generator/export.h"
#include "generator/package.h"
#include "generator/processing.h"
#include "generator/progress.h"
#include "generator/scaffold.h"
#include "generator/serve.h"
#include "generator/verify.h"
#include "generator/workers.h"

namespace {

/// Exit status when Morsel itself fails (an exception no stage turned into a
/// diagnostic: a bug), told apart from 1, which means the content has errors.
constexpr int kInternalError = 70;

/// The last-resort report: what escaped, the file being processed, and that it is a bug.
int InternalError(const std::string& what) {
  const std::string& file = morsel::gen::ProcessingFile::Current();
  std::cerr << "morsel: internal error" << (file.empty() ? "" : " while processing " + file) << ": " << what << "\n"
            << "morsel: this is a bug in Morsel, not a problem in your content: please report it to Morsel's "
               "maintainers with "
            << (file.empty() ? "the content folder" : "that file") << " and the command you ran\n";
  return kInternalError;
}

std::string Plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

/// Diagnostics for editors and CI annotations.
std::string DiagnosticsJson(const morsel::gen::DiagnosticSink& sink) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : sink.Sorted()) {
    list.push_back({{"path", d.path},
                    {"line", d.line},
                    {"column", d.column},
                    {"severity", d.severity == morsel::gen::Severity::kError ? "error" : "warning"},
                    {"code", d.code},
                    {"message", d.message},
                    {"hint", d.hint}});
  }
  nlohmann::json out = {
      {"diagnostics", std::move(list)}, {"errors", sink.ErrorCount()}, {"warnings", sink.WarningCount()}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

struct RunOptions {
  morsel::gen::BuildOptions build;
  std::string format = "text";
  /// No summary line on success (--quiet); a line per stage before it (--verbose).
  bool quiet = false;
  bool verbose = false;
};

/// What the person waiting is told while the build runs (stderr): a line per stage with
/// --verbose; on a terminal, the progress bar; otherwise (--quiet, JSON for a program,
/// stderr not a terminal: a log) nothing.
std::unique_ptr<morsel::gen::BuildProgress> Progress(const RunOptions& run) {
  if (run.verbose) return std::make_unique<morsel::gen::VerboseProgress>(std::cerr, morsel::gen::SteadySeconds);
  if (run.quiet || run.format == "json" || !morsel::gen::IsSmartTerminal(STDERR_FILENO)) return nullptr;
  return std::make_unique<morsel::gen::TerminalProgress>(std::cerr, morsel::gen::SteadySeconds,
                                                         [] { return morsel::gen::TerminalColumns(STDERR_FILENO); });
}

int Run(const RunOptions& run) {
  morsel::gen::BuildOptions options = run.build;
  if (options.cache) options.program = morsel::gen::RealFileSystem::ProgramStamp();
  auto start = std::chrono::steady_clock::now();
  morsel::gen::RealFileSystem fs;
  morsel::gen::DiagnosticSink sink;
  morsel::gen::BuildStats stats;
  const std::unique_ptr<morsel::gen::BuildProgress> progress = Progress(run);
  options.progress = progress.get();
  bool ok = morsel::gen::BuildSite(&fs, options, &stats, &sink);
  morsel::gen::OrSilent(options.progress).Finish();
  if (run.format == "json") {
    std::cout << DiagnosticsJson(sink);
    return ok ? 0 : 1;
  }
  std::cerr << sink.Format();
  if (!ok) {
    if (options.strict && sink.ErrorCount() == 0) std::cerr << "morsel: --strict: warnings are errors\n";
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char time[32];
  std::snprintf(time, sizeof time, "%.2f s", seconds);
  if (!run.quiet) {
    std::cout << "morsel: " << (options.check_only ? "checked " : "built ")
              << Plural(stats.courses, "course", "courses") << ", " << Plural(stats.lessons, "lesson", "lessons")
              << ", " << Plural(stats.questions, "question", "questions") << ", "
              << Plural(sink.WarningCount(), "warning", "warnings");
    if (!options.check_only) std::cout << " into " << options.out << "/";
    std::cout << " in " << time;
    if (stats.skipped) {
      std::cout << " (nothing changed since the last build)";
    } else if (options.cache && !options.check_only && stats.files_written < stats.files) {
      std::cout << " (" << stats.files_written << " of " << stats.files << " files written, the rest unchanged)";
    }
    std::cout << "\n";
  }
  if (options.unlock_all) std::cout << "morsel: --unlock-all: no lesson is locked in this build; do not publish it\n";
  return 0;
}

void AddContentOptions(CLI::App* command, RunOptions* run) {
  command->add_option("source", run->build.source, "Content folder")->capture_default_str();
  command->add_flag("--drafts", run->build.drafts, "Include pages marked draft: true");
  command->add_flag("--strict", run->build.strict, "Treat warnings as errors");
  command->add_flag("--allow-site-id-change", run->build.allow_site_id_change,
                    "Accept a site id that differs from morsel.lock (learners start over)");
  run->build.jobs = morsel::gen::DefaultJobs();
  command->add_option("-j,--jobs", run->build.jobs, "Processes that render and write the site (default: one per core)")
      ->check(CLI::Range(1, 256));
  CLI::Option* quiet =
      command->add_flag("-q,--quiet", run->quiet, "No summary line on success (warnings and errors still print)");
  command->add_flag("-v,--verbose", run->verbose, "A line per stage (its time and count) before the summary")
      ->excludes(quiet);
}

/// `morsel package scorm|cmi5`: the zips, each named with its size, or the diagnostics.
int Package(const morsel::gen::PackageOptions& options) {
  morsel::gen::RealFileSystem fs;
  morsel::gen::DiagnosticSink sink;
  std::vector<morsel::gen::PackageFile> written;
  const bool ok = morsel::gen::PackageCourses(&fs, options, &written, &sink);
  std::cerr << sink.Format();
  if (!ok) return 1;
  for (const morsel::gen::PackageFile& file : written) {
    std::cout << "morsel: wrote " << morsel::gen::JoinPath(options.out, file.name) << " (" << (file.size + 1023) / 1024
              << " KB)\n";
  }
  return 0;
}

void AddPackageOptions(CLI::App* command, morsel::gen::PackageOptions* options) {
  command->add_option("course", options->courses, "Course ids (as in morsel.lock); every course when none is named");
  command->add_option("--source", options->source, "Content folder")->capture_default_str();
  command->add_option("-o,--out", options->out, "Folder the zips are written into")->capture_default_str();
}

/// `morsel verify`: a verdict line per receipt (or the CSV), the team report written when
/// asked; exit status 0 only when every receipt is a valid pass, 1 otherwise or when the
/// source has errors, 2 for a command line that cannot run.
int Verify(morsel::gen::VerifyOptions options, bool csv, const std::string& html_out) {
  if (csv && !html_out.empty()) {
    std::cerr << "morsel: error: --csv and --html are two reports: ask for one\n"
                 "  hint: run morsel verify twice, once with each\n";
    return 2;
  }
  morsel::gen::RealFileSystem fs;
  for (const std::string& file : options.receipts) {
    if (!fs.IsFile(file)) {
      std::cerr << "morsel: error: no receipt file '" << file << "'"
                << (fs.IsDir(file) ? " (it is a folder: name the receipt files in it, such as " + file + "/*.json)"
                                   : "")
                << "\n";
      return 2;
    }
  }
  if (!html_out.empty()) {
    // The report names learners and their scores: it must not land in what is published.
    const std::string real = fs.RealPath(html_out);
    const std::string content = fs.RealPath(options.source);
    if (fs.IsDir(html_out) || (!content.empty() && (real == content || morsel::gen::IsWithin(real, content)))) {
      std::cerr << "morsel: error: --html '" << html_out
                << (fs.IsDir(html_out) ? "' is a folder: name the file to write\n"
                                       : "' is inside the content folder: the report would be published with it\n")
                << "  hint: write it outside the content folder, such as --html team-report.html\n";
      return 2;
    }
  }
  options.format = csv ? "csv" : html_out.empty() ? "text" : "html";
  options.html_out = html_out;
  morsel::gen::DiagnosticSink sink;
  std::vector<morsel::gen::ReceiptReport> reports;
  std::string site_title;
  const bool ok = morsel::gen::VerifyReceipts(fs, options, &reports, &site_title, &sink);
  std::cerr << sink.Format();
  if (!ok) {
    std::cerr << "morsel: the content has errors: receipts are not verified against it (run 'morsel check')\n";
    return 1;
  }
  size_t valid = 0;
  for (const morsel::gen::ReceiptReport& report : reports) {
    valid += report.Valid() ? 1 : 0;
    if (csv) continue;
    std::cout << morsel::gen::VerdictLine(report) << "\n" << morsel::gen::VerdictDetails(report);
  }
  if (csv) std::cout << morsel::gen::VerifyCsv(reports);
  if (!html_out.empty()) {
    std::string error;
    if (!fs.WriteFile(html_out, morsel::gen::VerifyHtml(site_title, reports), &error)) {
      std::cerr << "morsel: " << error << "\n";
      return 1;
    }
    std::cerr << "morsel: wrote the team report to " << html_out << "\n";
  }
  std::cerr << "morsel: " << Plural(static_cast<int>(reports.size()), "receipt", "receipts") << ", " << valid
            << (valid == 1 ? " valid pass" : " valid passes") << "\n";
  return valid == reports.size() ? 0 : 1;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"Morsel turns a folder of Markdown lessons into a micro-learning site.", "morsel"};
  app.set_version_flag("--version", std::string("morsel ") + MORSEL_VERSION);
  app.require_subcommand(1);

  RunOptions build_run;
  CLI::App* build = app.add_subcommand("build", "Check the content and generate the site");
  AddContentOptions(build, &build_run);
  build->add_option("-o,--out", build_run.build.out, "Output folder (replaced)")->capture_default_str();
  build->add_flag("--zip", build_run.build.zip, "Also write <out>.zip: the whole site as one archive");
  build->add_flag("--unlock-all", build_run.build.unlock_all,
                  "Leave every lesson unlocked (sequential modules, prerequisites), to preview; never publish it");
  build_run.build.cache = true;
  build->add_flag("!--no-cache", build_run.build.cache,
                  "Rewrite the whole output folder instead of updating it from <out>.morsel-cache (docs/authoring.md)");

  RunOptions check_run;
  check_run.build.check_only = true;
  CLI::App* check = app.add_subcommand("check", "Check the content; write nothing");
  AddContentOptions(check, &check_run);
  check->add_option("--format", check_run.format, "Diagnostics as text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  morsel::gen::ServeOptions serve_options;
  CLI::App* serve = app.add_subcommand(
      "serve", "Build, serve on 127.0.0.1 and rebuild on every change, reloading open pages (Ctrl-C stops)");
  serve->add_option("source", serve_options.build.source, "Content folder")->capture_default_str();
  serve->add_option("--port", serve_options.port, "Port on 127.0.0.1 (0: any free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_flag("--open", serve_options.open, "Open the site in your browser");
  serve->add_flag("--drafts", serve_options.build.drafts, "Include pages marked draft: true");
  serve->add_flag("--unlock-all", serve_options.build.unlock_all, "Leave every lesson unlocked, to preview");

  morsel::gen::ScaffoldRequest scaffold;
  CLI::App* create = app.add_subcommand("new", "Create a site, course, module or lesson from a template");
  create->add_option("kind", scaffold.kind, "site | course | module | lesson")
      ->required()
      ->check(CLI::IsMember({"site", "course", "module", "lesson"}));
  create->add_option("name", scaffold.name, "site: DIR; course: NAME; module: COURSE/NAME; lesson: COURSE/MODULE/NAME")
      ->required();
  create->add_option("--content", scaffold.content, "Content folder (not for 'new site')")->capture_default_str();
  create->add_flag("--empty", scaffold.empty, "new site: only site.yml and the home page, without the sample course");
  scaffold.program = argv[0];

  std::string export_source = "content";
  std::string export_format = "csv";
  std::string export_out;
  CLI::App* export_cmd = app.add_subcommand("export", "Export data about the content");
  CLI::App* answers = export_cmd->add_subcommand(
      "answers", "Every question with its accepted answers, feedback and scoring, for sign-off");
  export_cmd->require_subcommand(1);
  answers->add_option("source", export_source, "Content folder")->capture_default_str();
  answers->add_option("--format", export_format, "csv or html")
      ->check(CLI::IsMember({"csv", "html"}))
      ->capture_default_str();
  answers->add_option("-o,--out", export_out, "Write to this file instead of standard output");

  morsel::gen::PackageOptions scorm_options;
  morsel::gen::PackageOptions cmi5_options;
  cmi5_options.format = morsel::gen::PackageFormat::kCmi5;
  std::string scorm_version;
  CLI::App* package = app.add_subcommand("package", "Write one zip per course for an LMS (docs/lms.md)");
  package->require_subcommand(1);
  CLI::App* scorm = package->add_subcommand("scorm", "SCORM 1.2 or 2004 (4th Edition) packages");
  scorm->add_option("--version", scorm_version, "1.2 or 2004");
  AddPackageOptions(scorm, &scorm_options);
  CLI::App* cmi5 = package->add_subcommand("cmi5", "cmi5 packages (xAPI, for an LMS with an LRS)");
  AddPackageOptions(cmi5, &cmi5_options);

  morsel::gen::VerifyOptions verify_options;
  bool verify_csv = false;
  std::string verify_html;
  CLI::App* verify = app.add_subcommand(
      "verify", "Re-grade completion receipts against the source: a verdict per receipt (docs/cli.md)");
  verify->add_option("receipts", verify_options.receipts, "Receipt files (.json) downloaded from My learning")
      ->required();
  verify->add_option("--source", verify_options.source, "Content folder")->capture_default_str();
  verify->add_flag("--csv", verify_csv, "One CSV row per receipt instead of verdict lines");
  verify->add_option("--html", verify_html, "Write the team report (one HTML page) to this file");

  app.add_subcommand("help", "Show this help");

  // `morsel help` and a bare `morsel` show the whole help (CLI11 would show the help
  // subcommand's own).
  if (argc == 1 || std::string(argv[1]) == "help") {
    (argc == 1 ? std::cerr : std::cout) << app.help();
    return argc == 1 ? 2 : 0;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (*build) return Run(build_run);
  if (*check) return Run(check_run);
  if (*serve) return morsel::gen::Serve(serve_options);
  if (*answers) {
    morsel::gen::RealFileSystem fs;
    if (!export_out.empty()) {
      const std::string unsafe = morsel::gen::UnsafeExportFile(fs, export_source, export_out);
      if (!unsafe.empty()) {
        std::cerr << "morsel: " << unsafe << "\n  hint: write it outside the content folder, such as -o answers."
                  << export_format << "\n";
        return 1;
      }
    }
    morsel::gen::DiagnosticSink sink;
    std::string text;
    bool ok = morsel::gen::ExportAnswers(fs, export_source, export_format, &text, &sink);
    std::cerr << sink.Format();
    if (!ok) return 1;
    if (export_out.empty()) {
      std::cout << text;
      return 0;
    }
    std::string error;
    if (!fs.WriteFile(export_out, text, &error)) {
      std::cerr << "morsel: " << error << "\n";
      return 1;
    }
    return 0;
  }
  if (*scorm) {
    if (scorm_version != "1.2" && scorm_version != "2004") {
      std::cerr << "morsel: error: "
                << (scorm_version.empty() ? std::string("morsel package scorm needs --version")
                                          : "--version '" + scorm_version + "' is not a SCORM version Morsel writes")
                << "\n  hint: pass --version 1.2 or --version 2004 (2004 means 4th Edition)\n";
      return 2;
    }
    scorm_options.format =
        scorm_version == "1.2" ? morsel::gen::PackageFormat::kScorm12 : morsel::gen::PackageFormat::kScorm2004;
    return Package(scorm_options);
  }
  if (*cmi5) return Package(cmi5_options);
  if (*verify) return Verify(verify_options, verify_csv, verify_html);
  if (*create) {
    morsel::gen::RealFileSystem fs;
    std::string message;
    bool ok = morsel::gen::Scaffold(&fs, scaffold, &message);
    (ok ? std::cout : std::cerr) << message;
    return ok ? 0 : 1;
  }
  return 0;
}

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::bad_alloc&) {
    return InternalError("out of memory");
  } catch (const std::exception& e) {
    return InternalError(e.what());
  } catch (...) {
    return InternalError("unknown exception");
  }
}
