// SPDX-License-Identifier: MIT
#pragma once

#include "store/database.h"
#include "sync/hlc.h"
#include "sync/protocol.h"
#include "sync/pulled_page.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fieldbook::device {

/// A user-facing validation failure of a local edit (nothing is written).
/// `code()` is stable (e.g. "unknown_client", "invalid_kind"); `what()` says
/// what to do.
class DomainError : public std::runtime_error {
  public:
    DomainError(std::string code, const std::string& message)
        : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

/// Who is logged in on this device and where the server is.
struct Session {
    std::string serverUrl; ///< e.g. "http://127.0.0.1:8787"
    std::string token;
    std::int64_t tokenExpiresAtMs = 0;
    std::string deviceId;
    std::string userId;
    std::string login;
    std::string fullName;
    std::string role;
};

/// What the last sync attempt did, persisted for `status` and the UI.
struct SyncStatus {
    std::int64_t lastSyncAtMs = 0;    ///< last fully successful sync, 0 if never
    std::int64_t lastAttemptAtMs = 0; ///< last attempt, successful or not
    std::string lastError;            ///< empty when the last attempt succeeded
    std::int64_t cursor = 0;
    int pending = 0;   ///< mutations waiting in the outbox
    int conflicts = 0; ///< conflict-log records on this device
    int rejected = 0;  ///< pushed mutations the server refused (kept, see rejectedMutations())
};

/// Where the device's pull stream stands (docs/protocol.md "GET
/// /api/v1/sync/pull"), committed with each page.
struct PullPosition {
    std::int64_t cursor = 0;
    std::string epoch;         ///< the server epoch of the last page; empty if none
    std::int64_t snapshot = 0; ///< live-only snapshot of a first download in progress; 0: none
    bool fresh = false;        ///< a fresh download (beginFreshDownload) is in progress
};

/// Acknowledged mutations kept for re-sending after a server restore: at
/// most this many (the newest)...
inline constexpr int kAckedLogLimit = 10000;
/// ...and none acknowledged longer ago than this (ms; the server's default
/// compaction horizon, 30 days).
inline constexpr std::int64_t kAckedLogMaxAgeMs = 30LL * 24 * 3600 * 1000;

/// The device's local SQLite replica of its user's scope plus the outbox
/// (SPEC §4). Every local edit writes the record and its outbox mutation in
/// one transaction. One Replica per thread; several may open the same file
/// (WAL). Storage failures raise store::StoreError; invalid edits raise
/// DomainError and write nothing.
class Replica {
  public:
    /// Opens or creates the replica at `path`, migrating it to the current
    /// schema. Throws StoreError if the file is newer than this code.
    explicit Replica(const std::string& path);

    // --- session and sync state -------------------------------------------
    std::optional<Session> session();
    void saveSession(const Session& s);
    SyncStatus status();
    void recordSyncAttempt(std::int64_t atMs, const std::string& error);
    /// A value of the replica's `meta` table (device state such as the
    /// session or device/sync_health.h), empty when unset; setMeta() writes
    /// one (in the caller's transaction, if any).
    std::string meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);
    /// Empties records, cursor, clock, conflicts and refused edits in one
    /// transaction (a new user or a new server on this device). The outbox
    /// must be empty; throws DomainError("pending_edits") otherwise.
    void resetForNewOwner();

    // --- local edits (record + outbox in one transaction) -------------------
    /// Creates a record of `entity` with `fields`; returns its new UUID.
    /// Checks the fields against the registry (known, writable, type,
    /// enumerated values), then as the workflows below do: the role × action
    /// matrix for the logged-in role (forbidden), references (unknown_<entity>),
    /// reference-list codes (unknown_code), value limits (invalid_quantity,
    /// invalid_price, invalid_amount, invalid_value) and the sales rules of
    /// SPEC §2 that apply (deal_closed, stage_out_of_order, unknown_stage,
    /// won_needs_document, lost_needs_reason, activity_closed, invalid_status,
    /// not_author, empty_summary, invalid_kind). Needs a login (not_logged_in).
    std::string createRecord(const std::string& entity, const nlohmann::json& fields);
    /// Changes `fields` of an existing record; unchanged values are dropped.
    /// The same checks as createRecord, on the stored record (its author,
    /// assignee, status...) with `fields` applied.
    void updateRecord(const std::string& entity, const std::string& id,
                      const nlohmann::json& fields);

    /// Adds a history entry (SPEC §2) to a client; `occurredAtMs` UTC. `kind`
    /// is a code of the history_kind reference list. Errors: unknown_client,
    /// unknown_deal, invalid_kind, empty_summary, not_logged_in, forbidden.
    std::string logHistory(const std::string& clientId, const std::string& kind,
                           const std::string& summary, const std::string& dealId,
                           std::int64_t occurredAtMs);
    /// Plans an activity for `assigneeId` (empty: the logged-in user). An
    /// overlap with the assignee's busy times is no error: ask overlaps()
    /// first to warn. Errors: unknown_client, unknown_user,
    /// invalid_kind, invalid_duration, not_logged_in, forbidden (marketing;
    /// a manager planning for someone else).
    std::string planActivity(const std::string& clientId, const std::string& kind,
                             std::int64_t startsAtMs, int durationMin,
                             const std::string& assigneeId, const std::string& purpose,
                             const std::string& place);

    // --- sales-process workflows (SPEC §3; issue 3) -------------------------
    // Each checks the role × action matrix (domain/permissions.h; refusal:
    // forbidden, "<role> may not <action>"), the references (unknown_client,
    // unknown_deal, unknown_contact, unknown_template, unknown_user,
    // unknown_product, unknown_record), reference-list codes against the
    // replica's reference_items (unknown_code; a list this replica holds no
    // item of yet is not checked: the server decides) and the business rules
    // (domain/sales_rules.h) before writing; raises DomainError with a stable
    // code and writes nothing on error. Each writes every record it touches
    // and their outbox mutations in ONE transaction, in the order the server
    // must apply them. Times are ms since the epoch, UTC; money is in cents.
    // All need a login (not_logged_in).

    /// Probable duplicates of a new card on this replica (SPEC §3.7): same tax
    /// id, or same normalised name (case, punctuation, legal-form words such as
    /// "Inc"/"LLC"/"Ltd" ignored) plus the same phone digits or city. Returns
    /// [{id, name, tax_id, phone, city, curator_id, curator_name,
    /// first_contact_at, first_contact_by, first_contact_by_name, reason}],
    /// oldest first contact first. Needs no login.
    nlohmann::json findDuplicates(const nlohmann::json& clientFields);
    /// Opens a client card from `fields` (client fields; `name` required).
    /// Defaults: status "prospect", first_contact_at now, (for a manager)
    /// curator_id the logged-in user; first_contact_by shows the logged-in
    /// user locally but is never sent (the server writes it, SPEC §3.7). Returns the new id.
    /// Does not look for duplicates: call findDuplicates() first. Errors:
    /// invalid_value, unknown_field, unknown_code, unknown_user, forbidden
    /// (marketing; a manager naming another curator).
    std::string createClient(const nlohmann::json& fields);
    /// Adds a contact person (contact fields; `name` required) to a client.
    /// Returns the new id. Errors: unknown_client, invalid_value, forbidden.
    std::string addContact(const std::string& clientId, const nlohmann::json& fields);
    /// The author corrects a history entry's summary. The server keeps the
    /// previous text in `revisions`; the replica shows it there at once. The
    /// same text again writes nothing. Errors: unknown_record, not_author,
    /// empty_summary, forbidden.
    void correctHistory(const std::string& entryId, const std::string& summary);
    /// Opens a deal at a client for `managerId` (empty: the logged-in user),
    /// outcome "open", opened_at now, at the first active stage, and writes
    /// that stage's deal_stage record (worked by the deal's manager).
    /// `extraFields`: other deal fields (product_id, amount_cents,
    /// payment_terms, contract_no, invoice_no, notes...), not outcome, stage
    /// or closed_at (invalid_fields). Returns the deal id. Errors:
    /// unknown_client, unknown_user, unknown_product, no_stages, forbidden
    /// (office roles; a manager opening a deal for someone else).
    std::string openDeal(const std::string& clientId, const std::string& title,
                         const std::string& managerId, const nlohmann::json& extraFields);
    /// Moves a deal to `stageCode`: ends the open deal_stage (ended_at now),
    /// starts a new one (worked by the logged-in manager; by the deal's
    /// manager when the head or an admin moves it), sets deal.stage. Only the
    /// next active stage in sort_order unless `override`, which needs the
    /// override_stage_order right (head/admin; asked without it, even for an
    /// in-order move: forbidden, as the server answers). Errors: unknown_deal,
    /// deal_closed, unknown_stage, same_stage, stage_out_of_order, forbidden.
    void moveStage(const std::string& dealId, const std::string& stageCode, bool override);
    /// Closes a deal as "won" (needs contract_no or invoice_no on the deal or
    /// in `fields`) or "lost" (needs refusal_reason from the refusal_reason
    /// list; refusal_comment optional). `fields` may hold contract_no,
    /// invoice_no, refusal_reason, refusal_comment, payment_terms, notes.
    /// Sets closed_at now and ends the open deal_stage. Errors: unknown_deal,
    /// won_needs_document, lost_needs_reason, invalid_outcome, deal_closed,
    /// unknown_code, invalid_fields, forbidden.
    void closeDeal(const std::string& dealId, const std::string& outcome,
                   const nlohmann::json& fields);
    /// Adds a product line to an open deal; returns its id. quantity >= 1,
    /// price_cents >= 0. The deal's amount_cents becomes the sum of its lines
    /// (same transaction), at most kMaxAmountCents (10^14 cents) as on the
    /// server. Errors: unknown_deal, deal_closed, unknown_product,
    /// invalid_quantity, invalid_price (a sum beyond 64 bits), invalid_amount
    /// (a sum beyond the cap), forbidden.
    std::string addDealLine(const std::string& dealId, const std::string& productId,
                            std::int64_t quantity, std::int64_t priceCents);
    /// Records a (partial) payment of an open or won deal; returns its id.
    /// amount_cents > 0. Errors: unknown_deal, deal_closed (lost),
    /// invalid_amount, forbidden.
    std::string addPayment(const std::string& dealId, std::int64_t amountCents,
                           std::int64_t paidAtMs, const std::string& documentNo);
    /// Records a delivery of an open or won deal; returns its id. Errors:
    /// unknown_deal, deal_closed (lost), forbidden.
    std::string addDelivery(const std::string& dealId, std::int64_t deliveredAtMs,
                            const std::string& waybillNo);
    /// Marks a planned activity done and writes its history entry (id
    /// domain::stableUuid("activity_done", activityId), planned_activity_id
    /// and deal_id set, occurred_at the activity's start or now if that is
    /// later, kind from the activity unless `historyKind` is given) in one
    /// transaction: the entry first, then the activity's status "done" and
    /// result = summary. Returns the entry's id. Errors: unknown_record,
    /// activity_closed, empty_summary, invalid_kind, forbidden (someone
    /// else's activity, unless head or admin).
    std::string completeActivity(const std::string& activityId, const std::string& summary,
                                 const std::string& historyKind);
    /// Sets a planned activity's status to "cancelled" or "missed". Errors:
    /// unknown_record, invalid_status, activity_closed, forbidden.
    void setActivityStatus(const std::string& activityId, const std::string& status);
    /// The head (or admin) gives a client to another curator. The same
    /// curator again writes nothing. Errors: unknown_client, unknown_user,
    /// inactive_user, forbidden.
    void reassignClient(const std::string& clientId, const std::string& curatorId);
    /// The head (or admin) merges a duplicate card into the surviving one
    /// (SPEC §3.7; docs/conflicts.md "Merging duplicates"): queues a client
    /// update setting `merged_into` alone; the server moves the merged
    /// card's records and makes it a tombstone. Errors: merge_into_self,
    /// unknown_client (either card not live here), forbidden (role lacks
    /// merge_clients).
    void mergeClients(const std::string& survivorId, const std::string& mergedId);
    /// Deletes a record (SPEC §4): marks it deleted on this device (the
    /// app's lists leave it out) and queues one delete mutation with the
    /// held version as base_version. The server decides: an edit it had
    /// not seen beats a delete by a role without delete_records and the
    /// record comes back on the next sync; the head's or admin's delete
    /// wins (docs/conflicts.md "Edit versus delete"). Errors: unknown_record
    /// (not live here), read_only_entity, history_append_only (history
    /// entries are never deleted), forbidden (a client or deal without
    /// delete_records), invalid_status (a mailing request no longer queued).
    void deleteRecord(const std::string& entity, const std::string& id);
    /// The head (or admin) gives a planned activity to another assignee.
    /// Errors: unknown_record, activity_closed, unknown_user, inactive_user, forbidden.
    void reassignActivity(const std::string& activityId, const std::string& assigneeId);
    /// Queues a mailing request: `templateId` to `contactId` by "email" (the
    /// contact's e-mail) or "fax" (the contact's fax number; the server sends
    /// it through the e-mail-to-fax gateway). Status "queued", requested_at
    /// now; the server sends it (later issue). Returns its id. Errors:
    /// unknown_contact, unknown_template, invalid_channel, no_address, forbidden.
    std::string queueMailing(const std::string& contactId, const std::string& templateId,
                             const std::string& channel);
    /// Busy times of `userId` in [fromMs, toMs), by start: [{starts_at,
    /// duration_min}] from the synced busy slots and this device's own
    /// planned activities (a local change to an activity wins over its slot).
    /// Times only, never the client (SPEC §4). `exceptActivityId`, when not
    /// empty, names a planned activity left out with its slot: the one being
    /// reassigned or moved is not busy against itself.
    nlohmann::json busyTimes(const std::string& userId, std::int64_t fromMs, std::int64_t toMs,
                             const std::string& exceptActivityId = {});
    /// The busy times of `userId` that overlap [startsAtMs, +durationMin),
    /// leaving out `exceptActivityId` as busyTimes() does.
    nlohmann::json overlaps(const std::string& userId, std::int64_t startsAtMs, int durationMin,
                            const std::string& exceptActivityId = {});

    // --- reads (JSON objects with "id" plus the entity's fields) ------------
    /// {deal (+client_name, manager_name, stage_name, opened_by_name), client,
    /// lines[] (+product_name, total_cents), stages[] (oldest first; +name,
    /// manager_name, norm_days, days: whole days from start to end or now,
    /// over_norm), payments[] (by date), deliveries[] (by date), history[]
    /// (newest first), plans[], lines_total_cents, paid_cents}; null if unknown.
    nlohmann::json dealView(const std::string& dealId);
    /// Live, active items of a reference list by sort_order: [{id, code, label, ...}].
    nlohmann::json referenceItems(const std::string& list);
    /// Live, active stages by sort_order.
    nlohmann::json stages();
    /// Live, active document templates by name.
    nlohmann::json documentTemplates();
    /// Live products by name.
    nlohmann::json products();
    /// Mailing requests of a client, newest first (+contact_name, template_name).
    nlohmann::json mailingRequests(const std::string& clientId);
    /// One history entry (+author_name, revisions parsed into an array of
    /// {summary, at, by, by_name}); null if unknown.
    nlohmann::json historyEntry(const std::string& entryId);

    nlohmann::json record(const std::string& entity, const std::string& id);
    /// Live clients, by name; `search` matches the name, or the industry or
    /// region by code or by its shown label (case-insensitive for ASCII).
    nlohmann::json clients(const std::string& search);
    /// {client (+curator_name, first_contact_by_name), contacts[], deals[],
    /// history[] (newest first), plans[], mailings[]}; null if unknown.
    nlohmann::json clientCard(const std::string& clientId);
    /// Planned activities of `userId` starting in [dayStartMs, dayStartMs+24h),
    /// plus, when `withOverdue`, earlier ones still "planned"; overdue first.
    nlohmann::json activitiesForDay(const std::string& userId, std::int64_t dayStartMs,
                                    bool withOverdue);
    nlohmann::json deals(bool openOnly);
    nlohmann::json users();
    /// The user with this login on the replica's user directory; null if none.
    nlohmann::json userByLogin(const std::string& login);
    nlohmann::json conflicts();
    nlohmann::json rejectedMutations();

    // --- used by the sync engine -------------------------------------------
    /// Oldest-first outbox entries, at most `limit`, after the `skip` oldest.
    std::vector<sync::Mutation> outbox(int limit, int skip = 0);
    /// Applies the server's answers: drops answered mutations from the outbox,
    /// stores rejected ones in the rejected log (nothing is lost), and takes
    /// the server's current copy of each record (so a refused or losing local
    /// value is not shown as if it were saved).
    void applyPushResults(const std::vector<sync::MutationResult>& results);
    /// Applies one page of pulled changes and advances the cursor, in one
    /// transaction. Fields with pending local mutations keep the local value.
    /// A tombstone or a removal (`removed`: the record left the user's scope)
    /// deletes the record unless mutations of it are pending; such a record
    /// stays until the push answer for them (applyPushResults) says more.
    void applyPull(const sync::PullResponse& page);
    /// The same for a page read flat (sync::readPulledPage, issue 6): each
    /// record bound straight from the page into the entity's prepared
    /// upsert; tombstones, removals and records with pending edits take
    /// applyServerRecord's path. Same semantics; the page, its cursor and
    /// the server's clock (observeServerTime) go in one transaction of their
    /// own, or in a savepoint when the connection is inside one already (a
    /// download's batch of pages, DownloadBatch).
    void applyPull(const sync::PulledPage& page);
    /// Sets the replica connection's page cache (PRAGMA cache_size) to
    /// `kib` KiB; SQLite's default is 2,048. A first download takes a larger
    /// one while it runs (SyncEngine::pullAll): with random UUID keys every
    /// page commit dirties a page of every b-tree for almost every record, and
    /// a cache smaller than the b-trees re-reads them from the WAL and the OS
    /// at every page (issue 6). Pages are taken only as needed and released
    /// when the cache is set back. Throws store::StoreError.
    void setPageCacheKib(int kib);
    /// Merges the server's clock into the device's HLC.
    void observeServerTime(std::int64_t serverTimeMs);
    /// Cursor, epoch, snapshot and fresh-download flag, as committed.
    PullPosition pullPosition();
    /// True when no entity table holds a row (records and tombstones): a
    /// download into it may build its indexes after the rows (issue 6,
    /// replica_indexes.h). Throws store::StoreError.
    bool holdsNoRecords();
    /// Starts a fresh download (docs/architecture.md "Fresh downloads"), in
    /// one transaction: cursor, epoch and snapshot back to 0, the fresh flag
    /// set. Until its last page, applyPull() takes the server's copies
    /// whatever their version and notes which records it saw; the last page
    /// then drops local records the server did not send (unless edits of
    /// them are pending) and re-bases pending edits (base_version no higher
    /// than the server's version). `resendAcked` (a server restore): the
    /// acknowledged-mutation log goes back into the outbox, in its original
    /// order ahead of the pending edits, to be pushed again (the server
    /// answers those it still has as duplicates).
    void beginFreshDownload(bool resendAcked);

    store::Database& db() { return db_; }

  private:
    /// Inside the caller's transaction: checks `fields` against the registry,
    /// inserts the record (id `id`, or a new UUID when empty) and its outbox
    /// mutation; the server-owned author_id / opened_by show the logged-in
    /// user until the server's copy arrives. Returns the id.
    std::string insertInTx(const std::string& entity, const nlohmann::json& fields,
                           std::string id = {});
    /// Inside the caller's transaction: writes the `fields` that differ from
    /// the stored record and one outbox mutation. Returns the changed fields
    /// (empty: nothing written). Throws unknown_record.
    nlohmann::json patchInTx(const std::string& entity, const std::string& id,
                             const nlohmann::json& fields);
    /// The logged-in session; DomainError not_logged_in otherwise.
    Session requireSession();
    /// DomainError forbidden unless `s.role` may make this change
    /// (domain::requiredActions; `stored` null when creating).
    void authorize(const Session& s, const std::string& entity, const nlohmann::json* stored,
                   const nlohmann::json& fields);
    /// The checks of a generic edit (see createRecord); `stored` null when
    /// creating. Inside the caller's transaction; writes nothing.
    void checkEdit(const Session& s, const std::string& entity, const nlohmann::json* stored,
                   const nlohmann::json& fields);
    /// DomainError invalid_quantity / invalid_price / invalid_amount when a
    /// deal line's quantity (1..kMaxQuantity), price (0..kMaxPriceCents), a
    /// payment's amount (1..kMaxAmountCents) or a deal's amount
    /// (0..kMaxAmountCents; the limits of domain/sales_rules.h) in `after` is
    /// out of range.
    static void checkValueLimits(const std::string& entity, const nlohmann::json& after);
    /// DomainError unknown_<entity> when a reference field of `fields` names
    /// no live record on this replica; inactive_user when a field that gives
    /// work (domain::assignsWork) names a deactivated user. `fields` are the
    /// new or changed values only.
    void checkReferences(const std::string& entity, const nlohmann::json& fields);
    /// DomainError unknown_code when a reference-list field holds a code that
    /// is not a live, active item of its list (lists without items here are
    /// not checked).
    void checkCodes(const std::string& entity, const nlohmann::json& fields);
    /// The live record, or DomainError(`code`).
    nlohmann::json liveRecord(const std::string& entity, const std::string& id,
                              const std::string& code);
    /// The deal's open deal_stage records (ended_at null).
    std::vector<std::string> openDealStages(const std::string& dealId);
    std::string enqueue(const std::string& entity, const std::string& id, const std::string& op,
                        std::int64_t baseVersion, const nlohmann::json& fields);
    sync::Hlc nextHlc();
    /// Stores the server's copy of a record, keeping fields that still have
    /// pending local mutations; removes it when `c` is a tombstone or a
    /// removal and nothing is pending (a removal with pending mutations
    /// leaves the local row as it is). Inside the caller's transaction.
    /// `fresh`: a fresh download's copy, taken even when its version is lower.
    void applyServerRecord(const sync::RecordChange& c, bool fresh = false);
    /// The entity's prepared upsert (id, version, updated_at, updated_by,
    /// deleted, then the registry's fields); `fresh`: the copy wins whatever
    /// its version. Prepared once per entity and connection.
    store::Statement& upsertFor(const domain::EntityDef& e, bool fresh);
    /// The end of a pull page, inside applyPull's transaction: cursor,
    /// epoch, snapshot, and the end of a fresh download on its last page.
    void finishPullPage(const sync::PullResponse& position, bool fresh);
    /// The end of a fresh download, inside applyPull's transaction: drops
    /// unseen records without pending edits, re-bases the outbox, clears the flag.
    void finishFreshDownload();
    /// Keeps the acknowledged log within kAckedLogLimit and kAckedLogMaxAgeMs.
    void trimAckedLog();
    /// Removes a record the server no longer has for us, unless edits are pending.
    void dropUnlessPending(const std::string& entity, const std::string& id);

    store::Database db_;
    /// Hot statements, one per entity: the upsert that keeps a newer copy,
    /// and a fresh download's, which takes the server's copy whatever its version.
    std::map<std::string, store::Statement, std::less<>> upserts_;
    std::map<std::string, store::Statement, std::less<>> freshUpserts_;
    std::optional<store::Statement> pendingFields_; ///< outbox fields of one record, oldest first
};

} // namespace fieldbook::device
