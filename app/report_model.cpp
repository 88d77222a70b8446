// SPDX-License-Identifier: MIT
#include "report_model.h"

#include "app_session.h"

#include "device/replica.h"
#include "domain/clock.h"
#include "reports/reports.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using nlohmann::json;
namespace reports = fieldbook::reports;

namespace {
QVariant toVariant(const json& v) {
    if (v.is_string()) {
        return QString::fromStdString(v.get<std::string>());
    }
    if (v.is_number_integer()) {
        return QVariant::fromValue(v.get<qint64>());
    }
    if (v.is_number()) {
        return v.get<double>();
    }
    if (v.is_boolean()) {
        return v.get<bool>();
    }
    return {};
}
} // namespace

ReportModel::ReportModel(QObject* parent)
    : QAbstractListModel(parent), network_(new QNetworkAccessManager(this)) {}

ReportModel::~ReportModel() {
    if (reply_) {
        reply_->abort();
    }
}

int ReportModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant ReportModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto column = role - (Qt::UserRole + 1);
    const auto& r = table_.rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        return r.empty() ? QVariant() : toVariant(r.front());
    }
    if (column < 0 || column >= static_cast<int>(r.size())) {
        return {};
    }
    return toVariant(r[static_cast<std::size_t>(column)]);
}

QHash<int, QByteArray> ReportModel::roleNames() const {
    QHash<int, QByteArray> names;
    for (std::size_t i = 0; i < table_.columns.size(); ++i) {
        names.insert(Qt::UserRole + 1 + static_cast<int>(i),
                     QByteArray::fromStdString(table_.columns[i].name));
    }
    return names;
}

void ReportModel::setReport(const QString& name) {
    if (name != report_) {
        report_ = name;
        emit filtersChanged();
    }
}

QStringList ReportModel::columns() const {
    QStringList out;
    for (const auto& c : table_.columns) {
        out << QString::fromStdString(c.name);
    }
    return out;
}

QString ReportModel::offlineText() const {
    return offline_ ? tr("offline: figures cover only what this device holds") : QString();
}

std::map<std::string, std::string> ReportModel::filterParams() const {
    std::map<std::string, std::string> params;
    for (auto [key, value] : {std::pair{"from", &from_},
                              {"to", &to_},
                              {"manager", &manager_},
                              {"team", &team_},
                              {"segment", &segment_},
                              {"product", &product_}}) {
        if (!value->trimmed().isEmpty()) {
            params[key] = value->trimmed().toStdString();
        }
    }
    return params;
}

void ReportModel::refresh() {
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
        reply_ = nullptr;
    }
    auto* session = AppSession::instance();
    if (report_.isEmpty() || !session || !session->replica()) {
        setError(u"not_logged_in"_qs, tr("Sign in to see the figures"));
        return;
    }
    std::string token;
    try {
        if (auto s = session->replica()->session()) {
            token = s->token;
        }
    } catch (const std::exception& e) {
        qCWarning(lcApp) << "cannot read the session" << e.what();
    }
    if (token.empty() || session->serverUrl().isEmpty()) {
        runOffline();
        return;
    }
    QUrl url(session->serverUrl());
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/api/v1/reports/"_qs +
                report_);
    QUrlQuery query;
    for (const auto& [key, value] : filterParams()) {
        query.addQueryItem(QString::fromStdString(key), QString::fromStdString(value));
    }
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(token));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(timeoutMs_);
    reply_ = network_->get(request);
    connect(reply_, &QNetworkReply::finished, this,
            [this, reply = reply_.data()] { onReply(reply); });
    emit loadingChanged();
}

void ReportModel::onReply(QNetworkReply* reply) {
    reply->deleteLater();
    if (reply != reply_) {
        return;
    }
    reply_ = nullptr;
    emit loadingChanged();
    const auto status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        // No HTTP answer at all: the server is out of reach.
        qCInfo(lcApp) << "report" << report_ << "offline:" << reply->errorString();
        runOffline();
        return;
    }
    const auto body = json::parse(reply->readAll().toStdString(), nullptr, false);
    if (status.toInt() != 200) {
        QString code = u"server_error"_qs;
        QString message = tr("The server answered %1").arg(status.toInt());
        if (body.is_object() && body.contains("error") && body["error"].is_object()) {
            code = QString::fromStdString(body["error"].value("code", code.toStdString()));
            message = QString::fromStdString(body["error"].value("message", message.toStdString()));
        }
        setError(code, message);
        return;
    }
    auto table = reports::Table::fromJson(body);
    if (!table) {
        setError(u"bad_answer"_qs, tr("The server's answer is not a report"));
        return;
    }
    setTable(std::move(*table), false);
}

void ReportModel::runOffline() {
    auto* session = AppSession::instance();
    auto* replica = session ? session->replica() : nullptr;
    if (!replica) {
        setError(u"no_replica"_qs, tr("This device's data cannot be opened"));
        return;
    }
    if (replica->status().lastSyncAtMs == 0) {
        // An empty replica would answer zeros that look like figures (the
        // CLI's report --offline refuses the same way: not_synced).
        setError(u"not_synced"_qs,
                 tr("This device has not synced yet: connect to the server once, then the "
                    "figures can be read offline too"));
        return;
    }
    try {
        auto& db = replica->db();
        auto filters = reports::parseFilters(db, filterParams());
        auto s = replica->session();
        if (s && reports::reportAccess(s->role) != reports::ReportAccess::All) {
            if (!filters.managerId.empty() && filters.managerId != s->userId) {
                setError(u"forbidden"_qs, tr("You can read only your own figures"));
                return;
            }
            filters.managerId = s->userId;
        }
        setTable(reports::runReport(db, report_.toStdString(), filters, fieldbook::domain::nowMs()),
                 true);
    } catch (const reports::ReportError& e) {
        setError(QString::fromStdString(e.code()), QString::fromUtf8(e.what()));
    } catch (const std::exception& e) {
        qCWarning(lcApp) << "offline report" << report_ << "failed:" << e.what();
        setError(u"storage_error"_qs, tr("The figures cannot be read from this device"));
    }
}

void ReportModel::setTable(reports::Table table, bool offline) {
    beginResetModel();
    table_ = std::move(table);
    offline_ = offline;
    errorCode_.clear();
    errorText_.clear();
    endResetModel();
    emit loaded();
}

void ReportModel::setError(const QString& code, const QString& message) {
    beginResetModel();
    table_.rows.clear();
    offline_ = false;
    errorCode_ = code;
    errorText_ = message;
    endResetModel();
    emit loaded();
}

QVariantMap ReportModel::row(int row) const {
    QVariantMap out;
    if (row < 0 || row >= count()) {
        return out;
    }
    const auto& r = table_.rows[static_cast<std::size_t>(row)];
    for (std::size_t i = 0; i < table_.columns.size() && i < r.size(); ++i) {
        out.insert(QString::fromStdString(table_.columns[i].name), toVariant(r[i]));
    }
    return out;
}

QVariantList ReportModel::rows() const {
    QVariantList out;
    for (int i = 0; i < count(); ++i) {
        out << row(i);
    }
    return out;
}

int ReportModel::find(const QString& column, const QVariant& value) const {
    const int c = table_.column(column.toStdString());
    if (c < 0) {
        return -1;
    }
    for (int i = 0; i < count(); ++i) {
        if (toVariant(table_.rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(c)]) ==
            value) {
            return i;
        }
    }
    return -1;
}
