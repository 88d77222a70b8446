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
    std::vector<ClientRow> rows; ///< every live client, in list order
    std::unordered_map<std::string, std::size_t> rowOfId;
    quint64 reads = 0; ///< how many times `rows` were read
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
                auto rows = device::clientListRows(s.replica->db());
                s.rows.clear();
                s.rowOfId.clear();
                s.rows.reserve(rows.size());
                ++s.reads;
                for (auto& r : rows) {
                    s.rowOfId.emplace(r.id, s.rows.size());
                    s.rows.push_back(
                        {QString::fromStdString(r.id), QString::fromStdString(r.name),
                         labels(u"industry"_qs, QString::fromStdString(r.industry)),
                         labels(u"region"_qs, QString::fromStdString(r.region)),
                         QString::fromStdString(r.status), QString::fromStdString(r.curatorName),
                         static_cast<int>(r.openDeals), static_cast<int>(s.rows.size())});
                }
            } catch (...) {
                refresh_ = true; // read them again next time
                throw;
            }
        }
        if (search.isEmpty()) { // every live client matches
            answer(request, s.rows, s.reads, true);
            return;
        }
        const auto ids = device::matchingClientIds(s.replica->db(), search.toStdString(), current);
        if (!current()) {
            return;
        }
        std::vector<char> hit(s.rows.size(), 0);
        std::size_t hits = 0;
        for (const auto& id : ids) {
            // A client added since the rows were read is not in them: the
            // replica changed, and the refreshing request is on its way.
            if (auto it = s.rowOfId.find(id); it != s.rowOfId.end()) {
                hit[it->second] = 1;
                ++hits;
            }
        }
        std::vector<ClientRow> rows;
        rows.reserve(hits);
        for (std::size_t i = 0; i < s.rows.size(); ++i) {
            if (hit[i]) {
                rows.push_back(s.rows[i]);
            }
        }
        answer(request, std::move(rows), s.reads, true);
    } catch (const std::exception& e) {
        qCWarning(lcApp) << "cannot read the clients" << e.what();
        answer(request, {}, s.reads, false);
    }
}

void ClientSearch::answer(quint64 request, std::vector<ClientRow> rows, quint64 listRead, bool ok) {
    // Runs on the search thread; `this` outlives it (the destructor waits).
    QMetaObject::invokeMethod(
        this,
        [this, request, rows = std::move(rows), listRead, ok] {
            if (request != latest_.load()) {
                return; // a newer request was made meanwhile
            }
            answered_ = request;
            emit answered(request, rows, listRead, ok);
        },
        Qt::QueuedConnection);
}

} // namespace fieldbook::app
