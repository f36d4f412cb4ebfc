#pragma once

#include <string>

#include "generator/diagnostics.h"
#include "generator/model.h"

namespace morsel::gen {

/// Checks what spans pages: ids unique across the site, prerequisites that name existing
/// courses or lessons (lesson prerequisites may be ids or relative `.md` paths) and that
/// form no cycle. Resolves lesson prerequisites to ids. `root` is the content folder as
/// diagnostics name it. Returns false on any error.
bool ValidateSite(Site* site, const std::string& root, DiagnosticSink* sink);

}  // namespace morsel::gen
