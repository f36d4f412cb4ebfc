#include "runtime/core/json_parse.h"

#include <cstddef>

namespace morsel::core {
namespace {

/// nlohmann's own DOM builder, refusing nesting deeper than kMaxJsonDepth. Driving it
/// through sax_parse (not json::parse) also leaves out the callback parser, which json::parse
/// instantiates whether or not a callback is given: about 5 KB of the runtime's wasm.
class BoundedDom : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
 public:
  using Base = nlohmann::detail::json_sax_dom_parser<nlohmann::json>;
  using Base::Base;
  bool start_object(std::size_t size) { return Deeper() && Base::start_object(size); }
  bool start_array(std::size_t size) { return Deeper() && Base::start_array(size); }
  bool end_object() {
    --depth_;
    return Base::end_object();
  }
  bool end_array() {
    --depth_;
    return Base::end_array();
  }

 private:
  bool Deeper() { return ++depth_ <= kMaxJsonDepth; }
  size_t depth_ = 0;
};

}  // namespace

nlohmann::json ParseJson(std::string_view text) {
  nlohmann::json result;
  BoundedDom dom(result, false);
  if (!nlohmann::json::sax_parse(text.begin(), text.end(), &dom) || dom.is_errored()) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return result;
}

}  // namespace morsel::core
