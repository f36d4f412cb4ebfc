#pragma once

// `morsel package`: one zip per course that an LMS imports (docs/lms.md). A package holds
// two files: the course's single-file edition as `index.html`, its <body> marked with the
// protocol to speak (`data-morsel-lms`), and the manifest the format requires at the
// zip's root (`imsmanifest.xml` for SCORM 1.2 and 2004, `cmi5.xml` for cmi5).

#include <string>
#include <vector>

#include "generator/diagnostics.h"
#include "generator/file_system.h"
#include "generator/model.h"

namespace morsel::gen {

enum class PackageFormat { kScorm12, kScorm2004, kCmi5 };

struct PackageOptions {
  PackageFormat format = PackageFormat::kScorm12;
  std::string source = "content";
  std::string out = "packages";
  /// The ids of the courses to package (as in morsel.lock); empty for every course.
  std::vector<std::string> courses;
};

/// A zip written: its name in the output folder and its size in bytes.
struct PackageFile {
  std::string name;
  size_t size = 0;
};

/// The value of `data-morsel-lms` for `format`: "scorm-1.2", "scorm-2004" or "cmi5".
const char* LmsProtocol(PackageFormat format);

/// The zip's name for `course_id`: `<course-id>-scorm12.zip`, `-scorm2004.zip`, `-cmi5.zip`.
std::string PackageName(PackageFormat format, const std::string& course_id);

/// The manifest of `course`'s package: `imsmanifest.xml` (SCORM) or `cmi5.xml`, whose
/// identifiers come from the site id and the course id (docs/lms.md, "What each manifest
/// says"). `graded` says whether the course has a question that scores: without one, no
/// mastery score is written.
std::string PackageManifest(PackageFormat format, const SiteConfig& config, const Course& course, bool graded);

/// The manifest's file name at the zip's root for `format`.
const char* ManifestName(PackageFormat format);

/// Checks the content as `morsel build` does and writes one zip per course named in
/// `options` (every course when none is) into `options.out`, which gets the
/// `.morsel-output` marker and must be empty, Morsel's, or absent. Nothing is written
/// unless every course packs. `written` lists the zips, in course order.
bool PackageCourses(FileSystem* fs, const PackageOptions& options, std::vector<PackageFile>* written,
                    DiagnosticSink* sink);

}  // namespace morsel::gen
