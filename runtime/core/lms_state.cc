#include "runtime/core/lms_state.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <utility>

#include "runtime/core/fnv.h"
#include "runtime/core/json_parse.h"
#include "runtime/core/json_read.h"

namespace morsel::core {
namespace {

using nlohmann::json;

// The text: kMagic, then the body (below), then two digits of a checksum of everything
// before them. Numbers are variable-length: each digit of kDigits holds 5 bits, least
// significant first, and a digit of 32 or more says another follows.
constexpr char kMagic[] = "ML1.";
constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int kMaxDigits = 12;  // 60 bits
constexpr int64_t kMsPerMinute = 60000;
/// Minutes and seconds beyond 2^40 are not times (2^40 minutes is two million years).
constexpr int64_t kMaxUnits = int64_t{1} << 40;

enum Tag : uint64_t { kGeneric, kChoice, kChoices, kBlanks, kText, kValue, kMatches, kOrder, kAgreed };

// Flags: the common ones in the low five bits, so that a usual entry's flags take one digit.
enum AttemptFlag : uint64_t {
  kCorrect = 1,
  kHasResponse = 2,
  kUnitScore = 4,  // max_score 1, score 1 if correct else 0: neither written
  kFpCourse = 8,   // the course's fingerprint for the key
  kUngraded = 16,
  kHint = 32,
  kStale = 64,
  kFpText = 128,  // another fingerprint, written out
};

enum LessonFlag : uint64_t {
  kCompleted = 1,
  kCompletedAt = 2,
  kVisits = 4,
  kLastIsCompletion = 8,  // last_visit is completed_at: not written again
  kTime = 16,
  kReopenedAt = 32,
  kOtherStatus = 64,
};

enum QuizFlag : uint64_t { kBest = 1, kLast = 2, kList = 4, kLastIsBest = 8 };

int DigitValue(char c) {
  const char* at = c == '\0' ? nullptr : std::strchr(kDigits, c);
  return at == nullptr ? -1 : static_cast<int>(at - kDigits);
}

int64_t MinuteOf(int64_t ms) {
  const int64_t minute = ms / kMsPerMinute - (ms % kMsPerMinute < 0 ? 1 : 0);
  return std::clamp(minute, -kMaxUnits, kMaxUnits);
}

/// The checksum digits and the course digest: 12 bits as two digits.
std::string TwoDigits(uint32_t hash) { return {kDigits[hash & 63], kDigits[(hash >> 6) & 63]}; }

std::string CourseDigest(const LmsCourse& course) {
  uint32_t hash = Fnv1a32("course");
  for (const auto* list : {&course.lessons, &course.questions, &course.quizzes}) {
    for (const std::string& id : *list) hash = Fnv1a32(id + "\n", hash);
    hash = Fnv1a32("|", hash);
  }
  return TwoDigits(hash);
}

class Writer {
 public:
  void Uint(uint64_t value) {
    do {
      const uint64_t low = value & 31;
      value >>= 5;
      out_ += kDigits[low | (value != 0 ? 32 : 0)];
    } while (value != 0);
  }
  void Int(int64_t value) {
    Uint(value < 0 ? ((~static_cast<uint64_t>(value)) << 1) | 1 : static_cast<uint64_t>(value) << 1);
  }
  void Text(const std::string& text) {
    std::string escaped;
    for (const unsigned char c : text) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
        escaped += static_cast<char>(c);
      } else if (c == ' ') {
        escaped += '_';
      } else {
        static const char kHex[] = "0123456789ABCDEF";
        escaped += '~';
        escaped += kHex[c >> 4];
        escaped += kHex[c & 15];
      }
    }
    Uint(escaped.size());
    out_ += escaped;
  }
  /// A timestamp in minutes, written as the difference from the one written before.
  void Time(int64_t ms) {
    const int64_t minute = MinuteOf(ms);
    Int(minute - last_minute_);
    last_minute_ = minute;
  }
  /// Whole numbers from 0 to 2^59 as themselves, anything else as JSON text.
  void Number(const json& value) {
    if (value.is_number_integer() && !value.is_number_unsigned() && value.get<int64_t>() >= 0 &&
        value.get<int64_t>() < kMaxUnits) {
      Uint(static_cast<uint64_t>(value.get<int64_t>()) << 1);
    } else if (value.is_number_unsigned() && value.get<uint64_t>() < static_cast<uint64_t>(kMaxUnits)) {
      Uint(value.get<uint64_t>() << 1);
    } else if (value.is_number_float() && value.get<double>() >= 0 && value.get<double>() < 1e15 &&
               value.get<double>() == static_cast<double>(static_cast<int64_t>(value.get<double>()))) {
      Uint(static_cast<uint64_t>(value.get<double>()) << 1);
    } else {
      Uint(1);
      Text(value.is_number() ? value.dump() : "0");
    }
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
  int64_t last_minute_ = 0;
};

/// Reads what Writer wrote. Any fault sets failed and every later read returns zero or
/// empty, so callers check once at the end; counts are bounded by the characters left
/// (every item takes at least one), so no loop outlasts the text.
class Reader {
 public:
  Reader(const std::string& text, size_t begin, size_t end) : text_(text), pos_(begin), end_(end) {}

  uint64_t Uint() {
    uint64_t value = 0;
    for (int i = 0; i < kMaxDigits; ++i) {
      if (failed_ || pos_ >= end_) return Fail("the text ends too early");
      const int digit = DigitValue(text_[pos_++]);
      if (digit < 0) return Fail("a character that is not a digit");
      value |= static_cast<uint64_t>(digit & 31) << (5 * i);
      if (digit < 32) return value;
    }
    return Fail("a number too long");
  }
  int64_t Int() {
    const uint64_t raw = Uint();
    return (raw & 1) != 0 ? -static_cast<int64_t>(raw >> 1) - 1 : static_cast<int64_t>(raw >> 1);
  }
  /// A count of items that follow: never more than the characters left.
  size_t Count() { return Within(Uint()); }
  /// `count` when that many items can still follow, else a fault.
  size_t Within(uint64_t count) {
    if (count > end_ - pos_) return Fail("a count larger than the text");
    return static_cast<size_t>(count);
  }
  bool Flag(uint64_t flags, uint64_t bit) const { return (flags & bit) != 0; }
  std::string Text() {
    const size_t length = Count();
    std::string out;
    const size_t stop = pos_ + length;
    while (!failed_ && pos_ < stop) {
      const char c = text_[pos_++];
      if (c == '_') {
        out += ' ';
      } else if (c == '~') {
        const int high = pos_ + 2 <= stop ? Hex(text_[pos_]) : -1;
        const int low = pos_ + 2 <= stop ? Hex(text_[pos_ + 1]) : -1;
        if (high < 0 || low < 0) return Fail("a bad escape"), std::string();
        out += static_cast<char>(high * 16 + low);
        pos_ += 2;
      } else if (DigitValue(c) >= 0 || c == '.') {
        out += c;
      } else {
        return Fail("a character that is not allowed"), std::string();
      }
    }
    return out;
  }
  int64_t Time() {
    const int64_t delta = Int();
    if (delta < -2 * kMaxUnits || delta > 2 * kMaxUnits) return Fail("a time out of range");
    const int64_t minute = last_minute_ + delta;
    if (minute < -kMaxUnits || minute > kMaxUnits) return Fail("a time out of range");
    last_minute_ = minute;
    return minute * kMsPerMinute;
  }
  json Number() {
    const uint64_t raw = Uint();
    if ((raw & 1) == 0) return static_cast<int64_t>(raw >> 1);
    if (raw != 1) return Fail("a bad number"), json(0);
    json value = ParseJson(Text());
    if (!value.is_number() || !std::isfinite(value.get<double>())) return Fail("a bad number"), json(0);
    return value;
  }
  /// An index into a list of `size` items, written as the step from the previous one
  /// (`*previous`, -1 at first), or -1 for an entry written by its key (`*key`).
  int64_t Ref(size_t size, int64_t* previous, std::string* key) {
    const uint64_t step = Uint();
    if (step == 0) {
      *key = Text();
      return -1;
    }
    if (step > size || *previous + static_cast<int64_t>(step) >= static_cast<int64_t>(size)) {
      return Fail("an index beyond the course");
    }
    *previous += static_cast<int64_t>(step);
    return *previous;
  }
  bool AtEnd() const { return pos_ == end_; }
  bool failed() const { return failed_; }
  const std::string& why() const { return why_; }
  int Fail(const char* why) {
    if (!failed_) why_ = why;
    failed_ = true;
    pos_ = end_;
    return 0;
  }

 private:
  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  const std::string& text_;
  size_t pos_;
  size_t end_;
  bool failed_ = false;
  std::string why_;
  int64_t last_minute_ = 0;
};

// ---- responses, by shape (grade.h) ----

bool IsIndex(const json& value) {
  return value.is_number_integer() &&
         (!value.is_number_unsigned() || value.get<uint64_t>() <= static_cast<uint64_t>(kMaxUnits)) &&
         value.get<int64_t>() >= -kMaxUnits && value.get<int64_t>() <= kMaxUnits;
}

bool AllOf(const json& list, bool (*ok)(const json&)) {
  return list.is_array() && std::all_of(list.begin(), list.end(), ok);
}

bool IsString(const json& value) { return value.is_string(); }

/// The tag of a response whose whole shape one of the typed forms holds exactly.
Tag TagOf(const json& response) {
  if (!response.is_object() || response.size() != 1) return kGeneric;
  const std::string& name = response.begin().key();
  const json& value = response.begin().value();
  if (name == "choice" && IsIndex(value)) return kChoice;
  if (name == "choices" && AllOf(value, IsIndex)) return kChoices;
  if (name == "blanks" && AllOf(value, IsString)) return kBlanks;
  if (name == "text" && value.is_string()) return kText;
  if (name == "value" && value.is_number()) return kValue;
  if (name == "matches" && AllOf(value, IsIndex)) return kMatches;
  if (name == "order" && AllOf(value, IsIndex)) return kOrder;
  if (name == "agreed" && value.is_boolean()) return kAgreed;
  return kGeneric;
}

const char* NameOf(Tag tag) {
  static const char* const kNames[] = {"",      "choice",  "choices", "blanks", "text",
                                       "value", "matches", "order",   "agreed"};
  return kNames[tag];
}

void WriteResponse(Writer* w, const json& response) {
  const Tag tag = TagOf(response);
  w->Uint(tag);
  if (tag == kGeneric) {
    w->Text(response.dump(-1, ' ', false, json::error_handler_t::replace));
    return;
  }
  const json& value = response.begin().value();
  switch (tag) {
    case kChoice:
      w->Int(value.get<int64_t>());
      break;
    case kText:
      w->Text(value.get<std::string>());
      break;
    case kValue:
      w->Number(value);
      break;
    case kAgreed:
      w->Uint(value.get<bool>() ? 1 : 0);
      break;
    case kBlanks:
      w->Uint(value.size());
      for (const json& blank : value) w->Text(blank.get<std::string>());
      break;
    default:  // lists of indexes
      w->Uint(value.size());
      for (const json& index : value) w->Int(index.get<int64_t>());
      break;
  }
}

json ReadResponse(Reader* r) {
  const uint64_t tag = r->Uint();
  if (tag == kGeneric) {
    json value = ParseJson(r->Text());
    return value.is_discarded() ? json() : value;
  }
  if (tag > kAgreed) return r->Fail("an unknown response type"), json();
  json value;
  switch (tag) {
    case kChoice:
      value = r->Int();
      break;
    case kText:
      value = r->Text();
      break;
    case kValue:
      value = r->Number();
      break;
    case kAgreed:
      value = r->Uint() == 1;
      break;
    case kBlanks: {
      value = json::array();
      const size_t n = r->Count();
      for (size_t i = 0; i < n && !r->failed(); ++i) value.push_back(r->Text());
      break;
    }
    default: {
      value = json::array();
      const size_t n = r->Count();
      for (size_t i = 0; i < n && !r->failed(); ++i) value.push_back(r->Int());
      break;
    }
  }
  json response;
  response[NameOf(static_cast<Tag>(tag))] = std::move(value);
  return response;
}

// ---- the encoder ----

/// Which kLmsDegradeSteps are taken.
struct Steps {
  bool on[std::size(kLmsDegradeSteps)] = {};
  bool drop_fingerprints() const { return on[0]; }
  bool drop_paths() const { return on[1]; }
  bool drop_unknown() const { return on[2]; }
  bool drop_assessment_history() const { return on[3]; }
  bool drop_history() const { return on[4]; }
  bool drop_time() const { return on[5]; }
  bool drop_best_responses() const { return on[6]; }
  bool drop_responses() const { return on[7]; }
  bool drop_anchor() const { return on[8]; }
};

/// Positions of a course's ids, for the encoder.
struct Index {
  std::map<std::string, size_t> lessons, questions, quizzes;
};

/// Entries of a state object in course order: known keys by index, then unknown ones.
std::vector<std::pair<int64_t, std::string>> InCourseOrder(const json& object, const std::map<std::string, size_t>& at,
                                                           bool keep_unknown) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_object()) continue;
    const auto it = at.find(key);
    if (it != at.end()) {
      out.emplace_back(static_cast<int64_t>(it->second), key);
    } else if (keep_unknown) {
      out.emplace_back(std::numeric_limits<int64_t>::max(), key);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The count of attempts compacted away, within what a count can be.
int64_t Dropped(const json& record) { return std::clamp<int64_t>(IntOr(record, "dropped", 0), 0, kMaxUnits); }

void WriteRef(Writer* w, int64_t index, const std::string& key, int64_t* previous) {
  if (index == std::numeric_limits<int64_t>::max()) {
    w->Uint(0);
    w->Text(key);
    return;
  }
  w->Uint(static_cast<uint64_t>(index - *previous));
  *previous = index;
}

void WriteLessons(Writer* w, const json& state, const Index& index, const Steps& steps) {
  const auto entries = InCourseOrder(ObjectOf(state, "lessons"), index.lessons, true);
  w->Uint(entries.size());
  int64_t previous = -1;
  for (const auto& [at, id] : entries) {
    const json& lesson = state.at("lessons").at(id);
    WriteRef(w, at, id, &previous);
    const std::string status = StringOr(lesson, "status", "in_progress");
    uint64_t flags = 0;
    if (status == "completed") flags |= kCompleted;
    if (status != "completed" && status != "in_progress") flags |= kOtherStatus;
    if (!steps.drop_time() && lesson.contains("first_visit")) flags |= kVisits;
    if (lesson.contains("completed_at")) flags |= kCompletedAt;
    if ((flags & kVisits) != 0 && (flags & kCompletedAt) != 0 &&
        MinuteOf(IntOr(lesson, "last_visit", 0)) == MinuteOf(IntOr(lesson, "completed_at", 0))) {
      flags |= kLastIsCompletion;
    }
    if (lesson.contains("reopened_at")) flags |= kReopenedAt;
    if (!steps.drop_time() && lesson.contains("time_ms")) flags |= kTime;
    w->Uint(flags);
    if ((flags & kOtherStatus) != 0) w->Text(status);
    if ((flags & kCompletedAt) != 0) w->Time(IntOr(lesson, "completed_at", 0));
    if ((flags & kVisits) != 0) w->Time(IntOr(lesson, "first_visit", 0));
    if ((flags & kVisits) != 0 && (flags & kLastIsCompletion) == 0) w->Time(IntOr(lesson, "last_visit", 0));
    if ((flags & kReopenedAt) != 0) w->Time(IntOr(lesson, "reopened_at", 0));
    if ((flags & kTime) != 0)
      w->Uint(
          static_cast<uint64_t>((std::clamp<int64_t>(IntOr(lesson, "time_ms", 0), 0, kMaxUnits * 1000) + 500) / 1000));
  }
}

void WriteAttempt(Writer* w, const json& attempt, const std::string& key, const LmsCourse& course, bool response,
                  const Steps& steps) {
  uint64_t flags = 0;
  const bool correct = IsTrue(attempt, "correct");
  const json& score = MemberOf(attempt, "score");
  const json& max_score = MemberOf(attempt, "max_score");
  if (correct) flags |= kCorrect;
  if (max_score.is_number() && max_score.get<double>() == 1 && score.is_number() &&
      score.get<double>() == (correct ? 1 : 0)) {
    flags |= kUnitScore;
  }
  if (MemberOf(attempt, "graded") == false) flags |= kUngraded;
  if (IsTrue(attempt, "hint_used")) flags |= kHint;
  if (IsTrue(attempt, "stale")) flags |= kStale;
  if (response && attempt.contains("response") && !attempt.at("response").is_null()) flags |= kHasResponse;
  const json& fp = MemberOf(attempt, "fp");
  if (fp.is_string()) {
    const auto known = course.fingerprints.find(key);
    if (known != course.fingerprints.end() && known->second == fp.get<std::string>()) {
      flags |= kFpCourse;
    } else if (!steps.drop_fingerprints()) {
      flags |= kFpText;
    }
  }
  w->Uint(flags);
  if ((flags & kUnitScore) == 0) {
    w->Number(score);
    w->Number(max_score);
  }
  w->Time(IntOr(attempt, "at", 0));
  if ((flags & kFpText) != 0) w->Text(fp.get<std::string>());
  if ((flags & kHasResponse) != 0) WriteResponse(w, attempt.at("response"));
}

void WriteQuestions(Writer* w, const json& state, const LmsCourse& course, const Index& index, const Steps& steps) {
  const auto entries = InCourseOrder(ObjectOf(state, "questions"), index.questions, !steps.drop_unknown());
  w->Uint(entries.size());
  int64_t previous = -1;
  for (const auto& [at, key] : entries) {
    const json& record = state.at("questions").at(key);
    std::vector<const json*> attempts;
    for (const json& attempt : MemberOf(record, "attempts")) {
      if (attempt.is_object()) attempts.push_back(&attempt);
    }
    const int64_t total = static_cast<int64_t>(attempts.size()) + Dropped(record);
    size_t best = 0;  // the first best, as CompactState keeps
    if (steps.drop_history() && attempts.size() > 2) {
      for (size_t i = 1; i < attempts.size(); ++i) {
        if (ResultFraction(*attempts[i]) > ResultFraction(*attempts[best])) best = i;
      }
      std::vector<const json*> kept;
      if (best != attempts.size() - 1) kept.push_back(attempts[best]);
      kept.push_back(attempts.back());
      attempts = std::move(kept);
    }
    WriteRef(w, at, key, &previous);
    // Attempts kept, whether more were made, reconfirm: one digit for up to seven kept.
    const int64_t kept = static_cast<int64_t>(attempts.size());
    w->Uint(static_cast<uint64_t>(kept * 4 + (total > kept ? 2 : 0) + (IsTrue(record, "reconfirm") ? 1 : 0)));
    if (total > kept) w->Uint(static_cast<uint64_t>(total - kept));
    for (size_t i = 0; i < attempts.size(); ++i) {
      const bool last = i + 1 == attempts.size();
      const bool response = last ? !steps.drop_responses() : !steps.drop_best_responses();
      WriteAttempt(w, *attempts[i], key, course, response, steps);
    }
  }
}

void WriteResult(Writer* w, const json& result) {
  w->Number(MemberOf(result, "score"));
  w->Number(MemberOf(result, "max_score"));
  w->Uint(IsTrue(result, "passed") ? 1 : 0);
  w->Time(IntOr(result, "at", 0));
}

void WriteQuizzes(Writer* w, const json& state, const Index& index, const Steps& steps) {
  const auto entries = InCourseOrder(ObjectOf(state, "quizzes"), index.quizzes, !steps.drop_unknown());
  w->Uint(entries.size());
  int64_t previous = -1;
  for (const auto& [at, id] : entries) {
    const json& quiz = state.at("quizzes").at(id);
    WriteRef(w, at, id, &previous);
    const json& list = MemberOf(quiz, "attempts");
    std::vector<const json*> attempts;
    if (list.is_array()) {
      for (const json& result : list) {
        if (result.is_object()) attempts.push_back(&result);
      }
    }
    const bool has_best = MemberOf(quiz, "best").is_object();
    const bool has_last = MemberOf(quiz, "last").is_object();
    const bool last_is_best = has_best && has_last && quiz.at("best") == quiz.at("last");
    uint64_t flags = 0;
    if (has_best) flags |= kBest;
    if (has_last) flags |= kLast;
    if (list.is_array()) flags |= kList;
    if (last_is_best) flags |= kLastIsBest;
    w->Uint(flags);
    w->Uint(static_cast<uint64_t>(static_cast<int64_t>(attempts.size()) + Dropped(quiz)));
    if (steps.drop_assessment_history()) attempts.clear();
    w->Uint(attempts.size());
    for (const json* result : attempts) WriteResult(w, *result);
    if (has_best) WriteResult(w, quiz.at("best"));
    if (has_last && !last_is_best) WriteResult(w, quiz.at("last"));
  }
}

void WriteRest(Writer* w, const json& state, const LmsCourse& course, const Index& index, const Steps& steps) {
  // Case studies' paths in progress, by id.
  const json& scenarios = ObjectOf(state, "scenarios");
  std::vector<std::string> paths;
  if (!steps.drop_paths()) {
    for (const auto& [id, entry] : scenarios.items()) {
      // Only what the reader takes back: a path is an object (or a list).
      const json& path = MemberOf(entry, "path");
      if (path.is_object() || path.is_array()) paths.push_back(id);
    }
  }
  w->Uint(paths.size());
  for (const std::string& id : paths) {
    w->Text(id);
    w->Text(scenarios.at(id).at("path").dump(-1, ' ', false, json::error_handler_t::replace));
  }
  // Where to resume.
  const json& resume = MemberOf(state, "resume");
  const std::string lesson = StringOr(resume, "lesson", "");
  if (!resume.is_object() || lesson.empty()) {
    w->Uint(0);
  } else {
    w->Uint(1);
    const auto it = index.lessons.find(lesson);
    int64_t previous = -1;
    WriteRef(w, it == index.lessons.end() ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(it->second),
             lesson, &previous);
    w->Text(steps.drop_anchor() ? "" : StringOr(resume, "anchor", ""));
    w->Time(IntOr(resume, "at", 0));
  }
  // Finished courses.
  const json& courses = ObjectOf(state, "courses");
  size_t count = 0;
  for (const auto& [id, entry] : courses.items()) count += entry.is_object() ? 1 : 0;
  w->Uint(count);
  for (const auto& [id, entry] : courses.items()) {
    if (!entry.is_object()) continue;
    w->Text(id == course.id ? "" : id);
    const json& percent = MemberOf(entry, "percent");
    const uint64_t flags = (entry.contains("completed_at") ? 1 : 0) | (entry.contains("passed_at") ? 2 : 0) |
                           (percent.is_number() ? 4 : 0) | (entry.contains("failed_at") ? 8 : 0);
    w->Uint(flags);
    if ((flags & 1) != 0) w->Time(IntOr(entry, "completed_at", 0));
    if ((flags & 2) != 0) w->Time(IntOr(entry, "passed_at", 0));
    if ((flags & 4) != 0) w->Number(percent);
    if ((flags & 8) != 0) w->Time(IntOr(entry, "failed_at", 0));
  }
}

std::string Encode(const json& state, const LmsCourse& course, const Index& index, const Steps& steps) {
  Writer w;
  w.out() = kMagic + CourseDigest(course);
  w.Time(IntOr(state, "created", 0));
  w.Time(IntOr(state, "updated", 0));
  WriteLessons(&w, state, index, steps);
  WriteQuestions(&w, state, course, index, steps);
  WriteQuizzes(&w, state, index, steps);
  WriteRest(&w, state, course, index, steps);
  std::string& out = w.out();
  out += TwoDigits(Fnv1a32(out));
  return out;
}

// ---- the decoder ----

json ReadAttempt(Reader* r, const std::string& key, const LmsCourse& course) {
  const uint64_t flags = r->Uint();
  json attempt;
  attempt["response"] = nullptr;
  attempt["correct"] = r->Flag(flags, kCorrect);
  if (r->Flag(flags, kUnitScore)) {
    attempt["score"] = r->Flag(flags, kCorrect) ? 1 : 0;
    attempt["max_score"] = 1;
  } else {
    attempt["score"] = r->Number();
    attempt["max_score"] = r->Number();
  }
  attempt["at"] = r->Time();
  if (r->Flag(flags, kUngraded)) attempt["graded"] = false;
  if (r->Flag(flags, kHint)) attempt["hint_used"] = true;
  if (r->Flag(flags, kStale)) attempt["stale"] = true;
  if (r->Flag(flags, kFpCourse)) {
    const auto known = course.fingerprints.find(key);
    if (known != course.fingerprints.end()) attempt["fp"] = known->second;
  }
  if (r->Flag(flags, kFpText)) attempt["fp"] = r->Text();
  if (r->Flag(flags, kHasResponse)) attempt["response"] = ReadResponse(r);
  return attempt;
}

json ReadResult(Reader* r) {
  json result;
  result["score"] = r->Number();
  result["max_score"] = r->Number();
  const bool passed = r->Uint() == 1;
  const double score = result["score"].get<double>();
  const double max = result["max_score"].get<double>();
  result["percent"] = max > 0 ? 100 * score / max : 100;
  result["passed"] = passed;
  result["at"] = r->Time();
  return result;
}

/// The key an entry names: the course's item at `at`, or the key written out.
const std::string& KeyOf(const std::vector<std::string>& list, int64_t at, const std::string& written) {
  return at < 0 ? written : list[static_cast<size_t>(at)];
}

/// Reads a list of entries: its count, then each entry's reference into `list` (the
/// key it names) and what `body` reads of it.
template <typename Body>
void ReadEntries(Reader* r, const std::vector<std::string>& list, Body body) {
  const size_t n = r->Count();
  int64_t previous = -1;
  for (size_t i = 0; i < n && !r->failed(); ++i) {
    std::string written;
    const int64_t at = r->Ref(list.size(), &previous, &written);
    if (r->failed()) return;
    body(KeyOf(list, at, written));
  }
}

void ReadLessons(Reader* r, json* state, const LmsCourse& course) {
  json& lessons = (*state)["lessons"];
  const int64_t updated = IntOr(*state, "updated", 0);
  ReadEntries(r, course.lessons, [&](const std::string& id) {
    const uint64_t flags = r->Uint();
    json lesson;
    lesson["status"] = r->Flag(flags, kCompleted) ? "completed" : "in_progress";
    if (r->Flag(flags, kOtherStatus)) lesson["status"] = r->Text();
    // Without visit times, both are the completion's, or else the state's last update.
    const int64_t completed_at = r->Flag(flags, kCompletedAt) ? r->Time() : updated;
    if (r->Flag(flags, kCompletedAt)) lesson["completed_at"] = completed_at;
    lesson["first_visit"] = r->Flag(flags, kVisits) ? r->Time() : completed_at;
    const bool last_written = r->Flag(flags, kVisits) && !r->Flag(flags, kLastIsCompletion);
    lesson["last_visit"] = last_written ? r->Time() : completed_at;
    if (r->Flag(flags, kReopenedAt)) lesson["reopened_at"] = r->Time();
    if (r->Flag(flags, kTime)) {
      const uint64_t seconds = r->Uint();
      if (seconds > static_cast<uint64_t>(kMaxUnits)) r->Fail("a time out of range");
      lesson["time_ms"] = static_cast<int64_t>(std::min<uint64_t>(seconds, kMaxUnits)) * 1000;
    }
    lessons[id] = std::move(lesson);
  });
}

void ReadQuestions(Reader* r, json* state, const LmsCourse& course) {
  json& questions = (*state)["questions"];
  ReadEntries(r, course.questions, [&](const std::string& key) {
    const uint64_t header = r->Uint();
    const size_t kept = r->Within(header >> 2);
    const uint64_t dropped = (header & 2) != 0 ? r->Uint() : 0;
    const bool reconfirm = (header & 1) != 0;
    json record;
    json& attempts = record["attempts"] = json::array();
    for (size_t k = 0; k < kept && !r->failed(); ++k) attempts.push_back(ReadAttempt(r, key, course));
    if (dropped > 0) record["dropped"] = static_cast<int64_t>(std::min<uint64_t>(dropped, kMaxUnits));
    if (reconfirm) record["reconfirm"] = true;
    questions[key] = std::move(record);
  });
}

void ReadQuizzes(Reader* r, json* state, const LmsCourse& course) {
  ReadEntries(r, course.quizzes, [&](const std::string& id) {
    const uint64_t flags = r->Uint();
    const uint64_t total = r->Uint();
    const size_t kept = r->Count();
    if (kept > total) {
      r->Fail("more submissions kept than made");
      return;
    }
    json quiz = json::object();
    if (r->Flag(flags, kList)) quiz["attempts"] = json::array();
    for (size_t k = 0; k < kept && !r->failed(); ++k) quiz["attempts"].push_back(ReadResult(r));
    if (total > kept) quiz["dropped"] = static_cast<int64_t>(std::min<uint64_t>(total - kept, kMaxUnits));
    if (r->Flag(flags, kBest)) quiz["best"] = ReadResult(r);
    if (r->Flag(flags, kLast))
      quiz["last"] = r->Flag(flags, kLastIsBest) && quiz.contains("best") ? quiz["best"] : ReadResult(r);
    (*state)["quizzes"][id] = std::move(quiz);
  });
}

void ReadRest(Reader* r, json* state, const LmsCourse& course) {
  const size_t paths = r->Count();
  for (size_t i = 0; i < paths && !r->failed(); ++i) {
    const std::string id = r->Text();
    json path = ParseJson(r->Text());
    if (!path.is_object() && !path.is_array()) {
      r->Fail("a case study's path is not one");
      return;
    }
    (*state)["scenarios"][id] = {{"path", std::move(path)}};
  }
  if (r->Uint() == 1) {
    std::string written;
    int64_t previous = -1;
    const int64_t at = r->Ref(course.lessons.size(), &previous, &written);
    if (r->failed()) return;
    json resume;
    resume["lesson"] = KeyOf(course.lessons, at, written);
    resume["anchor"] = r->Text();
    resume["at"] = r->Time();
    (*state)["resume"] = std::move(resume);
  }
  const size_t courses = r->Count();
  for (size_t i = 0; i < courses && !r->failed(); ++i) {
    std::string id = r->Text();
    if (id.empty()) id = course.id;
    const uint64_t flags = r->Uint();
    json entry = json::object();
    if (r->Flag(flags, 1)) entry["completed_at"] = r->Time();
    if (r->Flag(flags, 2)) entry["passed_at"] = r->Time();
    if (r->Flag(flags, 4)) entry["percent"] = r->Number();
    if (r->Flag(flags, 8)) entry["failed_at"] = r->Time();
    (*state)["courses"][id] = std::move(entry);
  }
}

void AddUnique(std::vector<std::string>* list, std::map<std::string, size_t>* seen, const std::string& id) {
  if (seen->emplace(id, list->size()).second) list->push_back(id);
}

Index IndexOf(const LmsCourse& course) {
  Index index;
  for (size_t i = 0; i < course.lessons.size(); ++i) index.lessons.emplace(course.lessons[i], i);
  for (size_t i = 0; i < course.questions.size(); ++i) index.questions.emplace(course.questions[i], i);
  for (size_t i = 0; i < course.quizzes.size(); ++i) index.quizzes.emplace(course.quizzes[i], i);
  return index;
}

}  // namespace

LmsCourse LmsCourseFromJson(const json& course) {
  LmsCourse out;
  out.id = StringOr(course, "id", "");
  std::map<std::string, size_t> lessons, questions, quizzes;
  const json& list = MemberOf(course, "lessons");
  if (!list.is_array()) return out;
  for (const json& lesson : list) {
    const json& id = MemberOf(lesson, "id");
    if (!id.is_string()) continue;
    AddUnique(&out.lessons, &lessons, id.get<std::string>());
    std::vector<std::string> keys;
    const json& listed = MemberOf(lesson, "questions");
    if (listed.is_array()) {
      for (const json& key : listed) {
        if (key.is_string()) keys.push_back(key.get<std::string>());
      }
    } else {
      for (const auto& [key, points] : ObjectOf(lesson, "points").items()) keys.push_back(key);
    }
    const json& lesson_quizzes = MemberOf(lesson, "quizzes");
    if (lesson_quizzes.is_object()) {
      for (const auto& [quiz, points] : lesson_quizzes.items()) AddUnique(&out.quizzes, &quizzes, quiz);
    } else if (lesson_quizzes.is_array()) {
      for (const json& quiz : lesson_quizzes) {
        const json& quiz_id = quiz.is_string() ? quiz : MemberOf(quiz, "id");
        if (quiz_id.is_string()) AddUnique(&out.quizzes, &quizzes, quiz_id.get<std::string>());
      }
    }
    for (const std::string& key : keys) {
      AddUnique(&out.questions, &questions, key);
      const size_t slash = key.find('/');
      if (slash != std::string::npos) AddUnique(&out.quizzes, &quizzes, key.substr(0, slash));
    }
    for (const auto& [key, fp] : ObjectOf(lesson, "fingerprints").items()) {
      if (fp.is_string()) out.fingerprints[key] = fp.get<std::string>();
    }
  }
  return out;
}

LmsEncoding EncodeLmsState(const json& state, const LmsCourse& course, size_t budget_chars) {
  const Index index = IndexOf(course);
  Steps steps;
  LmsEncoding out;
  out.text = Encode(state, course, index, steps);
  for (size_t step = 0; step < std::size(kLmsDegradeSteps) && out.text.size() > budget_chars; ++step) {
    steps.on[step] = true;
    std::string smaller = Encode(state, course, index, steps);
    if (smaller.size() < out.text.size()) {
      out.dropped.push_back(kLmsDegradeSteps[step]);
      out.text = std::move(smaller);
    }
  }
  out.fits = out.text.size() <= budget_chars;
  return out;
}

LoadStatus DecodeLmsState(const std::string& text, const LmsCourse& course, const std::string& learner, const Now& now,
                          json* state, std::string* problem) {
  *state = NewState(learner, now);
  if (text.empty()) return LoadStatus::kNew;
  const std::string magic = kMagic;
  const size_t head = magic.size() + 2;
  if (text.size() < head + 2 || text.compare(0, magic.size(), magic) != 0) {
    *problem = "the saved progress is not in a format this course reads";
    return LoadStatus::kCorrupt;
  }
  const size_t body_end = text.size() - 2;
  if (text.compare(body_end, 2, TwoDigits(Fnv1a32(std::string_view(text).substr(0, body_end)))) != 0) {
    *problem = "the saved progress is damaged or cut short (its checksum does not match)";
    return LoadStatus::kCorrupt;
  }
  if (text.compare(magic.size(), 2, CourseDigest(course)) != 0) {
    *problem = "the saved progress was written for another version of this course";
    return LoadStatus::kCorrupt;
  }
  json doc = NewState(learner, now);
  Reader r(text, head, body_end);
  doc["created"] = r.Time();
  doc["updated"] = r.Time();
  ReadLessons(&r, &doc, course);
  ReadQuestions(&r, &doc, course);
  ReadQuizzes(&r, &doc, course);
  ReadRest(&r, &doc, course);
  if (!r.failed() && !r.AtEnd()) r.Fail("characters after the end");
  if (r.failed()) {
    *problem = std::string("the saved progress cannot be read: ") + r.why();
    return LoadStatus::kCorrupt;
  }
  std::string check;
  if (CheckState(doc, &check) != LoadStatus::kOk) {
    *problem = "the saved progress cannot be read: " + check;
    return LoadStatus::kCorrupt;
  }
  *state = std::move(doc);
  return LoadStatus::kOk;
}

}  // namespace morsel::core
