// SPDX-License-Identifier: MIT
#pragma once

#include "session_backend.h"

#include <QObject>
#include <QQmlEngine>
#include <QSet>

#include "record_list_model.h"

/// The device's conflict log and rejected log for the Conflicts page
/// (SPEC §4 "every value that lost is kept in a conflict log the user can
/// see"; docs/conflicts.md "The conflict log"). Set `session`; it re-reads
/// when the replica changes.
///
/// `conflicts` has one row per conflict record the server sent this user
/// (newest first), in plain words; on a row the user lost, applyMine()
/// writes the user's value again with an ordinary edit on the current
/// version (AppSession::runEdit), which the server takes. The row then
/// shows as re-applied; that mark is kept in the profile (ui-state.ini), the
/// row itself stays. `rejected` lists the edits the server refused, with the
/// reason and the values typed, so nothing typed is lost from view.
class ConflictLog : public SessionBackend {
    Q_OBJECT
    QML_ELEMENT

    /// Roles: conflictId, entity, recordId, field, text (the sentence),
    /// ruleText, whenText, mineValue, theirValue, lost, reapplied, canReapply
    /// (lost, not re-applied, and the edit can be taken now: not a won or
    /// lost deal's stage or outcome without override_stage_order),
    /// reapplyBlockedText (why a lost value cannot be applied again, e.g.
    /// "This deal is closed..."; "" otherwise).
    Q_PROPERTY(RecordListModel* conflicts READ conflicts CONSTANT)
    /// Roles: mutationId, title, message, valuesText, whenText.
    Q_PROPERTY(RecordListModel* rejected READ rejected CONSTANT)
    /// Rows that want the user's eye: conflicts lost and not re-applied,
    /// plus the server's refusals (the navigation's badge).
    Q_PROPERTY(int attentionCount READ attentionCount NOTIFY logChanged)

  public:
    explicit ConflictLog(QObject* parent = nullptr);

    RecordListModel* conflicts() const { return conflicts_; }
    RecordListModel* rejected() const { return rejected_; }
    int attentionCount() const { return attentionCount_; }

    /// Re-applies the user's losing value of conflict `conflictId` to the
    /// record as it is now. False (with `error` set, nothing saved) when the
    /// row is not one the user lost, the record is gone, or the edit is
    /// refused (edit_errors.h).
    Q_INVOKABLE bool applyMine(const QString& conflictId);
    void reload() override;

    /// The conflict rule named `rule` (sync::ruleName(), or "merge_clients")
    /// as a translated sentence, e.g. "Rule: the later change wins."; an
    /// unknown name as "Rule: NAME.".
    static QString ruleText(const QString& rule);

  signals:
    void logChanged();

  protected:
    /// Also re-reads when the user changes, and reads the re-applied marks.
    void connectSession(AppSession* session) override;

  private:
    QString statePath() const;
    void loadReapplied();
    void saveReapplied() const;

    RecordListModel* conflicts_;
    RecordListModel* rejected_;
    QSet<QString> reapplied_;
    int attentionCount_ = 0;
};
