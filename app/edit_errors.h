// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <string>

namespace fieldbook::app {

/// The message the UI shows for a refused local edit: a translated sentence
/// that says what to do for each stable DomainError code of the replica's
/// workflows (shared/device/replica.h), or `fallback` (the replica's own
/// English message) for a code it does not know.
QString editErrorMessage(const std::string& code, const std::string& fallback);

} // namespace fieldbook::app
