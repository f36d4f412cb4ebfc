#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "generator/assets.h"
#include "generator/content.h"
#include "generator/diagnostics.h"
#include "generator/engagement.h"
#include "generator/model.h"
#include "generator/mustache.h"
#include "generator/site_output.h"
#include "generator/theme.h"
#include "generator/workers.h"

namespace morsel::gen {

/// What rendering a page reads besides the model and the theme: all of it decided before
/// the first page is rendered, so no page is edited afterwards.
struct RenderInputs {
  /// Each page's content HTML for the edition being rendered, made as each page asks for
  /// it (generator/content.h).
  PageContent content;
  /// Published names of the fingerprinted files (generator/assets.h).
  const AssetNames& assets;
  /// Whether pages register the service worker (generator/hosting.h ServiceWorkerFits).
  bool offline = false;
  /// The gamification script (generator/engagement.h) pages load, when the site has one.
  SiteScript gamification;
};

/// A lesson as its page gives it to the core (ApiVisit's "lesson"): its id, question keys,
/// whole-quiz references and completion rule.
nlohmann::json LessonRuntime(const Lesson& lesson);

/// What the runtime needs to total a course's score and judge its locks (core's
/// ApiCourseProgress course): its pass mark and, per lesson, the points of each question,
/// assessment and quiz totals, attempt limits, completion rule and what the lesson requires
/// (nothing with `unlock_all`: `morsel build --unlock-all`, or a caller that only totals).
nlohmann::json CourseScoring(const Course& course, bool unlock_all);

/// Renders every page of a compiled site with the theme into `output`, each written as it
/// is rendered: home, My learning, 404, each course (and its scoring script) and each
/// lesson; of these, only `share`'s (generator/workers.h). Returns false on a template
/// error (with diagnostics) or a failed write (output->error()).
bool RenderSite(const Site& site, const Theme& theme, const RenderInputs& inputs, SiteOutput* output,
                DiagnosticSink* sink, const WorkShare& share = WorkShare{});

/// Renders theme template `name` with `data` (and `lists` generated) straight into file
/// `path` of `output`, piece by piece. False on a template error (reported to `sink`) or
/// a failed write (output->error(), which the build reports).
bool RenderToFile(const Theme& theme, const std::string& name, const nlohmann::json& data,
                  std::vector<GeneratedList> lists, const std::string& path, SiteOutput* output, DiagnosticSink* sink);

/// A course's lessons in course order, each with its module.
class CourseOrder {
 public:
  explicit CourseOrder(const Course& course);
  size_t size() const { return order_.size(); }
  const Module& module(size_t i) const { return *order_[i].first; }
  const Lesson& lesson(size_t i) const { return *order_[i].second; }

 private:
  std::vector<std::pair<const Module*, const Lesson*>> order_;
};

/// The data every page template receives (docs/theming.md): site, page, root, home_url,
/// t, hosting data (generator/hosting.h) and asset URLs
/// (generator/assets.h), for the page written at `output_path`.
nlohmann::json PageData(const Site& site, const Theme& theme, const RenderInputs& inputs,
                        const std::string& output_path, const std::string& title, const std::string& description);

class PageRenderer;

/// The template data of a course's single-file edition (generator/single_file.h), a page
/// at a time: the course page's data, and each lesson page's, in course order (without
/// "t" and "site", which a lesson reads from the course page's data). Contents are read
/// from `inputs` as each page's data is made: the single file's own, one page at a time.
class OfflineCoursePages {
 public:
  /// `inputs` is kept by reference: it must outlive this.
  OfflineCoursePages(const Site& site, const Theme& theme, const RenderInputs& inputs, const Course& course);
  ~OfflineCoursePages();
  OfflineCoursePages(const OfflineCoursePages&) = delete;
  OfflineCoursePages& operator=(const OfflineCoursePages&) = delete;

  nlohmann::json CoursePage() const;
  /// The generated lists of CoursePage's `data` (each module's `lessons`): take them once
  /// `data` is complete.
  std::vector<GeneratedList> LessonLists(nlohmann::json* data) const;
  const CourseOrder& order() const { return order_; }
  nlohmann::json LessonPage(size_t i) const;

 private:
  std::unique_ptr<PageRenderer> renderer_;
  const Course& course_;
  CourseOrder order_;
};

}  // namespace morsel::gen
