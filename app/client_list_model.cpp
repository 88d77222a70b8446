// SPDX-License-Identifier: MIT
#include "client_list_model.h"

#include "app_session.h"
#include "json_qt.h"
#include "labels.h"
#include "reference_labels.h"

#include "device/replica.h"

#include <QHash>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;

ClientListModel::ClientListModel(QObject* parent) : SessionListModel(parent) {}

QVariant ClientListModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case ClientIdRole:
        return r.id;
    case IndustryRole:
        return r.industry;
    case RegionRole:
        return r.region;
    case StatusRole:
        return r.status;
    case StatusLabelRole:
        return clientStatusLabel(r.status);
    case CuratorNameRole:
        return r.curatorName;
    case OpenDealsRole:
        return r.openDeals;
    default:
        return {};
    }
}

QHash<int, QByteArray> ClientListModel::roleNames() const {
    return {
        {ClientIdRole, "clientId"},       {NameRole, "name"},
        {IndustryRole, "industry"},       {RegionRole, "region"},
        {StatusRole, "status"},           {StatusLabelRole, "statusLabel"},
        {CuratorNameRole, "curatorName"}, {OpenDealsRole, "openDeals"},
    };
}

void ClientListModel::setSearch(const QString& search) {
    if (search == search_) {
        return;
    }
    search_ = search;
    emit searchChanged();
    reload();
}

QString ClientListModel::clientIdAt(int row) const {
    if (row < 0 || row >= count()) {
        return {};
    }
    return rows_[static_cast<std::size_t>(row)].id;
}

void ClientListModel::reload() {
    std::vector<Row> next;
    if (auto* replica = session_ ? session_->replica() : nullptr) {
        try {
            // Segments are reference-list codes: show the lists' labels.
            ReferenceLabels references(replica);
            auto label = [&](const char* list, const QString& code) {
                return references(QLatin1String(list), code);
            };
            const auto rows = replica->clients(search_.trimmed().toStdString());
            next.reserve(rows.size());
            for (const auto& c : rows) {
                next.push_back({jsonText(c, "id"), jsonText(c, "name"),
                                label("industry", jsonText(c, "industry")),
                                label("region", jsonText(c, "region")), jsonText(c, "status"),
                                jsonText(c, "curator_name"),
                                static_cast<int>(jsonInt(c, "open_deals"))});
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read the clients" << e.what();
        }
    }
    resetRows(rows_, std::move(next));
}
