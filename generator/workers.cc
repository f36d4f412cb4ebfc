#include "generator/workers.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <utility>
#include <vector>

#include "generator/processing.h"

namespace morsel::gen {
namespace {

// ---- What a worker sends back: length-prefixed fields, read in the order written ----

/// A worker's report: whether its work succeeded (or what escaped it), its files, its
/// diagnostics with the sources they quote, its result.
std::string Report(bool ok, const std::string& escaped, const SiteOutput& output, const DiagnosticSink& sink,
                   const std::string& result) {
  std::string out;
  AppendNumber(ok ? 1 : 0, &out);
  AppendText(escaped, &out);
  AppendText(output.failed_path(), &out);
  AppendText(output.error(), &out);
  AppendNumber(output.manifest().size(), &out);
  for (const auto& [path, file] : output.manifest()) {
    AppendText(path, &out);
    AppendNumber(file.size, &out);
    AppendText(std::string_view(reinterpret_cast<const char*>(file.digest.data()), file.digest.size()), &out);
    AppendText(file.kept, &out);
  }
  AppendDiagnostics(sink, &out);
  AppendText(result, &out);
  return out;
}

/// Adds a worker's report to this process's output and sink; its work's success.
bool Absorb(std::string_view report, SiteOutput* output, DiagnosticSink* sink, std::string* result) {
  ResultReader in(report);
  const bool ok = in.Number() == 1;
  const std::string escaped = in.Text();
  const std::string failed_path = in.Text();
  const std::string error = in.Text();
  std::map<std::string, OutputFile> files;
  for (uint64_t n = in.Number(); n > 0 && in.good(); --n) {
    std::string path = in.Text();
    OutputFile file;
    file.size = in.Number();
    const std::string digest = in.Text();
    if (digest.size() == file.digest.size()) std::memcpy(file.digest.data(), digest.data(), digest.size());
    file.kept = in.Text();
    files.emplace(std::move(path), file);
  }
  std::vector<SourceDiagnostic> diagnostics = ReadDiagnostics(&in, sink);
  *result = in.Text();
  if (!in.ok()) throw std::runtime_error("a build process sent back a report that cannot be read");
  if (!escaped.empty()) throw std::runtime_error(escaped);
  for (SourceDiagnostic& d : diagnostics) sink->Add(std::move(d));
  output->Absorb(files, failed_path, error);
  return ok;
}

}  // namespace

void AppendDiagnostics(const DiagnosticSink& sink, std::string* out) {
  AppendNumber(sink.diagnostics().size(), out);
  for (const SourceDiagnostic& d : sink.diagnostics()) {
    AppendNumber(d.severity == Severity::kError ? 1 : 0, out);
    AppendText(d.path, out);
    AppendNumber(static_cast<uint64_t>(d.line), out);
    AppendNumber(static_cast<uint64_t>(d.column), out);
    AppendText(d.code, out);
    AppendText(d.message, out);
    AppendText(d.hint, out);
    const std::string* source = sink.Source(d.path);
    AppendNumber(source != nullptr ? 1 : 0, out);
    if (source != nullptr) AppendText(*source, out);
  }
}

std::vector<SourceDiagnostic> ReadDiagnostics(ResultReader* in, DiagnosticSink* sink) {
  std::vector<SourceDiagnostic> diagnostics;
  for (uint64_t n = in->Number(); n > 0 && in->good(); --n) {
    SourceDiagnostic d;
    d.severity = in->Number() == 1 ? Severity::kError : Severity::kWarning;
    d.path = in->Text();
    d.line = static_cast<int>(in->Number());
    d.column = static_cast<int>(in->Number());
    d.code = in->Text();
    d.message = in->Text();
    d.hint = in->Text();
    if (in->Number() == 1) sink->AddSource(d.path, in->Text());
    diagnostics.push_back(std::move(d));
  }
  return diagnostics;
}

namespace {

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string ReadAll(int fd) {
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  return bytes;
}

/// In a forked worker: does its share, sends its report, and ends without running this
/// process's destructors or flushing its stdio buffers (the parent's, copied).
[[noreturn]] void Worker(const WorkShare& share, const SiteOutput& parent, const ShareWork& work, int fd) {
  SiteOutput output = parent.Empty();
  DiagnosticSink sink;
  std::string result;
  bool ok = false;
  std::string escaped;
  try {
    ok = work(share, &output, &sink, &result);
  } catch (const std::exception& e) {
    const std::string& file = ProcessingFile::Current();
    escaped = std::string(e.what()) + (file.empty() ? "" : " (while processing " + file + ")");
  } catch (...) {
    escaped = "an unknown exception";
  }
  const bool sent = WriteAll(fd, Report(ok, escaped, output, sink, result));
  _exit(sent ? 0 : 1);
}

/// A forked worker: its process and the pipe its report comes through.
struct Child {
  pid_t pid;
  int fd;
};

/// Stops the workers started so far, when this process cannot go on with the stage.
void Abandon(const std::vector<Child>& children) {
  for (const Child& c : children) {
    close(c.fd);
    kill(c.pid, SIGKILL);
    while (waitpid(c.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

}  // namespace

void AppendNumber(uint64_t n, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
}

void AppendText(std::string_view text, std::string* out) {
  AppendNumber(text.size(), out);
  out->append(text);
}

uint64_t ResultReader::Number() {
  if (bytes_.size() - at_ < 8) return Broken();
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[at_ + i])) << (8 * i);
  at_ += 8;
  return n;
}

std::string ResultReader::Text() {
  const uint64_t size = Number();
  if (bytes_.size() - at_ < size) return std::string(Broken(), '\0');
  std::string text(bytes_.substr(at_, size));
  at_ += size;
  return text;
}

uint64_t ResultReader::Broken() {
  ok_ = false;
  at_ = bytes_.size();
  return 0;
}

bool RunShares(size_t jobs, SiteOutput* output, DiagnosticSink* sink, const ShareWork& work,
               std::vector<std::string>* results) {
  if (results != nullptr) results->assign(std::max<size_t>(jobs, 1), "");
  std::string own_result;
  if (jobs <= 1) return work(WorkShare{}, output, sink, results != nullptr ? &(*results)[0] : &own_result);
  std::vector<Child> children;
  std::fflush(nullptr);  // a child must not write what this process has buffered
  for (size_t i = 1; i < jobs; ++i) {
    int fds[2];
    if (pipe(fds) != 0) {
      const std::string why = std::strerror(errno);
      Abandon(children);
      throw std::runtime_error("cannot make a pipe: " + why);
    }
    const pid_t pid = fork();
    if (pid < 0) {
      const std::string why = std::strerror(errno);
      close(fds[0]);
      close(fds[1]);
      Abandon(children);
      throw std::runtime_error("cannot start a build process: " + why);
    }
    if (pid == 0) {
      close(fds[0]);
      for (const Child& c : children) close(c.fd);
      Worker(WorkShare{i, jobs}, *output, work, fds[1]);
    }
    close(fds[1]);
    children.push_back({pid, fds[0]});
  }
  SiteOutput own = output->Empty();
  bool ok = false;
  try {
    ok = work(WorkShare{0, jobs}, &own, sink, results != nullptr ? &(*results)[0] : &own_result);
  } catch (...) {
    Abandon(children);
    throw;
  }
  output->Absorb(own.manifest(), own.failed_path(), own.error());
  std::string failure;
  for (size_t i = 0; i < children.size(); ++i) {
    const std::string report = ReadAll(children[i].fd);
    close(children[i].fd);
    int status = 0;
    while (waitpid(children[i].pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!failure.empty()) continue;
    if (WIFSIGNALED(status)) {
      failure = "a build process stopped on signal " + std::to_string(WTERMSIG(status));
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || report.empty()) {
      failure = "a build process stopped before it reported";
    } else {
      try {
        ok = Absorb(report, output, sink, results != nullptr ? &(*results)[i + 1] : &own_result) && ok;
      } catch (const std::exception& e) {
        failure = e.what();
      }
    }
  }
  if (!failure.empty()) throw std::runtime_error(failure);
  return ok;
}

size_t DefaultJobs() {
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  return cores > 0 ? static_cast<size_t>(cores) : 1;
}

}  // namespace morsel::gen
