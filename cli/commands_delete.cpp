// SPDX-License-Identifier: MIT
// delete: removes a record on this device and queues its delete for the
// server, which applies the edit-versus-delete rules of SPEC §4
// (docs/cli.md "delete", docs/conflicts.md "Edit versus delete").
#include "cli_context.h"

#include "domain/entities.h"

namespace fieldbook::cli {

int cmdDelete(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string entity, id;
    o.add_options()("entity", po::value(&entity)->required(), "")("id", po::value(&id)->required(),
                                                                  "");
    po::positional_options_description p;
    p.add("entity", 1).add("id", 1);
    parse(args, o, p);
    if (!domain::findEntity(entity)) {
        std::string names;
        for (const auto& e : domain::entities()) {
            names += (names.empty() ? "" : ", ") + std::string(e.name);
        }
        throw device::DomainError("unknown_entity",
                                  "no record kind \"" + entity + "\" (one of: " + names + ")");
    }
    ctx.replica().deleteRecord(entity, id);
    ctx.printSaved(("delete of " + entity).c_str(), id);
    return 0;
}

} // namespace fieldbook::cli
