#pragma once

// A stage's work shared between processes, one per core. cmark-gfm rewrites a
// process-global table while it parses inlines (github/cmark-gfm PR #176), and the
// theme's templates and the model are read by every page: processes (fork) need none of
// that made thread-safe. Each share writes its own files into the one output folder
// (every file belongs to one share); what the others made (the manifest of their files,
// their diagnostics, a result of their own) comes back to this process through a pipe.
// Which share does what depends only on the item's number, never on timing, so the
// output is the same byte for byte whatever the number of processes (tests/unit/
// generator/parallel_build_test.cc).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/diagnostics.h"
#include "generator/site_output.h"

namespace morsel::gen {

/// Which items of a stage this process does: item i belongs to share i % count.
struct WorkShare {
  size_t index = 0;
  size_t count = 1;
  bool Mine(size_t item) const { return count <= 1 || item % count == index; }
};

/// One share of a stage: writes its files into `output`, reports to `sink`, may leave a
/// result of its own in `result`; false when it failed (reported, or output->error()).
using ShareWork =
    std::function<bool(const WorkShare& share, SiteOutput* output, DiagnosticSink* sink, std::string* result)>;

/// Runs `work` once for each of `jobs` shares: share 0 in this process, each other share
/// in a forked process writing into the folder `output` writes into. The files of every
/// share join `output`'s manifest and their diagnostics `sink`; `results`, when given,
/// gets each share's result, by share. With `jobs` <= 1 this is work({0, 1}, …). False if
/// any share's work returned false. A worker that dies (a crash, a signal) throws
/// std::runtime_error: a bug, reported as one.
bool RunShares(size_t jobs, SiteOutput* output, DiagnosticSink* sink, const ShareWork& work,
               std::vector<std::string>* results = nullptr);

/// A share's result in fields, read back in the order appended (ResultReader).
void AppendNumber(uint64_t n, std::string* out);
void AppendText(std::string_view text, std::string* out);

class ResultReader {
 public:
  explicit ResultReader(std::string_view bytes) : bytes_(bytes) {}
  uint64_t Number();
  std::string Text();
  /// Nothing was missing so far.
  bool good() const { return ok_; }
  /// Everything was read.
  bool done() const { return at_ == bytes_.size(); }
  /// Everything was read, nothing was missing.
  bool ok() const { return ok_ && done(); }

 private:
  uint64_t Broken();
  std::string_view bytes_;
  size_t at_ = 0;
  bool ok_ = true;
};

/// `sink`'s diagnostics with the sources they quote, as fields (a worker's report, the
/// build cache's record of a build's warnings).
void AppendDiagnostics(const DiagnosticSink& sink, std::string* out);
/// Reads what AppendDiagnostics wrote: the sources go into `sink` at once; the diagnostics
/// are returned, for the caller to add once it has read all it expects.
std::vector<SourceDiagnostic> ReadDiagnostics(ResultReader* in, DiagnosticSink* sink);

/// The number of processes a build uses by default: the cores it may run on.
size_t DefaultJobs();

}  // namespace morsel::gen
