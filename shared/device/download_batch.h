// SPDX-License-Identifier: MIT
// Several pull pages of a first or fresh download in one transaction
// (issue 6; docs/architecture.md "Devices and sessions", docs/performance.md).
#pragma once

#include "store/database.h"

#include <optional>

namespace fieldbook::device {

class Replica;

/// Holds one write transaction on the replica across `pagesPerCommit` pull
/// pages of a download, so that SQLite writes the b-tree pages those records
/// dirty (and checkpoints the WAL) once per batch rather than once per page.
/// Replica::applyPull() applies each page in a savepoint inside it: a page
/// and its cursor still go in whole or not at all, and a batch cut off by a
/// crash resumes from the last committed page. Use: pageStarting() before
/// each applyPull(), pageApplied() after it. The destructor commits the pages
/// applied so far (each complete with its cursor), also when the download
/// stops on an error; if that commit fails they are rolled back and pulled
/// again by the next sync. Throws store::StoreError from the commits.
class DownloadBatch {
  public:
    DownloadBatch(Replica& replica, int pagesPerCommit);
    ~DownloadBatch();
    DownloadBatch(const DownloadBatch&) = delete;
    DownloadBatch& operator=(const DownloadBatch&) = delete;

    /// Opens the batch's transaction if none is open.
    void pageStarting();
    /// Counts a page applied; commits at `pagesPerCommit` pages or when
    /// `last` (the download's last page: readers see it whole at once).
    void pageApplied(bool last);

  private:
    void commit();

    store::Database& db_;
    int pagesPerCommit_;
    int pages_ = 0;
    std::optional<store::Transaction> tx_;
};

} // namespace fieldbook::device
