#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace morsel::gen {

/// Whether `s` begins with `prefix` (paths, URLs, file names).
bool StartsWith(std::string_view s, std::string_view prefix);

/// Whether `s` ends with `suffix` (file extensions, "/index.html").
bool EndsWith(std::string_view s, std::string_view suffix);

/// HTML's ASCII whitespace (space, tab, LF, CR, FF): what separates attributes and words
/// in the markup Morsel reads back (search text).
bool IsSpace(char c);

/// Where the line that starts at byte `start` of `text` ends: at "\n", "\r\n" or a lone
/// "\r" (old Mac files), or at the end of `text`; *next is where the next line starts.
/// cmark counts lines so: the front matter and the lines diagnostics quote must agree.
size_t LineEnd(std::string_view text, size_t start, size_t* next);

/// `s` with ASCII letters in lower case: tag names and file extensions compare without
/// case, and non-ASCII text must stay as it is.
std::string Lower(std::string_view s);

/// Whether `path` ends in "." and one of `extensions` (lower case), in any case.
bool HasExtension(const std::string& path, std::initializer_list<const char*> extensions);

/// A picture a page can show: .png, .jpg, .jpeg, .gif, .svg, .webp, .avif.
bool IsImagePath(const std::string& path);

/// "rtl" for a language written right to left (its primary subtag: Arabic, Hebrew,
/// Persian, Urdu, …, or a script subtag such as `-Arab`), else "ltr": the pages' `dir`.
const char* TextDirection(std::string_view language);

/// The CLDR plural category ("zero", "one", "two", "few", "many", "other") of the whole
/// number `n` in `language` (its primary subtag), for the languages whose rules are known
/// here (English, German, French, Spanish, Arabic and those that share English's rule);
/// others get English's. The browser uses Intl.PluralRules, which has them all.
const char* PluralCategory(std::string_view language, long long n);

/// The decimal sign of `language` (its primary subtag) as CLDR writes numbers in Latin
/// digits: "," for the languages known here to use a comma (German, French, Spanish,
/// Italian, Portuguese, Dutch, Russian and others), "." for the rest. The browser uses
/// Intl.NumberFormat.
const char* DecimalSign(std::string_view language);

/// A field of a CSV file (RFC 4180): quoted when it holds a comma, quote or line break. A
/// spreadsheet opening the file runs a cell that starts with '=', '+', '-' or '@' as a
/// formula (and tab or CR can hide such a start): those cells get a leading "'" and quotes,
/// OWASP's rule against CSV injection, and show as text.
std::string CsvField(const std::string& field);

/// The media type a file is served or inlined as, by its extension (case ignored):
/// `morsel serve`'s responses and the single-file edition's data: URLs.
/// "application/octet-stream" for an extension not listed.
const char* ContentType(const std::string& path);

}  // namespace morsel::gen
