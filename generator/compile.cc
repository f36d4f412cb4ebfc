#include "generator/compile.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "generator/file_system.h"
#include "generator/html_escape.h"
#include "generator/image_size.h"
#include "generator/loader.h"
#include "generator/markdown.h"
#include "generator/processing.h"
#include "generator/quiz_view.h"
#include "generator/text.h"
#include "generator/url_safety.h"
#include "generator/yaml_json.h"
#include "runtime/core/edit_distance.h"
#include "runtime/core/points.h"
#include "runtime/core/quiz.h"
#include "runtime/core/quiz_runtime.h"
#include "runtime/core/scenario.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

bool IsExternal(const std::string& url) {
  return url.empty() || url[0] == '#' || url[0] == '/' || !UrlScheme(url).empty();
}

/// The index a JSON pointer's part of digits names ("12" of "/questions/12"); false
/// unless `text` is all digits (and not too long to be an index).
bool PointerIndex(const std::string& text, size_t* index) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  *index = static_cast<size_t>(std::stoul(text));
  return true;
}

/// The generator's hint for a core diagnostic that has none, where the block's YAML shows
/// the slip: quiz items pasted without `questions:`, or options written as plain text. The
/// core (in the browser's runtime too) states the problem; saying how to fix it stays here
/// so the runtime does not grow. "" when there is nothing to add.
std::string AuthoringHint(const FencedBlock& block, const json& authored, const core::Diagnostic& d) {
  if (block.info != "quiz" || d.code != "wrong-type") return "";
  if (d.pointer.empty() && authored.is_array()) {
    return "a quiz block's questions go under 'questions:': write 'questions:' on a line of its own above the "
           "first '- '";
  }
  // "/questions/<i>/options/<j>", the option a plain text.
  static const std::string kQuestions = "/questions/", kOptions = "/options/";
  if (d.pointer.compare(0, kQuestions.size(), kQuestions) != 0) return "";
  const size_t options_at = d.pointer.find(kOptions, kQuestions.size());
  size_t question = 0, option = 0;
  if (options_at == std::string::npos ||
      !PointerIndex(d.pointer.substr(kQuestions.size(), options_at - kQuestions.size()), &question) ||
      !PointerIndex(d.pointer.substr(options_at + kOptions.size()), &option)) {
    return "";
  }
  const json* questions = authored.is_object() && authored.contains("questions") ? &authored.at("questions") : nullptr;
  if (questions == nullptr || !questions->is_array() || question >= questions->size()) return "";
  const json& q = questions->at(question);
  if (!q.is_object() || !q.contains("options") || !q.at("options").is_array() || option >= q.at("options").size() ||
      !q.at("options").at(option).is_string()) {
    return "";
  }
  const std::string type = q.contains("type") && q.at("type").is_string() ? q.at("type").get<std::string>() : "";
  std::string hint = "write each option as a mapping: {text: " + json(q.at("options").at(option)).dump() + "}";
  if (type == "poll") return hint;
  return hint + (type == "multiple" ? ", and add 'correct: true' to each right one"
                                    : ", and add 'correct: true' to the right one");
}

/// Where a content file is copied: its folders lose their "NN-" prefixes, as pages do,
/// so that a lesson's relative links to files beside it stay valid.
std::string StaticOutputPath(const std::string& source) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t slash = source.find('/', start);
    if (slash == std::string::npos) return out + source.substr(start);
    out += SlugFromName(source.substr(start, slash - start)) + "/";
    start = slash + 1;
  }
}

/// Where the link or image whose destination starts at `url_at` in `text` starts: its "["
/// or "![" when "[…](" precedes the destination on its line (brackets in the link text
/// balanced), else `url_at`. cmark places a body link there.
size_t LinkStart(const std::string& text, size_t line_start, size_t url_at) {
  if (url_at < line_start + 3 || text.compare(url_at - 2, 2, "](") != 0) return url_at;
  int depth = 0;
  for (size_t i = url_at - 2;; --i) {
    if (text[i] == ']') {
      ++depth;
    } else if (text[i] == '[' && --depth == 0) {
      return i > line_start && text[i - 1] == '!' ? i - 1 : i;
    }
    if (i == line_start) return url_at;
  }
}

/// Broken links of one page that get a "did you mean", and the longest path that does.
constexpr int kMaxSuggestionsPerPage = 100;
constexpr size_t kMaxSuggestedPath = 255;
/// Names compared with what broken links meant, in a whole build: each comparison is an
/// edit distance (about a microsecond for a path), so thousands of broken links in a site
/// of thousands of pages stay within seconds.
constexpr size_t kMaxSuggestionComparisons = 2'000'000;

/// A link to check once every page is compiled and its anchors are known.
struct PendingAnchor {
  std::string path;
  int line = 0;
  int column = 0;
  std::string page;
  std::string anchor;
  std::string written;
};

/// Compiles the Markdown of one page into the model: its links resolved, its blocks
/// parsed with their ids and question keys, its headings' anchors. Holds only read-only
/// references to the site, so pages can later be compiled independently; what it finds
/// for the whole site (files to copy, anchors to check) it appends to lists the caller
/// owns. It renders no HTML: that is the render stage's (generator/content.h).
class PageCompiler {
 public:
  PageCompiler(const std::map<std::string, std::string>& pages, const FileSystem& fs, const std::string& root,
               const SiteConfig& config, Lock* lock, DiagnosticSink* sink,
               std::map<std::string, std::string>* static_files, std::vector<PendingAnchor>* anchors)
      : pages_(pages),
        fs_(fs),
        root_(root),
        config_(config),
        lock_(lock),
        sink_(sink),
        static_files_(static_files),
        pending_(anchors) {}

  /// Compiles `page` (also `lesson`, or null for the home and course pages); returns
  /// what the walk of its Markdown found (anchors, words).
  RenderedMarkdown Compile(PageSource* page, Lesson* lesson) {
    page_ = page;
    lesson_ = lesson;
    block_count_ = 0;
    media_count_ = 0;
    raw_html_warned_ = false;
    suggestions_ = 0;
    block_ids_.clear();
    new_block_ids_.clear();
    heading_ids_ = HeadingIds();
    display_path_ = JoinPath(root_, page->source_path);
    const ProcessingFile processing(display_path_);
    MarkdownHooks hooks;
    hooks.is_block = IsInteractiveBlock;
    hooks.render_block = [this](const FencedBlock& block) {
      CompileBlock(block);
      return std::string();
    };
    hooks.rewrite_url = [this](const std::string& url, bool is_image, int line, int column) {
      return RewriteUrl(url, is_image, line, column);
    };
    // The body's headings are numbered first, as the walk meets them; its blocks' texts
    // are rendered afterwards and take the next free ids, so a body heading keeps its id
    // (links and resume positions name it) whatever the blocks say.
    hooks.heading_ids = &heading_ids_;
    MarkdownLimit limit;
    if (!WithinMarkdownLimits(page->body, page->body_line, &limit)) {
      Error(limit.line, limit.column, limit.message, "too-large", limit.hint);
      return {};
    }
    RenderedMarkdown walked = RenderMarkdown(page->body, page->body_line, config_.raw_html, hooks);
    if (!config_.raw_html && walked.raw_html_line > 0) {
      WarnRawHtml({walked.raw_html_line, walked.raw_html_column},
                  "raw HTML is omitted from the page: 'raw_html' is off",
                  "write it in Markdown; set 'raw_html: true' in site.yml only if you trust every author "
                  "(docs/security.md)");
    }
    if (walked.too_deep.line > 0) {
      Error(walked.too_deep.line, walked.too_deep.column, walked.too_deep.message, "too-deep", walked.too_deep.hint);
    }
    page->anchors = walked.anchors;
    WarnOrphanedBlocks();
    return walked;
  }

  bool ok() const { return ok_; }

 private:
  void Error(int line, int column, std::string message, std::string code, std::string hint) {
    sink_->Add(gen::Error(display_path_, line, column, std::move(code), std::move(message), std::move(hint)));
    ok_ = false;
  }

  void Warn(const SourcePos& at, std::string message, std::string code, std::string hint) {
    sink_->Add(Warning(display_path_, at.line, at.column, std::move(code), std::move(message), std::move(hint)));
  }

  /// `raw-html-omitted`, once per file: its first raw HTML is enough to look for the rest.
  void WarnRawHtml(const SourcePos& at, std::string message, std::string hint) {
    if (raw_html_warned_) return;
    raw_html_warned_ = true;
    Warn(at, std::move(message), "raw-html-omitted", std::move(hint));
  }

  /// Resolves a link or image of the page (reported when it names nothing) and records it
  /// in the page's links; returns the URL the page links it by.
  std::string RewriteUrl(const std::string& url, bool is_image, int line, int column) {
    if (const std::string scheme = UnsafeUrlScheme(url, is_image); !scheme.empty()) {
      // Refused whatever raw_html says: cmark-gfm's own filter is off with raw HTML.
      Error(line, column, std::string(is_image ? "image" : "link") + " to a " + scheme + ": URL is refused",
            "unsafe-url",
            "a page never links javascript:, vbscript: or data: URLs (data: only for PNG, GIF, JPEG or WebP "
            "images): link a page or file of the site, or an http(s) address");
      return std::string();
    }
    if (!url.empty() && url[0] == '#') {
      pending_->push_back({display_path_, line, column, page_->output_path, url.substr(1), url});
      page_->links[url] = {url, "", url, false};
      return url;
    }
    if (IsExternal(url)) return url;
    size_t cut = url.find_first_of("?#");
    std::string path = url.substr(0, cut);
    std::string suffix = cut == std::string::npos ? "" : url.substr(cut);
    std::string target = NormalizePath(JoinPath(DirName(page_->source_path), path));
    const bool markdown = HasExtension(path, {"md"});
    if (is_image && !IsImagePath(path)) {
      Error(line, column, "'" + path + "' is not an image", "not-an-image",
            markdown ? "link to a page with [text](" + path + "), not ![...]()"
                     : "images are .png, .jpg, .jpeg, .gif, .svg, .webp or .avif; link other "
                       "files with [text](" +
                           path + ")");
      return url;
    }
    if (markdown) {
      auto it = pages_.find(target);
      if (it == pages_.end()) {
        const std::string near = NearestPage(target, path);
        Error(line, column, "link to '" + path + "' does not match any page", "broken-link",
              near.empty() ? "links are relative to this file: check the path and the file name"
                           : "did you mean '" + near + "'?");
        return url;
      }
      std::string page = it->second.substr(0, it->second.find('#'));
      if (suffix.size() > 1 && suffix[0] == '#') {
        pending_->push_back({display_path_, line, column, page, suffix.substr(1), url});
      }
      std::string output = it->second;
      if (!suffix.empty()) output = page + suffix;
      const ResolvedLink& link = page_->links[url] = {RelativePath(DirName(page_->output_path), output), page,
                                                      output.substr(page.size()), false};
      return link.url;
    }
    const bool escapes = target.compare(0, 3, "../") == 0 || target == "..";
    if (const std::string refused = escapes ? "" : fs_.Refusal(JoinPath(root_, target)); !refused.empty()) {
      Error(line, column, std::string(is_image ? "image" : "file") + " '" + path + "' " + refused, "outside-source",
            "copy the file into the content folder instead of linking to it");
      return url;
    }
    if (escapes || !fs_.IsFile(JoinPath(root_, target))) {
      const std::string near = escapes ? "" : NearestFile(target, path, is_image);
      Error(line, column, std::string(is_image ? "image" : "file") + " '" + path + "' does not exist",
            is_image ? "missing-image" : "broken-link",
            near.empty() ? "paths are relative to this file, and files must be inside the content folder"
                         : "did you mean '" + near + "'?");
      return url;
    }
    std::string output = StaticOutputPath(target);
    (*static_files_)[output] = target;
    ResolvedLink& link =
        page_->links[url] = {RelativePath(DirName(page_->output_path), output) + suffix, output, suffix, true};
    link.bytes = fs_.FileSize(JoinPath(root_, target));
    if (is_image) {
      // Each picture's header is read once in a build, however many times it is shown.
      auto [size, unread] = image_sizes_.try_emplace(target);
      std::string bytes, error;
      if (unread && fs_.ReadFile(JoinPath(root_, target), &bytes, &error)) size->second = ReadImageSize(bytes);
      link.width = size->second.width;
      link.height = size->second.height;
    }
    return link.url;
  }

  /// Whether one more broken link of the page may look for what it meant: a page of
  /// thousands of broken links (or of very long ones) would otherwise take minutes.
  bool MaySuggest(const std::string& path) {
    if (path.size() > kMaxSuggestedPath || suggestions_ == kMaxSuggestionsPerPage) return false;
    ++suggestions_;
    return true;
  }

  /// Whether `candidates` more names may be compared (kMaxSuggestionComparisons); counts them.
  bool MayCompare(size_t candidates) {
    if (candidates > comparisons_left_) return false;
    comparisons_left_ -= candidates;
    return true;
  }

  /// The page a broken link to `target` (written `path`) probably meant, as this page
  /// would link it ("02-lawful-basis.md" for "02-lawfull-basis.md"), or "". Candidates:
  /// the pages of the folder the link leads to (a typo in the name) and the pages of the
  /// same file name elsewhere (a typo in a folder, or a moved page). Every page for every
  /// broken link took four minutes to check a site of 5,000 lessons whose links broke.
  std::string NearestPage(const std::string& target, const std::string& path) {
    if (!MaySuggest(path)) return "";
    if (pages_by_folder_.empty()) {
      for (const auto& entry : pages_) {
        pages_by_folder_[DirName(entry.first)].push_back(entry.first);
        pages_by_name_[entry.first.substr(entry.first.rfind('/') + 1)].push_back(entry.first);
      }
    }
    std::vector<std::string> candidates;
    const auto add = [&](const auto& map, const std::string& key) {
      auto it = map.find(key);
      if (it == map.end()) return;
      for (const std::string& page : it->second) {
        candidates.push_back(RelativePath(DirName(page_->source_path), page));
      }
    };
    add(pages_by_folder_, DirName(target));
    add(pages_by_name_, target.substr(target.rfind('/') + 1));
    return MayCompare(candidates.size()) ? core::Suggest(NormalizePath(path), candidates) : "";
  }

  /// The file beside the missing `target` (written `path`) that a link probably meant
  /// (an image, for an image), written as the link wrote its folder, or "".
  std::string NearestFile(const std::string& target, const std::string& path, bool is_image) {
    if (!MaySuggest(path)) return "";
    std::vector<std::string> names;
    for (const DirEntry& e : fs_.List(JoinPath(root_, DirName(target)))) {
      if (!e.is_dir && (!is_image || IsImagePath(e.name))) names.push_back(e.name);
    }
    const size_t slash = path.rfind('/');
    if (!MayCompare(names.size())) return "";
    const std::string near = core::Suggest(path.substr(slash + 1), names);
    return near.empty() ? "" : path.substr(0, slash + 1) + near;
  }

  /// An interactive block's parsed YAML and the id it gets in the lesson.
  struct ParsedBlock {
    json authored;
    PositionMap positions;
  };

  /// Parses a block's YAML; false (reported) when it is not in a lesson or not YAML.
  bool ParseBlock(const FencedBlock& block, ParsedBlock* parsed) {
    if (lesson_ == nullptr) {
      Error(block.first_line - 1, block.indent + 1,
            block.info + " blocks belong in lessons, not in course or home pages", "block-outside-lesson",
            "move the " + block.info + " into a lesson");
      return false;
    }
    const std::string* text = sink_->Source(display_path_);
    YamlOrigin origin{display_path_, text, block.first_line, block.indent};
    if (!YamlToJson(block.literal, origin, &parsed->authored, &parsed->positions, sink_)) {
      ok_ = false;
      return false;
    }
    return true;
  }

  /// Reports the core's diagnostics at their places in the file, with the generator's
  /// hint where the core gives none (`AuthoringHint`); false on an error.
  bool Report(const FencedBlock& block, const ParsedBlock& parsed, const core::Diagnostics& found) {
    for (const core::Diagnostic& found_one : FoldNearMisses(found)) {
      core::Diagnostic d = found_one;
      if (d.hint.empty()) d.hint = AuthoringHint(block, parsed.authored, d);
      SourcePos pos = Locate(parsed.positions, d.pointer, d.at_key);
      if (pos.line == 0) {
        pos.line = block.first_line - 1;
        pos.column = block.indent + 1;
      }
      sink_->Add(Located(d, display_path_, pos.line, pos.column));
      if (d.severity == Severity::kError) ok_ = false;
    }
    return !core::HasErrors(found);
  }

  /// Where to report something about the value at `pointer` of a block: its place in
  /// the file, else the block's fence line.
  static SourcePos At(const FencedBlock& block, const ParsedBlock& parsed, const std::string& pointer) {
    SourcePos pos = Locate(parsed.positions, pointer, false);
    if (pos.line == 0) return {block.first_line - 1, block.indent + 1, 0, 0};
    return pos;
  }

  /// The block's id in the site: "<lesson id>:<block id>", from the lock; "" (reported)
  /// when two blocks of the lesson would share it.
  std::string BlockId(const FencedBlock& block, const ParsedBlock& parsed, const std::string& author_id) {
    const size_t index = static_cast<size_t>(block_count_ - 1);
    if (!author_id.empty() && !lock_->HasBlock(lesson_->id, author_id)) {
      new_block_ids_.push_back({index, author_id, At(block, parsed, "/id")});
    }
    std::string id = lock_->BlockId(lesson_->id, index, Fingerprint(block.literal), block.info, author_id);
    const SourcePos here = At(block, parsed, "/id");
    if (auto [first, inserted] = block_ids_.emplace(id, here); !inserted) {
      // Reported at the first block with the id, before what the lock says about its
      // answers: the lock recorded them for one of the two.
      Error(first->second.line, first->second.column,
            "block id '" + id + "' is used twice in this lesson: here and at line " + std::to_string(here.line),
            "duplicate-id", "give each block of a lesson its own id");
      return "";
    }
    return lesson_->id + ":" + id;
  }

  /// A new author-given block id where the lock recorded another block that no block
  /// of the lesson kept: learners' answers there are orphaned.
  void WarnOrphanedBlocks() {
    if (lesson_ == nullptr) return;
    for (const NewBlockId& added : new_block_ids_) {
      const std::string old = lock_->OrphanedBlockAt(lesson_->id, added.index);
      if (old.empty()) continue;
      Warn(added.at,
           "block id '" + old + "' (recorded in morsel.lock) is now '" + added.id +
               "': answers learners gave in it are no longer shown",
           "progress-reset",
           "keep the recorded id: write 'id: " + old +
               "' on the block; if learners really must start over, build to record the new id");
    }
  }

  /// Compares the quiz's questions with those the lock recorded at the last build and
  /// warns where learners' answers would go stale or be lost; then records them.
  void CheckAnswers(const FencedBlock& block, const ParsedBlock& parsed, const std::string& block_id,
                    const core::Quiz& quiz) {
    std::vector<Lock::QuestionEntry> now;
    for (const core::Question& q : quiz.questions) now.push_back({q.id, core::AnswerFingerprint(q)});
    const std::vector<Lock::QuestionEntry> before = lock_->RecordQuestions(lesson_->id, block_id, now);
    std::map<std::string, std::string> recorded;
    for (const Lock::QuestionEntry& q : before) recorded[q.id] = q.answer;
    std::set<std::string> current;
    for (const Lock::QuestionEntry& q : now) current.insert(q.id);
    const bool keep = config_.stale_answers == "keep";
    for (size_t i = 0; i < now.size(); ++i) {
      const std::string pointer = "/questions/" + std::to_string(i);
      const std::string& id = now[i].id;
      auto old = recorded.find(id);
      if (old != recorded.end()) {
        if (old->second.empty() || old->second == now[i].answer) continue;
        if (quiz.questions[i].type == core::QuestionType::kAttestation) {
          Warn(At(block, parsed, pointer),
               "the statement of attestation '" + id + "' in block '" + block_id +
                   "' changed: learners must confirm it again, and courses they completed reopen "
                   "until they do",
               "answer-changed",
               "if the change is intended, build to record it in morsel.lock; to keep learners' "
               "confirmations, restore the statement as it was");
        } else {
          Warn(At(block, parsed, pointer),
               "the right answer of question '" + id + "' in block '" + block_id +
                   "' changed: learners' earlier attempts will be marked stale" +
                   (keep ? " (they keep their results: progress.stale_answers is 'keep')"
                         : " and they will be asked again"),
               "answer-changed",
               keep ? "if the change is intended, build to record it in morsel.lock"
                    : "if it only fixes a typo in an accepted answer and earlier results should "
                      "stand, set 'stale_answers: keep' under 'progress' in site.yml; if the change "
                      "is intended, build to record it in morsel.lock");
        }
      } else if (i < before.size() && current.count(before[i].id) == 0) {
        Warn(At(block, parsed, pointer + "/id"),
             "question id '" + before[i].id + "' in block '" + block_id + "' is now '" + id +
                 "': answers learners gave to it are no longer shown",
             "progress-reset",
             "keep the old id: write 'id: " + before[i].id +
                 "' on the question; if learners really must answer again, build to record the new id");
      }
    }
  }

  /// Links and images in a block's texts (prompts, options, hints, feedback, case-study
  /// nodes) are the page's own: resolved and checked as in the body. Reported where the
  /// URL first appears in the block's YAML (at the "[" or "![" before it, as in the
  /// body), else at the fence.
  MarkdownHooks BlockLinks(const FencedBlock& block) {
    MarkdownHooks links;
    links.rewrite_url = [this, &block](const std::string& url, bool is_image, int, int) {
      const std::string& yaml = block.literal;
      size_t at = url.empty() ? std::string::npos : yaml.find(url);
      if (at == std::string::npos) return RewriteUrl(url, is_image, block.first_line - 1, block.indent + 1);
      const size_t newline = yaml.rfind('\n', at);
      const size_t start = newline == std::string::npos ? 0 : newline + 1;
      at = LinkStart(yaml, start, at);
      const auto before = static_cast<std::ptrdiff_t>(start);
      const int line = block.first_line + static_cast<int>(std::count(yaml.begin(), yaml.begin() + before, '\n'));
      return RewriteUrl(url, is_image, line, block.indent + CharColumn(yaml.substr(start, at - start), at - start));
    };
    return links;
  }

  /// Resolves the links of every text of a compiled block.
  void ResolveLinks(const FencedBlock& block, const CompiledBlock& compiled) {
    const MarkdownHooks links = BlockLinks(block);
    for (const std::string& text : BlockTexts(compiled)) {
      // A block's texts are within its lesson's size; only their nesting is new.
      const RenderedMarkdown rendered = RenderMarkdown(text, 1, false, links);
      if (rendered.raw_html_line > 0) {
        WarnRawHtml({block.first_line - 1, block.indent + 1}, "raw HTML in a block's text is omitted from the page",
                    "the texts of quizzes and case studies are Markdown only, whatever 'raw_html' says");
      }
      const MarkdownLimit& deep = rendered.too_deep;
      if (deep.line > 0) Error(block.first_line - 1, block.indent + 1, deep.message, "too-deep", deep.hint);
    }
  }

  /// `block-not-closed`, at the opening fence: what cmark read into the block (the rest
  /// of the file, or up to another block's closing fence) is not the author's YAML, so
  /// nothing else is said about it.
  void ReportUnclosed(const FencedBlock& block) {
    const int fence_line = block.first_line - 1;
    std::string hint = "close it with " + block.fence + " on a line of its own after its YAML";
    if (block.unclosed > 0) {
      hint += ": without it, the fence at line " + std::to_string(block.unclosed) + " and everything up to the next " +
              block.fence + " are read as this " + block.info + "'s YAML";
    } else if (block.nested) {
      hint +=
          "; it is inside a list item or a quote, so each of its lines must be indented (or quoted) as its "
          "opening fence is";
    } else {
      hint += ": without it, the rest of the file is read as the " + block.info + "'s YAML";
    }
    Error(
        fence_line, block.indent + 1,
        "this " + block.fence + block.info + " block opened at line " + std::to_string(fence_line) + " is never closed",
        "block-not-closed", hint);
  }

  /// Parses an interactive block into the lesson's model: its id, its question keys and
  /// points, its answers compared with the lock's, its texts' links resolved.
  void CompileBlock(const FencedBlock& block) {
    // Media keep no learner state: they take no lock id and do not shift the interactive
    // blocks' (block_count_).
    const bool media = block.info == "video" || block.info == "audio";
    if (!media) ++block_count_;
    if (block.unclosed != 0) {
      ReportUnclosed(block);
      return;
    }
    ParsedBlock parsed;
    if (!ParseBlock(block, &parsed)) return;
    if (media) {
      CompileMedia(block, parsed);
      return;
    }
    core::Diagnostics found;
    if (block.info == "scenario") {
      core::Scenario scenario;
      core::ParseScenario(parsed.authored, &scenario, &found);
      if (!Report(block, parsed, found)) return;
      scenario.id = BlockId(block, parsed, scenario.id);
      if (scenario.id.empty()) return;
      lesson_->question_keys.push_back(scenario.id + "/scenario");
      lesson_->question_points[scenario.id + "/scenario"] = 1;
      lesson_->blocks.push_back({std::move(scenario), block.first_line - 1});
    } else if (block.info == "flashcards") {
      // Self-rated review cards (runtime/core/flashcards.h): no questions, no points.
      core::Flashcards cards;
      core::ParseFlashcards(parsed.authored, &cards, &found);
      if (!Report(block, parsed, found)) return;
      cards.id = BlockId(block, parsed, cards.id);
      if (cards.id.empty()) return;
      lesson_->blocks.push_back({std::move(cards), block.first_line - 1});
    } else {
      core::Quiz quiz;
      core::ParseQuiz(parsed.authored, &quiz, &found);
      if (!Report(block, parsed, found)) return;
      if (lesson_->question_keys.size() + quiz.questions.size() > kMaxQuestionsPerLesson) {
        const size_t over = kMaxQuestionsPerLesson - std::min(kMaxQuestionsPerLesson, lesson_->question_keys.size());
        const SourcePos at = At(block, parsed, "/questions/" + std::to_string(over));
        Error(at.line, at.column,
              "a lesson may hold at most " + std::to_string(kMaxQuestionsPerLesson) + " questions: this is question " +
                  std::to_string(kMaxQuestionsPerLesson + 1),
              "too-large", "split the lesson, or draw questions from a smaller pool");
        return;
      }
      quiz.id = BlockId(block, parsed, quiz.id);
      if (quiz.id.empty()) return;
      CheckAnswers(block, parsed, LessonBlockId(*lesson_, quiz.id), quiz);
      RecordQuestions(quiz);
      lesson_->blocks.push_back({std::move(quiz), block.first_line - 1});
    }
    ResolveLinks(block, lesson_->blocks.back());
  }

  /// A video or audio block: its YAML, then its files.
  void CompileMedia(const FencedBlock& block, const ParsedBlock& parsed) {
    core::Diagnostics found;
    MediaBlock media;
    const std::string language = lesson_->language.empty() ? config_.language : lesson_->language;
    ParseMedia(parsed.authored, block.info == "video", language, &media, &found);
    if (!Report(block, parsed, found)) return;
    media.id = "media-" + std::to_string(++media_count_);
    const bool source_ok = MediaSource(block, parsed, &media);
    if (!media.poster.empty()) {
      const SourcePos at = At(block, parsed, "/poster");
      RewriteUrl(media.poster, true, at.line, at.column);
    }
    for (size_t i = 0; i < media.captions.size(); ++i) {
      const std::string at = "/captions/" + std::to_string(i);
      ReadTrack(block, parsed, parsed.authored.at("captions").is_string() ? "/captions" : at + "/src",
                &media.captions[i]);
    }
    if (!media.chapters.src.empty()) ReadTrack(block, parsed, "/chapters", &media.chapters);
    if (!media.transcript_file.empty()) ReadTranscript(block, parsed, &media);
    const SourcePos at{block.first_line - 1, block.indent + 1, 0, 0};
    if (media.captions.empty() && media.video) {
      Warn(at, "this video has no captions: learners who cannot hear it, or watch it muted, miss what is said",
           "no-captions",
           "add captions: clip.en.vtt (WebVTT); a video without speech needs a transcript describing it");
    } else if (media.captions.empty() && media.transcript.empty() && media.transcript_file.empty()) {
      Warn(at, "this audio has no captions or transcript: learners who cannot hear it miss all of it", "no-captions",
           "add captions: clip.en.vtt (WebVTT), or transcript: with the text");
    }
    if (!source_ok) return;
    lesson_->blocks.push_back({std::move(media), block.first_line - 1});
    ResolveLinks(block, lesson_->blocks.back());
  }

  /// The media file itself: a file of the content folder with a media extension, copied
  /// (RewriteUrl), or an https address (the site's policy lets pages play only those).
  bool MediaSource(const FencedBlock& block, const ParsedBlock& parsed, MediaBlock* media) {
    const SourcePos at = At(block, parsed, "/src");
    const std::string& src = media->src;
    if (IsExternal(src)) {
      if (src.compare(0, 8, "https://") == 0) return true;
      Error(at.line, at.column, "'" + src + "' is not an https address", "unsafe-url",
            "pages play media from the site itself or from https addresses only");
      return false;
    }
    const std::string path = src.substr(0, src.find_first_of("?#"));
    const bool ok = media->video ? HasExtension(path, {"mp4", "m4v", "webm", "ogv"})
                                 : HasExtension(path, {"mp3", "m4a", "aac", "oga", "ogg", "opus", "wav", "flac"});
    if (!ok) {
      Error(at.line, at.column,
            "'" + path + "' is not " + (media->video ? "a video" : "an audio") + " file browsers play",
            media->video ? "not-a-video" : "not-audio",
            media->video ? "videos are .mp4 (H.264), .webm or .ogv"
                         : "audio is .mp3, .m4a, .aac, .ogg, .opus, .wav or .flac");
      return false;
    }
    RewriteUrl(src, false, at.line, at.column);  // reports a missing file; records a found one
    return page_->links.count(src) > 0;
  }

  /// A captions or chapters track: a .vtt file of the content folder (copied), read for
  /// the transcript and for the page, which carries it inline (a file:// page may not
  /// load a track from a file).
  void ReadTrack(const FencedBlock& block, const ParsedBlock& parsed, const std::string& pointer, MediaTrack* track) {
    const SourcePos at = At(block, parsed, pointer);
    if (IsExternal(track->src) || !HasExtension(track->src, {"vtt"})) {
      Error(at.line, at.column, "'" + track->src + "' is not a WebVTT file of the content folder", "not-captions",
            "captions and chapters are .vtt files beside the lesson: the transcript is made from them at build time");
      return;
    }
    RewriteUrl(track->src, false, at.line, at.column);
    if (page_->links.count(track->src) == 0) return;
    const std::string file = JoinPath(root_, static_files_->at(page_->links.at(track->src).target));
    std::string error;
    if (!fs_.ReadFile(file, &track->vtt, &error)) {
      Error(at.line, at.column, "cannot read '" + track->src + "': " + error, "read-failed", "");
      return;
    }
    std::string problem;
    int line = 0;
    if (!ParseVtt(track->vtt, &track->cues, &problem, &line)) {
      sink_->AddSource(file, track->vtt);
      sink_->Add(gen::Error(file, line, 1, "invalid-captions", "this is not a WebVTT file: " + problem,
                            "WEBVTT, a blank line, then cues: 00:00.000 --> 00:04.000 and the text on the next lines"));
      ok_ = false;
    }
  }

  /// `transcript: clip.txt`: Markdown in a text file beside the lesson (a .md file would
  /// be a page of its own).
  void ReadTranscript(const FencedBlock& block, const ParsedBlock& parsed, MediaBlock* media) {
    const SourcePos at = At(block, parsed, "/transcript");
    const std::string target = NormalizePath(JoinPath(DirName(page_->source_path), media->transcript_file));
    const bool escapes = target.compare(0, 3, "../") == 0 || target == "..";
    if (const std::string refused = escapes ? "" : fs_.Refusal(JoinPath(root_, target)); !refused.empty()) {
      Error(at.line, at.column, "transcript '" + media->transcript_file + "' " + refused, "outside-source",
            "copy the file into the content folder instead of linking to it");
      return;
    }
    std::string error;
    if (escapes || !fs_.ReadFile(JoinPath(root_, target), &media->transcript, &error)) {
      Error(at.line, at.column, "transcript '" + media->transcript_file + "' does not exist", "broken-link",
            "paths are relative to this file, and files must be inside the content folder");
    }
  }

  /// The quiz's question keys, answer fingerprints and points in the lesson; its
  /// reference for the runtime when it counts as a whole or has a pass mark.
  void RecordQuestions(const core::Quiz& quiz) {
    const core::QuizPoints points = core::WeighQuiz(quiz);
    for (const core::Question& question : quiz.questions) {
      const std::string key = quiz.id + "/" + question.id;
      lesson_->question_keys.push_back(key);
      lesson_->answer_fingerprints[key] = core::AnswerFingerprint(question);
      if (!points.counts_whole) lesson_->question_points[key] = points.questions.at(key);
      if (!points.counts_whole && quiz.attempts > 0) lesson_->attempt_limits[key] = quiz.attempts;
    }
    if (points.counts_whole) lesson_->quiz_points[quiz.id] = points.whole;
    // A pool in check mode limits each question, but counts by its quiz: no limit it reaches.
    if (points.counts_whole && quiz.mode == core::QuizMode::kAssessment && quiz.attempts > 0) {
      lesson_->attempt_limits[quiz.id] = quiz.attempts;
    }
    if (points.counts_whole || quiz.pass_mark > 0) {
      lesson_->quiz_refs.push_back({{"id", quiz.id},
                                    {"mode", core::QuizModeName(quiz.mode)},
                                    {"pass_mark", quiz.pass_mark},
                                    {"points", points.questions}});
    }
  }

  const std::map<std::string, std::string>& pages_;
  const FileSystem& fs_;
  const std::string& root_;
  const SiteConfig& config_;
  Lock* lock_;
  DiagnosticSink* sink_;
  std::map<std::string, std::string>* static_files_;
  /// The size of each picture shown so far, by its path in the content folder.
  std::map<std::string, ImageSize> image_sizes_;
  std::vector<PendingAnchor>* pending_;
  PageSource* page_ = nullptr;
  Lesson* lesson_ = nullptr;
  int block_count_ = 0;
  int media_count_ = 0;
  bool raw_html_warned_ = false;
  /// Broken links of the page that looked for what they meant (MaySuggest).
  int suggestions_ = 0;
  /// Every page by its folder and by its file name, once a broken link needs them
  /// (NearestPage), and how many more names broken links may be compared with.
  std::map<std::string, std::vector<std::string>> pages_by_folder_;
  std::map<std::string, std::vector<std::string>> pages_by_name_;
  size_t comparisons_left_ = kMaxSuggestionComparisons;
  /// The ids of the lesson's blocks so far, each where it was first given.
  std::map<std::string, SourcePos> block_ids_;
  /// Author-given block ids of this lesson that the lock did not know.
  struct NewBlockId {
    size_t index;
    std::string id;
    SourcePos at;
  };
  std::vector<NewBlockId> new_block_ids_;
  /// The page's heading ids, numbered as every edition numbers them.
  HeadingIds heading_ids_;
  std::string display_path_;
  bool ok_ = true;
};

/// Lesson ids and their questions' answer fingerprints, sorted, hashed: unchanged by
/// re-worded or re-ordered content, changed by any changed answer.
std::string ContentVersion(const Site& site) {
  std::map<std::string, const Lesson*> lessons;
  ForEachLesson(site, [&](const Course&, const Module&, const Lesson& lesson) { lessons[lesson.id] = &lesson; });
  std::string text;
  for (const auto& entry : lessons) {
    text += entry.first + "\n";
    for (const auto& answer : entry.second->answer_fingerprints) {
      text += answer.first + " " + answer.second + "\n";
    }
  }
  return Fingerprint(text).substr(0, 12);
}

/// Source path → output path of every page, for link rewriting.
std::map<std::string, std::string> PagesBySource(const Site& site) {
  std::map<std::string, std::string> pages;
  if (!site.home.source_path.empty()) pages[site.home.source_path] = "index.html";
  for (const Course& course : site.courses) {
    pages[course.source_path] = course.output_path;
    for (const Module& module : course.modules) {
      pages[module.source_path] = course.output_path + "#module-" + module.slug;
    }
  }
  ForEachLesson(site, [&](const Course&, const Module&, const Lesson& l) { pages[l.source_path] = l.output_path; });
  return pages;
}

/// Words a learner reads per minute, and minutes per question, for estimated durations.
constexpr int kWordsPerMinute = 200;
constexpr double kMinutesPerQuestion = 0.5;

void EstimateDuration(int words, Lesson* lesson) {
  lesson->word_count = words;
  if (lesson->duration_minutes != 0) return;
  double minutes = static_cast<double>(words) / kWordsPerMinute +
                   kMinutesPerQuestion * static_cast<double>(lesson->question_keys.size());
  lesson->duration_minutes = std::max(1, static_cast<int>(std::ceil(minutes)));
  lesson->duration_estimated = true;
}

/// Output page → the anchors a link may name: its headings, "main", a course page's
/// module anchors.
std::map<std::string, std::set<std::string>> AnchorsByPage(const Site& site) {
  std::map<std::string, std::set<std::string>> anchors;
  anchors["index.html"].insert(site.home.anchors.begin(), site.home.anchors.end());
  anchors["index.html"].insert("main");
  for (const Course& course : site.courses) {
    std::set<std::string>& own = anchors[course.output_path];
    own.insert(course.anchors.begin(), course.anchors.end());
    own.insert("main");
    for (const Module& module : course.modules) own.insert("module-" + module.slug);
  }
  ForEachLesson(site, [&](const Course&, const Module&, const Lesson& lesson) {
    anchors[lesson.output_path].insert(lesson.anchors.begin(), lesson.anchors.end());
    anchors[lesson.output_path].insert("main");
  });
  return anchors;
}

/// Reports every link whose #anchor names no anchor of its page; false if any.
bool CheckAnchors(const std::vector<PendingAnchor>& pending, std::map<std::string, std::set<std::string>> anchors,
                  DiagnosticSink* sink) {
  bool ok = true;
  for (const PendingAnchor& p : pending) {
    const std::set<std::string>& known = anchors[p.page];
    if (known.count(p.anchor) > 0) continue;
    std::string hint = "headings get anchors like '#key-idea' for '## Key idea'";
    std::string listed;
    int shown = 0;
    for (const std::string& a : known) {
      if (a == "main") continue;
      if (shown++ == 5) {
        listed += ", ...";
        break;
      }
      listed += (shown > 1 ? ", #" : "#") + a;
    }
    if (!listed.empty()) hint += "; this page has: " + listed;
    sink->Add(Error(p.path, p.line, p.column, "broken-anchor",
                    "link '" + p.written + "' names an anchor that does not exist", hint));
    ok = false;
  }
  return ok;
}

/// The footer's links are refused as a page's are when their URL would run script.
bool FooterLinksSafe(const SiteConfig& config, const std::string& root, DiagnosticSink* sink) {
  bool ok = true;
  for (const FooterLink& link : config.footer_links) {
    if (const std::string scheme = UnsafeUrlScheme(link.url, false); !scheme.empty()) {
      sink->Add(Error(JoinPath(root, "site.yml"), 0, 0, "unsafe-url",
                      "footer link '" + link.title + "' to a " + scheme + ": URL is refused",
                      "link a page of the site or an http(s) address"));
      ok = false;
    }
  }
  return ok;
}

}  // namespace

bool IsInteractiveBlock(const std::string& info) {
  return info == "quiz" || info == "scenario" || info == "flashcards" || info == "video" || info == "audio";
}

bool CompileSite(Site* site, const FileSystem& fs, const std::string& root, Lock* lock, DiagnosticSink* sink) {
  std::vector<PendingAnchor> pending;
  const std::map<std::string, std::string> pages = PagesBySource(*site);
  PageCompiler compiler(pages, fs, root, site->config, lock, sink, &site->static_files, &pending);
  if (!site->home.source_path.empty()) compiler.Compile(&site->home, nullptr);
  for (Course& course : site->courses) {
    compiler.Compile(&course, nullptr);
    ForEachLesson(
        course, [&](Module&, Lesson& lesson) { EstimateDuration(compiler.Compile(&lesson, &lesson).words, &lesson); });
  }
  site->content_version = ContentVersion(*site);
  const bool anchors_ok = CheckAnchors(pending, AnchorsByPage(*site), sink);
  return compiler.ok() && anchors_ok && FooterLinksSafe(site->config, root, sink);
}

}  // namespace morsel::gen
