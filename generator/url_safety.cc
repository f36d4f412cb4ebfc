#include "generator/url_safety.h"

#include <cctype>

namespace morsel::gen {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// The URL as the WHATWG URL parser starts reading it: C0 controls and spaces at either
/// end removed, ASCII tabs and newlines removed everywhere, in lower case (only the
/// scheme and a data: URL's media type are compared).
std::string Cleaned(std::string_view url) {
  size_t begin = 0;
  size_t end = url.size();
  while (begin < end && static_cast<unsigned char>(url[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(url[end - 1]) <= 0x20) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (url[i] != '\t' && url[i] != '\n' && url[i] != '\r') out += LowerAscii(url[i]);
  }
  return out;
}

/// The scheme before the first ':' (letters, digits, '+', '-', '.', starting with a
/// letter); "" when the URL has none (a relative URL).
std::string Scheme(const std::string& url) {
  size_t colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return "";
  for (size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    const bool letter = c >= 'a' && c <= 'z';
    if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) return "";
  }
  return url.substr(0, colon);
}

bool IsSafeDataImage(const std::string& url) {
  for (const char* type : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    const std::string prefix = type;
    if (url.compare(0, prefix.size(), prefix) == 0 &&
        (url.size() == prefix.size() || url[prefix.size()] == ';' || url[prefix.size()] == ',')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string UrlScheme(std::string_view url) { return Scheme(Cleaned(url)); }

std::string UnsafeUrlScheme(std::string_view url, bool is_image) {
  const std::string cleaned = Cleaned(url);
  std::string scheme = Scheme(cleaned);  // not const: returned by move
  if (scheme == "javascript" || scheme == "vbscript") return scheme;
  if (scheme == "data" && !(is_image && IsSafeDataImage(cleaned))) return scheme;
  return "";
}

bool XapiEndpointOrigin(std::string_view url, std::string* origin, std::string* problem) {
  const std::string scheme = UrlScheme(url);
  const size_t start = scheme.size() + 3;
  if ((scheme != "https" && scheme != "http") || url.substr(scheme.size(), 3) != "://") {
    *problem = "must be an absolute https URL";
    return false;
  }
  const size_t end = url.find_first_of("/?#", start);
  const std::string_view authority = url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  if (authority.find('@') != std::string_view::npos) {
    *problem = "must not hold a user name or password (they would be published with the site)";
    return false;
  }
  if (url.find('#') != std::string_view::npos) {
    *problem = "must not have a #fragment";
    return false;
  }
  std::string host(authority.substr(0, authority.rfind(':') == std::string_view::npos || authority.back() == ']'
                                           ? authority.size()
                                           : authority.rfind(':')));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.empty() || authority.find_first_of(" \t\n\"'<>") != std::string_view::npos) {
    *problem = "has no valid host";
    return false;
  }
  if (scheme == "http" && host != "localhost" && host != "127.0.0.1" && host != "[::1]") {
    *problem = "must use https (http only for an LRS on this machine: localhost, 127.0.0.1)";
    return false;
  }
  *origin = scheme + "://" + host + std::string(authority.substr(host.size()));
  return true;
}

}  // namespace morsel::gen
