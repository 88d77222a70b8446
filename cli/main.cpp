// SPDX-License-Identifier: MIT
#include "cli_commands.h"

#include <sodium.h>

#include <iostream>

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        std::cerr << "fieldbook-cli: error: libsodium failed to initialise\n";
        return 1;
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    return fieldbook::cli::runCli(args, std::cin, std::cout, std::cerr);
}
