#include "generator/loader.h"

#include <algorithm>
#include <map>

#include "generator/front_matter.h"
#include "generator/yaml_json.h"
#include "runtime/core/schema.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsSlug(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

/// Parsed YAML with the positions needed to report problems in it.
struct Document {
  std::string path;
  json data = json::object();
  PositionMap positions;
};

class Loader {
 public:
  Loader(const FileSystem& fs, std::string root, DiagnosticSink* sink)
      : fs_(fs), root_(std::move(root)), sink_(sink) {}

  bool Load(Site* site) {
    LoadConfig(&site->config);
    std::string index = JoinPath(root_, "_index.md");
    if (fs_.IsFile(index)) {
      Document doc;
      if (ReadPage("_index.md", &site->home, &doc)) {
        core::Diagnostics found;
        core::ObjectChecker checker(doc.data, "", "the home page's front matter", &found);
        checker.AllowOnly({"title", "description"});
        site->home.title = checker.String("title");
        site->home.description = checker.String("description");
        Report(doc, found);
      }
    }
    site->home.output_path = "index.html";
    for (const DirEntry& entry : fs_.List(root_)) {
      if (!entry.is_dir) {
        if (EndsWith(entry.name, ".md") && entry.name != "_index.md") {
          sink_->Add({entry.name, 0, 0, Severity::kError,
                      "lesson is not inside a course and module", "lesson-outside-module",
                      "move it to <course>/<module>/" + entry.name});
        }
        continue;
      }
      Course course;
      if (LoadCourse(entry.name, &course)) site->courses.push_back(std::move(course));
    }
    SortByWeight(&site->courses);
    CheckOutputPaths(*site);
    return ok_;
  }

 private:
  void Report(const Document& doc, const core::Diagnostics& found) {
    for (const core::Diagnostic& d : found) {
      SourcePos pos = Locate(doc.positions, d.pointer, d.at_key);
      Add({doc.path, pos.line, pos.column, d.severity, d.message, d.code, d.hint});
    }
  }

  /// Diagnostics name files as the author typed the content folder: "content/a.md".
  void Add(SourceDiagnostic d) {
    d.path = JoinPath(root_, d.path);
    if (d.severity == Severity::kError) ok_ = false;
    sink_->Add(std::move(d));
  }

  bool ReadText(const std::string& rel, std::string* text) {
    std::string error;
    if (!fs_.ReadFile(JoinPath(root_, rel), text, &error)) {
      Add({rel, 0, 0, Severity::kError, error, "read-failed", ""});
      return false;
    }
    sink_->AddSource(JoinPath(root_, rel), *text);
    return true;
  }

  void LoadConfig(SiteConfig* config) {
    std::string text;
    if (!fs_.IsFile(JoinPath(root_, "site.yml"))) {
      Add({"site.yml", 0, 0, Severity::kError, "the content folder has no site.yml",
           "missing-site-config", "create it with at least 'title' and 'id'"});
      return;
    }
    if (!ReadText("site.yml", &text)) return;
    Document doc;
    doc.path = "site.yml";
    YamlOrigin origin{JoinPath(root_, "site.yml"), &text, 1, 0};
    if (!YamlToJson(text, origin, &doc.data, &doc.positions, sink_)) {
      ok_ = false;
      return;
    }
    if (doc.data.is_null()) doc.data = json::object();
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "site.yml", &found);
    checker.AllowOnly({"title", "id", "language", "description"});
    if (checker.Require("title")) config->title = checker.String("title");
    if (checker.Require("id")) {
      config->id = checker.String("id");
      if (doc.data.at("id").is_string() && !IsSlug(config->id)) {
        found.push_back({Severity::kError, "/id", false, "invalid-site-id",
                         "site id '" + config->id + "' must be a lowercase slug (a-z, 0-9, '-')",
                         "learners' progress is stored under this id: pick it once, keep it"});
      }
    }
    if (doc.data.contains("language")) config->language = checker.String("language");
    config->description = checker.String("description");
    Report(doc, found);
  }

  /// Reads a Markdown page and its front matter; false when it could not be parsed.
  bool ReadPage(const std::string& rel, PageSource* page, Document* doc) {
    std::string text;
    if (!ReadText(rel, &text)) return false;
    page->source_path = rel;
    doc->path = rel;
    FrontMatter fm = SplitFrontMatter(text);
    if (!fm.closed) {
      Add({rel, 1, 1, Severity::kError, "front matter is not closed", "front-matter-not-closed",
           "end it with a line holding only '---'"});
      return false;
    }
    page->body = fm.body;
    page->body_line = fm.body_line;
    if (!fm.present) return true;
    YamlOrigin origin{JoinPath(root_, rel), &text, fm.yaml_line, 0};
    if (!YamlToJson(fm.yaml, origin, &doc->data, &doc->positions, sink_)) {
      ok_ = false;
      return false;
    }
    if (doc->data.is_null()) doc->data = json::object();
    return true;
  }

  int Weight(core::ObjectChecker& checker, const json& data, core::Diagnostics* found) {
    if (!data.is_object() || !data.contains("weight")) return 0;
    if (!data.at("weight").is_number_integer()) {
      found->push_back({Severity::kError, checker.PointerTo("weight"), false, "wrong-type",
                        "'weight' must be a whole number", "pages are ordered by weight, then name"});
      return 0;
    }
    return data.at("weight").get<int>();
  }

  bool LoadCourse(const std::string& dir, Course* course) {
    std::string index = JoinPath(dir, "_index.md");
    if (!fs_.IsFile(JoinPath(root_, index))) {
      // Folders without Markdown (images, attachments) are not courses.
      if (ContainsMarkdown(dir)) {
        Add({dir, 0, 0, Severity::kError, "folder '" + dir + "' holds lessons but has no _index.md",
             "missing-index", "add " + index + " with the course's title"});
      }
      return false;
    }
    Document doc;
    if (!ReadPage(index, course, &doc)) return false;
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "a course's front matter", &found);
    checker.AllowOnly({"title", "weight", "description"});
    if (checker.Require("title")) course->title = checker.String("title");
    course->description = checker.String("description");
    course->weight = Weight(checker, doc.data, &found);
    Report(doc, found);
    course->slug = SlugFromName(dir);
    course->id = course->slug;
    course->output_path = course->slug + "/index.html";
    for (const DirEntry& entry : fs_.List(JoinPath(root_, dir))) {
      std::string rel = JoinPath(dir, entry.name);
      if (entry.is_dir) {
        Module module;
        if (LoadModule(rel, *course, &module)) course->modules.push_back(std::move(module));
      } else if (EndsWith(entry.name, ".md") && entry.name != "_index.md") {
        Add({rel, 0, 0, Severity::kError, "lesson is not inside a module", "lesson-outside-module",
             "move it into a module folder: " + dir + "/<module>/" + entry.name});
      }
    }
    if (course->modules.empty()) {
      Add({index, 0, 0, Severity::kError, "course '" + course->title + "' has no modules",
           "empty-course", "add a module folder with an _index.md and lessons"});
    }
    SortByWeight(&course->modules);
    return true;
  }

  bool ContainsMarkdown(const std::string& dir) const {
    for (const DirEntry& e : fs_.List(JoinPath(root_, dir))) {
      std::string rel = JoinPath(dir, e.name);
      if (e.is_dir ? ContainsMarkdown(rel) : EndsWith(e.name, ".md")) return true;
    }
    return false;
  }

  bool LoadModule(const std::string& dir, const Course& course, Module* module) {
    std::string index = JoinPath(dir, "_index.md");
    if (!fs_.IsFile(JoinPath(root_, index))) {
      if (ContainsMarkdown(dir)) {
        Add({dir, 0, 0, Severity::kError, "folder '" + dir + "' holds lessons but has no _index.md",
             "missing-index", "add " + index + " with the module's title"});
      }
      return false;
    }
    Document doc;
    if (!ReadPage(index, module, &doc)) return false;
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "a module's front matter", &found);
    checker.AllowOnly({"title", "weight", "description"});
    if (checker.Require("title")) module->title = checker.String("title");
    module->description = checker.String("description");
    module->weight = Weight(checker, doc.data, &found);
    Report(doc, found);
    module->slug = SlugFromName(dir.substr(dir.rfind('/') + 1));
    module->id = course.id + "/" + module->slug;
    for (const DirEntry& entry : fs_.List(JoinPath(root_, dir))) {
      if (entry.is_dir || !EndsWith(entry.name, ".md") || entry.name == "_index.md") continue;
      Lesson lesson;
      if (LoadLesson(JoinPath(dir, entry.name), course, *module, &lesson)) {
        module->lessons.push_back(std::move(lesson));
      }
    }
    if (module->lessons.empty()) {
      Add({index, 0, 0, Severity::kError, "module '" + module->title + "' has no lessons",
           "empty-module", "add a lesson file (.md) to " + dir});
    }
    SortByWeight(&module->lessons);
    return true;
  }

  bool LoadLesson(const std::string& rel, const Course& course, const Module& module,
                  Lesson* lesson) {
    Document doc;
    if (!ReadPage(rel, lesson, &doc)) return false;
    core::Diagnostics found;
    core::ObjectChecker checker(doc.data, "", "a lesson's front matter", &found);
    checker.AllowOnly({"title", "weight", "description", "duration_minutes"});
    if (checker.Require("title")) lesson->title = checker.String("title");
    lesson->description = checker.String("description");
    lesson->weight = Weight(checker, doc.data, &found);
    if (doc.data.is_object() && doc.data.contains("duration_minutes")) {
      const json& d = doc.data.at("duration_minutes");
      if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > 600) {
        found.push_back({Severity::kError, "/duration_minutes", false, "wrong-type",
                         "'duration_minutes' must be a whole number of minutes from 1 to 600",
                         "micro-lessons take 2-5 minutes"});
      } else {
        lesson->duration_minutes = d.get<int>();
      }
    }
    Report(doc, found);
    std::string slug = SlugFromName(rel.substr(rel.rfind('/') + 1));
    lesson->id = module.id + "/" + slug;
    lesson->output_path = course.slug + "/" + module.slug + "/" + slug + ".html";
    return true;
  }

  template <typename T>
  static void SortByWeight(std::vector<T>* pages) {
    std::stable_sort(pages->begin(), pages->end(), [](const T& a, const T& b) {
      if (a.weight != b.weight) return a.weight < b.weight;
      return a.source_path < b.source_path;
    });
  }

  void CheckOutputPaths(const Site& site) {
    std::map<std::string, std::string> seen;
    auto claim = [&](const PageSource& page) {
      auto [it, inserted] = seen.emplace(page.output_path, page.source_path);
      if (!inserted) {
        Add({page.source_path, 0, 0, Severity::kError,
             "'" + page.source_path + "' and '" + it->second + "' would both be written to '" +
                 page.output_path + "'",
             "duplicate-output-path", "rename one of them: 'NN-' prefixes are not part of the page name"});
      }
    };
    for (const Course& c : site.courses) {
      claim(c);
      for (const Module& m : c.modules) {
        for (const Lesson& l : m.lessons) claim(l);
      }
    }
  }

  const FileSystem& fs_;
  std::string root_;
  DiagnosticSink* sink_;
  bool ok_ = true;
};

}  // namespace

std::string SlugFromName(const std::string& name) {
  std::string slug = EndsWith(name, ".md") ? name.substr(0, name.size() - 3) : name;
  size_t digits = 0;
  while (digits < slug.size() && slug[digits] >= '0' && slug[digits] <= '9') ++digits;
  if (digits > 0 && digits < slug.size() - 1 && slug[digits] == '-') slug = slug.substr(digits + 1);
  return slug;
}

bool LoadSite(const FileSystem& fs, const std::string& root, Site* site, DiagnosticSink* sink) {
  return Loader(fs, root, sink).Load(site);
}

}  // namespace morsel::gen
