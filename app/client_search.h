// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace fieldbook::app {

/// One row of the client list as shown: industry and region as their
/// labels in the UI's language (ReferenceLabels).
struct ClientRow {
    QString id;
    QString name;
    QString industry;
    QString region;
    QString status;
    QString curatorName;
    int openDeals = 0;
    /// Its place in the read of every client it came from (ClientAnswer::all):
    /// rows of one read compare by it.
    int rank = 0;
    bool operator==(const ClientRow&) const = default;
};

/// One answer of ClientSearch: the matching rows, in list order (by name,
/// case folded), as pointers into `all`, the read of every client they come
/// from (immutable once shared; it keeps them alive). Answers from the same
/// read share `all`; a refresh makes a new one.
struct ClientAnswer {
    std::shared_ptr<const std::vector<ClientRow>> all; ///< null when nothing was read
    std::vector<const ClientRow*> rows;
};

/// Answers the client list's searches on a thread of its own, with its own
/// connection to the replica (SQLite WAL: the GUI thread's and the sync
/// thread's connections go on meanwhile), so that a keystroke never waits
/// for a read on the GUI thread (issue 6 figure 4, docs/performance.md).
/// The list's rows are read once (device::clientListRows) and again only
/// after request(..., refresh = true); each search then reads just the ids
/// that match (device::matchingClientIds: what matches is
/// device::clientSearchCondition()). Only the newest request is answered:
/// an older one still queued is skipped, a running one stops early.
/// Lives on the GUI thread; its answers arrive there.
class ClientSearch : public QObject {
    Q_OBJECT

  public:
    /// `replicaPath` is opened on the search thread at the first request.
    explicit ClientSearch(QString replicaPath, QObject* parent = nullptr);
    /// Stops the search thread, after the read in progress stops.
    ~ClientSearch() override;

    /// Asks for the clients matching `search` (trimmed); with `refresh` the
    /// list's rows are read again first (the replica changed). Returns the
    /// request's number; answered() follows unless a newer request comes first.
    quint64 request(const QString& search, bool refresh);
    /// Drops every request made so far: none of them is answered.
    void cancel();
    /// True from a request until its answer (or cancel()).
    bool pending() const { return answered_ != latest_.load(); }

  signals:
    /// The answer to the newest request. `ok` is false when the replica could
    /// not be read (then the answer is empty and the reason is in the log).
    void answered(quint64 request, const fieldbook::app::ClientAnswer& answer, bool ok);

  private:
    struct State;
    void run(quint64 request, const QString& search);
    void answer(quint64 request, ClientAnswer answer, bool ok);

    QThread thread_;
    QObject* context_;               ///< lives on thread_: its queued calls run there
    std::unique_ptr<State> state_;   ///< touched on thread_ only
    std::atomic<quint64> latest_{0}; ///< the newest request's number
    std::atomic<bool> refresh_{true};
    quint64 answered_ = 0; ///< GUI thread
};

} // namespace fieldbook::app
