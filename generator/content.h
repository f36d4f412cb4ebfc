#pragma once

#include <functional>
#include <map>
#include <string>

#include "generator/diagnostics.h"
#include "generator/model.h"
#include "generator/quiz_view.h"
#include "generator/theme.h"

namespace morsel::gen {

/// How one edition of the site (its pages, a course's single file) links and names what a
/// page's content holds. Each function gets the page and a link as compile resolved it.
struct ContentEdition {
  /// The href or src of a link or image in the page's markup.
  std::function<std::string(const PageSource& page, const ResolvedLink& link, bool is_image)> markup_url;
  /// The same in the texts the block's runtime form carries (feedback), which the glue
  /// inserts into the page as they are due.
  std::function<std::string(const PageSource& page, const ResolvedLink& link, bool is_image)> feedback_url;
  /// Written before every id of the page's content: headings and blocks' elements.
  std::function<std::string(const PageSource& page)> id_prefix;
  /// Whether flashcards offer their self-rating (with site.yml's features.review): not in
  /// the single-file edition, which loads no script of its own (runtime/web/review.js).
  bool rate_flashcards = true;
};

/// The site's own pages: every link as compile resolved it, ids as they are.
ContentEdition PagesEdition();

/// One compiled block rendered with the theme's `quiz`, `scenario` or `flashcards` template
/// and, for quizzes and case studies, its runtime form (sealed unless site.yml's
/// `plain_answer_keys`), its texts through `hooks`; flashcards with their self-rating when
/// `rate_flashcards`. False (reported) on a template error.
bool RenderBlockHtml(const Site& site, const Theme& theme, const CompiledBlock& compiled, const BlockTextHooks& hooks,
                     bool rate_flashcards, std::string* html, DiagnosticSink* sink);

/// Each page's content HTML, by output path: the home page's intro ("index.html"), each
/// course's overview, each lesson's body.
using Contents = std::map<std::string, std::string>;

/// The content HTML of the page at `output_path`; "" for a page without one (a site
/// without a home page).
const std::string& ContentOf(const Contents& contents, const std::string& output_path);

/// The HTML of `page`'s Markdown body for `edition`, its interactive blocks (`lesson`'s
/// compiled blocks; `lesson` is null for the home and course pages) rendered with the
/// theme's `quiz` and `scenario` templates, each with its runtime form (sealed unless
/// site.yml's `plain_answer_keys`). False (with diagnostics) on a template error.
bool RenderContent(const Site& site, const Theme& theme, const ContentEdition& edition, const PageSource& page,
                   const Lesson* lesson, std::string* html, DiagnosticSink* sink);

/// A page's content HTML, made when a stage asks for it: `page` is the home page, a
/// course or a lesson (then `lesson` is that lesson, else null); "" for a page without one
/// (a site without a home page). Made this way, no stage holds every page's content: a
/// module of 2,000 lessons with a question each held 4.2 MB of it.
using PageContent = std::function<std::string(const PageSource& page, const Lesson* lesson)>;

/// Each page's content as RenderContent makes it for `edition`, when asked; a template
/// error is reported to `sink` and sets *ok to false. Keeps references to its arguments.
PageContent RenderedContent(const Site& site, const Theme& theme, const ContentEdition& edition, DiagnosticSink* sink,
                            bool* ok);

/// Each page's content from `contents`, made before (kept by reference).
PageContent ContentsFrom(const Contents& contents);

/// Calls `visit(page, lesson)` for every page with content: the home page (when the site
/// has one), every course (lesson null) and every lesson.
void ForEachContentPage(const Site& site, const std::function<void(const PageSource&, const Lesson*)>& visit);

/// RenderContent for the home page, every course and every lesson of the site.
bool RenderContents(const Site& site, const Theme& theme, const ContentEdition& edition, Contents* contents,
                    DiagnosticSink* sink);

}  // namespace morsel::gen
