// SPDX-License-Identifier: MIT
#pragma once

namespace fieldbook {

/// The project's version, e.g. "0.1.0": CMake's `project(Fieldbook VERSION
/// ...)`, written into the generated version.cpp (shared/version.cpp.in).
/// What `--version` prints after the program's name (fieldbook-server,
/// fieldbook-cli, the app).
const char* version();

} // namespace fieldbook
