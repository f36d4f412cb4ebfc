#pragma once

// `morsel serve`: the author's loop. Builds the site into a private folder, serves it on
// 127.0.0.1, watches the content and theme folders, rebuilds on a change and reloads open
// pages (server-sent events); a build that fails shows its diagnostics in the terminal and
// over the page, while the last good site stays served. docs/authoring.md ("Preview while
// you write").

#include <string>

#include "generator/build.h"

namespace morsel::gen {

struct ServeOptions {
  BuildOptions build;
  /// The port on 127.0.0.1; 0 picks a free one.
  int port = 8000;
  /// Open the site in the desktop's browser (xdg-open) once served.
  bool open = false;
};

/// Runs until SIGINT or SIGTERM and returns the exit status: 0 after Ctrl-C, 2 when the
/// port cannot be had or the content folder is missing. A first build with errors serves a
/// page that says so, with the diagnostics over it, until a change fixes them. Progress and
/// diagnostics go to the terminal.
int Serve(const ServeOptions& options);

/// The page script that reloads on a new build and shows a failed build over the page
/// (served as /__morsel/live.js).
extern const char kLiveReloadScript[];

/// `html` with the live-reload script added before `</head>` (or at the end), telling it
/// the build it belongs to.
std::string WithLiveReload(const std::string& html, int generation);

}  // namespace morsel::gen
