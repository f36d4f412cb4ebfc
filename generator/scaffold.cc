#include "generator/scaffold.h"

#include <random>
#include <vector>

#include "generator/loader.h"

namespace morsel::gen {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

/// "writing-a-lesson" → "Writing a lesson".
std::string TitleFrom(const std::string& slug) {
  std::string title = SlugFromName(slug);
  for (char& c : title) {
    if (c == '-' || c == '_') c = ' ';
  }
  if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
  return title;
}

/// The folder under `dir` named `name`, or whose name without "NN-" is `name`.
std::string FindFolder(const FileSystem& fs, const std::string& dir, const std::string& name) {
  for (const DirEntry& e : fs.List(dir)) {
    if (e.is_dir && (e.name == name || SlugFromName(e.name) == name)) return JoinPath(dir, e.name);
  }
  return "";
}

/// One more than the number of pages already beside a new one, so it sorts last.
int NextWeight(const FileSystem& fs, const std::string& dir, bool folders) {
  int count = 0;
  for (const DirEntry& e : fs.List(dir)) {
    bool lesson =
        !e.is_dir && e.name != "_index.md" && e.name.size() > 3 && e.name.compare(e.name.size() - 3, 3, ".md") == 0;
    if (folders ? (e.is_dir && fs.IsFile(JoinPath(JoinPath(dir, e.name), "_index.md"))) : lesson) ++count;
  }
  return count + 1;
}

std::string RandomSuffix() {
  std::random_device device;
  std::uniform_int_distribution<int> digit(0, 15);
  std::string out;
  for (int i = 0; i < 6; ++i) out += "0123456789abcdef"[digit(device)];
  return out;
}

std::string CourseIndex(const std::string& title, int weight) {
  return "---\n"
         "# The course's front matter. Every key is documented in docs/authoring.md.\n"
         "title: \"" +
         title +
         "\"\n"
         "description: \"One sentence that tells learners what they will be able to do.\"\n"
         "weight: " +
         std::to_string(weight) +
         "          # courses are listed by weight, then folder name\n"
         "audience: \"Who this course is for\"\n"
         "objectives:\n"
         "  - \"A first thing learners will be able to do\"\n"
         "---\n"
         "The course overview, in Markdown: why this course matters, in two or three sentences.\n";
}

std::string ModuleIndex(const std::string& title, int weight) {
  return "---\n"
         "title: \"" +
         title +
         "\"\n"
         "description: \"What this module covers, in one sentence.\"\n"
         "weight: " +
         std::to_string(weight) +
         "\n"
         "---\n";
}

std::string LessonFile(const std::string& title, int weight) {
  return "---\n"
         "# A lesson takes 2-5 minutes. Leave out duration_minutes to have it estimated.\n"
         "title: \"" +
         title +
         "\"\n"
         "description: \"One sentence shown in the course contents.\"\n"
         "weight: " +
         std::to_string(weight) +
         "\n"
         "duration_minutes: 3\n"
         "objectives:\n"
         "  - \"What the learner can do after this lesson\"\n"
         "---\n"
         "Start with a situation the learner recognises, then the one idea of this lesson.\n"
         "\n"
         "## The idea\n"
         "\n"
         "- Keep it short: one idea per lesson.\n"
         "- Link to another lesson with its file name: `[the next lesson](02-next-lesson.md)`.\n"
         "\n"
         "```quiz\n"
         "# A check of understanding: one question, one correct option, feedback on each.\n"
         "questions:\n"
         "  - prompt: \"Which of these applies the idea correctly?\"\n"
         "    options:\n"
         "      - text: \"A plausible but wrong choice\"\n"
         "        feedback: \"Explain why this is not right.\"\n"
         "      - text: \"The right choice\"\n"
         "        correct: true\n"
         "        feedback: \"Explain why this works.\"\n"
         "```\n";
}

/// `word` as a shell reads it back: quoted when it holds more than letters, digits and
/// `-_./+:@%,=`.
std::string ShellWord(const std::string& word) {
  bool plain = !word.empty();
  for (char c : word) {
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string("-_./+:@%,=").find(c) != std::string::npos);
  }
  if (plain) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

/// The command that runs morsel as the request was run, with `args` after it.
std::string Command(const ScaffoldRequest& r, const std::string& args) {
  std::string command = ShellWord(r.program) + " " + args;
  if (r.kind != "site" && r.content != "content") command += " --content " + ShellWord(r.content);
  return command;
}

bool Refuse(const std::string& path, std::string* message) {
  *message = "morsel: '" + path + "' already exists; nothing was changed\n";
  return false;
}

bool Write(FileSystem* fs, const std::string& path, const std::string& text, std::string* message) {
  std::string error;
  if (!fs->WriteFile(path, text, &error)) {
    *message = "morsel: " + error + "\n";
    return false;
  }
  *message += "created " + path + "\n";
  return true;
}

bool NewSite(FileSystem* fs, const ScaffoldRequest& r, std::string* message) {
  std::string content = JoinPath(r.name, "content");
  if (fs->IsDir(content) || fs->IsFile(content)) return Refuse(content, message);
  std::string base = SlugFromName(Split(NormalizePath(r.name)).empty() ? "site" : Split(NormalizePath(r.name)).back());
  std::string slug;
  for (char c : base) {
    char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    slug += ok ? lower : '-';
  }
  if (slug.empty() || slug == "-") slug = "site";
  std::string id = slug + "-" + (r.id_suffix.empty() ? RandomSuffix() : r.id_suffix);
  std::string site =
      "# Site settings. Every key is documented in docs/authoring.md.\n"
      "title: \"" +
      TitleFrom(slug) +
      "\"\n"
      "# Learners' progress is stored in their browser under this id: keep it once published.\n"
      "id: " +
      id +
      "\n"
      "language: en\n"
      "description: \"What learners find here, in one sentence.\"\n";
  if (!Write(fs, JoinPath(content, "site.yml"), site, message) ||
      !Write(fs, JoinPath(content, "_index.md"),
             "---\ntitle: \"Welcome\"\n---\nA short introduction shown on the home page.\n", message)) {
    return false;
  }
  // What `morsel build` and `morsel package` write beside the content, for git to leave out
  // (a folder that already has a .gitignore keeps it as it is).
  const std::string ignore = JoinPath(r.name, ".gitignore");
  if (!fs->IsFile(ignore) && !fs->IsDir(ignore) &&
      !Write(fs, ignore,
             "# Written by morsel build and morsel package: build them again rather than commit them.\n"
             "/site/\n/site.morsel-partial/\n/site.morsel-cache\n/site.zip\n/packages/\n",
             message)) {
    return false;
  }
  // The next command runs from where this one ran, with no `cd`: `morsel` may not be on
  // the PATH, and a relative path to it would not work from inside the new folder.
  if (r.empty) {
    *message += "next: " + ShellWord(r.program) + " new course first-course --content " + ShellWord(content) + "\n";
    return true;
  }
  if (!Write(fs, JoinPath(content, "first-course/_index.md"), CourseIndex("First course", 1), message) ||
      !Write(fs, JoinPath(content, "first-course/01-basics/_index.md"), ModuleIndex("Basics", 1), message) ||
      !Write(fs, JoinPath(content, "first-course/01-basics/01-first-lesson.md"), LessonFile("First lesson", 1),
             message)) {
    return false;
  }
  *message += "next: " + ShellWord(r.program) + " build " + ShellWord(content) + " --out " +
              ShellWord(JoinPath(r.name, "site")) + "\n";
  return true;
}

}  // namespace

bool Scaffold(FileSystem* fs, const ScaffoldRequest& r, std::string* message) {
  message->clear();
  if (r.kind == "site") return NewSite(fs, r, message);
  if (r.empty) {
    *message = "morsel: --empty is only for 'morsel new site'\n";
    return false;
  }
  std::vector<std::string> parts = Split(r.name);
  size_t expected = r.kind == "course" ? 1 : r.kind == "module" ? 2 : 3;
  const char* usage = r.kind == "course"   ? "morsel new course NAME"
                      : r.kind == "module" ? "morsel new module COURSE/NAME"
                                           : "morsel new lesson COURSE/MODULE/NAME";
  if (parts.size() != expected) {
    *message = std::string("morsel: usage: ") + usage + "\n";
    return false;
  }
  const std::string& name = parts.back();
  if (!IsSlug(SlugFromName(name)) || name.find(".md") != std::string::npos) {
    *message = "morsel: '" + name +
               "' must be a lowercase name with a-z, 0-9 and '-' (e.g. "
               "'02-writing-a-lesson')\n";
    return false;
  }
  if (!fs->IsFile(JoinPath(r.content, "site.yml"))) {
    *message = "morsel: no site.yml in '" + r.content +
               "': run this in the folder that holds your "
               "content folder, or create a site with 'morsel new site DIR'\n";
    return false;
  }
  std::string dir = r.content;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    std::string found = FindFolder(*fs, dir, parts[i]);
    if (found.empty()) {
      *message = "morsel: no folder '" + parts[i] + "' in '" + dir + "'\n";
      return false;
    }
    dir = found;
  }
  std::string title = TitleFrom(name);
  if (r.kind == "lesson") {
    std::string path = JoinPath(dir, name + ".md");
    if (fs->IsFile(path)) return Refuse(path, message);
    return Write(fs, path, LessonFile(title, NextWeight(*fs, dir, false)), message);
  }
  std::string folder = JoinPath(dir, name);
  if (fs->IsDir(folder) || fs->IsFile(folder)) return Refuse(folder, message);
  std::string index = JoinPath(folder, "_index.md");
  bool ok = Write(fs, index,
                  r.kind == "course" ? CourseIndex(title, NextWeight(*fs, dir, true))
                                     : ModuleIndex(title, NextWeight(*fs, dir, true)),
                  message);
  if (ok) {
    *message += "next: " +
                Command(r, r.kind == "course" ? "new module " + ShellWord(name + "/01-first-module")
                                              : "new lesson " + ShellWord(parts[0] + "/" + name + "/01-first-lesson")) +
                "\n";
  }
  return ok;
}

}  // namespace morsel::gen
