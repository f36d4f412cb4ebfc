#pragma once

#include <string>

namespace morsel::core {

/// True for an id learners' progress may be kept under: a-z, 0-9, '-' and '_'.
bool IsIdSlug(const std::string& id);

}  // namespace morsel::core
