// SPDX-License-Identifier: MIT
// Boost.URL in header-only mode: Debian 12 ships its headers but no compiled
// library. This file is the one translation unit that holds its definitions.
#include <boost/url/src.hpp>
