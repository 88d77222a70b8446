// SPDX-License-Identifier: MIT
#include "client_search.h"

#include "reference_labels.h"

#include "device/client_list.h"
#include "device/replica.h"

#include <QLoggingCategory>

#include <unordered_map>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace fieldbook::app {

struct ClientSearch::State {
    QString path;
    std::unique_ptr<device::Replica> replica;
    std::shared_ptr<const std::vector<ClientRow>> all; ///< every live client, in list order
    std::unordered_map<std::string, std::size_t> rowOfId;
};

ClientSearch::ClientSearch(QString replicaPath, QObject* parent)
    : QObject(parent), context_(new QObject), state_(std::make_unique<State>()) {
    state_->path = std::move(replicaPath);
    context_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
    thread_.setObjectName(u"fieldbook-client-search"_qs);
    thread_.start();
}

ClientSearch::~ClientSearch() {
    cancel(); // a running read stops at its next check
    thread_.quit();
    thread_.wait();
    // The thread has ended: its replica connection may close here.
}

quint64 ClientSearch::request(const QString& search, bool refresh) {
    if (refresh) {
        refresh_ = true;
    }
    const quint64 id = ++latest_;
    QMetaObject::invokeMethod(
        context_, [this, id, text = search.trimmed()] { run(id, text); }, Qt::QueuedConnection);
    return id;
}

void ClientSearch::cancel() {
    answered_ = ++latest_;
}

void ClientSearch::run(quint64 request, const QString& search) {
    auto current = [this, request] { return latest_.load() == request; };
    if (!current()) {
        return; // a newer request is queued behind this one
    }
    auto& s = *state_;
    try {
        if (!s.replica) {
            s.replica = std::make_unique<device::Replica>(s.path.toStdString());
            // The clients table of 10,000 clients is about 2.7 MB: with
            // SQLite's default 2 MB cache every keystroke's scan read it
            // again from the OS (a third of this thread's time in perf).
            s.replica->db().exec("PRAGMA cache_size = -8192"); // KiB
        }
        if (refresh_.exchange(false)) {
            try {
                ReferenceLabels labels(s.replica.get());
                const auto read = device::clientListRows(s.replica->db());
                auto all = std::make_shared<std::vector<ClientRow>>();
                all->reserve(read.size());
                s.rowOfId.clear();
                for (const auto& r : read) {
                    const auto rank = static_cast<int>(all->size());
                    s.rowOfId.emplace(r.id, all->size());
                    all->push_back({QString::fromStdString(r.id), QString::fromStdString(r.name),
                                    labels(u"industry"_qs, QString::fromStdString(r.industry)),
                                    labels(u"region"_qs, QString::fromStdString(r.region)),
                                    QString::fromStdString(r.status),
                                    QString::fromStdString(r.curatorName),
                                    static_cast<int>(r.openDeals), rank});
                }
                s.all = std::move(all);
            } catch (...) {
                s.all.reset();
                s.rowOfId.clear();
                refresh_ = true; // read them again next time
                throw;
            }
        }
        ClientAnswer found{s.all, {}};
        if (!s.all) {
            answer(request, std::move(found), true);
            return;
        }
        const auto& all = *s.all;
        if (search.isEmpty()) { // every live client matches
            found.rows.reserve(all.size());
            for (const auto& row : all) {
                found.rows.push_back(&row);
            }
            answer(request, std::move(found), true);
            return;
        }
        const auto ids = device::matchingClientIds(s.replica->db(), search.toStdString(), current);
        if (!current()) {
            return;
        }
        std::vector<char> hit(all.size(), 0);
        std::size_t hits = 0;
        for (const auto& id : ids) {
            // A client added since the rows were read is not in them: the
            // replica changed, and the refreshing request is on its way.
            if (auto it = s.rowOfId.find(id); it != s.rowOfId.end()) {
                hit[it->second] = 1;
                ++hits;
            }
        }
        found.rows.reserve(hits);
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (hit[i]) {
                found.rows.push_back(&all[i]);
            }
        }
        answer(request, std::move(found), true);
    } catch (const std::exception& e) {
        qCWarning(lcApp) << "cannot read the clients" << e.what();
        answer(request, {}, false);
    }
}

void ClientSearch::answer(quint64 request, ClientAnswer found, bool ok) {
    // Runs on the search thread; `this` outlives it (the destructor waits).
    QMetaObject::invokeMethod(
        this,
        [this, request, found = std::move(found), ok] {
            if (request != latest_.load()) {
                return; // a newer request was made meanwhile
            }
            answered_ = request;
            emit answered(request, found, ok);
        },
        Qt::QueuedConnection);
}

} // namespace fieldbook::app
