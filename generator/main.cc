// The `morsel` command line: parses arguments and calls the generator library.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "generator/build.h"

namespace {

std::string Plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int RunBuild(morsel::gen::BuildOptions options) {
  auto start = std::chrono::steady_clock::now();
  morsel::gen::RealFileSystem fs;
  morsel::gen::DiagnosticSink sink;
  morsel::gen::BuildStats stats;
  bool ok = morsel::gen::BuildSite(&fs, options, &stats, &sink);
  std::cerr << sink.Format();
  if (!ok) return 1;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char time[32];
  std::snprintf(time, sizeof time, "%.2f s", seconds);
  std::cout << "morsel: " << (options.check_only ? "checked " : "built ")
            << Plural(stats.courses, "course", "courses") << ", "
            << Plural(stats.lessons, "lesson", "lessons") << ", "
            << Plural(stats.questions, "question", "questions") << ", "
            << Plural(sink.WarningCount(), "warning", "warnings");
  if (!options.check_only) std::cout << " into " << options.out << "/";
  std::cout << " in " << time << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Morsel turns a folder of Markdown lessons into a micro-learning site.", "morsel"};
  app.set_version_flag("--version", std::string("morsel ") + MORSEL_VERSION);
  app.require_subcommand(1);

  morsel::gen::BuildOptions build_options;
  CLI::App* build = app.add_subcommand("build", "Check the content and generate the site");
  build->add_option("source", build_options.source, "Content folder")->capture_default_str();
  build->add_option("-o,--out", build_options.out, "Output folder (replaced)")->capture_default_str();

  morsel::gen::BuildOptions check_options;
  check_options.check_only = true;
  CLI::App* check = app.add_subcommand("check", "Check the content; write nothing");
  check->add_option("source", check_options.source, "Content folder")->capture_default_str();

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
  if (*build) return RunBuild(build_options);
  if (*check) return RunBuild(check_options);
  return 0;
}
