// SPDX-License-Identifier: MIT
#pragma once

#include "device/replica.h"
#include "device/sync_scheduler.h"

#include <cstdint>
#include <exception>
#include <string>

namespace fieldbook::device {

/// How the device's syncs have been going, kept in the replica (meta
/// "sync_health") so that `fieldbook-cli status` and the app show what a
/// background sync met (issue 4: a persistent failure is surfaced with its
/// reason). The last error's text is SyncStatus::lastError.
struct SyncHealth {
    int consecutiveFailures = 0; ///< failed attempts since the last success
    std::string code;            ///< stable code of the last failure, e.g. "update_required"
    std::string kind; ///< "network", "server", "protocol", "storage", "auth", "update_required"
    std::int64_t failingSinceMs = 0; ///< first failure of the run, ms UTC; 0 when healthy

    /// Worth telling the user: 3 failures in a row, or one that retrying
    /// cannot fix (auth, update_required).
    bool persistent() const;
    /// Automatic syncs stopped (auth, update_required) until the user acts.
    bool stopped() const;
};

/// Reads the sync health of the replica (healthy when never recorded).
SyncHealth syncHealth(Replica& replica);

/// Records one attempt: a success clears the health, a failure counts up and
/// keeps `code` and `kind`. Times in ms UTC.
void recordSyncHealth(Replica& replica, std::int64_t atMs, bool ok, const std::string& code = {},
                      const std::string& kind = {});

/// What a failed sync threw, classified: the scheduler's kind, the stable
/// code ("network" for NetworkError, "storage" for store::StoreError) and
/// the message. `e` is SyncError, NetworkError, store::StoreError or
/// another std::exception.
struct ClassifiedFailure {
    SyncFailure kind = SyncFailure::Protocol;
    std::string kindName;
    std::string code;
    std::string message;
};
ClassifiedFailure classifyFailure(std::exception_ptr e);

/// The message for the user when automatic syncs stopped for `kind`
/// ("update_required": update the app; "auth": log in again, or, when `code`
/// is "user_inactive", ask an administrator: logging in cannot help a
/// deactivated account); empty otherwise.
std::string stoppedAdvice(const std::string& kind, const std::string& code = {});

} // namespace fieldbook::device
