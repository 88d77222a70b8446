// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QQmlEngine>

#include <nlohmann/json_fwd.hpp>

/// A client's history (SPEC §2, newest first), filled by ClientCard.
class HistoryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Read a client's history from ClientCard.history")

    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    enum Roles {
        EntryIdRole = Qt::UserRole + 1,
        KindRole,
        KindLabelRole,
        SummaryRole,
        OccurredAtRole,
        DateTextRole,
        AuthorNameRole,
        DealIdRole,
        DealTitleRole,
        PendingRole,
        AuthorIdRole,
        CanCorrectRole,  ///< the logged-in user wrote it (SPEC §2: the author may correct)
        CorrectedRole,   ///< it has earlier texts
        EarlierTextRole, ///< the earlier texts, newest first, one per line with date and author
    };
    Q_ENUM(Roles)

    explicit HistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(rows_.size()); }

    /// Replaces the entries with the card's "history" array; `deals` is the
    /// card's "deals" array, for the deal titles; `userId` is the logged-in
    /// user (who may correct own entries); `userNames` maps user ids to names
    /// for the authors of earlier texts.
    void setEntries(const nlohmann::json& history, const nlohmann::json& deals,
                    const QString& userId = {}, const QHash<QString, QString>& userNames = {});

  signals:
    void countChanged();

  private:
    struct Row {
        QString id;
        QString kind;
        QString summary;
        QDateTime occurredAt;
        QString authorName;
        QString dealId;
        QString dealTitle;
        bool pending = false;
        QString authorId;
        bool canCorrect = false;
        QString earlierText;
        QString
            kindLabel; ///< kept (not computed in data()) so that a new language resets the model
        QString dateText;
        bool operator==(const Row&) const = default;
    };
    std::vector<Row> rows_;
};
