// SPDX-License-Identifier: MIT
// Issue 4, proof 1: the randomized convergence harness shared by
// tst_convergence (a fixed small set of seeds in CI) and the `soak` program
// (thousands of seeds). A real fieldbook-server process and several devices
// (the real Replica + SyncEngine in this process, each with its own SQLite
// file, over loopback HTTP) make seeded random CRM edits through the
// replica's workflow API, sync in random order with offline periods, then
// sync until quiescent. docs/testing.md describes the checks.
#pragma once

#include "device/sync_engine.h"
#include "test_server.h"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace fieldbook::test {

/// A value a device pushed and the server answered `applied` (first answer
/// of its mutation id, in the order the server applied them).
struct AckedWrite {
    std::string entity;
    std::string recordId;
    std::string field;
    nlohmann::json value;
    std::string device; ///< the device's name in the trace
    std::string mutationId;
};

/// A Transport that forwards to another one and keeps, from every push it
/// carries, the fields of each mutation answered `applied` for the first time.
class RecordingTransport : public device::Transport {
  public:
    RecordingTransport(device::Transport& inner, std::string deviceName,
                       std::vector<AckedWrite>& acked, std::set<std::string>& seenMutations)
        : inner_(inner), name_(std::move(deviceName)), acked_(acked), seen_(seenMutations) {}
    device::HttpResponse request(std::string_view method, std::string_view target,
                                 std::string_view body, std::string_view bearer) override;
    /// "entity record_id code" of each mutation refused since the last call; clears them.
    std::vector<std::string> takeRejections();

  private:
    device::Transport& inner_;
    std::string name_;
    std::vector<AckedWrite>& acked_;
    std::set<std::string>& seen_;
    std::vector<std::string> rejections_;
};

/// Every live record a replica holds, or the server sends a user in a pull
/// from cursor 0: "entity/id" -> {"version", fields...}. Two states are equal
/// when their dumps are.
using CanonicalDump = std::map<std::string, nlohmann::json>;

/// The live records of a replica, or of the server's file (their tables share
/// names and columns), for every table of the entity registry.
CanonicalDump dumpReplica(const std::string& replicaPath);
/// What the server sends `token`'s user from cursor 0 (tombstones and
/// removals left out), over `transport`. Throws device::SyncError /
/// device::NetworkError.
CanonicalDump dumpServerScope(device::Transport& transport, const std::string& token);
/// Up to `limit` lines naming the records where the two dumps differ; empty
/// when equal.
std::vector<std::string> dumpDifferences(const CanonicalDump& replica, const CanonicalDump& server,
                                         std::size_t limit = 12);
/// "ok", or SQLite's first complaint, from PRAGMA integrity_check on `path`.
std::string integrityCheck(const std::string& path);
/// The acknowledged writes that are neither the stored value on the server
/// (database `serverDb`) nor a loser in its conflict log with a rule name,
/// and were not overwritten by a later acknowledged write of the same field;
/// one line each. Empty: no acknowledged edit was lost.
std::vector<std::string> lostWrites(const std::string& serverDb,
                                    const std::vector<AckedWrite>& acked);

/// Knobs of one run; the defaults are the CI size.
struct ConvergenceOptions {
    int steps = 90;         ///< random operations before the final sync
    int maxFinalRounds = 8; ///< sync rounds of every device before giving up on quiescence
    bool echoTrace = false; ///< print each step as it runs (FIELDBOOK_TRACE=1)
};

/// What one seed did.
struct ConvergenceResult {
    bool ok = false;
    std::string failure;            ///< what went wrong (empty when ok)
    std::vector<std::string> trace; ///< one line per operation: the replayable op list
    int applied = 0;                ///< mutations the server applied
    int rejected = 0;               ///< mutations it refused
    int refusedLocally = 0;         ///< edits the device's own checks refused
    int conflicts = 0;              ///< conflict-log records on the server after the run
};

/// The world every seed starts from: the sample data on a server database
/// plus tina.tele (telemarketing), and four devices logged in and synced
/// (darcel.schlecht and gladys.colclough, managers under melvin.marxen, the
/// head; tina.tele). Prepared once per process and copied for each seed, so
/// seeds are independent and cheap.
class ConvergenceWorld {
  public:
    /// Imports the sample, starts a server, logs the devices in and syncs
    /// them, stops the server. Returns an empty string or what failed.
    std::string prepare();
    /// Runs one seed on a fresh copy of the prepared world.
    ConvergenceResult run(std::uint64_t seed, const ConvergenceOptions& options);

    struct DeviceSeed {
        std::string name; ///< login
        std::string role;
        std::string userId;
    };

  private:
    QTemporaryDir dir_;
    std::vector<DeviceSeed> devices_;
    std::vector<std::string> sampleClients_; ///< sample clients of the two managers, by id
    std::vector<std::string> sampleDeals_;   ///< their open deals, by id
};

/// The one-line command that replays `seed` with the test binary.
std::string reproCommand(std::uint64_t seed);

} // namespace fieldbook::test
