// SPDX-License-Identifier: MIT
#include "conflict_log.h"

#include "app_session.h"
#include "edit_errors.h"
#include "field_labels.h"
#include "json_qt.h"
#include "labels.h"
#include "reference_labels.h"

#include "device/replica.h"
#include "domain/permissions.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSettings>

#include <map>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;
using fieldbook::device::Replica;
using nlohmann::json;

namespace {
const auto kReappliedKey = u"conflicts/reapplied"_qs;

/// A conflict value is JSON text ("\"Celia: budget frozen\"", "12", "null").
json parseValue(const QString& text) {
    auto value = json::parse(text.toStdString(), nullptr, false);
    return value.is_discarded() ? json(text.toStdString()) : value;
}

QString capitalised(QString text) {
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}
} // namespace

QString ConflictLog::ruleText(const QString& rule) {
    static const std::map<QString, const char*> kTexts{
        {u"last_writer_wins"_qs, QT_TR_NOOP("Rule: the later change wins.")},
        {u"append_only"_qs,
         QT_TR_NOOP("Rule: history is only added to; the author's later correction wins.")},
        {u"immutable"_qs, QT_TR_NOOP("Rule: this field is set once and then kept.")},
        {u"server_owned"_qs, QT_TR_NOOP("Rule: only the server sets this field.")},
        {u"terminal_outcome_wins"_qs,
         QT_TR_NOOP("Rule: a won or lost deal beats an edit made without seeing the close.")},
        {u"later_stage_wins"_qs, QT_TR_NOOP("Rule: the later stage of the deal wins.")},
        {u"head_assignment_wins"_qs, QT_TR_NOOP("Rule: the head's assignment beats a manager's.")},
        {u"edit_beats_delete"_qs,
         QT_TR_NOOP("Rule: an edit beats a delete made at the same time; the record stays.")},
        {u"head_delete_wins"_qs,
         QT_TR_NOOP("Rule: a delete by the head or an admin beats an edit.")},
        {u"probable_duplicate"_qs,
         QT_TR_NOOP("Rule: both cards are kept and marked as probable duplicates.")},
        {u"merge_clients"_qs,
         QT_TR_NOOP("Rule: the card was merged into another; the surviving card's value is kept.")},
    };
    if (auto it = kTexts.find(rule); it != kTexts.end()) {
        return tr(it->second);
    }
    return tr("Rule: %1.").arg(rule);
}

ConflictLog::ConflictLog(QObject* parent)
    : SessionBackend(parent),
      conflicts_(new RecordListModel({u"conflictId"_qs, u"entity"_qs, u"recordId"_qs, u"field"_qs,
                                      u"text"_qs, u"ruleText"_qs, u"whenText"_qs, u"mineValue"_qs,
                                      u"theirValue"_qs, u"lost"_qs, u"reapplied"_qs,
                                      u"canReapply"_qs, u"reapplyBlockedText"_qs},
                                     this)),
      rejected_(new RecordListModel(
          {u"mutationId"_qs, u"title"_qs, u"message"_qs, u"valuesText"_qs, u"whenText"_qs}, this)) {
}

void ConflictLog::connectSession(AppSession* session) {
    connect(session, &AppSession::replicaChanged, this, &ConflictLog::reload);
    connect(session, &AppSession::sessionChanged, this, &ConflictLog::reload);
    loadReapplied();
}

QString ConflictLog::statePath() const {
    return session_ ? QDir(session_->profileDir()).filePath(u"ui-state.ini"_qs) : QString();
}

void ConflictLog::loadReapplied() {
    reapplied_.clear();
    if (const auto path = statePath(); !path.isEmpty()) {
        const auto ids = QSettings(path, QSettings::IniFormat).value(kReappliedKey).toStringList();
        reapplied_ = QSet<QString>(ids.begin(), ids.end());
    }
}

void ConflictLog::saveReapplied() const {
    if (const auto path = statePath(); !path.isEmpty()) {
        QSettings settings(path, QSettings::IniFormat);
        settings.setValue(kReappliedKey, QStringList(reapplied_.begin(), reapplied_.end()));
    }
}

void ConflictLog::reload() {
    auto* replica = session_ ? session_->replica() : nullptr;
    json log = json::array();
    json refused = json::array();
    json users = json::array();
    if (replica && session_->loggedIn()) {
        try {
            log = replica->conflicts();
            refused = replica->rejectedMutations();
            users = replica->users();
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read the conflict log" << e.what();
        }
    }
    QHash<QString, QString> names;
    for (const auto& u : users) {
        names.insert(jsonText(u, "id"), jsonText(u, "full_name"));
    }
    std::map<std::string, json> records; // "entity/id" -> record, read once
    auto recordOf = [&](const QString& entity, const QString& id) -> const json& {
        const auto key = (entity + u'/' + id).toStdString();
        auto it = records.find(key);
        if (it == records.end()) {
            json r;
            try {
                r = replica->record(entity.toStdString(), id.toStdString());
            } catch (const std::exception&) {
                r = nullptr; // an entity this build does not know
            }
            it = records.emplace(key, std::move(r)).first;
        }
        return it->second;
    };
    auto refName = [&](const QString& entity, const QString& id) {
        return entity == u"user"_qs ? names.value(id) : recordTitle(recordOf(entity, id));
    };
    ReferenceLabels references(replica);
    auto codeLabel = [&](const QString& list, const QString& code) {
        return references(list, code);
    };
    const auto me = session_ ? session_->userId() : QString();

    QList<QVariantMap> rows;
    int attention = 0;
    for (const auto& c : log) {
        const auto id = jsonText(c, "id");
        const auto entity = jsonText(c, "entity");
        const auto recordId = jsonText(c, "record_id");
        const auto field = jsonText(c, "field");
        const auto winner = jsonText(c, "winner_id");
        const auto loser = jsonText(c, "loser_id");
        const auto winnerValue = parseValue(jsonText(c, "winner_value"));
        const auto loserValue = parseValue(jsonText(c, "loser_value"));
        const auto& record = recordOf(entity, recordId);
        const bool exists = record.is_object() && !record.value("deleted", false);
        const auto title = exists ? recordTitle(record) : QString();
        const auto what = fieldLabel(entity, field);
        const auto of =
            title.isEmpty() ? entityLabel(entity) : tr("%1 (%2)").arg(title, entityLabel(entity));
        const auto winnerText = valueText(entity, field, winnerValue, refName, codeLabel);
        const auto loserText = valueText(entity, field, loserValue, refName, codeLabel);
        const auto nameOf = [&](const QString& userId) {
            const auto name = names.value(userId);
            return name.isEmpty() ? tr("another user") : name;
        };
        const bool lost = loser == me;
        QString text;
        if (lost && winner == me) {
            text = tr("Your change to %1 of %2 was replaced by your change from another device: "
                      "\u00AB%3\u00BB (replaced: \u00AB%4\u00BB)")
                       .arg(what, of, winnerText, loserText);
        } else if (lost) {
            text = tr("Your change to %1 of %2 was replaced by %3's: \u00AB%4\u00BB (yours: "
                      "\u00AB%5\u00BB)")
                       .arg(what, of, nameOf(winner), winnerText, loserText);
        } else if (winner == me) {
            text = tr("Your change to %1 of %2 replaced %3's: \u00AB%4\u00BB (theirs: "
                      "\u00AB%5\u00BB)")
                       .arg(what, of, nameOf(loser), winnerText, loserText);
        } else {
            text = tr("%1's change to %2 of %3 replaced %4's: \u00AB%5\u00BB (replaced: "
                      "\u00AB%6\u00BB)")
                       .arg(nameOf(winner), what, of, nameOf(loser), winnerText, loserText);
        }
        const bool reapplied = reapplied_.contains(id);
        const bool current = exists && record.value(field.toStdString(), json()) == loserValue;
        // Offered only when the edit can be taken now: a won or lost deal's
        // stage and outcome move only for override_stage_order (the
        // replica's deal_closed rule, docs/conflicts.md); the row says why.
        QString blocked;
        if (lost && !reapplied && exists && !current && entity == u"deal"_qs &&
            (field == u"stage"_qs || field == u"outcome"_qs)) {
            const auto outcome = record.value("outcome", json());
            const bool closed = outcome == "won" || outcome == "lost";
            const auto role = session_ ? session_->role().toStdString() : std::string();
            if (closed &&
                !fieldbook::domain::allowed(role, fieldbook::domain::Action::OverrideStageOrder)) {
                blocked = editErrorMessage("deal_closed", "this deal is closed");
            }
        }
        const bool canReapply = lost && !reapplied && exists && !current && blocked.isEmpty();
        attention += canReapply ? 1 : 0;
        rows << QVariantMap{
            {u"conflictId"_qs, id},
            {u"entity"_qs, entity},
            {u"recordId"_qs, recordId},
            {u"field"_qs, field},
            {u"text"_qs, text},
            {u"ruleText"_qs, ruleText(jsonText(c, "rule"))},
            {u"whenText"_qs, dateTimeText(jsonTime(c, "decided_at"))},
            {u"mineValue"_qs, lost ? loserText : winnerText},
            {u"theirValue"_qs, lost ? winnerText : loserText},
            {u"lost"_qs, lost},
            {u"reapplied"_qs, reapplied},
            {u"canReapply"_qs, canReapply},
            {u"reapplyBlockedText"_qs, blocked},
        };
    }
    conflicts_->setRows(std::move(rows));

    QList<QVariantMap> refusedRows;
    for (auto r = refused.rbegin(); r != refused.rend(); ++r) { // newest first
        const auto entity = jsonText(*r, "entity");
        const auto& fields = (*r)["fields"];
        QStringList values;
        if (fields.is_object()) {
            for (const auto& [name, value] : fields.items()) {
                const auto field = QString::fromStdString(name);
                values << tr("%1: %2").arg(fieldLabel(entity, field),
                                           valueText(entity, field, value, refName, codeLabel));
            }
        }
        // The record itself may have left the device with the refusal (a
        // card given to someone else): then only what was typed names it.
        const auto& stored = recordOf(entity, jsonText(*r, "record_id"));
        auto title = recordTitle(fields);
        if (title.isEmpty()) {
            title = recordTitle(stored);
        }
        const auto kind = capitalised(entityLabel(entity));
        QString heading;
        if (jsonText(*r, "op") == u"delete"_qs) {
            heading = title.isEmpty()
                          ? tr("Deleting a %1").arg(entityLabel(entity))
                          : tr("Deleting %1 \u00AB%2\u00BB").arg(entityLabel(entity), title);
        } else if (!title.isEmpty()) {
            heading = tr("%1 \u00AB%2\u00BB").arg(kind, title);
        } else if (!stored.is_object()) {
            heading = tr("%1 no longer on this device").arg(kind);
        } else {
            heading = kind;
        }
        refusedRows << QVariantMap{
            {u"mutationId"_qs, jsonText(*r, "mutation_id")},
            {u"title"_qs, heading},
            {u"message"_qs, editErrorMessage(jsonText(*r, "error_code").toStdString(),
                                             jsonText(*r, "error_message").toStdString())},
            {u"valuesText"_qs, values.join(u'\n')},
            {u"whenText"_qs, dateTimeText(jsonTime(*r, "rejected_at"))},
        };
    }
    attention += static_cast<int>(refusedRows.size());
    rejected_->setRows(std::move(refusedRows));
    attentionCount_ = attention;
    emit logChanged();
}

bool ConflictLog::applyMine(const QString& conflictId) {
    if (!session_ || !session_->replica()) {
        return false;
    }
    json conflict;
    for (const auto& c : session_->replica()->conflicts()) {
        if (jsonText(c, "id") == conflictId) {
            conflict = c;
        }
    }
    if (!conflict.is_object() || jsonText(conflict, "loser_id") != session_->userId()) {
        setError(tr("This change was not yours, or it is no longer in the log."));
        return false;
    }
    const auto entity = jsonText(conflict, "entity").toStdString();
    const auto recordId = jsonText(conflict, "record_id").toStdString();
    const auto field = jsonText(conflict, "field").toStdString();
    const auto mine = parseValue(jsonText(conflict, "loser_value"));
    // Marked first: runEdit() tells the models at once, and this row must
    // read as re-applied then.
    reapplied_.insert(conflictId);
    const auto message = session_->runEdit("re-apply conflict", [&](Replica& r) {
        const auto stored = r.record(entity, recordId);
        if (!stored.is_object() || stored.value("deleted", false)) {
            throw fieldbook::device::DomainError("unknown_record",
                                                 "the record is no longer on this device");
        }
        r.updateRecord(entity, recordId, {{field, mine}});
    });
    if (!message.isEmpty()) {
        reapplied_.remove(conflictId);
        reload();
        setError(message);
        return false;
    }
    saveReapplied();
    setError({});
    reload();
    return true;
}
