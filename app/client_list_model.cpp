// SPDX-License-Identifier: MIT
#include "client_list_model.h"

#include "app_session.h"
#include "labels.h"

#include <QHash>

using namespace fieldbook::app;

ClientListModel::ClientListModel(QObject* parent) : SessionListModel(parent) {}

ClientListModel::~ClientListModel() = default;

QVariant ClientListModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = *rows_[static_cast<std::size_t>(index.row())];
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
    if (searcher_ && session_ && session_->replica()) {
        ask(false);
    }
}

QString ClientListModel::clientIdAt(int row) const {
    if (row < 0 || row >= count()) {
        return {};
    }
    return rows_[static_cast<std::size_t>(row)]->id;
}

void ClientListModel::reload() {
    if (!session_ || !session_->replica()) {
        if (searcher_) {
            searcher_->cancel();
        }
        onAnswered({});
        return;
    }
    if (!searcher_ || searcherPath_ != session_->replicaPath()) {
        searcherPath_ = session_->replicaPath();
        searcher_ = std::make_unique<ClientSearch>(searcherPath_);
        connect(searcher_.get(), &ClientSearch::answered, this,
                [this](quint64, const ClientAnswer& answer, bool) { onAnswered(answer); });
    }
    ask(true);
}

void ClientListModel::ask(bool refresh) {
    searcher_->request(search_, refresh);
    setSearching(true);
}

void ClientListModel::onAnswered(const ClientAnswer& answer) {
    const int before = count();
    if (changeInPlace(answer)) {
        all_ = answer.all; // rows_ point into it now
    } else {
        beginResetModel();
        rows_ = answer.rows;
        all_ = answer.all;
        endResetModel();
    }
    if (count() != before) {
        emit countChanged();
    }
    setSearching(searcher_ && searcher_->pending());
    emit answered();
}

bool ClientListModel::changeInPlace(const ClientAnswer& answer) {
    // Until this returns rows_ may point into both all_ and answer.all: both live.
    const auto& next = answer.rows;
    // Where each row of rows_ goes in `next` (-1: removed). Rows of one read
    // carry increasing ranks: a merge finds them. Across reads (the replica
    // changed) the ids tell, and the kept rows must keep their order.
    const auto n = rows_.size();
    std::vector<int> to(n, -1);
    if (n == 0 || next.empty()) {
        // one run inserted or removed (or nothing)
    } else if (answer.all == all_) {
        std::size_t j = 0;
        for (std::size_t i = 0; i < n; ++i) {
            while (j < next.size() && next[j]->rank < rows_[i]->rank) {
                ++j;
            }
            if (j < next.size() && next[j] == rows_[i]) {
                to[i] = static_cast<int>(j++);
            }
        }
    } else {
        QHash<QString, int> inNext;
        inNext.reserve(static_cast<qsizetype>(next.size()));
        for (std::size_t j = 0; j < next.size(); ++j) {
            inNext.insert(next[j]->id, static_cast<int>(j));
        }
        int last = -1;
        for (std::size_t i = 0; i < n; ++i) {
            if (auto it = inNext.constFind(rows_[i]->id); it != inNext.constEnd()) {
                if (*it <= last) {
                    return false; // a renamed client moved: reset
                }
                to[i] = last = *it;
            }
        }
    }

    // Count the runs first: past kMaxChangeRuns a reset is cheaper.
    int runs = 0;
    {
        std::size_t i = 0, j = 0;
        while (i < n || j < next.size()) {
            if (i < n && to[i] < 0) {
                while (i < n && to[i] < 0) {
                    ++i;
                }
                ++runs;
            } else if (j < next.size() && (i == n || to[i] > static_cast<int>(j))) {
                while (j < next.size() && (i == n || to[i] > static_cast<int>(j))) {
                    ++j;
                }
                ++runs;
            } else {
                ++i;
                ++j;
            }
            if (runs > kMaxChangeRuns) {
                return false;
            }
        }
    }

    // Apply: `k` walks the model's rows as they change. Kept rows whose text
    // changed are told in ranges (a new language changes every label).
    std::size_t i = 0, j = 0;
    int k = 0;
    int changedFrom = -1;
    auto flushChanged = [&] {
        if (changedFrom >= 0) {
            emit dataChanged(index(changedFrom), index(k - 1));
            changedFrom = -1;
        }
    };
    while (i < n || j < next.size()) {
        if (i < n && to[i] < 0) {
            flushChanged();
            const auto start = i;
            while (i < n && to[i] < 0) {
                ++i;
            }
            const int length = static_cast<int>(i - start);
            beginRemoveRows({}, k, k + length - 1);
            rows_.erase(rows_.begin() + k, rows_.begin() + k + length);
            endRemoveRows();
        } else if (j < next.size() && (i == n || to[i] > static_cast<int>(j))) {
            flushChanged();
            const auto start = j;
            while (j < next.size() && (i == n || to[i] > static_cast<int>(j))) {
                ++j;
            }
            const int length = static_cast<int>(j - start);
            beginInsertRows({}, k, k + length - 1);
            rows_.insert(rows_.begin() + k, next.begin() + static_cast<std::ptrdiff_t>(start),
                         next.begin() + static_cast<std::ptrdiff_t>(j));
            endInsertRows();
            k += length;
        } else {
            auto& row = rows_[static_cast<std::size_t>(k)];
            const auto* fresh = next[j];
            const bool shownChanged =
                row != fresh &&
                (row->name != fresh->name || row->industry != fresh->industry ||
                 row->region != fresh->region || row->status != fresh->status ||
                 row->curatorName != fresh->curatorName || row->openDeals != fresh->openDeals);
            row = fresh; // the same client in the new read
            if (!shownChanged) {
                flushChanged();
            } else if (changedFrom < 0) {
                changedFrom = k;
            }
            ++i;
            ++j;
            ++k;
        }
    }
    flushChanged();
    return true;
}

void ClientListModel::setSearching(bool searching) {
    if (searching != searching_) {
        searching_ = searching;
        emit searchingChanged();
    }
}
