// SPDX-License-Identifier: MIT
// merge-clients: the head merges a duplicate card into the surviving one
// (docs/cli.md "Clients", docs/conflicts.md "Merging duplicates").
#include "cli_context.h"

namespace fieldbook::cli {

int cmdMergeClients(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string survivor, merged;
    o.add_options()("survivor", po::value(&survivor)->required(),
                    "")("merged", po::value(&merged)->required(), "");
    po::positional_options_description p;
    p.add("survivor", 1).add("merged", 1);
    parse(args, o, p);
    ctx.replica().mergeClients(survivor, merged);
    ctx.printSaved("merge of client", merged);
    return 0;
}

} // namespace fieldbook::cli
