#include "generator/front_matter.h"

#include <catch2/catch.hpp>

namespace morsel::gen {
namespace {

TEST_CASE("front matter is split with the body's line offset") {
  FrontMatter fm = SplitFrontMatter("---\ntitle: A\nweight: 2\n---\n# Body\ntext\n");
  CHECK(fm.present);
  CHECK(fm.closed);
  CHECK(fm.yaml == "title: A\nweight: 2\n");
  CHECK(fm.yaml_line == 2);
  CHECK(fm.body == "# Body\ntext\n");
  CHECK(fm.body_line == 5);
}

TEST_CASE("no front matter leaves the whole text as body") {
  FrontMatter fm = SplitFrontMatter("# Title\n---\n");
  CHECK_FALSE(fm.present);
  CHECK(fm.body == "# Title\n---\n");
  CHECK(fm.body_line == 1);
}

TEST_CASE("CRLF line ends, a BOM and '...' as the closing fence are accepted") {
  FrontMatter fm = SplitFrontMatter("\xEF\xBB\xBF---\r\ntitle: A\r\n...\r\nbody\r\n");
  CHECK(fm.present);
  CHECK(fm.yaml == "title: A\r\n");
  CHECK(fm.body == "body\r\n");
  CHECK(fm.body_line == 4);
}

TEST_CASE("an unclosed front matter is reported as such") {
  FrontMatter fm = SplitFrontMatter("---\ntitle: A\n# Body\n");
  CHECK(fm.present);
  CHECK_FALSE(fm.closed);
}

TEST_CASE("an empty front matter and a file that is only a fence pair") {
  FrontMatter fm = SplitFrontMatter("---\n---\n");
  CHECK(fm.present);
  CHECK(fm.closed);
  CHECK(fm.yaml.empty());
  CHECK(fm.body.empty());
  CHECK(fm.body_line == 3);
}

TEST_CASE("lone CR line ends (old Mac files) split as LF ones do") {
  FrontMatter fm = SplitFrontMatter("---\rtitle: A\rweight: 2\r---\rBody\r");
  CHECK(fm.present);
  CHECK(fm.closed);
  CHECK(fm.yaml == "title: A\nweight: 2\n");
  CHECK(fm.body == "Body\r");
  CHECK(fm.body_line == 5);
}

}  // namespace
}  // namespace morsel::gen
