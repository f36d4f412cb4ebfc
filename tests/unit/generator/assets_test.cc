#include "generator/assets.h"

#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "generator/file_system.h"
#include "generator/site_output.h"

namespace morsel::gen {
namespace {

/// The fingerprint of folder "search/x/" of an output holding `files` under it and
/// "other.js" beside it.
std::string Fingerprint(const std::map<std::string, std::string>& files, const std::string& other = "o") {
  MemoryFileSystem fs;
  SiteOutput written(&fs, "site");
  for (const auto& [path, contents] : files) REQUIRE(written.Add("search/x/" + path, contents));
  REQUIRE(written.Add("other.js", other));
  return written.FolderFingerprint("search/x/");
}

TEST_CASE("a folder's fingerprint changes with a file's path or contents inside it, and only with those") {
  const std::map<std::string, std::string> files = {{"s0.js", "one"}, {"s1.js", "two"}};
  const std::string fingerprint = Fingerprint(files);
  CHECK(fingerprint.size() == kFingerprintLength);
  CHECK(fingerprint == Fingerprint(files, "a file outside the folder"));
  CHECK(fingerprint != Fingerprint({{"s0.js", "one"}, {"s1.js", "twO"}}));
  CHECK(fingerprint != Fingerprint({{"s0.js", "one"}, {"s2.js", "two"}}));
  CHECK(fingerprint != Fingerprint({{"s0.js", "one"}}));
}

}  // namespace
}  // namespace morsel::gen
