// SPDX-License-Identifier: MIT
#include "store/mutation_savepoint.h"

namespace fieldbook::server {

MutationSavepoint::MutationSavepoint(ServerDb& db) : db_(db) {
    db_.statement("SAVEPOINT mutation")->run();
}

MutationSavepoint::~MutationSavepoint() {
    if (done_) {
        return;
    }
    try {
        db_.statement("ROLLBACK TO mutation")->run();
        db_.statement("RELEASE mutation")->run();
    } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
}

void MutationSavepoint::release() {
    db_.statement("RELEASE mutation")->run();
    done_ = true;
}

} // namespace fieldbook::server
