#include "generator/validate.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "generator/file_system.h"
#include "runtime/core/edit_distance.h"

namespace morsel::gen {
namespace {

/// A directed graph of ids, with where each edge was written.
class PrerequisiteGraph {
 public:
  void AddEdge(const std::string& from, const std::string& to, const SourceRef& ref) {
    edges_[from].push_back({to, ref});
  }

  /// Reports each cycle once, at the prerequisite that closes it. Iterative (an explicit
  /// stack of edge positions): a chain of 100,000 prerequisites must not exhaust the
  /// call stack.
  bool ReportCycles(const char* what, DiagnosticSink* sink) {
    bool ok = true;
    std::map<std::string, int> color;  // 0 new, 1 on the path, 2 done
    struct Step {
      const std::string* node;
      size_t next_edge;
    };
    std::vector<Step> path;
    const std::vector<Edge> none;
    auto edges_of = [&](const std::string& node) -> const std::vector<Edge>& {
      const auto it = edges_.find(node);
      return it == edges_.end() ? none : it->second;
    };
    for (const auto& [root, unused] : edges_) {
      if (color[root] != 0) continue;
      color[root] = 1;
      path.push_back({&root, 0});
      while (!path.empty()) {
        Step& step = path.back();
        const std::vector<Edge>& edges = edges_of(*step.node);
        if (step.next_edge == edges.size()) {
          color[*step.node] = 2;
          path.pop_back();
          continue;
        }
        const Edge& edge = edges[step.next_edge++];
        const std::string& to = edge.first;
        const SourceRef& ref = edge.second;
        int& seen = color[to];
        if (seen == 1) {
          std::string cycle;
          auto start = std::find_if(path.begin(), path.end(), [&](const Step& s) { return *s.node == to; });
          for (auto it = start; it != path.end(); ++it) cycle += *it->node + " → ";
          cycle += to;
          sink->Add(Error(ref.path, ref.line, ref.column, "prerequisite-cycle",
                          std::string(what) + " prerequisites form a cycle: " + cycle,
                          "remove one prerequisite of the cycle"));
          ok = false;
        } else if (seen == 0) {
          seen = 1;
          path.push_back({&to, 0});
        }
      }
    }
    return ok;
  }

 private:
  using Edge = std::pair<std::string, SourceRef>;
  std::map<std::string, std::vector<Edge>> edges_;
};

class Validator {
 public:
  Validator(Site* site, std::string root, DiagnosticSink* sink) : site_(site), root_(std::move(root)), sink_(sink) {}

  bool Run() {
    CheckUniqueIds();
    CheckCoursePrerequisites();
    CheckLessonPrerequisites();
    CheckBadgeTargets();
    return ok_;
  }

 private:
  void Error(const SourceRef& ref, std::string message, std::string code, std::string hint) {
    sink_->Add(gen::Error(ref.path, ref.line, ref.column, std::move(code), std::move(message), std::move(hint)));
    ok_ = false;
  }

  SourceRef WholeFile(const PageSource& page) const { return {JoinPath(root_, page.source_path), 0, 0}; }

  SourceRef IdRef(const PageSource& page) const { return page.id_ref.line > 0 ? page.id_ref : WholeFile(page); }

  /// The pages of one kind by id.
  using PagesById = std::map<std::string, std::vector<const PageSource*>>;

  /// One `duplicate-id` error per id that pages of a kind share, at the page whose
  /// diagnostics are printed first (by path), naming the others: it comes before the
  /// warnings the shared id causes, as the lock's records of one page are compared with
  /// another's.
  void ReportShared(const PagesById& pages, const char* what) {
    for (const auto& [id, sharing] : pages) {
      if (sharing.size() < 2) continue;
      std::vector<const PageSource*> sorted = sharing;
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](const PageSource* a, const PageSource* b) { return a->source_path < b->source_path; });
      std::string others;
      for (size_t i = 1; i < sorted.size(); ++i) {
        others += (i == 1 ? "" : i + 1 == sorted.size() ? " and " : ", ") + JoinPath(root_, sorted[i]->source_path);
      }
      Error(IdRef(*sorted[0]), std::string(what) + " id '" + id + "' is also used by " + others, "duplicate-id",
            "ids keep learners' progress attached: give each its own");
    }
  }

  void CheckUniqueIds() {
    PagesById courses, modules, lessons;
    for (const Course& c : site_->courses) {
      courses[c.id].push_back(&c);
      for (const Module& m : c.modules) {
        modules[m.id].push_back(&m);
        for (const Lesson& l : m.lessons) lessons[l.id].push_back(&l);
      }
    }
    ReportShared(courses, "course");
    ReportShared(modules, "module");
    ReportShared(lessons, "lesson");
  }

  void CheckCoursePrerequisites() {
    std::set<std::string> ids;
    for (const Course& c : site_->courses) ids.insert(c.id);
    PrerequisiteGraph graph;
    for (const Course& c : site_->courses) {
      for (const Prerequisite& p : c.prerequisites) {
        if (ids.count(p.target) == 0) {
          Error(p.ref, "prerequisite '" + p.target + "' is not the id of any course", "unknown-prerequisite",
                Closest(p.target, ids, "course ids: "));
          continue;
        }
        graph.AddEdge(c.id, p.target, p.ref);
      }
    }
    ok_ = graph.ReportCycles("course", sink_) && ok_;
  }

  void CheckLessonPrerequisites() {
    std::set<std::string> ids;
    std::map<std::string, std::string> by_path;  // source path → id
    ForEachLesson(*site_, [&](const Course&, const Module&, const Lesson& l) {
      ids.insert(l.id);
      by_path[l.source_path] = l.id;
    });
    PrerequisiteGraph graph;
    ForEachLesson(*site_, [&](Course&, Module&, Lesson& l) {
      for (const Prerequisite& p : l.prerequisites) {
        std::string id = p.target;
        if (p.target.size() > 3 && p.target.compare(p.target.size() - 3, 3, ".md") == 0) {
          auto it = by_path.find(NormalizePath(JoinPath(DirName(l.source_path), p.target)));
          id = it == by_path.end() ? "" : it->second;
        }
        if (ids.count(id) == 0) {
          std::string closest = Closest(p.target, ids, "lesson ids include: ");
          Error(p.ref, "prerequisite '" + p.target + "' is not a lesson", "unknown-prerequisite",
                "name a lesson by its id or by a path relative to this file (e.g. "
                "'01-intro.md')" +
                    (closest.empty() ? "" : "; " + closest));
          continue;
        }
        l.prerequisite_ids.push_back(id);
        graph.AddEdge(l.id, id, p.ref);
      }
    });
    ok_ = graph.ReportCycles("lesson", sink_) && ok_;
  }

  /// Each course or module a badge's rule names (site.yml `gamification.badges`) exists: a
  /// badge no one can earn is a mistake.
  void CheckBadgeTargets() {
    std::set<std::string> courses, modules;
    for (const Course& c : site_->courses) {
      courses.insert(c.id);
      for (const Module& m : c.modules) modules.insert(m.id);
    }
    for (const SiteConfig::BadgeTarget& t : site_->config.badge_targets) {
      const std::set<std::string>& ids = t.module ? modules : courses;
      if (ids.count(t.id) != 0) continue;
      const char* what = t.module ? "module" : "course";
      Error(t.ref, "badge rule names " + std::string(what) + " '" + t.id + "', which does not exist",
            "unknown-badge-target", Closest(t.id, ids, std::string(what) + " ids: "));
    }
  }

  /// "did you mean 'x'?" for a near miss, else a short list of the ids there are.
  static std::string Closest(const std::string& word, const std::set<std::string>& ids,
                             const std::string& list_prefix) {
    std::string best;
    size_t best_score = word.size() / 3 + 2;
    for (const std::string& id : ids) {
      // Compare against the last segment too, so "intro" finds "course/module/intro".
      const std::string tail = id.substr(id.rfind('/') + 1);
      for (const std::string* candidate : {&id, &tail}) {
        size_t score = core::EditDistance(word, *candidate);
        if (score < best_score) {
          best_score = score;
          best = id;
        }
      }
    }
    if (!best.empty()) return "did you mean '" + best + "'?";
    std::string list;
    int n = 0;
    for (const std::string& id : ids) {
      if (n++ == 5) {
        list += ", ...";
        break;
      }
      list += (n > 1 ? ", " : "") + id;
    }
    return list.empty() ? "" : list_prefix + list;
  }

  Site* site_;
  std::string root_;
  DiagnosticSink* sink_;
  bool ok_ = true;
};

}  // namespace

bool ValidateSite(Site* site, const std::string& root, DiagnosticSink* sink) {
  return Validator(site, root, sink).Run();
}

}  // namespace morsel::gen
