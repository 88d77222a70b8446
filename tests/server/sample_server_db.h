// SPDX-License-Identifier: MIT
// A server database in a temporary folder, filled by import-sample from
// tests/data/crm-sample (password "demo") with an epoch started, for tests
// that call the server's store functions directly (tst_pull_json,
// tst_users_with_changes).
#pragma once

#include "import/sample_importer.h"
#include "store/epochs.h"
#include "store/server_db.h"
#include "test_server.h"

#include <QTemporaryDir>

#include <memory>

namespace fieldbook::test {

/// The folder and the database in it; the folder goes with the object.
struct SampleServerDb {
    QTemporaryDir dir;
    std::unique_ptr<server::ServerDb> db;
};

/// Imports the sample into a new database (a few seconds). Throws what
/// ServerDb and importSample throw.
inline std::unique_ptr<SampleServerDb> sampleServerDb() {
    auto s = std::make_unique<SampleServerDb>();
    s->db = std::make_unique<server::ServerDb>(
        s->dir.filePath(QStringLiteral("server.db")).toStdString());
    {
        auto lock = s->db->lock();
        server::importSample(*s->db, sampleDir().toStdString(), "demo");
    }
    server::startEpoch(*s->db);
    return s;
}

} // namespace fieldbook::test
