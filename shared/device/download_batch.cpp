// SPDX-License-Identifier: MIT
// Several pull pages of a first or fresh download in one transaction (issue 6).
#include "device/download_batch.h"

#include "device/replica.h"

#include <algorithm>

namespace fieldbook::device {

DownloadBatch::DownloadBatch(Replica& replica, int pagesPerCommit)
    : db_(replica.db()), pagesPerCommit_(std::max(1, pagesPerCommit)) {}

DownloadBatch::~DownloadBatch() {
    try {
        commit();
    } catch (const std::exception&) {
        // tx_ rolls back: those pages are pulled again by the next sync.
    }
}

void DownloadBatch::pageStarting() {
    if (!tx_) {
        tx_.emplace(db_);
    }
}

void DownloadBatch::pageApplied(bool last) {
    if (++pages_ >= pagesPerCommit_ || last) {
        commit();
    }
}

void DownloadBatch::commit() {
    pages_ = 0;
    if (tx_) {
        try {
            tx_->commit();
        } catch (...) {
            tx_.reset(); // rolls back
            throw;
        }
        tx_.reset();
    }
}

} // namespace fieldbook::device
