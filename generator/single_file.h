#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "generator/assets.h"
#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/model.h"
#include "generator/site_output.h"
#include "generator/theme.h"
#include "generator/workers.h"

namespace morsel::gen {

struct SingleFileOptions {
  /// Images up to this many bytes are inlined as data: URIs; a larger one stays a link to
  /// the copied file (which a lone single file does not have) and gets a
  /// `large-inline-image` warning.
  size_t inline_image_limit = 200 * 1024;
  /// The protocol a packaged copy speaks to its LMS ("scorm-1.2", "scorm-2004", "cmi5"),
  /// written as the `data-morsel-lms` attribute of its <body>, which the runtime's LMS
  /// adapter reads; "" for the site's own single files, which have none.
  std::string lms;
  /// Called as each lesson's section is rendered (the build's progress,
  /// generator/progress.h).
  std::function<void()> section_rendered;
};

/// Renders every course's single-file edition (theme template `offline`, at OfflinePath)
/// into `output`, each written as it is rendered, from the model with the templates the
/// site's pages use: the course page and its lessons as sections of one document, each
/// section's ids prefixed with its id, links between them as #fragments, images inlined,
/// the stylesheet and the runtime (runtime/offline.js, the main and the progress module's
/// packed wasm and JS loader, the glue) as inline elements, and a Content-Security-Policy
/// meta tag that allows exactly those by their hashes. `source` is the content folder,
/// where images are read. Of the courses (numbered in order), only `share`'s
/// (generator/workers.h). False on a template error (with diagnostics) or a failed write
/// (output->error()).
bool RenderSingleFiles(const Site& site, const Theme& theme, const AssetNames& names, const FileSystem& fs,
                       const std::string& source, const SingleFileOptions& options, SiteOutput* output,
                       DiagnosticSink* sink, const WorkShare& share = WorkShare{});

/// One course's single-file edition, as RenderSingleFiles makes it, written at `path` of
/// `output` (its links still made from its place in the site, OfflinePath): the launch
/// page of the course's LMS package (generator/package.h).
bool RenderSingleFile(const Site& site, const Theme& theme, const AssetNames& names, const FileSystem& fs,
                      const std::string& source, const SingleFileOptions& options, const Course& course,
                      const std::string& path, SiteOutput* output, DiagnosticSink* sink);

/// The CSP source that allows one inline script or style: 'sha256-<base64 of SHA-256>'.
std::string CspHash(std::string_view text);

/// Text that may sit inside <script> or <style> without ending it early.
std::string InlineRawText(std::string text);

/// ISO-8859-1 text as UTF-8 (the packed wasm is ISO-8859-1; the single file is UTF-8).
std::string Latin1ToUtf8(std::string_view latin1);

}  // namespace morsel::gen
