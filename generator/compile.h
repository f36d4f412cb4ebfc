#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/lock.h"
#include "generator/model.h"

namespace morsel::gen {

/// Questions one lesson may hold, all its quizzes together (`too-large` past it). Each
/// question costs about 15 KB of memory through the build (its views, its HTML in the
/// page, the single-file edition and the search index) for under 100 bytes of YAML.
constexpr size_t kMaxQuestionsPerLesson = 1000;

/// Compiles every Markdown body of the site into the model, with no theme and no HTML:
/// interactive blocks are parsed and validated by the core, get their ids from (and added
/// to) the lock, and give the lesson its question keys and points; every link and image
/// (of the body and of the blocks' texts) is resolved into the page's `links` and
/// checked, anchors included; images and attachments are recorded for copying; missing
/// durations are estimated. `root` is the content folder on `fs`. Returns false on any
/// error.
bool CompileSite(Site* site, const FileSystem& fs, const std::string& root, Lock* lock, DiagnosticSink* sink);

/// Whether a fenced code block's info string names an interactive block (```quiz,
/// ```scenario): what the compile and render stages and `export answers` treat as one.
bool IsInteractiveBlock(const std::string& info);

}  // namespace morsel::gen
