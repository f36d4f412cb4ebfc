#pragma once

#include <string>
#include <string_view>

namespace morsel::core {

// Typed answers (fill-in-the-blank, numeric) are compared after the normalisation below,
// both when the generator checks an author's accepted answers and when the browser grades
// a learner's answer: both run this code (never the browser's String.normalize), so they
// agree byte for byte. The output is a comparison key, never shown to anyone.
//
// NormalizeAnswer, in order:
//  1. UTF-8 is decoded; each invalid sequence (maximal subpart, as browsers do) becomes
//     U+FFFD. Invisible format characters are removed (soft hyphen U+00AD, zero-width
//     space U+200B, word joiner U+2060-2064, BOM U+FEFF, bidi marks and embeddings);
//     ZWJ/ZWNJ stay (emoji sequences, Persian). Fullwidth ASCII (U+FF01-FF5E, typed with
//     CJK input methods) becomes ASCII.
//  2. Canonical composition (NFC) for Latin, Greek and Cyrillic: precomposed letters and
//     base + combining mark sequences (NFD, or any canonical mark order) give the same key.
//     Other scripts are left as typed.
//  3. Unless keep_diacritics: letters lose their marks (é→e, Å→A, ệ→e, ά→α, ΐ→ι) and
//     remaining combining marks (U+0300-036F, U+0483-0489, U+1AB0-1AFF, U+1DC0-1DFF,
//     U+FE20-FE2F) are dropped. Letters without a canonical decomposition map to their
//     base letters: ø→o, ł→l, đ/ð→d, ħ→h, ı→i, ŀ→l, æ→ae, œ→oe, ĳ→ij, ǆ→dz, ß→ss,
//     ẞ→SS, and the Latin Extended-B letters with hooks and strokes. þ, ŋ, ə, ĸ are
//     letters of their own and stay. Cyrillic keeps its letters (й≠и, ї≠і, ў≠у) except
//     ё→е, ѐ→е, ѝ→и, because Russian and Bulgarian text writes those marks optionally;
//     stand-alone marks such as stress accents (моло́ко) are dropped.
//  4. Unless case_sensitive: simple case folding of Latin, Greek (including polytonic and
//     final sigma ς→σ), Cyrillic and Armenian. ß stays ß when folding alone (only ẞ→ß);
//     it becomes "ss" in step 3, so with the defaults "Straße" matches "STRASSE".
//  5. Unless keep_punctuation: Unicode punctuation (general category P) of Latin, Greek,
//     Armenian, Hebrew, Arabic, Devanagari, General and Supplemental Punctuation, CJK and
//     fullwidth forms is removed, plus the apostrophe look-alikes ` ´ ʼ. Symbols
//     (+ $ = < > ^ | ~ € °, emoji) are not punctuation and stay, so "C++" keeps its pluses
//     (but "C#" loses its '#': set keep_punctuation for code answers). Two exceptions:
//     '.' or ',' between two digits stays, so "3.5" does not match "35"; punctuation
//     before U+FE0F or U+20E3 stays, as part of an emoji (#️⃣, *️⃣, ‼️).
//  6. Whitespace (Unicode White_Space: tabs, newlines, U+00A0, U+1680, U+2000-200A,
//     U+2028/2029, U+202F, U+205F, U+3000) is trimmed at both ends; inside, unless
//     keep_inner_whitespace, each run becomes one U+0020. With keep_inner_whitespace the
//     inner whitespace is kept exactly as typed.

/// How strictly NormalizeAnswer compares; the defaults are the forgiving choices.
struct NormalizeOptions {
  bool case_sensitive = false;         // default: fold case
  bool keep_diacritics = false;        // default: strip marks (é→e, ø→o, æ→ae, ß→ss)
  bool keep_punctuation = false;       // default: drop punctuation (not symbols)
  bool keep_inner_whitespace = false;  // default: collapse runs of whitespace to one space
};

/// The comparison key of a typed answer (UTF-8 in and out, invalid bytes → U+FFFD).
std::string NormalizeAnswer(std::string_view text, const NormalizeOptions& options);

// ParseLearnerNumber accepts a number as learners type it in any common locale:
//  - whitespace around it (Unicode spaces too); fullwidth digits and signs;
//  - an optional sign directly before the digits: '+', '-' or U+2212 '−' (only one);
//  - digits with an optional decimal separator, '.' or ',' ("3.5", "3,5"), either side of
//    which may be empty but not both (".5", "5.");
//  - optional thousands grouping in the integer part: ' ', U+00A0, U+2009, U+202F, '\'',
//    '’', or whichever of '.'/',' is not the decimal separator. Groups must be valid: 1-3
//    digits, then groups of exactly 3 ("1 000,5", "1,000.5", "1.000.000", "1'000");
//  - an optional exponent: 'e' or 'E', an optional sign, digits ("6.02e23", "1e3").
// How separators are read: when both '.' and ',' appear, the last one is the decimal
// separator and may appear once. A separator that appears more than once is grouping.
// A lone '.' is always the decimal separator ("1.000" is 1). A lone ',' is the decimal
// separator ("3,5", "0,125", "3,1416") except when it is followed by exactly three digits
// after a non-zero integer part of 1-3 digits ("1,000", "12,345"): that reads as one
// thousand in English and as one in German, so it is rejected as ambiguous rather than
// silently misgraded. Rejected too: "", "abc", "--1", "1.2.3", "1,2,3" (not valid
// grouping: likely a list), units, "%", fractions, and results that overflow a double.
// The value is converted by strtod from a rebuilt "digits e exponent" string (no decimal
// point, so the C locale's decimal point cannot matter): correctly rounded on glibc and on
// the WebAssembly toolchain's musl alike.

/// Reads a number as a learner types it (rules above); false when it is not one.
bool ParseLearnerNumber(std::string_view text, double* value);

}  // namespace morsel::core
