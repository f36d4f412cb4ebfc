#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/lock.h"
#include "generator/model.h"
#include "generator/theme.h"

namespace morsel::gen {

/// Renders every Markdown body of the site to HTML: interactive blocks are validated by
/// the core and rendered with the theme; links to `.md` files become links to pages and
/// their anchors are checked; images and attachments are recorded for copying; missing
/// durations are estimated; block ids come from (and are added to) the lock. `root` is the content folder on `fs`. Returns false on any
/// error.
bool CompileSite(Site* site, const FileSystem& fs, const Theme& theme, const std::string& root,
                 Lock* lock, DiagnosticSink* sink);

/// The runtime form of `block` as a page embeds it (ScriptJson), after `map` has changed
/// the HTML of every text that travels in it rather than in the page's markup: a quiz's
/// option feedback, feedback and explanations (sealed with its answer key unless
/// `plain_keys`), a case study's choice feedback. With a `map` that changes nothing it is
/// `block.runtime_json`.
std::string BlockDataWith(CompiledBlock block, bool plain_keys,
                          const std::function<void(std::string* html)>& map);

/// JSON text safe to place inside `<script type="application/json">`: '<', '>' and '&'
/// are written as \u escapes so no "</script>" or "<!--" can appear.
std::string ScriptJson(const nlohmann::json& value);

}  // namespace morsel::gen
