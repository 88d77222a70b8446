// SPDX-License-Identifier: MIT
#pragma once

#include "session_list_model.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QQmlEngine>

/// The logged-in user's planned activities for one local day (SPEC §3.1):
/// for today, overdue ones (still planned, before today) come first.
/// Re-reads the replica whenever the session reports a change.
class TodayModel : public SessionListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QDate date READ date WRITE setDate NOTIFY dateChanged)
    Q_PROPERTY(QString title READ title NOTIFY dateChanged)
    Q_PROPERTY(QString dateText READ dateText NOTIFY dateChanged)
    Q_PROPERTY(bool isToday READ isToday NOTIFY dateChanged)
    /// The day as "yyyy-MM-dd" (for the date picker; JS Dates shift days across time zones).
    Q_PROPERTY(QString isoDate READ isoDate WRITE setIsoDate NOTIFY dateChanged)
    Q_PROPERTY(int overdueCount READ overdueCount NOTIFY countChanged)

  public:
    enum Roles {
        ActivityIdRole = Qt::UserRole + 1,
        ClientIdRole,
        ClientNameRole,
        KindRole,
        KindLabelRole,
        StartsAtRole,
        TimeTextRole,
        DateTextRole,
        DurationMinRole,
        PurposeRole,
        PlaceRole,
        StatusRole,
        StatusLabelRole,
        OverdueRole,
        PendingRole,
    };
    Q_ENUM(Roles)

    explicit TodayModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QDate date() const { return date_; }
    void setDate(const QDate& date);
    /// "Today", "Tomorrow", "Yesterday" or the date in the locale's long format.
    QString title() const;
    /// The date in the locale's long format.
    QString dateText() const { return QLocale().toString(date_, QLocale::LongFormat); }
    bool isToday() const { return date_ == QDate::currentDate(); }
    QString isoDate() const { return date_.toString(Qt::ISODate); }
    void setIsoDate(const QString& isoDate) { setDate(QDate::fromString(isoDate, Qt::ISODate)); }
    int count() const override { return static_cast<int>(rows_.size()); }
    int overdueCount() const;

    Q_INVOKABLE void shiftDays(int days);
    Q_INVOKABLE void goToday();
    void reload() override;

  signals:
    void dateChanged();

  protected:
    /// Also re-reads when the user changes.
    void connectSession(AppSession* session) override;

  private:
    struct Row {
        QString id;
        QString clientId;
        QString clientName;
        QString kind;
        QDateTime startsAt;
        int durationMin = 0;
        QString purpose;
        QString place;
        QString status;
        bool overdue = false;
        bool pending = false;
    };

    QDate date_ = QDate::currentDate();
    std::vector<Row> rows_;
};
