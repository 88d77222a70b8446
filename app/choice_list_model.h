// SPDX-License-Identifier: MIT
#pragma once

#include "session_list_model.h"

#include <QQmlEngine>

/// The choices of a ComboBox (roles `value`, `text`, `detail`), read from the
/// replica or from a fixed list, by `source`:
/// - "list:NAME": the active items of reference list NAME (SPEC §2
///   "Reference lists": region, industry, information_source, contact_reason,
///   triggering_event, refusal_reason, history_kind); value = code.
/// - "stages": the active deal stages in order; value = code, detail = norm days.
/// - "templates": the active document templates; value = id, detail = kind.
/// - "products": the products; value = id, detail = list price in cents.
/// - "users:ROLE,ROLE": active users with one of these roles (empty: all),
///   by name; value = id, detail = login.
/// - "enum:NAME": a fixed list of labels.h's enumChoices().
/// With `noneText` set, a first row {value: "", text: noneText} lets the user
/// choose nothing. Re-reads when the replica changes but resets only when the
/// choices differ, so an open form keeps its selection across syncs.
class ChoiceListModel : public SessionListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(QString noneText READ noneText WRITE setNoneText NOTIFY noneTextChanged)

  public:
    enum Roles {
        ValueRole = Qt::UserRole + 1,
        TextRole,
        DetailRole,
    };
    Q_ENUM(Roles)

    explicit ChoiceListModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString source() const { return source_; }
    void setSource(const QString& source);
    QString noneText() const { return noneText_; }
    void setNoneText(const QString& text);
    int count() const override { return static_cast<int>(rows_.size()); }

    /// The row whose value is `value`, or -1.
    Q_INVOKABLE int indexOf(const QString& value) const;
    /// The value / text / detail at `row` (empty or invalid when out of range).
    Q_INVOKABLE QString valueAt(int row) const;
    Q_INVOKABLE QString textAt(int row) const;
    Q_INVOKABLE QVariant detailAt(int row) const;
    /// The text of the row whose value is `value`, or `value` itself.
    Q_INVOKABLE QString textOf(const QString& value) const;
    void reload() override;

  signals:
    void sourceChanged();
    void noneTextChanged();

  private:
    struct Row {
        QString value;
        QString text;
        QVariant detail;
        bool operator==(const Row&) const = default;
    };
    std::vector<Row> read() const;

    QString source_;
    QString noneText_;
    std::vector<Row> rows_;
};
