#include "runtime/core/diagnostic.h"

#include <catch2/catch.hpp>

namespace morsel::core {
namespace {

Diagnostic Make(Severity severity, const char* code) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  return d;
}

TEST_CASE("PointerToken escapes '~' and '/' as RFC 6901 says") {
  CHECK(PointerToken("options") == "options");
  CHECK(PointerToken("") == "");
  CHECK(PointerToken("a/b") == "a~1b");
  CHECK(PointerToken("a~b") == "a~0b");
  // '~' first, so an escaped '/' is not escaped twice, and a literal "~1" stays distinct.
  CHECK(PointerToken("~/") == "~0~1");
  CHECK(PointerToken("~1") == "~01");
  CHECK(PointerToken("//") == "~1~1");
}

TEST_CASE("HasErrors is true only when an error is among the diagnostics") {
  CHECK_FALSE(HasErrors({}));
  CHECK_FALSE(HasErrors({Make(Severity::kWarning, "answer-changed"), Make(Severity::kWarning, "progress-reset")}));
  CHECK(HasErrors({Make(Severity::kWarning, "answer-changed"), Make(Severity::kError, "unknown-key")}));
  CHECK(HasErrors({Make(Severity::kError, "unknown-key")}));
}

TEST_CASE("a diagnostic is an error about a value unless told otherwise") {
  Diagnostic d;
  CHECK(d.severity == Severity::kError);
  CHECK_FALSE(d.at_key);
  CHECK(d.pointer.empty());
}

}  // namespace
}  // namespace morsel::core
