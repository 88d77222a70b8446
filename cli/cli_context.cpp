// SPDX-License-Identifier: MIT
#include "cli_context.h"

#include "device/http_transport.h"
#include "domain/count_text.h"
#include "domain/entities.h"
#include "domain/reference_codes.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>

namespace fieldbook::cli {

using nlohmann::json;

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// The id of the row of `rows` whose id is `key` or whose `nameField` is
/// `key` (ASCII case-insensitive); empty when none.
std::string findByIdOrName(const json& rows, const std::string& key, const char* nameField) {
    for (const auto& r : rows) {
        if (r["id"] == key) {
            return key;
        }
    }
    for (const auto& r : rows) {
        if (r[nameField].is_string() && lower(r[nameField].get<std::string>()) == lower(key)) {
            return r["id"].get<std::string>();
        }
    }
    return {};
}

/// True for the text form of a UUID (8-4-4-4-12 hex digits): a login never is one.
bool looksLikeUuid(const std::string& s) {
    if (s.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}
} // namespace

Context::Context(std::string profile, bool asJson, std::istream& in, std::ostream& out,
                 std::ostream& err, const TransportFactory& factory)
    : profile_(std::move(profile)), json_(asJson), in_(in), out_(out), err_(err),
      factory_(factory) {}

device::Replica& Context::replica() {
    if (!replica_) {
        std::filesystem::create_directories(profile_);
        replica_ = std::make_unique<device::Replica>(profile_ + "/replica.db");
    }
    return *replica_;
}

std::unique_ptr<device::Transport> Context::transport(const std::string& url, int timeoutMs) {
    if (factory_) {
        return factory_(url);
    }
    return std::make_unique<device::HttpTransport>(url, timeoutMs);
}

device::Session Context::session() {
    auto s = replica().session();
    if (!s) {
        throw device::DomainError("not_logged_in",
                                  "log in first: fieldbook-cli login --server URL --user LOGIN");
    }
    return *s;
}

std::string Context::userId(const std::string& login) {
    auto u = replica().userByLogin(login);
    if (u.is_null()) {
        throw device::DomainError("unknown_user",
                                  "no user with login " + login + " on this device (sync first?)");
    }
    return u["id"].get<std::string>();
}

json Context::sets(std::string_view entity, const std::vector<std::string>& sets) {
    auto fields = parseSets(entity, sets);
    const auto* def = domain::findEntity(entity);
    for (auto& [name, value] : fields.items()) {
        if (value.is_string() && domain::referencedEntity(entity, name) == "user" &&
            !looksLikeUuid(value.get<std::string>())) {
            value = userId(value.get<std::string>());
        }
        // A list item by its label as well as its code, as import-clients
        // reads it (one rule: domain::findReferenceCode).
        const auto* f = def ? domain::findField(*def, name) : nullptr;
        if (value.is_string() && f && !f->referenceList.empty()) {
            std::vector<domain::ReferenceCodeLabel> items;
            for (const auto& item : replica().referenceItems(std::string(f->referenceList))) {
                if (item["code"].is_string()) {
                    items.emplace_back(item["code"].get<std::string>(),
                                       item["label"].is_string() ? item["label"].get<std::string>()
                                                                 : std::string());
                }
            }
            if (auto code = domain::findReferenceCode(value.get<std::string>(), items);
                !code.empty()) {
                value = code;
            }
        }
    }
    return fields;
}

std::string Context::productId(const std::string& nameOrId) {
    auto id = findByIdOrName(replica().products(), nameOrId, "name");
    if (id.empty()) {
        throw device::DomainError("unknown_product",
                                  "no product \"" + nameOrId + "\" (see: fieldbook-cli products)");
    }
    return id;
}

std::string Context::templateId(const std::string& nameOrId) {
    auto id = findByIdOrName(replica().documentTemplates(), nameOrId, "name");
    if (id.empty()) {
        throw device::DomainError("unknown_template", "no document template \"" + nameOrId +
                                                          "\" (see: fieldbook-cli templates)");
    }
    return id;
}

void Context::printJson(const json& value) {
    out_ << value.dump() << "\n";
}

void Context::printSaved(const char* what, const std::string& id) {
    auto pending = replica().status().pending;
    if (json_) {
        printJson({{"id", id}, {"pending", pending}});
    } else {
        out_ << "saved " << what << " " << id << " (" << domain::countText(pending, "edit")
             << " waiting to sync)\n";
    }
}

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const po::positional_options_description& pos) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return vm;
}

} // namespace fieldbook::cli
