#include "generator/lock.h"

#include <cstdint>

#include "generator/yaml_json.h"
#include "runtime/core/fnv.h"

namespace morsel::gen {
namespace {

constexpr const char* kLockFile = "morsel.lock";

/// A YAML double-quoted scalar that reads back as `text`: '"' and '\\' escaped, and every
/// control character as \\xNN (a raw line break would be read back as a space).
std::string Quote(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string Fingerprint(const std::string& text) {
  uint64_t hash = core::Fnv1a64(text);
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<size_t>(i)] = kHex[hash & 0xF];
  return out;
}

/// morsel.lock is short ids and hashes, about 12 bytes per YAML value: it may hold one
/// value per 8 bytes (kMaxYamlValues).
constexpr size_t kLockBytesPerValue = 8;

bool Lock::Read(const FileSystem& fs, const std::string& root, DiagnosticSink* sink) {
  const std::string path = JoinPath(root, kLockFile);
  if (!fs.IsFile(path)) return true;
  const int64_t size = fs.FileSize(path);
  if (size > static_cast<int64_t>(kMaxYamlBytes)) {
    sink->Add(Error(path, 0, 0, "too-large",
                    "morsel.lock is " + std::to_string(size >> 10) + " KB: at most " +
                        std::to_string(kMaxYamlBytes >> 20) + " MB is read (about 160,000 questions)",
                    "this is not a lock Morsel wrote: restore it from version control"));
    return false;
  }
  std::string text, error;
  if (!fs.ReadFile(path, &text, &error)) {
    sink->Add(Error(path, 0, 0, "read-failed", error));
    return false;
  }
  sink->AddSource(path, text);
  nlohmann::json data;
  PositionMap positions;
  if (!YamlToJson(text, YamlOrigin{path, &text, 1, 0, kLockBytesPerValue}, &data, &positions, sink)) return false;
  auto damaged = [&](const std::string& pointer, const std::string& what) {
    SourcePos pos = Locate(positions, pointer, false);
    sink->Add(Error(path, pos.line, pos.column, "lock-damaged", "morsel.lock is damaged: " + what,
                    "restore it from version control; deleting it gives new ids to renamed content"));
    return false;
  };
  if (!data.is_object()) return damaged("", "it is not a mapping");
  if (data.contains("site")) {
    if (!data["site"].is_string()) return damaged("/site", "'site' is not text");
    site_id_ = data["site"].get<std::string>();
  }
  if (!data.contains("pages")) return true;
  if (!data["pages"].is_object()) return damaged("/pages", "'pages' is not a mapping");
  for (auto it = data["pages"].begin(); it != data["pages"].end(); ++it) {
    const std::string pointer = "/pages/" + core::PointerToken(it.key());
    const nlohmann::json& e = it.value();
    if (!e.is_object() || !e.value("kind", nlohmann::json()).is_string() ||
        !e.value("path", nlohmann::json()).is_string()) {
      return damaged(pointer, "entry '" + it.key() + "' needs 'kind' and 'path'");
    }
    PageEntry entry{it.key(),
                    e["kind"].get<std::string>(),
                    e["path"].get<std::string>(),
                    e.value("fingerprint", std::string()),
                    {}};
    if (e.contains("blocks")) {
      if (!e["blocks"].is_array()) return damaged(pointer + "/blocks", "'blocks' is not a list");
      for (const nlohmann::json& b : e["blocks"]) {
        if (!b.is_object() || !b.value("id", nlohmann::json()).is_string()) {
          return damaged(pointer + "/blocks", "a block has no id");
        }
        BlockEntry block{b["id"].get<std::string>(), b.value("fingerprint", std::string()), {}};
        if (b.contains("questions")) {
          const nlohmann::json& questions = b["questions"];
          if (!questions.is_array()) return damaged(pointer + "/blocks", "'questions' is not a list");
          for (const nlohmann::json& q : questions) {
            if (!q.is_object() || !q.value("id", nlohmann::json()).is_string() ||
                !q.value("answer", nlohmann::json("")).is_string()) {
              return damaged(pointer + "/blocks", "a question needs a text 'id' and 'answer'");
            }
            block.questions.push_back({q["id"].get<std::string>(), q.value("answer", std::string())});
          }
        }
        entry.blocks.push_back(std::move(block));
      }
    }
    pages_[entry.id] = std::move(entry);
  }
  return true;
}

void Lock::set_site_id(const std::string& id) {
  if (site_id_ == id) return;
  site_id_ = id;
  changed_ = true;
}

Lock::PageEntry* Lock::FindById(const std::string& id) {
  auto it = pages_.find(id);
  return it == pages_.end() ? nullptr : &it->second;
}

const Lock::PageEntry* Lock::FindById(const std::string& id) const {
  auto it = pages_.find(id);
  return it == pages_.end() ? nullptr : &it->second;
}

void Lock::Assign(PageSource* page, const char* kind, const std::string& fingerprint,
                  const std::set<std::string>& present_paths, const std::set<std::string>& author_ids,
                  DiagnosticSink* sink) {
  if (page->id_ref.line > 0) {
    // An author-given id: record it so that it is kept if the key is later removed. Once
    // recorded for this file it is the baseline, so the warning below comes only once.
    PageEntry* own = FindById(page->id);
    if (own == nullptr || own->path != page->source_path) {
      for (const std::string& id : by_path_[{kind, page->source_path}]) {
        if (author_ids.count(id) > 0) continue;
        const SourceRef& at = page->id_ref;
        sink->Add(Warning(at.path, at.line, at.column, "progress-reset",
                          std::string(kind) + " id '" + id + "' (recorded in morsel.lock) is now '" + page->id +
                              "': the progress learners made under '" + id + "' is no longer shown",
                          "keep the recorded id: change it back, or remove 'id' if the file had none; if "
                          "learners really must start over, build to record the new id"));
        break;
      }
    }
    if (own == nullptr) {
      Add({page->id, kind, page->source_path, fingerprint, {}});
    } else if (own->path != page->source_path) {
      Move(own, page->source_path);
    }
    return;
  }
  const std::set<std::string>& same_path = by_path_[{kind, page->source_path}];
  if (!same_path.empty()) {
    page->id = *same_path.begin();
    return;
  }
  // A moved or renamed file: the one recorded entry whose file is gone and whose
  // content matches.
  PageEntry* moved = nullptr;
  int matches = 0;
  if (!fingerprint.empty()) {
    for (const std::string& id : by_fingerprint_[{kind, fingerprint}]) {
      PageEntry* entry = FindById(id);
      if (present_paths.count(entry->path) == 0) {
        moved = entry;
        ++matches;
      }
    }
  }
  if (matches == 1) {
    page->id = moved->id;
    Move(moved, page->source_path);
    return;
  }
  std::string id = page->id;
  for (int n = 2; FindById(id) != nullptr; ++n) id = page->id + "-" + std::to_string(n);
  page->id = id;
  Add({id, kind, page->source_path, fingerprint, {}});
}

void Lock::Index() {
  by_path_.clear();
  by_fingerprint_.clear();
  for (const auto& [id, entry] : pages_) {
    by_path_[{entry.kind, entry.path}].insert(id);
    by_fingerprint_[{entry.kind, entry.fingerprint}].insert(id);
  }
}

void Lock::Add(PageEntry entry) {
  by_path_[{entry.kind, entry.path}].insert(entry.id);
  by_fingerprint_[{entry.kind, entry.fingerprint}].insert(entry.id);
  const std::string id = entry.id;
  pages_[id] = std::move(entry);
  changed_ = true;
}

void Lock::Move(PageEntry* entry, const std::string& path) {
  by_path_[{entry->kind, entry->path}].erase(entry->id);
  entry->path = path;
  by_path_[{entry->kind, path}].insert(entry->id);
  changed_ = true;
}

void Lock::AssignPageIds(Site* site, DiagnosticSink* sink) {
  Index();
  std::set<std::string> present;
  std::set<std::string> author_ids;
  auto note = [&](const PageSource& page) {
    present.insert(page.source_path);
    if (page.id_ref.line > 0) author_ids.insert(page.id);
  };
  for (const Course& c : site->courses) {
    note(c);
    for (const Module& m : c.modules) {
      note(m);
      for (const Lesson& l : m.lessons) note(l);
    }
  }
  for (Course& c : site->courses) {
    Assign(&c, "course", Fingerprint(c.title + "\n" + c.body), present, author_ids, sink);
    for (Module& m : c.modules) {
      Assign(&m, "module", Fingerprint(m.title + "\n" + m.body), present, author_ids, sink);
      for (Lesson& l : m.lessons) Assign(&l, "lesson", Fingerprint(l.body), present, author_ids, sink);
    }
  }
}

std::string Lock::BlockId(const std::string& lesson_id, size_t index, const std::string& fingerprint,
                          const std::string& kind, const std::string& author_id) {
  PageEntry* page = FindById(lesson_id);
  if (page == nullptr) return author_id.empty() ? kind + "-" + std::to_string(index + 1) : author_id;
  std::vector<BlockEntry>& blocks = page->blocks;
  std::set<std::string>& used = used_blocks_[lesson_id];
  auto take = [&](const std::string& id) {
    used.insert(id);
    for (const BlockEntry& b : blocks) {
      if (b.id == id) return id;
    }
    blocks.push_back({id, fingerprint, {}});
    changed_ = true;
    return id;
  };
  if (!author_id.empty()) return take(author_id);
  for (const BlockEntry& b : blocks) {
    if (b.fingerprint == fingerprint && used.count(b.id) == 0) return take(b.id);
  }
  if (index < blocks.size() && used.count(blocks[index].id) == 0) return take(blocks[index].id);
  std::string id;
  for (size_t n = index + 1;; ++n) {
    id = kind + "-" + std::to_string(n);
    bool taken = used.count(id) > 0;
    for (const BlockEntry& b : blocks) taken = taken || b.id == id;
    if (!taken) break;
  }
  return take(id);
}

bool Lock::HasBlock(const std::string& lesson_id, const std::string& block_id) const {
  const PageEntry* page = FindById(lesson_id);
  if (page == nullptr) return false;
  for (const BlockEntry& b : page->blocks) {
    if (b.id == block_id) return true;
  }
  return false;
}

std::string Lock::OrphanedBlockAt(const std::string& lesson_id, size_t index) const {
  const PageEntry* page = FindById(lesson_id);
  if (page == nullptr || index >= page->blocks.size()) return "";
  const std::string& id = page->blocks[index].id;
  auto used = used_blocks_.find(lesson_id);
  return used != used_blocks_.end() && used->second.count(id) > 0 ? "" : id;
}

std::vector<Lock::QuestionEntry> Lock::RecordQuestions(const std::string& lesson_id, const std::string& block_id,
                                                       std::vector<QuestionEntry> questions) {
  PageEntry* page = FindById(lesson_id);
  if (page == nullptr) return {};
  for (BlockEntry& b : page->blocks) {
    if (b.id != block_id) continue;
    bool same = b.questions.size() == questions.size();
    for (size_t i = 0; same && i < questions.size(); ++i) {
      same = b.questions[i].id == questions[i].id && b.questions[i].answer == questions[i].answer;
    }
    if (same) return questions;
    changed_ = true;
    std::swap(b.questions, questions);
    return questions;
  }
  return {};
}

std::string Lock::Serialize() const {
  std::string out =
      "# morsel.lock: written by `morsel build`. Commit it with your content.\n"
      "# It records the id under which learners' progress is kept for every course, module,\n"
      "# lesson and quiz, so that moving, renaming or re-wording content keeps progress,\n"
      "# and each question's answer fingerprint as last built, so that `morsel check` can\n"
      "# warn before an edit makes learners' answers stale.\n"
      "# Morsel adds entries and never drops one; an entry's path follows a moved file.\n";
  out += "site: " + Quote(site_id_) + "\npages:\n";
  for (const auto& [id, e] : pages_) {
    out += "  " + Quote(id) + ":\n";
    out += "    kind: " + e.kind + "\n";
    out += "    path: " + Quote(e.path) + "\n";
    out += "    fingerprint: " + Quote(e.fingerprint) + "\n";
    if (!e.blocks.empty()) {
      out += "    blocks:\n";
      for (const BlockEntry& b : e.blocks) {
        out += "      - id: " + Quote(b.id) + "\n        fingerprint: " + Quote(b.fingerprint) + "\n";
        if (b.questions.empty()) continue;
        out += "        questions:\n";
        for (const QuestionEntry& q : b.questions) {
          out += "          - id: " + Quote(q.id) + "\n            answer: " + Quote(q.answer) + "\n";
        }
      }
    }
  }
  return out;
}

}  // namespace morsel::gen
