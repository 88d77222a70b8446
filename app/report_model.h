// SPDX-License-Identifier: MIT
#pragma once

#include "reports/report_table.h"

#include <QAbstractListModel>
#include <QNetworkReply>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>
#include <QVariantMap>

class QNetworkAccessManager;

/// One report of SPEC §5 (docs/reports.md) for the dashboard pages: the rows
/// of `report` with one role per column name (e.g. `model.clients_in_work`).
///
/// refresh() asks the server (GET /api/v1/reports/<name> with the session's
/// server URL and token, JSON) when it can; when the server cannot be reached
/// (no answer, or no session token) it runs the same report over the
/// device's replica (reports::runReport) and sets `offline` with
/// `offlineText`, because the replica holds only this user's scope. A refusal
/// (HTTP 400/403/404 with the server's {"error":{code,message}}, or a
/// ReportError offline) empties the rows and sets `errorCode`/`errorText`;
/// nothing throws into QML. Filters are the API's (from/to as "YYYY-MM-DD",
/// manager as a login...); an empty one does not filter. A manager
/// (reportAccess Own) reads only their own figures, online and offline.
class ReportModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString report READ report WRITE setReport NOTIFY filtersChanged)
    Q_PROPERTY(QString from MEMBER from_ NOTIFY filtersChanged)
    Q_PROPERTY(QString to MEMBER to_ NOTIFY filtersChanged)
    Q_PROPERTY(QString manager MEMBER manager_ NOTIFY filtersChanged)
    Q_PROPERTY(QString team MEMBER team_ NOTIFY filtersChanged)
    Q_PROPERTY(QString segment MEMBER segment_ NOTIFY filtersChanged)
    Q_PROPERTY(QString product MEMBER product_ NOTIFY filtersChanged)
    /// Milliseconds to wait for the server before falling back to the replica.
    Q_PROPERTY(int timeoutMs MEMBER timeoutMs_ NOTIFY filtersChanged)
    Q_PROPERTY(int count READ count NOTIFY loaded)
    Q_PROPERTY(QStringList columns READ columns NOTIFY loaded)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /// The rows came from this device's replica, not the server.
    Q_PROPERTY(bool offline READ offline NOTIFY loaded)
    Q_PROPERTY(QString offlineText READ offlineText NOTIFY loaded)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY loaded)
    Q_PROPERTY(QString errorText READ errorText NOTIFY loaded)

  public:
    explicit ReportModel(QObject* parent = nullptr);
    ~ReportModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString report() const { return report_; }
    void setReport(const QString& name);
    int count() const { return static_cast<int>(table_.rows.size()); }
    QStringList columns() const;
    bool loading() const { return reply_ != nullptr; }
    bool offline() const { return offline_; }
    /// "offline: figures cover only what this device holds" when offline.
    QString offlineText() const;
    QString errorCode() const { return errorCode_; }
    QString errorText() const { return errorText_; }

    /// Fetches the report again with the current filters (cancels one in flight).
    Q_INVOKABLE void refresh();
    /// Row `row` as {column: value} (null as undefined); {} out of range.
    Q_INVOKABLE QVariantMap row(int row) const;
    /// Every row as a list of {column: value}, for charts.
    Q_INVOKABLE QVariantList rows() const;
    /// The first row whose `column` equals `value`, or -1.
    Q_INVOKABLE int find(const QString& column, const QVariant& value) const;

  signals:
    void filtersChanged();
    /// A report arrived (from the server or the replica) or was refused.
    void loaded();
    void loadingChanged();

  private:
    void onReply(QNetworkReply* reply);
    void runOffline();
    void setTable(fieldbook::reports::Table table, bool offline);
    void setError(const QString& code, const QString& message);
    std::map<std::string, std::string> filterParams() const;

    QString report_;
    QString from_;
    QString to_;
    QString manager_;
    QString team_;
    QString segment_;
    QString product_;
    int timeoutMs_ = 10'000;

    fieldbook::reports::Table table_;
    bool offline_ = false;
    QString errorCode_;
    QString errorText_;
    QNetworkAccessManager* network_ = nullptr;
    QPointer<QNetworkReply> reply_;
};
