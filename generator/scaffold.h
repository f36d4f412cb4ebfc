#pragma once

#include <string>

#include "generator/file_system.h"

namespace morsel::gen {

/// What `morsel new` was asked to create.
struct ScaffoldRequest {
  /// "site", "course", "module" or "lesson".
  std::string kind;
  /// site: a folder; course: NAME; module: COURSE/NAME; lesson: COURSE/MODULE/NAME.
  std::string name;
  /// The content folder (for everything but a new site).
  std::string content = "content";
  /// Site id suffix source, so tests can fix it; empty = random.
  std::string id_suffix;
  /// site: only site.yml and the home page, without the sample course (`--empty`).
  bool empty = false;
  /// How morsel was run (argv[0]): the next command it prints runs it the same way, from
  /// the same folder.
  std::string program = "morsel";
};

/// Writes commented, valid starting files. Never overwrites: refuses when the target
/// exists. *message says what was created and what to do next, or why nothing was.
bool Scaffold(FileSystem* fs, const ScaffoldRequest& request, std::string* message);

}  // namespace morsel::gen
