#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "generator/assets.h"
#include "generator/content.h"
#include "generator/diagnostics.h"
#include "generator/model.h"
#include "generator/render.h"
#include "generator/site_output.h"
#include "generator/theme.h"
#include "generator/workers.h"

namespace morsel::gen {

/// The searchable text of a compiled page body.
struct PageText {
  /// Heading text (h1-h6 outside interactive blocks), space-separated.
  std::string headings;
  /// Everything a reader sees in order, headings included, plus question prompts. Never
  /// options, answers, hints, feedback or embedded data: of an interactive block
  /// (`data-morsel-block`) only its question prompts (`<legend>`) are kept.
  std::string text;
};

/// Reads the text of generated HTML (the theme's quiz markup included).
PageText ExtractPageText(const std::string& html);

/// What the search index reads of a page from its content HTML: a course's description
/// and overview (`lesson` null), a lesson's description, objectives and body.
PageText SearchPageText(const PageSource& page, const Lesson* lesson, const std::string& content);

/// Each course's and lesson's SearchPageText, when asked (once each).
using PageTextOf = std::function<PageText(const PageSource& page, const Lesson* lesson)>;

/// How the index is cut into files.
struct SearchIndexOptions {
  /// A head shard closes once it holds about this many bytes of terms and postings.
  size_t shard_bytes = 12000;
  /// Terms per card file, on average. A one-word query loads one card file: fewer terms
  /// per file keep the fullest files (where several terms' hashes meet) small (at 20,000
  /// lessons: files of 2.9 KB on average, the largest 14 KB).
  double terms_per_card_file = 1.5;
  /// Processes that write the files (generator/workers.h).
  size_t jobs = 1;
  /// For the build's progress (generator/progress.h): told how many files the index will
  /// write once that is known (every page's content read and scored), then each one
  /// written, by the share (generator/workers.h) that wrote it.
  std::function<void(size_t files)> writing;
  std::function<void(const WorkShare& share)> written;
};

/// How many card files hold `terms` terms: about one per `terms_per_file` terms, rounded
/// up to a multiple of a 32nd to a 64th of that. Every term's file follows from the count
/// (core::SearchCardFile), so a new count moves every term: rounded, a word more or less
/// (a lesson edited) rarely changes it, and a build that updates its output in place
/// (generator/build_cache.h) rewrites the card files of the terms that changed only.
uint32_t SearchCardFileCount(size_t terms, double terms_per_file);

/// Writes the search index of a compiled site, from each course's and lesson's content
/// HTML (`content`, asked for once per page, generator/content.h), into `output` under
/// kPendingIndexFolder, each file as it is made (SearchIndexFingerprint names it once
/// written), and sets *manifest to the index's manifest (SearchManifestScript publishes it
/// under a fixed name, `search/manifest.js`, with the folder's name). The files: head shards `s<i>.js`, tail shards
/// `t<i>.js`, card files `c/<n>.js` (each term's best documents: title, URL, trail and the passage around the term, so
/// a one-word query needs no fragment), one fragment per document `d/<n>.js` (title, URL, trail, text for snippets).
/// Every file is a classic script calling `MorselSearch.*`, so the index loads from file:// too. The folder is
/// published as `search/<fingerprint>/` (generator/assets.h). False when a write fails (output->error()).
bool WriteSearchIndex(const Site& site, const PageContent& content, const SearchIndexOptions& options,
                      SiteOutput* output, std::string* manifest);
/// The same from each page's text, made before (by the processes that made the contents).
bool WriteSearchIndex(const Site& site, const PageTextOf& text_of, const SearchIndexOptions& options,
                      SiteOutput* output, std::string* manifest);

/// The fingerprint that names the index's folder: of its files (SiteOutput::FolderFingerprint
/// of kPendingIndexFolder) and its manifest.
std::string SearchIndexFingerprint(const SiteOutput& output, const std::string& manifest);

/// `search/manifest.js`: the manifest, and the name of the folder that holds the index's
/// other files (`fingerprint`), which the glue (runtime/web/search.js) loads it to learn.
/// The one index file a page finds by a fixed name, so that pages do not change when only
/// the index does; it is revalidated on every load (docs/hosting.md).
inline constexpr const char* kSearchManifestPath = "search/manifest.js";
std::string SearchManifestScript(const std::string& manifest, const std::string& fingerprint);

/// Where WriteSearchIndex writes the index, to be renamed to its published folder
/// (`names`' "search/", which its fingerprint names) with SiteOutput::RenameFolder.
inline constexpr const char* kPendingIndexFolder = "search/.pending/";

/// Renders the search page, `search/index.html` with the theme's layout, into `output`.
/// Returns false on a template error (with diagnostics) or a failed write.
bool RenderSearchPage(const Site& site, const Theme& theme, const RenderInputs& inputs, SiteOutput* output,
                      DiagnosticSink* sink);

}  // namespace morsel::gen
