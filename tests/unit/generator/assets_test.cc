#include "generator/assets.h"

#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "runtime/core/answer_key.h"

namespace morsel::gen {
namespace {

/// FingerprintOf as it was first written, hashing the files joined in one string: the
/// incremental hash must give the same names, or a new build would rename every asset.
std::string JoinedFingerprint(const std::map<std::string, std::string>& files) {
  std::string all;
  for (const auto& [path, contents] : files) {
    all += path + '\0' + std::to_string(contents.size()) + '\0' + contents;
  }
  return core::Sha256Hex(all).substr(0, kFingerprintLength);
}

TEST_CASE("FingerprintOf hashes the same bytes as the files joined in one string") {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  const std::map<std::string, std::string> cases[] = {
      {},
      {{"empty.js", ""}},
      {{"manifest.js", "{}"}, {"s0.js", "var a = 1;\n"}},
      {{"a", std::string("\0b\0", 3)}, {std::string("a\0b", 3), "c"}, {"bytes.bin", all_bytes}},
      {{"s0.js", std::string(63, 'x')}, {"s1.js", std::string(64, 'y')}, {"s2.js", std::string(1000, 'z')}},
  };
  for (const auto& files : cases) {
    INFO(files.size() << " files");
    CHECK(FingerprintOf(files) == JoinedFingerprint(files));
  }
  // python3: hashlib.sha256(b"manifest.js\0" b"2\0{}" b"s0.js\0" b"11\0var a = 1;\n")
  //     .hexdigest()[:10]
  CHECK(FingerprintOf(cases[2]) == "2095f66282");
}

TEST_CASE("FingerprintOf changes with a file's path or contents") {
  const std::map<std::string, std::string> files = {{"s0.js", "one"}, {"s1.js", "two"}};
  CHECK(FingerprintOf(files) != FingerprintOf({{"s0.js", "one"}, {"s1.js", "twO"}}));
  CHECK(FingerprintOf(files) != FingerprintOf({{"s0.js", "one"}, {"s2.js", "two"}}));
}

}  // namespace
}  // namespace morsel::gen
