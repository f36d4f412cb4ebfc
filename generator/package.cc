#include "generator/package.h"

#include <algorithm>
#include <set>

#include "generator/assets.h"
#include "generator/build.h"
#include "generator/html_escape.h"
#include "generator/single_file.h"
#include "generator/site_output.h"
#include "generator/zip_archive.h"
#include "runtime/core/edit_distance.h"

namespace morsel::gen {
namespace {

/// What the marker says in a packages folder: `morsel package` rewrites the zips it
/// makes and keeps the others (one folder holds every format's packages).
constexpr const char* kPackagesMarkerText =
    "This folder was written by Morsel (morsel package), which rewrites the packages in it.\n"
    "Keep nothing of your own here.\n";

/// The launch document's name inside every package.
constexpr const char* kLaunchPage = "index.html";

/// True when some question of `course` scores points (a pool or assessment counts
/// through its quiz): only then can the LMS be told passed or failed.
bool HasGradedQuestion(const Course& course) {
  bool graded = false;
  ForEachLesson(course, [&](const Module&, const Lesson& lesson) {
    for (const auto& [key, points] : lesson.question_points) graded = graded || points > 0;
    for (const auto& [id, points] : lesson.quiz_points) graded = graded || points > 0;
  });
  return graded;
}

/// The pass mark the LMS judges by: the course's, when it has one and a graded question.
int MasteryPercent(const Course& course, bool graded) { return graded ? course.pass_mark : 0; }

/// `percent` / 100 as a decimal without trailing zeros: 80 → "0.8", 75 → "0.75", 100 → "1".
std::string Fraction(int percent) {
  if (percent >= 100) return "1";
  std::string digits = std::to_string(100 + percent).substr(1);  // two digits
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return digits.empty() ? "0" : "0." + digits;
}

/// Text and attribute values of the manifests: HTML's escapes are XML's predefined
/// entities (and a numeric reference for the apostrophe).
std::string Xml(const std::string& text) { return EscapeHtml(text); }

/// The manifest's identifier (an xs:ID, so it starts with a letter): unique per site and
/// course, and stable as their ids are.
std::string ScormIdentifier(const SiteConfig& config, const Course& course) {
  return "morsel." + config.id + "." + course.id;
}

/// The course's IRI for cmi5: a URN made of the stable ids, so it survives moving the
/// site to another host (docs/lms.md).
std::string CourseIri(const SiteConfig& config, const Course& course) {
  return "urn:morsel:" + config.id + ":" + course.id;
}

/// What a SCORM version's manifest says in its own words: the namespaces on the root,
/// its schemaversion, how the resource's SCO type is spelled, and the mastery.
struct ScormDialect {
  const char* namespaces;
  const char* schema_version;
  const char* scorm_type;
  /// The item's elements that tell the LMS the mastery (empty without one).
  std::string mastery;
};

ScormDialect Scorm12(int mastery) {
  return {
      "          xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
      "          xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"",
      "1.2", "adlcp:scormtype",
      mastery > 0 ? "        <adlcp:masteryscore>" + std::to_string(mastery) + "</adlcp:masteryscore>\n" : ""};
}

ScormDialect Scorm2004(const std::string& id, int mastery) {
  ScormDialect dialect{
      "          xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
      "          xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n"
      "          xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\"\n"
      "          xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"\n"
      "          xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"",
      "2004 4th Edition", "adlcp:scormType", ""};
  if (mastery > 0) {
    // The primary objective is satisfied by the scaled score: the LMS hands this to the
    // runtime as cmi.scaled_passing_score.
    dialect.mastery =
        "        <imsss:sequencing>\n          <imsss:objectives>\n"
        "            <imsss:primaryObjective objectiveID=\"" +
        Xml(id) +
        ".passed\" satisfiedByMeasure=\"true\">\n"
        "              <imsss:minNormalizedMeasure>" +
        Fraction(mastery) +
        "</imsss:minNormalizedMeasure>\n"
        "            </imsss:primaryObjective>\n          </imsss:objectives>\n"
        "        </imsss:sequencing>\n";
  }
  return dialect;
}

/// imsmanifest.xml: one organisation (the site) with one item (the course) whose
/// identifierref names the one SCO resource, index.html.
std::string ScormManifest(const std::string& id, const SiteConfig& config, const Course& course,
                          const ScormDialect& dialect) {
  const std::string xml_id = Xml(id);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"" + xml_id + "\" version=\"1\"\n" +
         dialect.namespaces + ">\n  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>" +
         dialect.schema_version + "</schemaversion>\n  </metadata>\n  <organizations default=\"" + xml_id +
         ".org\">\n    <organization identifier=\"" + xml_id + ".org\">\n      <title>" + Xml(config.title) +
         "</title>\n      <item identifier=\"" + xml_id + ".item\" identifierref=\"" + xml_id +
         ".sco\">\n        <title>" + Xml(course.title) + "</title>\n" + dialect.mastery +
         "      </item>\n    </organization>\n  </organizations>\n  <resources>\n    <resource identifier=\"" + xml_id +
         ".sco\" type=\"webcontent\" " + dialect.scorm_type + "=\"sco\" href=\"" + kLaunchPage +
         "\">\n      <file href=\"" + kLaunchPage + "\"/>\n    </resource>\n  </resources>\n</manifest>\n";
}

/// A cmi5 langstring element `name` holding `text` in the site's language.
std::string LangString(const std::string& name, const std::string& language, const std::string& text,
                       const char* indent) {
  return std::string(indent) + "<" + name + ">\n" + indent + "  <langstring lang=\"" + Xml(language) + "\">" +
         Xml(text) + "</langstring>\n" + indent + "</" + name + ">\n";
}

std::string Cmi5Manifest(const SiteConfig& config, const Course& course, int mastery) {
  const std::string iri = CourseIri(config, course);
  const std::string& description = course.description.empty() ? course.title : course.description;
  std::string au =
      "  <au id=\"" + Xml(iri) + ":au\" moveOn=\"" +
      (mastery > 0 ? "CompletedAndPassed\" masteryScore=\"" + Fraction(mastery) : std::string("Completed")) +
      "\" launchMethod=\"AnyWindow\">\n";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n"
         "  <course id=\"" +
         Xml(iri) + "\">\n" + LangString("title", config.language, course.title, "    ") +
         LangString("description", config.language, description, "    ") + "  </course>\n" + au +
         LangString("title", config.language, course.title, "    ") +
         LangString("description", config.language, description, "    ") + "    <url>" + kLaunchPage +
         "</url>\n  </au>\n</courseStructure>\n";
}

/// The courses `options` names, in site order; an unknown id is an error with the
/// closest id as a suggestion.
bool SelectCourses(const Site& site, const PackageOptions& options, std::vector<const Course*>* selected,
                   DiagnosticSink* sink) {
  std::set<std::string> wanted(options.courses.begin(), options.courses.end());
  std::vector<std::string> ids;
  for (const Course& course : site.courses) {
    ids.push_back(course.id);
    if (wanted.empty() || wanted.count(course.id) > 0) selected->push_back(&course);
  }
  bool ok = true;
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
  for (const std::string& id : options.courses) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    const std::string near = core::Suggest(id, ids);
    sink->Add(Error(options.source, 0, 0, "unknown-course", "no course has the id '" + id + "'",
                    near.empty() ? "the courses are: " + list : "did you mean '" + near + "'?"));
    ok = false;
  }
  return ok;
}

/// One course's zip: its single file as index.html (images read through `content`) and
/// its manifest, written into `staging` (under the zip's name) and read back into the
/// archive.
bool PackCourse(FileSystem* fs, const FileSystem& content, const PackageOptions& options, const Site& site,
                const Theme& theme, const AssetNames& names, const Course& course, const std::string& staging,
                std::string* zip, DiagnosticSink* sink) {
  const bool graded = HasGradedQuestion(course);
  const std::string folder = PackageName(options.format, course.id);
  SiteOutput output(fs, staging);
  SingleFileOptions single;
  single.lms = LmsProtocol(options.format);
  bool ok = RenderSingleFile(site, theme, names, content, options.source, single, course, folder + "/" + kLaunchPage,
                             &output, sink);
  const std::string manifest = ManifestName(options.format);
  ok = ok && output.Add(folder + "/" + manifest, PackageManifest(options.format, site.config, course, graded));
  if (!output.error().empty()) sink->Add(Error(output.failed_path(), 0, 0, "write-failed", output.error()));
  if (!ok) return false;
  std::string error;
  std::string page;
  // A site's own `offline` template may leave the attribute out: the runtime would then
  // run as the standalone site inside the LMS and report nothing.
  if (fs->ReadFile(JoinPath(staging, folder + "/" + kLaunchPage), &page, &error) &&
      page.find(std::string(" data-morsel-lms=\"") + single.lms + "\"") == std::string::npos) {
    auto where = theme.template_paths.find("offline");
    sink->Add(Error(where == theme.template_paths.end() ? "offline.mustache" : where->second, 0, 0, "theme-no-lms",
                    "the theme's offline template writes no data-morsel-lms attribute: the packaged course "
                    "would not report to the LMS",
                    "add {{#lms}} data-morsel-lms=\"{{lms}}\"{{/lms}} to its <body> tag, as the built-in "
                    "offline.mustache does"));
    return false;
  }
  if (!ZipFiles(*fs, JoinPath(staging, folder), {kLaunchPage, manifest}, zip, &error)) {
    sink->Add(Error(JoinPath(options.out, folder), 0, 0, "write-failed", error));
    return false;
  }
  return true;
}

/// Warns about each course whose package can report completion only.
void WarnCompletionOnly(const std::vector<const Course*>& courses, const std::string& source, DiagnosticSink* sink) {
  for (const Course* course : courses) {
    if (HasGradedQuestion(*course)) continue;
    sink->Add(Warning(JoinPath(source, course->source_path), 0, 0, "package-completion-only",
                      "course '" + course->id +
                          "' has no graded question: its package reports completion only, never passed or failed",
                      "add a graded quiz (and a pass_mark) if the LMS must record a score and a pass"));
  }
}

}  // namespace

const char* LmsProtocol(PackageFormat format) {
  switch (format) {
    case PackageFormat::kScorm12:
      return "scorm-1.2";
    case PackageFormat::kScorm2004:
      return "scorm-2004";
    case PackageFormat::kCmi5:
      return "cmi5";
  }
  return "";
}

std::string PackageName(PackageFormat format, const std::string& course_id) {
  switch (format) {
    case PackageFormat::kScorm12:
      return course_id + "-scorm12";
    case PackageFormat::kScorm2004:
      return course_id + "-scorm2004";
    case PackageFormat::kCmi5:
      return course_id + "-cmi5";
  }
  return course_id;
}

const char* ManifestName(PackageFormat format) {
  return format == PackageFormat::kCmi5 ? "cmi5.xml" : "imsmanifest.xml";
}

std::string PackageManifest(PackageFormat format, const SiteConfig& config, const Course& course, bool graded) {
  const int mastery = MasteryPercent(course, graded);
  switch (format) {
    case PackageFormat::kScorm12:
      return ScormManifest(ScormIdentifier(config, course), config, course, Scorm12(mastery));
    case PackageFormat::kScorm2004:
      return ScormManifest(ScormIdentifier(config, course), config, course,
                           Scorm2004(ScormIdentifier(config, course), mastery));
    case PackageFormat::kCmi5:
      return Cmi5Manifest(config, course, mastery);
  }
  return "";
}

bool PackageCourses(FileSystem* fs, const PackageOptions& options, std::vector<PackageFile>* written,
                    DiagnosticSink* sink) {
  BuildOptions build;
  build.source = options.source;
  build.out = options.out;
  if (!CheckFolders(*fs, build, "packages", "write packages into it", sink)) return false;
  const ConfinedFileSystem source(*fs, SourceFolders(build));
  Site site;
  Theme theme;
  Lock lock;
  bool ok = CompileStages(source, build, &site, &theme, &lock, sink);
  std::vector<const Course*> courses;
  ok = SelectCourses(site, options, &courses, sink) && ok;
  if (!ok) {
    ReportEscapes(source, sink);
    return false;
  }
  WarnCompletionOnly(courses, options.source, sink);
  // Each package is staged beside the output folder, zipped, and kept in memory (two
  // files, compressed) until every course has packed.
  const std::string staging = StagingFolder(*fs, options.out);
  if (!Stage(fs, staging, sink)) return false;
  const AssetNames names = AssignAssetNames(theme, "");
  std::vector<std::pair<std::string, std::string>> zips;
  std::string error;
  for (const Course* course : courses) {
    std::string zip;
    ok = PackCourse(fs, source, options, site, theme, names, *course, staging, &zip, sink) && ok;
    zips.emplace_back(PackageName(options.format, course->id) + ".zip", std::move(zip));
  }
  fs->RemoveAll(staging, &error);
  ok = ReportEscapes(source, sink) && ok;
  if (!ok) return false;
  if (!fs->WriteFile(JoinPath(options.out, kOutputMarker), kPackagesMarkerText, &error)) {
    sink->Add(Error(options.out, 0, 0, "write-failed", error));
    return false;
  }
  for (const auto& [name, bytes] : zips) {
    const std::string path = JoinPath(options.out, name);
    if (!fs->WriteFile(path, bytes, &error)) {
      sink->Add(Error(path, 0, 0, "write-failed", error));
      return false;
    }
    written->push_back({name, bytes.size()});
  }
  return true;
}

}  // namespace morsel::gen
