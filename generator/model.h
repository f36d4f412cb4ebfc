#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace morsel::gen {

/// `site.yml`.
struct SiteConfig {
  std::string title;
  std::string id;
  std::string language = "en";
  std::string description;
};

/// What every page-producing source file has in common.
struct PageSource {
  /// Path relative to the content root, e.g. "course/01-module/02-lesson.md".
  std::string source_path;
  std::string title;
  std::string description;
  int weight = 0;
  /// Output path relative to the site root, e.g. "course/module/lesson.html".
  std::string output_path;
  std::string body;
  int body_line = 1;
};

/// One lesson: a Markdown file with front matter.
struct Lesson : PageSource {
  std::string id;
  int duration_minutes = 0;
  /// Filled by the compile stage.
  std::string html;
  /// "block-id/question-id" for every question, in page order.
  std::vector<std::string> question_keys;
};

/// A module: a folder with `_index.md` inside a course.
struct Module : PageSource {
  std::string id;
  std::string slug;
  std::vector<Lesson> lessons;
};

/// A course: a top-level folder with `_index.md`.
struct Course : PageSource {
  std::string id;
  std::string slug;
  std::string overview_html;
  std::vector<Module> modules;
};

/// The whole site as loaded from `content/`.
struct Site {
  SiteConfig config;
  /// The optional root `_index.md`.
  PageSource home;
  std::string intro_html;
  std::vector<Course> courses;
};

}  // namespace morsel::gen
