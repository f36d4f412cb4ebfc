// `morsel package` (generator/package.h): each manifest has what its specification
// requires (checked by a small XML reader written here, from IMS CP 1.1.2 with SCORM 1.2's
// ADL extensions, SCORM 2004 4th Edition's CAM, and cmi5 §13–14), the launch page is the
// course's single file marked with the protocol, and bad input is refused clearly.
#include "generator/package.h"

#include <cctype>
#include <map>
#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "generator/build.h"
#include "tests/unit/generator/site_fixture.h"
#include "tests/unit/generator/zip_reader.h"

namespace morsel::gen {
namespace {

// ---- A small XML reader: elements, attributes, text and the predefined entities. ----

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;
  std::vector<Element> children;

  /// The one child named `child`; fails the test when there is not exactly one.
  const Element& Child(const std::string& child) const {
    const Element* found = nullptr;
    int count = 0;
    for (const Element& e : children) {
      if (e.name == child) {
        found = &e;
        ++count;
      }
    }
    INFO("<" << name << "> has " << count << " <" << child << ">");
    REQUIRE(count == 1);
    return *found;
  }
  bool Has(const std::string& child) const {
    for (const Element& e : children) {
      if (e.name == child) return true;
    }
    return false;
  }
  std::string Attribute(const std::string& key) const {
    auto it = attributes.find(key);
    INFO("<" << name << "> needs the attribute " << key);
    REQUIRE(it != attributes.end());
    return it->second;
  }
};

class XmlReader {
 public:
  explicit XmlReader(std::string text) : text_(std::move(text)) {}

  /// The document's root element; the test fails on anything that is not well formed.
  Element Root() {
    REQUIRE(text_.compare(0, 38, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>") == 0);
    at_ = text_.find("?>") + 2;
    SkipSpace();
    Element root = ReadElement();
    SkipSpace();
    REQUIRE(at_ == text_.size());
    return root;
  }

 private:
  void SkipSpace() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  std::string Name() {
    const size_t start = at_;
    while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) ||
                                  std::string_view(":_-.").find(text_[at_]) != std::string_view::npos)) {
      ++at_;
    }
    REQUIRE(at_ > start);
    return text_.substr(start, at_ - start);
  }
  /// Character data up to `end`, with entity references decoded; a bare '<' or '&' fails.
  std::string Decode(size_t end) {
    std::string out;
    while (at_ < end) {
      const char c = text_[at_];
      REQUIRE(c != '<');
      if (c != '&') {
        out += c;
        ++at_;
        continue;
      }
      const size_t semi = text_.find(';', at_);
      REQUIRE(semi < end);
      static const std::map<std::string, std::string> kEntities = {{"amp", "&"},   {"lt", "<"},   {"gt", ">"},
                                                                   {"quot", "\""}, {"apos", "'"}, {"#39", "'"}};
      const std::string entity = text_.substr(at_ + 1, semi - at_ - 1);
      INFO("entity &" << entity << ";");
      REQUIRE(kEntities.count(entity) == 1);
      out += kEntities.at(entity);
      at_ = semi + 1;
    }
    return out;
  }
  Element ReadElement() {
    REQUIRE(text_[at_] == '<');
    ++at_;
    Element e;
    e.name = Name();
    for (;;) {
      SkipSpace();
      if (text_.compare(at_, 2, "/>") == 0) {
        at_ += 2;
        return e;
      }
      if (text_[at_] == '>') break;
      const std::string key = Name();
      REQUIRE(text_.compare(at_, 2, "=\"") == 0);
      at_ += 2;
      const size_t close = text_.find('"', at_);
      REQUIRE(close != std::string::npos);
      INFO("attribute " << key << " twice on <" << e.name << ">");
      REQUIRE(e.attributes.emplace(key, Decode(close)).second);
      at_ = close + 1;
    }
    ++at_;
    for (;;) {
      const size_t lt = text_.find('<', at_);
      REQUIRE(lt != std::string::npos);
      e.text += Decode(lt);
      if (text_.compare(lt, 2, "</") == 0) {
        at_ = lt + 2;
        INFO("<" << e.name << "> closed by another name");
        REQUIRE(Name() == e.name);
        REQUIRE(text_[at_] == '>');
        ++at_;
        // Text of an element with children is the indentation between them.
        if (!e.children.empty()) e.text.clear();
        return e;
      }
      e.children.push_back(ReadElement());
    }
  }

  std::string text_;
  size_t at_ = 0;
};

/// Every prefix used by an element or attribute of `e` is declared on the root.
void CheckPrefixesDeclared(const Element& e, const std::map<std::string, std::string>& declared) {
  auto check = [&](const std::string& name) {
    const size_t colon = name.find(':');
    if (colon == std::string::npos || name.compare(0, 6, "xmlns:") == 0) return;
    INFO("prefix of " << name);
    CHECK(declared.count("xmlns:" + name.substr(0, colon)) == 1);
  };
  check(e.name);
  for (const auto& [key, value] : e.attributes) check(key);
  for (const Element& child : e.children) CheckPrefixesDeclared(child, declared);
}

/// An xs:ID: a letter or '_' first, then letters, digits, '.', '-', '_' (no ':').
bool IsXmlId(const std::string& id) {
  if (id.empty() || !(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_')) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("._-").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

/// A fully qualified IRI (cmi5 §3: "MUST be fully qualified and not IRI References"):
/// a scheme, ':', and more.
bool IsAbsoluteIri(const std::string& iri) {
  const size_t colon = iri.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == iri.size()) return false;
  if (!std::isalpha(static_cast<unsigned char>(iri[0]))) return false;
  for (size_t i = 0; i < colon; ++i) {
    if (!std::isalnum(static_cast<unsigned char>(iri[i])) &&
        std::string_view("+-.").find(iri[i]) == std::string_view::npos) {
      return false;
    }
  }
  return iri.find_first_of(" \t\n<>\"") == std::string::npos;
}

struct ScormExpectation {
  const char* cp_namespace;
  const char* adlcp_namespace;
  const char* schema_version;
  const char* scorm_type_attribute;
  std::string title;
  std::string organization_title;
  /// "" when the manifest must have no mastery score.
  std::string mastery;
};

/// What IMS Content Packaging with SCORM's extensions requires of imsmanifest.xml: the
/// root's identifier and namespaces, the metadata naming the SCORM version, a default
/// organization that exists, items whose identifierref names a resource, a SCO resource
/// launching index.html that lists its files, unique xs:ID identifiers; and the mastery.
/// Returns the root.
Element CheckScormManifest(const std::string& xml, const ScormExpectation& want, bool is_2004) {
  const Element root = XmlReader(xml).Root();
  REQUIRE(root.name == "manifest");
  CHECK(root.Attribute("xmlns") == want.cp_namespace);
  CHECK(root.Attribute("xmlns:adlcp") == want.adlcp_namespace);
  if (is_2004) {
    CHECK(root.Attribute("xmlns:adlseq") == "http://www.adlnet.org/xsd/adlseq_v1p3");
    CHECK(root.Attribute("xmlns:adlnav") == "http://www.adlnet.org/xsd/adlnav_v1p3");
    CHECK(root.Attribute("xmlns:imsss") == "http://www.imsglobal.org/xsd/imsss");
  }
  CheckPrefixesDeclared(root, root.attributes);
  std::set<std::string> ids;
  auto add_id = [&](const std::string& id) {
    INFO(id);
    CHECK(IsXmlId(id));
    CHECK(ids.insert(id).second);
  };
  add_id(root.Attribute("identifier"));
  const Element& metadata = root.Child("metadata");
  CHECK(metadata.Child("schema").text == "ADL SCORM");
  CHECK(metadata.Child("schemaversion").text == want.schema_version);

  std::map<std::string, const Element*> resources;
  for (const Element& r : root.Child("resources").children) {
    REQUIRE(r.name == "resource");
    add_id(r.Attribute("identifier"));
    resources[r.Attribute("identifier")] = &r;
  }
  const Element& organizations = root.Child("organizations");
  const std::string default_org = organizations.Attribute("default");
  const Element* organization = nullptr;
  for (const Element& o : organizations.children) {
    REQUIRE(o.name == "organization");
    add_id(o.Attribute("identifier"));
    if (o.Attribute("identifier") == default_org) organization = &o;
  }
  REQUIRE(organization != nullptr);  // organizations/@default names an organization
  CHECK(organization->Child("title").text == want.organization_title);
  const Element& item = organization->Child("item");
  add_id(item.Attribute("identifier"));
  CHECK(item.Child("title").text == want.title);
  // identifierref → a resource, which is a SCO launching index.html and lists it.
  REQUIRE(resources.count(item.Attribute("identifierref")) == 1);
  const Element& resource = *resources.at(item.Attribute("identifierref"));
  CHECK(resource.Attribute("type") == "webcontent");
  CHECK(resource.Attribute(want.scorm_type_attribute) == "sco");
  CHECK(resource.Attribute("href") == "index.html");
  std::set<std::string> files;
  for (const Element& f : resource.children) {
    if (f.name == "file") files.insert(f.Attribute("href"));
  }
  CHECK(files == std::set<std::string>{"index.html"});

  if (!is_2004) {
    CHECK(item.Has("adlcp:masteryscore") == !want.mastery.empty());
    if (!want.mastery.empty()) {
      const std::string score = item.Child("adlcp:masteryscore").text;
      CHECK(score == want.mastery);
      CHECK(std::stod(score) >= 0);
      CHECK(std::stod(score) <= 100);
    }
  } else {
    CHECK(item.Has("imsss:sequencing") == !want.mastery.empty());
    if (!want.mastery.empty()) {
      const Element& primary = item.Child("imsss:sequencing").Child("imsss:objectives").Child("imsss:primaryObjective");
      CHECK(primary.Attribute("satisfiedByMeasure") == "true");
      const std::string measure = primary.Child("imsss:minNormalizedMeasure").text;
      CHECK(measure == want.mastery);
      CHECK(std::stod(measure) >= -1);
      CHECK(std::stod(measure) <= 1);
    }
  }
  return root;
}

/// What cmi5 §13–14 require of cmi5.xml with one AU: the namespace, a course with a
/// fully qualified IRI id, title and description in langstrings; an AU with its own IRI,
/// moveOn and masteryScore (0..1) as the course's rules say, title, description and url.
void CheckCmi5(const std::string& xml, const std::string& course_iri, const std::string& title,
               const std::string& move_on, const std::string& mastery) {
  const Element root = XmlReader(xml).Root();
  REQUIRE(root.name == "courseStructure");
  CHECK(root.Attribute("xmlns") == "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd");
  const Element& course = root.Child("course");
  CHECK(course.Attribute("id") == course_iri);
  CHECK(IsAbsoluteIri(course.Attribute("id")));
  for (const Element* e : {&course, &root.Child("au")}) {
    const Element& langstring = e->Child("title").Child("langstring");
    CHECK(langstring.Attribute("lang") == "en");
    CHECK(langstring.text == title);
    CHECK_FALSE(e->Child("description").Child("langstring").text.empty());
  }
  const Element& au = root.Child("au");
  CHECK(IsAbsoluteIri(au.Attribute("id")));
  CHECK(au.Attribute("id") != course.Attribute("id"));
  CHECK(au.Attribute("moveOn") == move_on);
  CHECK(au.Attribute("launchMethod") == "AnyWindow");
  CHECK((au.attributes.count("masteryScore") == 1) == !mastery.empty());
  if (!mastery.empty()) {
    CHECK(au.Attribute("masteryScore") == mastery);
    CHECK(std::stod(mastery) >= 0);
    CHECK(std::stod(mastery) <= 1);
  }
  CHECK(au.Child("url").text == "index.html");
}

// ---- The site packaged: two courses, one graded with a pass mark, one to read. ----

constexpr const char* kQuiz =
    "```quiz\n"
    "id: check\n"
    "questions:\n"
    "  - id: q1\n"
    "    prompt: Which is phishing?\n"
    "    options:\n"
    "      - text: The odd invoice\n"
    "        correct: true\n"
    "      - text: The newsletter\n"
    "```\n";

MemoryFileSystem TwoCourses() {
  MemoryFileSystem fs;
  std::string error;
  fs.WriteFile("content/site.yml", "title: Key & Co\nid: key\nlanguage: en\n", &error);
  fs.WriteFile("content/safety/_index.md",
               "---\ntitle: \"Safety <first> & \\\"more\\\"\"\ndescription: Spot it.\npass_mark: 80\n---\n", &error);
  fs.WriteFile("content/safety/01-basics/_index.md", "---\ntitle: Basics\n---\n", &error);
  fs.WriteFile("content/safety/01-basics/01-phishing.md", std::string("---\ntitle: Phishing\n---\nRead.\n\n") + kQuiz,
               &error);
  // A pass mark without a graded question: nothing to pass, so no mastery score.
  fs.WriteFile("content/reading/_index.md", "---\ntitle: Reading\npass_mark: 50\n---\n", &error);
  fs.WriteFile("content/reading/01-start/_index.md", "---\ntitle: Start\n---\n", &error);
  fs.WriteFile("content/reading/01-start/01-welcome.md", "---\ntitle: Welcome\n---\nHello.\n", &error);
  return fs;
}

constexpr const char* kSafetyTitle = "Safety <first> & \"more\"";

struct Packed {
  bool ok = false;
  std::string diagnostics;
  std::vector<PackageFile> written;
};

Packed Pack(MemoryFileSystem* fs, PackageFormat format, std::vector<std::string> courses = {}) {
  PackageOptions options;
  options.format = format;
  options.courses = std::move(courses);
  DiagnosticSink sink;
  Packed p;
  p.ok = PackageCourses(fs, options, &p.written, &sink);
  p.diagnostics = sink.Format();
  return p;
}

/// The files of the zip `name` in packages/.
std::map<std::string, std::string> Zip(const MemoryFileSystem& fs, const std::string& name) {
  std::string bytes, error;
  INFO(name);
  REQUIRE(fs.ReadFile("packages/" + name, &bytes, &error));
  return Unzip(bytes);
}

TEST_CASE("SCORM packages: the manifest at the root, the mastery from pass_mark", "[package]") {
  const ScormExpectation scorm12{"http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                                 "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                                 "1.2",
                                 "adlcp:scormtype",
                                 kSafetyTitle,
                                 "Key & Co",
                                 "80"};
  const ScormExpectation scorm2004{"http://www.imsglobal.org/xsd/imscp_v1p1",
                                   "http://www.adlnet.org/xsd/adlcp_v1p3",
                                   "2004 4th Edition",
                                   "adlcp:scormType",
                                   kSafetyTitle,
                                   "Key & Co",
                                   "0.8"};
  for (const PackageFormat format : {PackageFormat::kScorm12, PackageFormat::kScorm2004}) {
    const bool is_2004 = format == PackageFormat::kScorm2004;
    INFO(LmsProtocol(format));
    MemoryFileSystem fs = TwoCourses();
    const Packed p = Pack(&fs, format);
    INFO(p.diagnostics);
    REQUIRE(p.ok);
    REQUIRE(p.written.size() == 2);
    const std::string suffix = is_2004 ? "-scorm2004.zip" : "-scorm12.zip";
    CHECK(p.written[0].name == "reading" + suffix);
    CHECK(p.written[1].name == "safety" + suffix);
    const auto safety = Zip(fs, "safety" + suffix);
    CHECK(safety.size() == 2);  // nothing but the launch page and the manifest
    REQUIRE(safety.count("imsmanifest.xml") == 1);
    const ScormExpectation& want = is_2004 ? scorm2004 : scorm12;
    const Element root = CheckScormManifest(safety.at("imsmanifest.xml"), want, is_2004);
    CHECK(root.Attribute("identifier") == "morsel.key.safety");
    ScormExpectation reading = want;
    reading.title = "Reading";
    reading.mastery = "";
    CheckScormManifest(Zip(fs, "reading" + suffix).at("imsmanifest.xml"), reading, is_2004);
  }
}

TEST_CASE("cmi5 packages: cmi5.xml with one AU, moveOn and masteryScore from the course's rules", "[package]") {
  MemoryFileSystem fs = TwoCourses();
  const Packed p = Pack(&fs, PackageFormat::kCmi5);
  INFO(p.diagnostics);
  REQUIRE(p.ok);
  const auto safety = Zip(fs, "safety-cmi5.zip");
  CHECK(safety.size() == 2);
  CheckCmi5(safety.at("cmi5.xml"), "urn:morsel:key:safety", kSafetyTitle, "CompletedAndPassed", "0.8");
  CheckCmi5(Zip(fs, "reading-cmi5.zip").at("cmi5.xml"), "urn:morsel:key:reading", "Reading", "Completed", "");
}

TEST_CASE("the launch page is the site's single file with the protocol on its body", "[package]") {
  MemoryFileSystem fs = TwoCourses();
  DiagnosticSink sink;
  BuildStats stats;
  REQUIRE(BuildSite(&fs, BuildOptions(), &stats, &sink));
  std::string site_single, site_lesson, error;
  REQUIRE(fs.ReadFile("site/safety/safety-offline.html", &site_single, &error));
  REQUIRE(fs.ReadFile("site/safety/basics/phishing.html", &site_lesson, &error));
  // The attribute (the inline LMS adapter names it too, in its script).
  CHECK(site_single.find(" data-morsel-lms=\"") == std::string::npos);
  CHECK(site_lesson.find("data-morsel-lms") == std::string::npos);
  const std::pair<PackageFormat, const char*> formats[] = {{PackageFormat::kScorm12, "scorm-1.2"},
                                                           {PackageFormat::kScorm2004, "scorm-2004"},
                                                           {PackageFormat::kCmi5, "cmi5"}};
  for (const auto& [format, protocol] : formats) {
    INFO(protocol);
    REQUIRE(Pack(&fs, format).ok);
    std::string page = Zip(fs, PackageName(format, "safety") + ".zip").at("index.html");
    const std::string attribute = std::string(" data-morsel-lms=\"") + protocol + "\"";
    const size_t body = page.find("<body ");
    REQUIRE(body != std::string::npos);
    const size_t at = page.find(attribute);
    REQUIRE(at != std::string::npos);
    CHECK(at < page.find('>', body));
    // Apart from the attribute, the exit button (shown when a cmi5 LMS gives a return URL)
    // and, for cmi5, connections to the LMS's LRS, byte for byte the site's single file:
    // its inline scripts and styles, and so their hashes, are the same.
    page.erase(at, attribute.size());
    const size_t button = page.find("<button type=\"button\" class=\"morsel-exit\" data-morsel-lms-exit hidden>");
    REQUIRE(button != std::string::npos);
    CHECK(button > page.find("<header"));
    page.erase(button, page.find("</button>", button) + 9 - button);
    const std::string connect = "; connect-src *";
    CHECK((page.find(connect) != std::string::npos) == (format == PackageFormat::kCmi5));
    if (format == PackageFormat::kCmi5) page.erase(page.find(connect), connect.size());
    CHECK(page == site_single);
  }
}

TEST_CASE("a course without a graded question is packaged with a warning: completion only", "[package]") {
  MemoryFileSystem fs = TwoCourses();
  const Packed p = Pack(&fs, PackageFormat::kScorm12);
  CHECK(p.ok);
  CHECK(p.diagnostics ==
        "content/reading/_index.md: warning: course 'reading' has no graded question: its package reports "
        "completion only, never passed or failed [package-completion-only]\n"
        "  hint: add a graded quiz (and a pass_mark) if the LMS must record a score and a pass\n"
        "morsel: 0 errors, 1 warning\n");
}

TEST_CASE("named courses only; an unknown course id is refused with a suggestion", "[package]") {
  MemoryFileSystem fs = TwoCourses();
  const Packed one = Pack(&fs, PackageFormat::kCmi5, {"safety"});
  INFO(one.diagnostics);
  REQUIRE(one.ok);
  CHECK(one.diagnostics.empty());
  REQUIRE(one.written.size() == 1);
  CHECK(fs.IsFile("packages/safety-cmi5.zip"));
  CHECK_FALSE(fs.IsFile("packages/reading-cmi5.zip"));

  MemoryFileSystem other = TwoCourses();
  const Packed typo = Pack(&other, PackageFormat::kCmi5, {"safty"});
  CHECK_FALSE(typo.ok);
  CHECK(typo.diagnostics ==
        "content: error: no course has the id 'safty' [unknown-course]\n"
        "  hint: did you mean 'safety'?\n"
        "morsel: 1 error, 0 warnings\n");
  CHECK_FALSE(other.IsDir("packages"));
  const Packed far = Pack(&other, PackageFormat::kCmi5, {"compliance"});
  CHECK(far.diagnostics.find("hint: the courses are: reading, safety\n") != std::string::npos);
}

TEST_CASE("packages go only into a folder that is new, empty or Morsel's", "[package]") {
  MemoryFileSystem fs = TwoCourses();
  std::string error;
  fs.WriteFile("packages/notes.txt", "mine", &error);
  const Packed p = Pack(&fs, PackageFormat::kScorm12);
  CHECK_FALSE(p.ok);
  CHECK(p.diagnostics.find("packages: error: 'packages' is not empty and was not written by Morsel: refusing to "
                           "write packages into it [unsafe-output]") != std::string::npos);
  CHECK(p.written.empty());
  CHECK_FALSE(fs.IsFile("packages/safety-scorm12.zip"));
  CHECK(fs.IsFile("packages/notes.txt"));

  // Morsel's own folder (the marker) keeps the other formats' packages.
  MemoryFileSystem ours = TwoCourses();
  REQUIRE(Pack(&ours, PackageFormat::kScorm12).ok);
  CHECK(ours.IsFile("packages/.morsel-output"));
  REQUIRE(Pack(&ours, PackageFormat::kCmi5).ok);
  CHECK(ours.IsFile("packages/safety-scorm12.zip"));
  CHECK(ours.IsFile("packages/safety-cmi5.zip"));
  CHECK_FALSE(ours.IsDir("packages.morsel-partial"));
}

TEST_CASE("a site's offline template without the LMS attribute is refused", "[package]") {
  MemoryFileSystem fs = TwoCourses();
  std::string error;
  fs.WriteFile("theme/templates/offline.mustache", "<!DOCTYPE html>\n<body data-morsel-root>{{course.title}}</body>\n",
               &error);
  const Packed p = Pack(&fs, PackageFormat::kCmi5, {"safety"});
  CHECK_FALSE(p.ok);
  CHECK(p.diagnostics.find("theme/templates/offline.mustache: error: the theme's offline template writes no "
                           "data-morsel-lms attribute: the packaged course would not report to the LMS "
                           "[theme-no-lms]\n") == 0);
  CHECK_FALSE(fs.IsFile("packages/safety-cmi5.zip"));
  // With the attribute, the same template packs.
  fs.WriteFile("theme/templates/offline.mustache",
               "<!DOCTYPE html>\n<body data-morsel-root{{#lms}} data-morsel-lms=\"{{lms}}\"{{/lms}}>{{course.title}}"
               "</body>\n",
               &error);
  const Packed fixed = Pack(&fs, PackageFormat::kCmi5, {"safety"});
  INFO(fixed.diagnostics);
  CHECK(fixed.ok);
}

TEST_CASE("content with errors is not packaged", "[package]") {
  MemoryFileSystem fs = TwoCourses();
  std::string error;
  fs.WriteFile("content/reading/01-start/01-welcome.md", "---\ntitle: Welcome\nweigth: 1\n---\n", &error);
  const Packed p = Pack(&fs, PackageFormat::kScorm2004);
  CHECK_FALSE(p.ok);
  CHECK(p.diagnostics.find("content/reading/01-start/01-welcome.md:3:1: error: unknown key 'weigth'") !=
        std::string::npos);
  CHECK_FALSE(fs.IsDir("packages"));
}

TEST_CASE("the same content gives byte-identical zips", "[package]") {
  for (PackageFormat format : {PackageFormat::kScorm12, PackageFormat::kScorm2004, PackageFormat::kCmi5}) {
    MemoryFileSystem first = TwoCourses();
    MemoryFileSystem second = TwoCourses();
    REQUIRE(Pack(&first, format).ok);
    REQUIRE(Pack(&second, format).ok);
    REQUIRE(Pack(&second, format).ok);  // and again over its own output
    for (const char* course : {"safety", "reading"}) {
      std::string a, b, error;
      const std::string path = "packages/" + PackageName(format, course) + ".zip";
      REQUIRE(first.ReadFile(path, &a, &error));
      REQUIRE(second.ReadFile(path, &b, &error));
      CHECK(a == b);
    }
  }
}

}  // namespace
}  // namespace morsel::gen
