#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/media.h"
#include "runtime/core/flashcards.h"
#include "runtime/core/quiz.h"
#include "runtime/core/review.h"
#include "runtime/core/scenario.h"

namespace morsel::gen {

/// A link in the site footer.
struct FooterLink {
  std::string title;
  std::string url;
};

/// Switches for features that a site may turn off.
struct Features {
  bool search = true;
  bool gamification = true;
  bool review = true;
  bool certificates = true;
  /// A web app manifest and a service worker that caches the site for offline use.
  bool offline = true;
  /// Whether site.yml set `offline` itself: by default a site whose files are too large
  /// to download at a first visit gets no worker (generator/hosting.h).
  bool offline_explicit = false;
};

/// Where a page's source sits, for diagnostics about the page as a whole.
struct SourceRef {
  std::string path;
  int line = 0;
  int column = 0;
};

/// `site.yml`.
struct SiteConfig {
  std::string title;
  std::string id;
  SourceRef id_ref;
  std::string language = "en";
  std::string description;
  std::string organization;
  /// Path of the logo image, relative to the content folder.
  std::string logo;
  SourceRef logo_ref;
  /// Name of a theme folder under `themes/` next to the content folder; "" = built-in.
  std::string theme;
  /// Absolute URL of the published site (ends with '/'): sitemap, canonical and Open
  /// Graph URLs, the 404 page's <base>.
  std::string base_url;
  /// Emit the strict Content-Security-Policy as a <meta> tag on every page: on unless
  /// site.yml says `csp: false`.
  bool csp = true;
  bool raw_html = false;
  /// Embed answer keys unsealed, for debugging a site. Never for a published site.
  bool plain_answer_keys = false;
  Features features;
  std::vector<FooterLink> footer_links;
  /// `progress.stale_answers`: what the runtime does with attempts whose question's
  /// answer has since changed: "ask_again" or "keep".
  std::string stale_answers = "ask_again";
  /// `xapi.endpoint`: the site's Learning Record Store, to which the pages send xAPI
  /// statements (runtime/web/xapi.js) when the learner's link carries credentials; "" = none.
  std::string xapi_endpoint;
  /// Its origin (scheme://host[:port]), which the pages' Content-Security-Policy allows.
  std::string xapi_origin;
  /// `gamification` as written (null: every default; core::ReadGamification reads it), with
  /// each badge's `image` rewritten by the loader to the image's output path.
  nlohmann::json gamification;
  /// A course or module a badge's rule names, and where: the validate stage checks it.
  struct BadgeTarget {
    bool module = false;
    std::string id;
    SourceRef ref;
  };
  std::vector<BadgeTarget> badge_targets;
  /// `discuss`: a URL template for each lesson's "Discuss" link ({lesson}, {course},
  /// {title}, {url} replaced, percent-encoded); "" = no link.
  std::string discuss;
  /// `share`: a "Share" button on each lesson (on unless `share: false`).
  bool share = true;
  /// The badges' images: output path → source path (relative to the content folder).
  std::map<std::string, std::string> badge_images;
  /// `review`: how the Review page and flashcards schedule (runtime/core/review.h).
  core::ReviewSettings review;
};

/// A link or image of a page's Markdown, resolved by the compile stage. Every edition
/// links it from there: the site's pages by `url`, the single-file edition by `target`.
struct ResolvedLink {
  /// The destination as the page links it (relative to the page).
  std::string url;
  /// What it names, relative to the site root (a page, a copied file); "" for a link to
  /// the page itself ("#anchor").
  std::string target;
  /// "#anchor" or "?query#anchor" after `target`, as written.
  std::string suffix;
  /// True for a page's link to a file that is copied (an image, an attachment).
  bool file = false;
  /// A copied file's size in bytes, and an image's width and height (0 when unknown).
  int64_t bytes = 0;
  int width = 0;
  int height = 0;
};

/// What every page-producing source file has in common.
struct PageSource {
  /// Path relative to the content root, e.g. "course/01-module/02-lesson.md".
  std::string source_path;
  std::string id;
  /// Where `id` was written (line 0 when it was derived).
  SourceRef id_ref;
  std::string title;
  std::string description;
  int weight = 0;
  bool draft = false;
  /// Output path relative to the site root, e.g. "course/module/lesson.html".
  std::string output_path;
  std::string body;
  int body_line = 1;
  /// Filled by the compile stage: every link and image of the body and of its blocks'
  /// texts that names something of the site, by its URL as written.
  std::map<std::string, ResolvedLink> links;
  /// Filled by the compile stage: the ids of the body's headings, in order.
  std::vector<std::string> anchors;
};

/// One prerequisite as written, with its place for diagnostics.
struct Prerequisite {
  std::string target;
  SourceRef ref;
};

/// An interactive block of a lesson as compiled: parsed and checked by the core, its id
/// the site's block id ("<lesson id>:<block id>"). Its texts are Markdown as written: each
/// edition renders them.
struct CompiledBlock {
  std::variant<core::Quiz, core::Scenario, core::Flashcards, MediaBlock> block;
  /// The file line of its opening fence, for reports about the block (export answers).
  int line = 0;
};

/// A compiled block's id within `lesson`, as morsel.lock records it: its site id
/// (`site_block_id`, "<lesson id>:<block id>") without the lesson's part.
inline std::string LessonBlockId(const PageSource& lesson, const std::string& site_block_id) {
  return site_block_id.substr(lesson.id.size() + 1);
}

/// How a lesson counts as completed.
enum class Completion { kView, kAnswer, kPass };

/// One lesson: a Markdown file with front matter.
struct Lesson : PageSource {
  /// Minutes as authored, or estimated when `duration_estimated`.
  int duration_minutes = 0;
  bool duration_estimated = false;
  std::vector<std::string> objectives;
  std::vector<std::string> tags;
  /// The language of the lesson's own text, when it differs from the site's ("" when not):
  /// its title and body carry `lang` and `dir`; the interface stays the site's.
  std::string language;
  std::vector<Prerequisite> prerequisites;
  /// Lesson ids, resolved from `prerequisites` by the compile stage.
  std::vector<std::string> prerequisite_ids;
  Completion completion = Completion::kPass;
  bool completion_set = false;
  /// Its quizzes, case studies, flashcards and media, in page order.
  std::vector<CompiledBlock> blocks;
  /// "block-id/question-id" for every question, in page order.
  std::vector<std::string> question_keys;
  /// Points of each question key (0 for ungraded ones), for score aggregation; without
  /// the questions of pools and assessments, which count through their quiz.
  std::map<std::string, double> question_points;
  /// Points of each pool or assessment quiz, counted by the learner's best result there.
  std::map<std::string, double> quiz_points;
  /// Attempts allowed, where the author limited them: per graded question key of a quiz
  /// in `check` mode, per assessment quiz id. The runtime tells from them when a course
  /// can no longer be passed (core::CourseProgress `failed`).
  std::map<std::string, int> attempt_limits;
  /// core::AnswerFingerprint of each quiz question key, for the site's content version.
  std::map<std::string, std::string> answer_fingerprints;
  /// The quizzes whose results the runtime keeps (core::QuizRef): [{id, mode, pass_mark,
  /// points: {key: points}}].
  nlohmann::json quiz_refs = nlohmann::json::array();
  /// Words of prose, for the duration estimate.
  int word_count = 0;
};

/// A module: a folder with `_index.md` inside a course.
struct Module : PageSource {
  std::string slug;
  bool sequential = false;
  std::vector<Lesson> lessons;
};

/// A course: a top-level folder with `_index.md`.
struct Course : PageSource {
  std::string slug;
  std::string audience;
  std::vector<std::string> objectives;
  std::vector<std::string> tags;
  std::vector<Prerequisite> prerequisites;
  /// Percent needed to pass; 0 when the course has no pass mark.
  int pass_mark = 0;
  bool certificate = false;
  std::string recertify_after;
  /// The cover picture (`image`, relative to the course's folder), as written, where it
  /// was written, and where it is published ("" without one).
  std::string image;
  SourceRef image_ref;
  std::string image_output;
  std::vector<Module> modules;
};

/// The whole site as loaded from `content/`.
struct Site {
  SiteConfig config;
  /// The optional root `_index.md`.
  PageSource home;
  std::vector<Course> courses;
  /// Files to copy into the site as they are (images, attachments): output path →
  /// path relative to the content root.
  std::map<std::string, std::string> static_files;
  /// Output path of `config.logo` once copied, and its width at the height the layout
  /// shows it (kLogoHeight), 0 when its size cannot be read.
  std::string logo_output;
  int logo_width = 0;
  /// A hash of every lesson id and its questions' answer fingerprints, set by the
  /// compile stage: it changes exactly when some answer does.
  std::string content_version;
  /// `morsel build --unlock-all`: no lesson is locked (sequential modules and prerequisites
  /// left out of the pages), for authors to preview; never for a published site.
  bool unlock_all = false;
};

/// The height in CSS pixels at which the layout shows the site's logo.
constexpr int kLogoHeight = 32;

/// Where a course's single-file edition is written: beside the course page,
/// "<course>/<course slug>-offline.html". Its pages link to it.
inline std::string OfflinePath(const Course& course) {
  const size_t slash = course.output_path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : course.output_path.substr(0, slash + 1);
  return dir + course.slug + "-offline.html";
}

/// Calls `visit(module, lesson)` for every lesson of `course`, in course order: the one
/// walk over a course's lessons.
template <typename CourseT, typename Visit>
void ForEachLesson(CourseT& course, Visit&& visit) {
  for (auto& module : course.modules) {
    for (auto& lesson : module.lessons) visit(module, lesson);
  }
}

/// Calls `visit(course, module, lesson)` for every lesson of the site, in site order.
template <typename Visit>
void ForEachLesson(const Site& site, Visit&& visit) {
  for (const Course& course : site.courses) {
    ForEachLesson(course, [&](const Module& module, const Lesson& lesson) { visit(course, module, lesson); });
  }
}

/// Calls `visit(course, module, lesson)` for every lesson of the site, to change it.
template <typename Visit>
void ForEachLesson(Site& site, Visit&& visit) {
  for (Course& course : site.courses) {
    ForEachLesson(course, [&](Module& module, Lesson& lesson) { visit(course, module, lesson); });
  }
}

}  // namespace morsel::gen
