#pragma once

// What the pages need for gamification (site.yml `gamification`, docs/engagement.md): the
// settings and the site's outline, written once as a script every page loads, so a page
// does not carry them inline (a site of 2,000 lessons would repeat its outline in each).

#include <string>

#include "generator/model.h"

namespace morsel::gen {

/// A script the generator writes for the whole site, fingerprinted like the runtime.
struct SiteScript {
  /// Relative to the site root; "" when the site has none.
  std::string path;
  std::string text;
};

/// `window.MorselGamification = {"settings": site.yml's gamification (badge images named by
/// their copies), "courses": [{"id", "title", "lessons": [{"id", "module"}]}], "modules":
/// {id: title}}`: what runtime/web/engage.js hands the core's `gamification` export, and
/// the titles its badge rules are worded with. No script (an empty path) when
/// `features.gamification` is off.
SiteScript GamificationScript(const Site& site);

/// The lesson's "Discuss" link: site.yml's `discuss` template with {lesson}, {course},
/// {title} and {url} (the lesson's absolute URL, "" without base_url) percent-encoded into
/// it; "" when the site has no template.
std::string DiscussUrl(const SiteConfig& config, const Course& course, const Lesson& lesson);

}  // namespace morsel::gen
