#include "generator/search_index.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/assets.h"
#include "generator/html_escape.h"
#include "generator/render.h"
#include "generator/text.h"
#include "generator/workers.h"
#include "runtime/core/answer_key.h"
#include "runtime/core/search.h"

namespace morsel::gen {
namespace {

using nlohmann::json;

// ---- Text of generated HTML ---------------------------------------------------------

void AppendCodePoint(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Appends HTML text with its character references decoded (the ones our generator and
/// cmark write; anything else stays as written).
void AppendDecoded(std::string_view html, std::string* out) {
  static const std::pair<std::string_view, std::string_view> kNamed[] = {{"amp", "&"},   {"lt", "<"},   {"gt", ">"},
                                                                         {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c != '&') {
      *out += IsSpace(c) ? ' ' : c;
      continue;
    }
    const size_t semi = html.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      *out += c;
      continue;
    }
    std::string_view name = html.substr(i + 1, semi - i - 1);
    bool done = false;
    if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      uint32_t cp = 0;
      bool valid = name.size() > (hex ? 2u : 1u);
      for (char d : name.substr(hex ? 2 : 1)) {
        int v = d >= '0' && d <= '9'          ? d - '0'
                : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10
                                              : -1;
        if (v < 0 || cp > 0x10FFFF) valid = false;
        if (!valid) break;
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      }
      if (valid) {
        AppendCodePoint(cp, out);
        done = true;
      }
    } else {
      for (const auto& [entity, text] : kNamed) {
        if (name == entity) {
          *out += text;
          done = true;
        }
      }
    }
    if (done) {
      i = semi;
    } else {
      *out += c;
    }
  }
}

/// Collapses runs of spaces and trims.
std::string Squeeze(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// One tag: its lower-case name, whether it closes, and its attribute text.
struct Tag {
  std::string name;
  bool closing = false;
  std::string_view attributes;
};

/// Reads the tag starting at html[*i] == '<'; moves *i past it. False for "<" that does
/// not start a tag (a comment or declaration is skipped and reported as an empty name).
bool ReadTag(std::string_view html, size_t* i, Tag* tag) {
  size_t p = *i + 1;
  if (html.compare(p, 3, "!--") == 0) {
    const size_t end = html.find("-->", p + 3);
    *i = end == std::string_view::npos ? html.size() : end + 3;
    tag->name.clear();
    return true;
  }
  tag->closing = p < html.size() && html[p] == '/';
  if (tag->closing) ++p;
  const size_t name_start = p;
  while (p < html.size() && (std::isalnum(static_cast<unsigned char>(html[p])) || html[p] == '!')) ++p;
  if (p == name_start) return false;
  tag->name = Lower(html.substr(name_start, p - name_start));
  // Attribute values are quoted by every writer of our HTML; honour quotes anyway.
  char quote = 0;
  const size_t attributes_start = p;
  for (; p < html.size(); ++p) {
    if (quote != 0) {
      if (html[p] == quote) quote = 0;
    } else if (html[p] == '"' || html[p] == '\'') {
      quote = html[p];
    } else if (html[p] == '>') {
      break;
    }
  }
  tag->attributes = html.substr(attributes_start, p - attributes_start);
  *i = p < html.size() ? p + 1 : html.size();
  return true;
}

bool IsBlockTag(const std::string& name) {
  static const char* const kBlocks[] = {"p",  "div",        "li",    "ul",      "ol",       "br",   "tr",
                                        "td", "th",         "table", "section", "legend",   "pre",  "blockquote",
                                        "h1", "h2",         "h3",    "h4",      "h5",       "h6",   "dt",
                                        "dd", "figcaption", "hr",    "form",    "fieldset", "label"};
  for (const char* block : kBlocks) {
    if (name == block) return true;
  }
  return false;
}

bool IsHeading(const std::string& name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

}  // namespace

PageText ExtractPageText(const std::string& html) {
  std::string text;
  std::string headings;
  std::string skip_until;  // the closing tag of a script, style, noscript or template
  int block_depth = 0;     // sections open since an interactive block started (0 = none)
  bool in_legend = false;
  bool in_number = false;  // the theme's "Question 1 of 3:" inside a prompt
  int heading = 0;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    const size_t stop = lt == std::string::npos ? html.size() : lt;
    if (stop > i && skip_until.empty() && !in_number && (block_depth == 0 || in_legend)) {
      std::string piece;
      AppendDecoded(std::string_view(html).substr(i, stop - i), &piece);
      text += piece;
      if (heading > 0 && block_depth == 0) headings += piece;
    }
    if (lt == std::string::npos) break;
    i = lt;
    Tag tag;
    if (!ReadTag(html, &i, &tag)) {
      if (skip_until.empty() && (block_depth == 0 || in_legend)) text += '<';
      ++i;
      continue;
    }
    if (tag.name.empty()) continue;
    if (!skip_until.empty()) {
      if (tag.closing && tag.name == skip_until) skip_until.clear();
      continue;
    }
    if (!tag.closing && (tag.name == "script" || tag.name == "style" || tag.name == "noscript" ||
                         tag.name == "template" || tag.name == "select" || tag.name == "textarea")) {
      skip_until = tag.name;
      continue;
    }
    if (tag.name == "section") {
      if (tag.closing) {
        if (block_depth > 0) --block_depth;
      } else if (block_depth > 0) {
        ++block_depth;
      } else if (tag.attributes.find("data-morsel-block") != std::string_view::npos) {
        block_depth = 1;
      }
    }
    if (tag.name == "legend") in_legend = !tag.closing;
    if (tag.name == "span" && in_legend) {
      if (tag.closing)
        in_number = false;
      else if (tag.attributes.find("morsel-question-number") != std::string_view::npos)
        in_number = true;
    }
    if (IsHeading(tag.name)) {
      heading = tag.closing ? 0 : 1;
      headings += ' ';
    }
    if (IsBlockTag(tag.name)) text += ' ';
  }
  return {Squeeze(headings), Squeeze(text)};
}

PageText SearchPageText(const PageSource& page, const Lesson* lesson, const std::string& content) {
  if (lesson == nullptr) return ExtractPageText(EscapeHtml(page.description) + "<p>" + content);
  std::string intro = EscapeHtml(lesson->description);
  for (const std::string& objective : lesson->objectives) intro += "<li>" + EscapeHtml(objective);
  PageText text = ExtractPageText(content);
  const PageText extra = ExtractPageText(intro);
  if (!extra.text.empty()) text.text = extra.text + " " + text.text;
  return text;
}

namespace {

// ---- The index -------------------------------------------------------------------

/// One searchable page.
struct Document {
  std::string title;
  std::string url;
  /// Where it sits: "Course › Module".
  std::string trail;
  PageText text;
};

std::vector<Document> CollectDocuments(const Site& site, const PageTextOf& text_of) {
  std::vector<Document> docs;
  for (const Course& course : site.courses) {
    docs.push_back({course.title, course.output_path, "", text_of(course, nullptr)});
    ForEachLesson(course, [&](const Module& module, const Lesson& lesson) {
      docs.push_back(
          {lesson.title, lesson.output_path, course.title + " \xE2\x80\xBA " + module.title, text_of(lesson, &lesson)});
    });
  }
  return docs;
}

/// Field weights: a word in the title counts as this many words of body text.
constexpr double kTitleWeight = 6.0;
constexpr double kHeadingWeight = 3.0;
// BM25's usual parameters.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

struct RawPosting {
  uint32_t doc;
  float weighted_tf;
};

struct Posting {
  uint32_t doc;
  uint32_t score;
};

void CountTerms(const std::string& text, double weight, const core::SearchLanguage& language, core::SearchStems* stems,
                std::unordered_map<std::string, double>* tf, size_t* length) {
  for (const core::SearchWord& word : core::SplitSearchWords(text)) {
    ++*length;
    auto it = stems->find(word.key);
    if (it == stems->end()) it = stems->emplace(word.key, core::SearchTerm(word.key, language)).first;
    if (!it->second.empty()) (*tf)[it->second] += weight;
  }
}

/// Postings of a list, delta-coded from document 0.
std::string EncodePostings(const std::vector<Posting>& postings) {
  std::string out;
  uint32_t previous = 0;
  for (const Posting& p : postings) {
    core::AppendSearchNumber(p.doc - previous, &out);
    core::AppendSearchNumber(p.score, &out);
    previous = p.doc;
  }
  return out;
}

std::string Decimal(size_t n) { return std::to_string(n); }

/// A JavaScript string literal for text (JSON's is one).
std::string JsString(const std::string& text) {
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

struct Shards {
  std::vector<std::string> first_terms;
  std::vector<std::string> heads;
  std::vector<std::string> tails;
  /// Every term, sorted, with its head line (no newline) and its best documents, best
  /// first: the ones with a card.
  struct Term {
    std::string term;
    std::string head;
    std::vector<uint32_t> best;
  };
  std::vector<Term> terms;
};

/// Whether posting a ranks before b for a one-word query (ties go to the earlier page).
bool Better(const Posting& a, const Posting& b) { return a.score != b.score ? a.score > b.score : a.doc < b.doc; }

Shards BuildShards(const std::vector<Document>& docs, const core::SearchLanguage& language,
                   const SearchIndexOptions& options, core::SearchStems* stems) {
  std::unordered_map<std::string, std::vector<RawPosting>> index;
  std::vector<size_t> lengths(docs.size(), 0);
  for (size_t d = 0; d < docs.size(); ++d) {
    std::unordered_map<std::string, double> tf;
    size_t length = 0;
    CountTerms(docs[d].title, kTitleWeight, language, stems, &tf, &length);
    CountTerms(docs[d].text.headings, kHeadingWeight - 1.0, language, stems, &tf, &length);
    CountTerms(docs[d].text.text, 1.0, language, stems, &tf, &length);  // headings are in the text too
    lengths[d] = length;
    for (auto& [term, weight] : tf) {
      index[term].push_back({static_cast<uint32_t>(d), static_cast<float>(weight)});
    }
  }
  double average = 0;
  for (size_t length : lengths) average += static_cast<double>(length);
  average = docs.empty() ? 1.0 : std::max(1.0, average / static_cast<double>(docs.size()));

  std::vector<std::string> terms;
  terms.reserve(index.size());
  for (const auto& entry : index) terms.push_back(entry.first);
  std::sort(terms.begin(), terms.end());

  Shards shards;
  const double n = static_cast<double>(docs.size());
  for (const std::string& term : terms) {
    const std::vector<RawPosting>& raw = index[term];
    const double df = static_cast<double>(raw.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    std::vector<Posting> postings;
    postings.reserve(raw.size());
    for (const RawPosting& r : raw) {
      const double norm = kK1 * (1.0 - kB + kB * static_cast<double>(lengths[r.doc]) / average);
      const double score = idf * r.weighted_tf * (kK1 + 1.0) / (r.weighted_tf + norm);
      const double scaled = std::round(score * core::kSearchScoreScale);
      postings.push_back(
          {r.doc, static_cast<uint32_t>(std::clamp(scaled, 1.0, static_cast<double>(core::kMaxSearchScore)))});
    }
    std::vector<Posting> ranked = postings;
    const size_t cards = std::min(core::kSearchCardsPerTerm, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(cards), ranked.end(), Better);
    shards.terms.push_back({term, "", {}});
    for (size_t k = 0; k < cards; ++k) shards.terms.back().best.push_back(ranked[k].doc);
    std::vector<Posting> tail;
    if (postings.size() > core::kHeadPostings) {
      // The head keeps the best documents.
      std::sort(postings.begin(), postings.end(), Better);
      tail.assign(postings.begin() + core::kHeadPostings, postings.end());
      postings.resize(core::kHeadPostings);
      auto by_doc = [](const Posting& a, const Posting& b) { return a.doc < b.doc; };
      std::sort(postings.begin(), postings.end(), by_doc);
      std::sort(tail.begin(), tail.end(), by_doc);
    }
    shards.terms.back().head =
        term + " " + Decimal(raw.size()) + (tail.empty() ? " 0 " : " 1 ") + EncodePostings(postings);
    const std::string line = shards.terms.back().head + "\n";
    if (shards.heads.empty() || shards.heads.back().size() + line.size() > options.shard_bytes) {
      shards.first_terms.push_back(term);
      shards.heads.emplace_back();
      shards.tails.emplace_back();
    }
    shards.heads.back() += line;
    if (!tail.empty()) shards.tails.back() += term + " " + Decimal(raw.size()) + " 0 " + EncodePostings(tail) + "\n";
  }
  if (shards.heads.empty()) {
    shards.first_terms.emplace_back();
    shards.heads.emplace_back();
    shards.tails.emplace_back();
  }
  return shards;
}

/// The page that the header's search form opens: results with JavaScript, a notice without.
bool SearchPageHtml(const Site& site, const Theme& theme, const RenderInputs& inputs, std::string* html,
                    DiagnosticSink* sink) {
  TemplateSet templates = theme.templates;
  TemplateError error;
  const std::string source =
      "{{<layout}}{{$title}}{{t.search_title}} · {{site.title}}{{/title}}{{$main}}\n"
      "<h1>{{t.search_title}}</h1>\n"
      "<div class=\"morsel-search-page\" data-morsel-search-page>\n"
      "<p class=\"morsel-note morsel-search-nojs\">{{t.search_noscript}}</p>\n"
      "</div>\n"
      "{{/main}}{{/layout}}";
  if (!templates.Add("morsel-search-page", source, &error)) {
    theme.ReportError(error, "template-syntax", sink);
    return false;
  }
  const std::string title = theme.strings.value("theme", json::object()).value("search_title", "");
  json data = PageData(site, theme, inputs, "search/index.html", title, "");
  data["page"]["canonical"] = "";  // one page for every query: not for search engines
  if (!templates.Render("morsel-search-page", data, html, &error)) {
    theme.ReportError(error, "template-render", sink);
    return false;
  }
  return true;
}

/// The index's files, each written under kPendingIndexFolder as it is made (an index
/// of 2,000 lessons is 44 MB of files: held together, with the cards as JSON values,
/// they took 106 MB).
class IndexFiles {
 public:
  IndexFiles(SiteOutput* output, std::function<void()> written) : output_(output), written_(std::move(written)) {}
  void Add(const std::string& name, const std::string& contents) {
    ok_ = output_->Add(kPendingIndexFolder + name, contents) && ok_;
    if (written_) written_();
  }
  bool ok() const { return ok_; }

 private:
  SiteOutput* output_;
  std::function<void()> written_;
  bool ok_ = true;
};

/// Writes the card files: file n holds the terms whose SearchCardFile is n. For the
/// engine, each term's head line followed by the next term of the index; for the glue,
/// each term's cards, best first, as JSON: {term: [[doc, title, URL, trail, passage
/// around the term], …], …}. The passages are made first, document by document (each
/// text split once for all its cards), into one string; then each file is written.
void WriteCards(const std::vector<Document>& docs, const Shards& shards, const core::SearchLanguage& language,
                core::SearchStems* stems, uint32_t file_count, const std::function<bool(size_t)>& mine,
                IndexFiles* files) {
  std::vector<std::vector<size_t>> terms_of_file(file_count);
  for (size_t t = 0; t < shards.terms.size(); ++t) {
    terms_of_file[core::SearchCardFile(shards.terms[t].term, file_count)].push_back(t);
  }
  std::vector<bool> carded(shards.terms.size(), false);  // the terms of this process's files
  for (uint32_t n = 0; n < file_count; ++n) {
    if (!mine(n)) continue;
    for (size_t t : terms_of_file[n]) carded[t] = true;
  }
  // Card c of term t is number first_card[t] + c.
  std::vector<size_t> first_card(shards.terms.size() + 1, 0);
  for (size_t t = 0; t < shards.terms.size(); ++t) first_card[t + 1] = first_card[t] + shards.terms[t].best.size();
  std::vector<std::vector<std::pair<size_t, size_t>>> by_doc(docs.size());  // (card, term)
  for (size_t t = 0; t < shards.terms.size(); ++t) {
    if (!carded[t]) continue;
    const std::vector<uint32_t>& best = shards.terms[t].best;
    for (size_t k = 0; k < best.size(); ++k) by_doc[best[k]].emplace_back(first_card[t] + k, t);
  }
  std::string passages;
  std::vector<std::pair<size_t, size_t>> passage(first_card.back());  // (start, length) in `passages`
  for (size_t d = 0; d < docs.size(); ++d) {
    if (by_doc[d].empty()) continue;
    core::SearchPassages around(docs[d].text.text, language, stems);
    for (const auto& [card, term] : by_doc[d]) {
      const std::string text = around.Around(shards.terms[term].term, core::kSearchPassageWords);
      passage[card] = {passages.size(), text.size()};
      passages += text;
    }
    std::vector<std::pair<size_t, size_t>>().swap(by_doc[d]);
  }
  for (uint32_t n = 0; n < file_count; ++n) {
    if (!mine(n)) continue;
    std::string lines;
    std::string cards = "{";
    // Terms come sorted, so each file's lines and keys are too.
    for (size_t t : terms_of_file[n]) {
      const Shards::Term& term = shards.terms[t];
      lines += term.head + " " + (t + 1 < shards.terms.size() ? shards.terms[t + 1].term : "") + "\n";
      if (cards.size() > 1) cards += ',';
      cards += JsString(term.term) + ":[";
      for (size_t k = 0; k < term.best.size(); ++k) {
        const Document& doc = docs[term.best[k]];
        const auto [start, length] = passage[first_card[t] + k];
        cards += (k > 0 ? ",[" : "[") + Decimal(term.best[k]) + "," + JsString(doc.title) + "," + JsString(doc.url) +
                 "," + JsString(doc.trail) + "," + JsString(passages.substr(start, length)) + "]";
      }
      cards += "]";
    }
    cards += "}";
    const std::string name = "c/" + Decimal(n);
    files->Add(name + ".js", "MorselSearch.cards(\"" + name + "\"," + JsString(lines) + "," + cards + ");\n");
  }
}

}  // namespace

uint32_t SearchCardFileCount(size_t terms, double terms_per_file) {
  const double per_file = std::max(0.1, terms_per_file);
  const auto count = static_cast<uint64_t>(std::max(1.0, std::ceil(static_cast<double>(terms) / per_file)));
  uint64_t step = 1;
  while (step * 64 <= count) step *= 2;
  return static_cast<uint32_t>((count + step - 1) / step * step);
}

bool WriteSearchIndex(const Site& site, const PageContent& content, const SearchIndexOptions& options,
                      SiteOutput* output, std::string* manifest) {
  return WriteSearchIndex(
      site,
      [&](const PageSource& page, const Lesson* lesson) { return SearchPageText(page, lesson, content(page, lesson)); },
      options, output, manifest);
}

std::string SearchIndexFingerprint(const SiteOutput& output, const std::string& manifest) {
  return core::Sha256Hex(output.FolderFingerprint(kPendingIndexFolder) + "\n" + manifest).substr(0, kFingerprintLength);
}

std::string SearchManifestScript(const std::string& manifest, const std::string& fingerprint) {
  return "MorselSearch.manifest(" + JsString(manifest) + "," + JsString(fingerprint) + ");\n";
}

bool WriteSearchIndex(const Site& site, const PageTextOf& text_of, const SearchIndexOptions& options,
                      SiteOutput* output, std::string* manifest_text) {
  const core::SearchLanguage language = core::SearchLanguageFor(site.config.language);
  const std::vector<Document> docs = CollectDocuments(site, text_of);
  // Every word's term, found once for the whole index (stemming was a tenth of a build).
  core::SearchStems stems;
  Shards shards = BuildShards(docs, language, options, &stems);
  const uint32_t card_files = SearchCardFileCount(shards.terms.size(), options.terms_per_card_file);
  if (options.writing) {
    const auto tails =
        std::count_if(shards.tails.begin(), shards.tails.end(), [](const std::string& tail) { return !tail.empty(); });
    // s<i>.js, t<i>.js, c/<n>.js, d/<n>.js
    options.writing(shards.heads.size() + static_cast<size_t>(tails) + card_files + docs.size());
  }
  std::string manifest = "morsel-search 2\nlanguage " + site.config.language + "\ndocs " + Decimal(docs.size()) +
                         "\ncards " + Decimal(card_files) + "\n";
  for (size_t i = 0; i < shards.heads.size(); ++i) {
    manifest += "shard " + shards.first_terms[i] + (shards.tails[i].empty() ? " 0\n" : " 1\n");
  }
  *manifest_text = manifest;
  // The files, numbered: each head shard (with its tail), each card file, each fragment;
  // each process writes its share of them.
  const size_t first_card = shards.heads.size();
  const size_t first_doc = first_card + card_files;
  DiagnosticSink none;  // writing the index reports nothing but a failed write
  return RunShares(
      options.jobs, output, &none, [&](const WorkShare& share, SiteOutput* out, DiagnosticSink*, std::string*) {
        IndexFiles files(out, [&] {
          if (options.written) options.written(share);
        });
        for (size_t i = 0; i < shards.heads.size(); ++i) {
          if (!share.Mine(i)) continue;
          files.Add("s" + Decimal(i) + ".js",
                    "MorselSearch.shard(\"s" + Decimal(i) + "\"," + JsString(shards.heads[i]) + ");\n");
          if (!shards.tails[i].empty()) {
            files.Add("t" + Decimal(i) + ".js",
                      "MorselSearch.shard(\"t" + Decimal(i) + "\"," + JsString(shards.tails[i]) + ");\n");
          }
          std::string().swap(shards.heads[i]);
          std::string().swap(shards.tails[i]);
        }
        // Every card file is written, empty ones too: a word's file is asked for before
        // anything tells whether the word is in the index.
        WriteCards(
            docs, shards, language, &stems, card_files, [&](size_t n) { return share.Mine(first_card + n); }, &files);
        for (size_t d = 0; d < docs.size(); ++d) {
          if (!share.Mine(first_doc + d)) continue;
          const json fragment = {
              {"t", docs[d].title}, {"u", docs[d].url}, {"p", docs[d].trail}, {"x", docs[d].text.text}};
          files.Add("d/" + Decimal(d) + ".js", "MorselSearch.doc(" + Decimal(d) + "," +
                                                   fragment.dump(-1, ' ', false, json::error_handler_t::replace) +
                                                   ");\n");
        }
        return files.ok();
      });
}

bool RenderSearchPage(const Site& site, const Theme& theme, const RenderInputs& inputs, SiteOutput* output,
                      DiagnosticSink* sink) {
  std::string html;
  return SearchPageHtml(site, theme, inputs, &html, sink) && output->Add("search/index.html", html);
}

}  // namespace morsel::gen
