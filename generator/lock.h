#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/model.h"

namespace morsel::gen {

/// `content/morsel.lock`: the ids learners' progress is stored under, recorded the first
/// time Morsel sees each course, module, lesson and block, so that moving, renaming or
/// re-wording content keeps progress. Entries are added, never dropped; an entry's id
/// never changes (its recorded path follows a moved file). Each quiz block also records
/// its questions' answer fingerprints as last built: the baseline `morsel check` compares
/// edits with, to warn before learners' answers go stale or are lost.
class Lock {
 public:
  /// A question as last built: its id and core::AnswerFingerprint.
  struct QuestionEntry {
    std::string id;
    std::string answer;
  };
  struct BlockEntry {
    std::string id;
    std::string fingerprint;
    /// In page order; empty when unknown (a case study, or a lock written before
    /// answers were recorded).
    std::vector<QuestionEntry> questions;
  };
  struct PageEntry {
    std::string id;
    std::string kind;
    std::string path;
    std::string fingerprint;
    std::vector<BlockEntry> blocks;
  };

  /// Reads the lock of `root` if there is one; false (with diagnostics) when it is
  /// damaged.
  bool Read(const FileSystem& fs, const std::string& root, DiagnosticSink* sink);

  /// The site id recorded, or "" for a new lock.
  const std::string& site_id() const { return site_id_; }
  void set_site_id(const std::string& id);

  /// Gives every page without an author-given id its recorded id: by its path, else by
  /// its content (a moved or renamed file), else a new entry with its derived id. Warns
  /// (`progress-reset`) where an author-given id replaces the id recorded for the file
  /// and no page keeps the old one.
  void AssignPageIds(Site* site, DiagnosticSink* sink);

  /// The id of the `index`-th block (0-based) of a lesson: the author's, else the
  /// recorded one with the same content, else the one recorded at the same position,
  /// else a new one ("quiz-N").
  std::string BlockId(const std::string& lesson_id, size_t index, const std::string& fingerprint,
                      const std::string& kind, const std::string& author_id);

  /// True when the lesson's block `block_id` was recorded before this run.
  bool HasBlock(const std::string& lesson_id, const std::string& block_id) const;

  /// The recorded block at `index` of a lesson when no block of this run took its id,
  /// else "": the block whose progress a new author-given id at that place orphans. Ask
  /// once every block of the lesson has its id.
  std::string OrphanedBlockAt(const std::string& lesson_id, size_t index) const;

  /// Records a quiz block's questions (in page order) and returns those recorded before,
  /// empty when unknown.
  std::vector<QuestionEntry> RecordQuestions(const std::string& lesson_id, const std::string& block_id,
                                             std::vector<QuestionEntry> questions);

  /// True when entries were added or moved since Read.
  bool changed() const { return changed_; }
  /// The file's text: sorted, deterministic.
  std::string Serialize() const;

 private:
  PageEntry* FindById(const std::string& id);
  const PageEntry* FindById(const std::string& id) const;
  void Assign(PageSource* page, const char* kind, const std::string& fingerprint,
              const std::set<std::string>& present_paths, const std::set<std::string>& author_ids,
              DiagnosticSink* sink);

  /// Rebuilds by_path_ and by_fingerprint_ from pages_.
  void Index();
  /// Records a new entry, indexed.
  void Add(PageEntry entry);
  /// Records that an entry's file moved to `path`.
  void Move(PageEntry* entry, const std::string& path);

  std::string site_id_;
  std::map<std::string, PageEntry> pages_;  // by id
  /// Ids of pages_ by kind and path, and by kind and fingerprint: each page finds its
  /// entry without a walk over all of them (a build stays linear in its pages).
  std::map<std::pair<std::string, std::string>, std::set<std::string>> by_path_;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> by_fingerprint_;
  /// Block ids handed out in this run, per lesson: two blocks never share one.
  std::map<std::string, std::set<std::string>> used_blocks_;
  bool changed_ = false;
};

/// A short stable hash of text (FNV-1a, 64 bits, hex), for recognising moved content.
std::string Fingerprint(const std::string& text);

}  // namespace morsel::gen
