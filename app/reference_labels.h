// SPDX-License-Identifier: MIT
#pragma once

// Labels of reference-list items (SPEC §2 "Reference lists") in the UI's
// language. The server seeds the lists with English labels
// (sync-server/store/reference_data.cpp; regions and industries of the CRM
// sample come from import-sample); those show translated. An item the head
// or admin added, or whose label they changed, shows its stored label.

#include <QHash>
#include <QString>

#include <map>

namespace fieldbook::device {
class Replica;
}

namespace fieldbook::app {

/// The label of item `code` of reference list `list` whose stored label is
/// `storedLabel`: the translation when (list, code) is a seeded item that
/// still has its seeded label, else `storedLabel` (or `code` when empty).
QString referenceLabel(const QString& list, const QString& code, const QString& storedLabel);

/// Labels of the replica's reference items, each list read once when first
/// asked for. Not thread-safe; use it on the replica's thread and drop it
/// when the replica changes.
class ReferenceLabels {
  public:
    explicit ReferenceLabels(fieldbook::device::Replica* replica) : replica_(replica) {}
    /// The label of `code` in `list` (referenceLabel()); the code itself
    /// when the list has no live, active item of that code.
    QString operator()(const QString& list, const QString& code);

  private:
    fieldbook::device::Replica* replica_;
    std::map<QString, QHash<QString, QString>> lists_;
};

} // namespace fieldbook::app
