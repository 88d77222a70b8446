// SPDX-License-Identifier: MIT
#include "history_model.h"

#include "json_qt.h"
#include "labels.h"

#include <QHash>
#include <QLocale>

using namespace fieldbook::app;

HistoryModel::HistoryModel(QObject* parent) : QAbstractListModel(parent) {}

int HistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case SummaryRole:
        return r.summary;
    case EntryIdRole:
        return r.id;
    case KindRole:
        return r.kind;
    case KindLabelRole:
        return r.kindLabel;
    case OccurredAtRole:
        return r.occurredAt;
    case DateTextRole:
        return r.dateText;
    case AuthorNameRole:
        return r.authorName;
    case DealIdRole:
        return r.dealId;
    case DealTitleRole:
        return r.dealTitle;
    case PendingRole:
        return r.pending;
    case AuthorIdRole:
        return r.authorId;
    case CanCorrectRole:
        return r.canCorrect;
    case CorrectedRole:
        return !r.earlierText.isEmpty();
    case EarlierTextRole:
        return r.earlierText;
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const {
    return {
        {EntryIdRole, "entryId"},       {KindRole, "kind"},
        {KindLabelRole, "kindLabel"},   {SummaryRole, "summary"},
        {OccurredAtRole, "occurredAt"}, {DateTextRole, "dateText"},
        {AuthorNameRole, "authorName"}, {DealIdRole, "dealId"},
        {DealTitleRole, "dealTitle"},   {PendingRole, "pending"},
        {AuthorIdRole, "authorId"},     {CanCorrectRole, "canCorrect"},
        {CorrectedRole, "corrected"},   {EarlierTextRole, "earlierText"},
    };
}

namespace {
/// `revisions` (JSON text [{summary, at, by}], oldest first) as lines, newest first.
QString earlierTexts(const nlohmann::json& h, const QHash<QString, QString>& userNames) {
    auto it = h.find("revisions");
    nlohmann::json revisions;
    if (it != h.end() && it->is_string()) {
        revisions = nlohmann::json::parse(it->get<std::string>(), nullptr, false);
    } else if (it != h.end() && it->is_array()) {
        revisions = *it;
    }
    if (!revisions.is_array()) {
        return {};
    }
    QStringList lines;
    for (auto r = revisions.rbegin(); r != revisions.rend(); ++r) {
        const auto at = jsonTime(*r, "at");
        const auto by = userNames.value(jsonText(*r, "by"));
        QStringList head;
        if (at.isValid()) {
            head << dateTimeText(at);
        }
        if (!by.isEmpty()) {
            head << by;
        }
        const auto summary = jsonText(*r, "summary");
        lines << (head.isEmpty() ? summary : head.join(u", "_qs) + u": "_qs + summary);
    }
    return lines.join(u'\n');
}
} // namespace

void HistoryModel::setEntries(const nlohmann::json& history, const nlohmann::json& deals,
                              const QString& userId, const QHash<QString, QString>& userNames) {
    QHash<QString, QString> dealTitles;
    if (deals.is_array()) {
        for (const auto& d : deals) {
            dealTitles.insert(jsonText(d, "id"), jsonText(d, "title"));
        }
    }
    std::vector<Row> next;
    if (history.is_array()) {
        next.reserve(history.size());
        for (const auto& h : history) {
            Row r;
            r.id = jsonText(h, "id");
            r.kind = jsonText(h, "kind");
            r.summary = jsonText(h, "summary");
            r.occurredAt = jsonTime(h, "occurred_at");
            r.authorName = jsonText(h, "author_name");
            r.dealId = jsonText(h, "deal_id");
            r.dealTitle = dealTitles.value(r.dealId);
            r.pending = jsonInt(h, "version") == 0;
            r.authorId = jsonText(h, "author_id");
            r.canCorrect = !userId.isEmpty() && r.authorId == userId;
            r.earlierText = earlierTexts(h, userNames);
            r.kindLabel = historyKindLabel(r.kind);
            r.dateText = dateTimeText(r.occurredAt);
            next.push_back(std::move(r));
        }
    }
    if (next == rows_) {
        return;
    }
    const int oldCount = count();
    beginResetModel();
    rows_ = std::move(next);
    endResetModel();
    if (count() != oldCount) {
        emit countChanged();
    }
}
