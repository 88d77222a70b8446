// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlEngine>

class AppSession;
// moc needs the whole type for the `session` property (Qt 6 metatypes).
Q_MOC_INCLUDE("app_session.h")

/// The plumbing of a list model read from the session's replica
/// (ClientListModel, ChoiceListModel, TodayModel): the `session` property, a re-read
/// whenever the replica changes, `count`, and a row swap in one model reset.
/// A subclass keeps its rows, returns their number from count() and reads
/// them in reload().
class SessionListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS

    Q_PROPERTY(AppSession* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    explicit SessionListModel(QObject* parent = nullptr);

    AppSession* session() const { return session_; }
    /// Points the model at `session` (or none) and re-reads.
    void setSession(AppSession* session);
    int rowCount(const QModelIndex& parent = {}) const override;
    virtual int count() const = 0;
    /// Re-reads the rows from the session's replica.
    Q_INVOKABLE virtual void reload() = 0;

  signals:
    void sessionChanged();
    void countChanged();

  protected:
    /// Connects the signals of a new session; by default replicaChanged to reload().
    virtual void connectSession(AppSession* session);
    /// `rows` takes `next` in one model reset; countChanged when the number changed.
    template <typename Rows> void resetRows(Rows& rows, Rows next) {
        const int before = count();
        beginResetModel();
        rows = std::move(next);
        endResetModel();
        if (count() != before) {
            emit countChanged();
        }
    }

    QPointer<AppSession> session_;
};
