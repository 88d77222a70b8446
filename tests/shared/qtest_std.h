// SPDX-License-Identifier: MIT
// Test helpers for the non-Qt types the shared library speaks, so that a
// failing comparison prints both values instead of nothing.
#pragma once

#include <nlohmann/json.hpp>

#include <QTest>

#include <string>

namespace QTest {

template <> inline char* toString(const std::string& s) {
    return QTest::toPrettyUnicode(QString::fromStdString(s));
}

} // namespace QTest

/// QCOMPARE for JSON values, compared by their serialised form (object keys are
/// sorted). QCOMPARE cannot take nlohmann::json directly: its implicit
/// conversions make QTest's qCompare overloads (qfloat16, ...) ambiguous.
#define COMPARE_JSON(actual, expected)                                                             \
    QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()),                                \
             QString::fromStdString(nlohmann::json(expected).dump()))
