#pragma once

#include <string>

namespace morsel::gen {

/// `code` (a fenced code block's text) highlighted at build time for `language` (the first
/// word of its info string, as GNU Source-highlight's lang.map names languages: cpp, c,
/// python, javascript, java, sh, sql, json, css, html, xml, go, ...; yaml as a
/// configuration file, its comments and strings): its HTML, escaped,
/// with each token of a kind the theme colours in
/// <span class="morsel-code-<kind>"> (keyword, type, string, comment, number, preproc,
/// function, variable). "" when the language is not known or Source-highlight fails: the
/// block is then written as cmark writes it, plain. Pages load no highlighter.
std::string HighlightCode(const std::string& code, const std::string& language);

}  // namespace morsel::gen
