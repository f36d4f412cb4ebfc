#include "generator/compile.h"

#include <map>

#include "generator/file_system.h"
#include "generator/markdown.h"
#include "generator/yaml_json.h"
#include "runtime/core/quiz.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

bool IsExternal(const std::string& url) {
  if (url.empty() || url[0] == '#' || url[0] == '/' || url.compare(0, 2, "//") == 0) return true;
  size_t colon = url.find(':');
  size_t slash = url.find('/');
  return colon != std::string::npos && (slash == std::string::npos || colon < slash);
}

/// Compiles the Markdown of one page. Holds only read-only references to the site, so
/// pages can later be compiled independently.
class PageCompiler {
 public:
  PageCompiler(const std::map<std::string, std::string>& pages, const Theme& theme,
               const std::string& root, DiagnosticSink* sink)
      : pages_(pages), theme_(theme), root_(root), sink_(sink) {}

  std::string Compile(const PageSource& page, Lesson* lesson) {
    page_ = &page;
    lesson_ = lesson;
    quiz_count_ = 0;
    display_path_ = JoinPath(root_, page.source_path);
    MarkdownHooks hooks;
    hooks.is_block = [](const std::string& info) { return info == "quiz"; };
    hooks.render_block = [this](const FencedBlock& block) { return RenderQuiz(block); };
    hooks.rewrite_url = [this](const std::string& url, bool, int line, int column) {
      return RewriteUrl(url, line, column);
    };
    return RenderMarkdown(page.body, page.body_line, false, hooks);
  }

  bool ok() const { return ok_; }

 private:
  void Error(int line, int column, std::string message, std::string code, std::string hint) {
    sink_->Add({display_path_, line, column, Severity::kError, std::move(message),
                std::move(code), std::move(hint)});
    ok_ = false;
  }

  std::string RewriteUrl(const std::string& url, int line, int column) {
    if (IsExternal(url)) return url;
    size_t hash = url.find('#');
    std::string path = url.substr(0, hash);
    std::string fragment = hash == std::string::npos ? "" : url.substr(hash);
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".md") != 0) return url;
    std::string target = NormalizePath(JoinPath(DirName(page_->source_path), path));
    auto it = pages_.find(target);
    if (it == pages_.end()) {
      Error(line, column, "link to '" + path + "' does not match any page", "broken-link",
            "links are relative to this file: check the path and the file name");
      return url;
    }
    return RelativePath(DirName(page_->output_path), it->second) + fragment;
  }

  std::string RenderQuiz(const FencedBlock& block) {
    ++quiz_count_;
    if (lesson_ == nullptr) {
      Error(block.first_line - 1, block.indent + 1,
            "quiz blocks belong in lessons, not in course or home pages", "block-outside-lesson",
            "move the quiz into a lesson");
      return "";
    }
    const std::string* text = sink_->Source(display_path_);
    YamlOrigin origin{display_path_, text, block.first_line, block.indent};
    json authored;
    PositionMap positions;
    if (!YamlToJson(block.literal, origin, &authored, &positions, sink_)) {
      ok_ = false;
      return "";
    }
    core::Quiz quiz;
    core::Diagnostics found;
    core::ParseQuiz(authored, &quiz, &found);
    for (const core::Diagnostic& d : found) {
      SourcePos pos = Locate(positions, d.pointer, d.at_key);
      if (pos.line == 0) {
        pos.line = block.first_line - 1;
        pos.column = block.indent + 1;
      }
      sink_->Add({display_path_, pos.line, pos.column, d.severity, d.message, d.code, d.hint});
      if (d.severity == Severity::kError) ok_ = false;
    }
    if (core::HasErrors(found)) return "";

    if (quiz.id.empty()) quiz.id = "quiz-" + std::to_string(quiz_count_);
    quiz.id = lesson_->id + ":" + quiz.id;
    json questions = json::array();
    for (size_t q = 0; q < quiz.questions.size(); ++q) {
      core::Question& question = quiz.questions[q];
      lesson_->question_keys.push_back(quiz.id + "/" + question.id);
      std::string dom_id = DomId(quiz.id + "-" + question.id);
      json options = json::array();
      for (size_t o = 0; o < question.options.size(); ++o) {
        core::Option& option = question.options[o];
        options.push_back({{"index", o},
                           {"input_id", dom_id + "-" + std::to_string(o)},
                           {"text_html", RenderInlineMarkdown(option.text)}});
        option.feedback = RenderInlineMarkdown(option.feedback);
      }
      questions.push_back({{"id", question.id},
                           {"dom_id", dom_id},
                           {"number", q + 1},
                           {"count", quiz.questions.size()},
                           {"prompt_html", RenderInlineMarkdown(question.prompt)},
                           {"options", std::move(options)}});
    }
    json data = {{"id", quiz.id},
                 {"dom_id", DomId(quiz.id)},
                 {"multiple", quiz.questions.size() > 1},
                 {"questions", std::move(questions)},
                 {"runtime_json", ScriptJson(core::QuizToRuntime(quiz))},
                 {"t", theme_.strings.value("theme", json::object())}};
    std::string html;
    TemplateError error;
    if (!theme_.templates.Render("quiz", data, &html, &error)) {
      sink_->Add({"theme/" + error.name, error.line, error.column, Severity::kError,
                  error.message, "template-render", ""});
      ok_ = false;
    }
    return html;
  }

  /// An HTML id from a block id: ids keep their letters, digits and '-'.
  static std::string DomId(const std::string& id) {
    std::string out = "morsel-";
    for (char c : id) {
      bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      out += keep ? c : '-';
    }
    return out;
  }

  const std::map<std::string, std::string>& pages_;
  const Theme& theme_;
  const std::string& root_;
  DiagnosticSink* sink_;
  const PageSource* page_ = nullptr;
  Lesson* lesson_ = nullptr;
  int quiz_count_ = 0;
  std::string display_path_;
  bool ok_ = true;
};

}  // namespace

std::string ScriptJson(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

bool CompileSite(Site* site, const Theme& theme, const std::string& root, DiagnosticSink* sink) {
  // Source path → output path of every page, for link rewriting.
  std::map<std::string, std::string> pages;
  if (!site->home.source_path.empty()) pages[site->home.source_path] = "index.html";
  for (const Course& course : site->courses) {
    pages[course.source_path] = course.output_path;
    for (const Module& module : course.modules) {
      pages[module.source_path] = course.output_path + "#module-" + module.slug;
      for (const Lesson& lesson : module.lessons) pages[lesson.source_path] = lesson.output_path;
    }
  }
  PageCompiler compiler(pages, theme, root, sink);
  if (!site->home.source_path.empty()) site->intro_html = compiler.Compile(site->home, nullptr);
  for (Course& course : site->courses) {
    course.overview_html = compiler.Compile(course, nullptr);
    for (Module& module : course.modules) {
      for (Lesson& lesson : module.lessons) lesson.html = compiler.Compile(lesson, &lesson);
    }
  }
  return compiler.ok();
}

}  // namespace morsel::gen
