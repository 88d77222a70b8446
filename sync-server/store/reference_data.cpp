// SPDX-License-Identifier: MIT
#include "store/reference_data.h"

#include "domain/clock.h"
#include "domain/entities.h"

#include <array>
#include <string_view>

namespace fieldbook::server {

using store::Statement;

namespace {
struct Item {
    std::string_view list;
    std::string_view code;
    std::string_view label;
};

// Defaults an admin edits later (SPEC §1: admin keeps the reference lists).
// Regions and industries come from imports and the admin; none are guessed here.
constexpr std::array<Item, 37> kDefaults = {{
    {"history_kind", "call", "Call"},
    {"history_kind", "meeting", "Meeting"},
    {"history_kind", "visit", "Visit"},
    {"history_kind", "letter", "Letter"},
    {"history_kind", "fax", "Fax"},
    {"history_kind", "email", "E-mail"},
    {"history_kind", "documents_sent", "Documents sent"},
    {"history_kind", "demo_sent", "Demo version sent"},
    {"history_kind", "demonstration", "Demonstration"},
    {"history_kind", "support_call", "Support call"},
    {"history_kind", "note", "Note"},
    {"information_source", "magazine_article", "Magazine article"},
    {"information_source", "advertisement", "Advertisement"},
    {"information_source", "exhibition", "Exhibition stand"},
    {"information_source", "recommendation", "Colleague's recommendation"},
    {"information_source", "web", "Web site"},
    {"information_source", "cold_call", "Our call"},
    {"information_source", "other", "Other"},
    {"contact_reason", "new_product", "Interest in a new product"},
    {"contact_reason", "replacement", "Replacing a current system"},
    {"contact_reason", "expansion", "Growing business"},
    {"contact_reason", "tender", "Tender"},
    {"contact_reason", "support", "Support request"},
    {"contact_reason", "other", "Other"},
    {"triggering_event", "new_budget", "New budget year"},
    {"triggering_event", "management_change", "New management"},
    {"triggering_event", "expansion", "Expansion or new site"},
    {"triggering_event", "regulation", "Regulation change"},
    {"triggering_event", "system_failure", "Current system failed"},
    {"triggering_event", "other", "Other"},
    {"refusal_reason", "price", "Price too high"},
    {"refusal_reason", "competitor", "Chose a competitor"},
    {"refusal_reason", "no_budget", "No budget"},
    {"refusal_reason", "no_need", "No need"},
    {"refusal_reason", "timing", "Postponed"},
    {"refusal_reason", "no_decision", "No decision maker reached"},
    {"refusal_reason", "other", "Other"},
}};

struct StageDef {
    std::string_view code;
    std::string_view name;
    std::int64_t normDays;
};
// SPEC §2: the default ordered stage list; norms are a starting point for the admin.
constexpr std::array<StageDef, 8> kStages = {{
    {"initiating_interest", "Initiating interest", 14},
    {"identifying_needs", "Identifying needs", 14},
    {"demonstration", "Demonstration", 10},
    {"technical_proposal", "Technical proposal", 10},
    {"financial_proposal", "Financial proposal", 14},
    {"contract_invoice", "Contract and invoice", 7},
    {"payment", "Payment", 30},
    {"delivery", "Delivery", 14},
}};

struct TemplateDef {
    std::string_view name;
    std::string_view kind;
    std::string_view subject;
};
constexpr std::array<TemplateDef, 3> kTemplates = {{
    {"Price list", "price_list", "Our current price list"},
    {"Demo version", "demo", "The demo version you asked for"},
    {"Commercial proposal", "document", "Our proposal"},
}};

const std::string kSystem = "system";
} // namespace

std::int64_t takeSeq(store::Database& db) {
    Statement st(db, "UPDATE seq_counter SET value = value + 1 WHERE id = 1 RETURNING value");
    if (!st.step()) {
        throw store::StoreError(0, "seq_counter row is missing");
    }
    return st.int64(0);
}

bool ensureReferenceItem(store::Database& db, const std::string& list, const std::string& code,
                         const std::string& label, std::int64_t sortOrder) {
    {
        Statement st(db,
                     "SELECT 1 FROM reference_items WHERE list = ? AND code = ? AND deleted = 0");
        st.bind(1, list).bind(2, code);
        if (st.step()) {
            return false;
        }
    }
    auto id = domain::stableUuid("reference_item", list + "/" + code);
    Statement st(db, "INSERT INTO reference_items(id, version, updated_at, updated_by, deleted, "
                     "seq, list, code, label, sort_order, active) VALUES(?,1,?,?,0,?,?,?,?,?,1) "
                     // A deleted item of the same stable id comes back (new version).
                     "ON CONFLICT(id) DO UPDATE SET deleted = 0, active = 1, "
                     "version = reference_items.version + 1, updated_at = excluded.updated_at, "
                     "updated_by = excluded.updated_by, seq = excluded.seq, list = excluded.list, "
                     "code = excluded.code, label = excluded.label "
                     "WHERE reference_items.deleted = 1");
    st.bind(1, id)
        .bind(2, domain::nowMs())
        .bind(3, kSystem)
        .bind(4, takeSeq(db))
        .bind(5, list)
        .bind(6, code)
        .bind(7, label)
        .bind(8, sortOrder)
        .run();
    return db.changes() > 0;
}

int seedReferenceData(store::Database& db) {
    int written = 0;
    std::int64_t order = 0;
    std::string_view lastList;
    for (const auto& item : kDefaults) {
        order = item.list == lastList ? order + 10 : 10;
        lastList = item.list;
        written += ensureReferenceItem(db, std::string(item.list), std::string(item.code),
                                       std::string(item.label), order)
                       ? 1
                       : 0;
    }
    auto now = domain::nowMs();
    std::int64_t stageOrder = 0;
    for (const auto& s : kStages) {
        stageOrder += 10;
        Statement st(db, "INSERT INTO stages(id, version, updated_at, updated_by, deleted, seq, "
                         "code, name, sort_order, norm_days, active) "
                         "SELECT ?,1,?,?,0,?,?,?,?,?,1 WHERE NOT EXISTS "
                         "(SELECT 1 FROM stages WHERE code = ?5)");
        st.bind(1, domain::stableUuid("stage", s.code))
            .bind(2, now)
            .bind(3, kSystem)
            .bind(4, takeSeq(db))
            .bind(5, std::string(s.code))
            .bind(6, std::string(s.name))
            .bind(7, stageOrder)
            .bind(8, s.normDays)
            .run();
        written += db.changes();
    }
    for (const auto& t : kTemplates) {
        Statement st(db, "INSERT INTO document_templates(id, version, updated_at, updated_by, "
                         "deleted, seq, name, kind, subject, active) "
                         "SELECT ?,1,?,?,0,?,?,?,?,1 WHERE NOT EXISTS "
                         "(SELECT 1 FROM document_templates WHERE name = ?5)");
        st.bind(1, domain::stableUuid("document_template", t.name))
            .bind(2, now)
            .bind(3, kSystem)
            .bind(4, takeSeq(db))
            .bind(5, std::string(t.name))
            .bind(6, std::string(t.kind))
            .bind(7, std::string(t.subject))
            .run();
        written += db.changes();
    }
    return written;
}

} // namespace fieldbook::server
