// SPDX-License-Identifier: MIT
// Issue 4, "Scope changes" (SPEC §3.5, §4): when the head gives a client, a
// visit or a deal to another manager, or a record that kept a client in a
// manager's scope is deleted, ONE sync of each device brings the new
// manager the whole card (even records older than the device's cursor) and
// takes from the old one everything that left their scope; an edit still
// waiting in the old manager's outbox is pushed and answered, never dropped;
// a big card arrives in resumable pages. Real fieldbook-server (sample data),
// fieldbook-cli devices, and the real device library where a test must stop
// a sync half way.
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "domain/clock.h"
#include "store/database.h"
#include "sync_helpers.h"

#include <functional>
#include <map>
#include <set>

using namespace fieldbook::test;
using fieldbook::device::HttpTransport;
using fieldbook::device::Replica;
using fieldbook::device::SyncEngine;

namespace {
QString str(const QJsonValue& v) {
    return v.toString();
}

// Every record of a client's card (SPEC §2: the client, its contacts, deals
// with their lines, stages, payments and deliveries, planned activities,
// history entries, mailing requests) in a server database or a replica, as
// "entity/id/vVERSION". The same SQL fits both: their tables share names.
constexpr const char* kCardSql = R"sql(
SELECT 'client', id, version FROM clients WHERE id = ?1 AND deleted = 0
UNION ALL SELECT 'contact', id, version FROM contacts WHERE client_id = ?1 AND deleted = 0
UNION ALL SELECT 'deal', id, version FROM deals WHERE client_id = ?1 AND deleted = 0
UNION ALL SELECT 'planned_activity', id, version FROM planned_activities
  WHERE client_id = ?1 AND deleted = 0
UNION ALL SELECT 'history_entry', id, version FROM history_entries
  WHERE client_id = ?1 AND deleted = 0
UNION ALL SELECT 'mailing_request', id, version FROM mailing_requests
  WHERE client_id = ?1 AND deleted = 0
UNION ALL SELECT 'deal_line', id, version FROM deal_lines
  WHERE deal_id IN (SELECT id FROM deals WHERE client_id = ?1) AND deleted = 0
UNION ALL SELECT 'deal_stage', id, version FROM deal_stages
  WHERE deal_id IN (SELECT id FROM deals WHERE client_id = ?1) AND deleted = 0
UNION ALL SELECT 'payment', id, version FROM payments
  WHERE deal_id IN (SELECT id FROM deals WHERE client_id = ?1) AND deleted = 0
UNION ALL SELECT 'delivery', id, version FROM deliveries
  WHERE deal_id IN (SELECT id FROM deals WHERE client_id = ?1) AND deleted = 0
)sql";

std::set<QString> cardIn(const QString& dbPath, const QString& clientId) {
    fieldbook::store::Database d(dbPath.toStdString());
    fieldbook::store::Statement st(d, kCardSql);
    st.bind(1, clientId.toStdString());
    std::set<QString> out;
    while (st.step()) {
        out.insert(QString::fromStdString(st.text(0) + "/" + st.text(1) + "/v" +
                                          std::to_string(st.int64(2))));
    }
    return out;
}

/// How many of the card's records are of `entity`.
int countOf(const std::set<QString>& card, const QString& entity) {
    int n = 0;
    for (const auto& r : card) {
        n += r.startsWith(entity + u'/') ? 1 : 0;
    }
    return n;
}

/// Every record of every synced table of a replica as "entity/id/vVERSION",
/// for comparing a device synced step by step with a fresh one.
std::set<QString> everything(const QString& dbPath) {
    fieldbook::store::Database d(dbPath.toStdString());
    std::set<QString> out;
    for (const char* t :
         {"users", "reference_items", "stages", "document_templates", "products", "clients",
          "contacts", "deals", "deal_lines", "deal_stages", "payments", "deliveries",
          "planned_activities", "history_entries", "mailing_requests", "busy_slots"}) {
        fieldbook::store::Statement st(d, std::string("SELECT id, version FROM ") + t);
        while (st.step()) {
            out.insert(QString::fromLatin1(t) + u'/' + QString::fromStdString(st.text(0)) +
                       u"/v"_qs + QString::number(st.int64(1)));
        }
    }
    return out;
}

QStringList difference(const std::set<QString>& a, const std::set<QString>& b) {
    QStringList out;
    for (const auto& x : a) {
        if (!b.count(x)) {
            out << x;
        }
    }
    return out;
}
} // namespace

class TestScopeChanges : public QObject {
    Q_OBJECT

    TestServer server_;
    std::unique_ptr<CliDevice> head_; ///< melvin.marxen, a head of sales
    std::unique_ptr<CliDevice> tina_; ///< telemarketing

    bool addUser(const QString& login, const QString& name, const QString& role) {
        auto r = run(binPath(u"fieldbook-server"_qs),
                     {u"user"_qs, u"add"_qs, u"--db"_qs, server_.dbPath(), u"--login"_qs, login,
                      u"--name"_qs, name, u"--role"_qs, role},
                     "demo\n");
        if (r.exitCode != 0) {
            qWarning("user add: %s", r.err.constData());
        }
        return r.exitCode == 0;
    }

    QString serverText(const std::string& sql, const QString& arg = {}) {
        fieldbook::store::Database d(server_.dbPath().toStdString());
        fieldbook::store::Statement st(d, sql);
        if (!arg.isNull()) {
            st.bind(1, arg.toStdString());
        }
        return st.step() ? QString::fromStdString(st.text(0)) : QString();
    }

    QString userId(const QString& login) {
        return serverText("SELECT id FROM users WHERE login = ?", login);
    }

    std::unique_ptr<CliDevice> device(const QString& login) {
        auto d = std::make_unique<CliDevice>();
        if (!d->login(server_.url(), login)) {
            return nullptr;
        }
        d->sync();
        return d->lastExit == 0 ? std::move(d) : nullptr;
    }

    void syncClean(CliDevice& d) {
        auto s = d.sync();
        QCOMPARE(d.lastExit, 0);
        QCOMPARE(s[u"rejected"_qs].toInt(), 0);
    }

    /// A card curated by Darcel that telemarketing built: two contacts, the
    /// inbound call, a mailing, a visit planned for Darcel; and a deal the
    /// head runs himself with a line, a payment, a delivery and two stages.
    /// No record of it is Darcel's own work, so nothing but the curatorship
    /// keeps it in his scope. Returns {client, visit}.
    std::pair<QString, QString> cardBuiltByOthers(const QString& name, CliDevice& tina,
                                                  CliDevice& head) {
        auto client = savedId(tina, {u"new-client"_qs, u"--name"_qs, name, u"--set"_qs,
                                     u"curator_id="_qs + userId(u"darcel.schlecht"_qs)});
        auto ann = savedId(tina, {u"add-contact"_qs, client, u"--name"_qs, u"Ann Buyer"_qs,
                                  u"--set"_qs, u"email=ann@example.com"_qs});
        savedId(tina, {u"add-contact"_qs, client, u"--name"_qs, u"Bob Fixit"_qs});
        savedId(tina, {u"log"_qs, client, u"--kind"_qs, u"call"_qs, u"--summary"_qs,
                       u"Inbound call: wants a price for 20 seats"_qs});
        savedId(tina, {u"mail"_qs, ann, u"--template"_qs, u"price list"_qs});
        auto visit = savedId(tina, {u"plan"_qs, client, u"--at"_qs, u"2027-04-05T09:00"_qs,
                                    u"--minutes"_qs, u"60"_qs, u"--kind"_qs, u"visit"_qs,
                                    u"--assignee"_qs, u"darcel.schlecht"_qs});
        syncClean(tina);
        head.sync();
        auto deal = savedId(head, {u"open-deal"_qs, client, u"--title"_qs, u"Fleet renewal"_qs});
        head.cmd({u"add-line"_qs, deal, u"--product"_qs, u"GTX Pro"_qs, u"--qty"_qs, u"2"_qs,
                  u"--price"_qs, u"4821.00"_qs});
        head.cmd({u"add-payment"_qs, deal, u"--amount"_qs, u"1000.00"_qs, u"--date"_qs,
                  u"2026-04-01"_qs});
        head.cmd({u"add-delivery"_qs, deal, u"--date"_qs, u"2026-04-02"_qs});
        auto stages = head.json({u"stages"_qs}).array();
        if (stages.size() > 1) {
            head.cmd({u"move-stage"_qs, deal, str(stages[1].toObject()[u"code"_qs])});
        }
        syncClean(head);
        return {client, visit};
    }

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        QVERIFY(addUser(u"tina.tele"_qs, u"Tina Tele"_qs, u"telemarketing"_qs));
        QVERIFY(addUser(u"paige.newhire"_qs, u"Paige Newhire"_qs, u"manager"_qs));
        head_ = device(u"melvin.marxen"_qs);
        tina_ = device(u"tina.tele"_qs);
        QVERIFY(head_ && tina_);
    }

    // SPEC §3.5: the head gives a client (and its visit) from Darcel to
    // Gladys. One sync each: Gladys has the whole card, Darcel none of it,
    // and each replica holds exactly what a fresh device of its user gets.
    void wholeCardMovesInOneSync() {
        auto& tina = tina_;
        auto& head = head_;
        auto darcel = device(u"darcel.schlecht"_qs);
        auto gladys = device(u"gladys.colclough"_qs);
        QVERIFY(darcel && gladys);
        auto [client, visit] = cardBuiltByOthers(u"Moved Widgets"_qs, *tina, *head);
        QVERIFY(!client.isEmpty() && !visit.isEmpty());

        auto onServer = cardIn(server_.dbPath(), client);
        QCOMPARE(countOf(onServer, u"contact"_qs), 2);
        QCOMPARE(countOf(onServer, u"history_entry"_qs), 1);
        QCOMPARE(countOf(onServer, u"mailing_request"_qs), 1);
        QCOMPARE(countOf(onServer, u"planned_activity"_qs), 1);
        QCOMPARE(countOf(onServer, u"deal"_qs), 1);
        QCOMPARE(countOf(onServer, u"deal_line"_qs), 1);
        QCOMPARE(countOf(onServer, u"payment"_qs), 1);
        QCOMPARE(countOf(onServer, u"delivery"_qs), 1);
        QCOMPARE(countOf(onServer, u"deal_stage"_qs), 2);
        syncClean(*darcel);
        syncClean(*gladys);
        QCOMPARE(cardIn(replicaPath(*darcel), client), onServer); // his, for now
        QVERIFY(cardIn(replicaPath(*gladys), client).empty());

        head->cmd({u"reassign-client"_qs, client, u"--to"_qs, u"gladys.colclough"_qs});
        head->cmd({u"reassign-activity"_qs, visit, u"--to"_qs, u"gladys.colclough"_qs});
        syncClean(*head);
        onServer = cardIn(server_.dbPath(), client);

        syncClean(*gladys);
        QCOMPARE(cardIn(replicaPath(*gladys), client), onServer);
        auto card = gladys->json({u"client"_qs, client}).object();
        QCOMPARE(str(card[u"client"_qs].toObject()[u"curator_name"_qs]), u"Gladys Colclough"_qs);
        QCOMPARE(card[u"history"_qs].toArray().size(), 1);
        QCOMPARE(card[u"contacts"_qs].toArray().size(), 2);

        syncClean(*darcel);
        auto left = cardIn(replicaPath(*darcel), client);
        QVERIFY2(left.empty(), qPrintable(QStringList(left.begin(), left.end()).join(u", "_qs)));
        darcel->cmd({u"client"_qs, client}, 2);
        QVERIFY(darcel->lastErr.contains("(unknown_client)"));

        // Nothing more is waiting: the scope change came in that one sync.
        QCOMPARE(darcel->sync()[u"pulled"_qs].toInt(), 0);
        QCOMPARE(gladys->sync()[u"pulled"_qs].toInt(), 0);

        // Step by step equals from scratch, for both managers, every table.
        for (auto* old : {darcel.get(), gladys.get()}) {
            auto login = old == darcel.get() ? u"darcel.schlecht"_qs : u"gladys.colclough"_qs;
            auto fresh = device(login);
            QVERIFY(fresh);
            auto a = everything(replicaPath(*old));
            auto b = everything(replicaPath(*fresh));
            QVERIFY2(a == b, qPrintable(login + u": only step by step: "_qs +
                                        difference(a, b).join(u", "_qs) + u"; only fresh: "_qs +
                                        difference(b, a).join(u", "_qs)));
        }
    }

    // SPEC §4: an edit the old curator made offline to the moved card is not
    // lost when the card leaves his replica: the record stays while its
    // edit waits, the edit is pushed, the server answers it (here: refused,
    // with a reason he can read), and only then does the record go.
    void pendingEditIsAnsweredNotDropped() {
        auto& tina = tina_;
        auto& head = head_;
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto [client, visit] = cardBuiltByOthers(u"Pending Edits Ltd"_qs, *tina, *head);
        QVERIFY(!client.isEmpty());
        syncClean(*darcel);
        QVERIFY(!cardIn(replicaPath(*darcel), client).empty());

        // Offline: Darcel edits the card and adds a contact.
        darcel->cmd({u"edit-client"_qs, client, u"--set"_qs, u"notes=Call back after the fair"_qs});
        auto carl = savedId(*darcel, {u"add-contact"_qs, client, u"--name"_qs, u"Carl New"_qs});
        QVERIFY(!carl.isEmpty());
        QCOMPARE(darcel->json({u"status"_qs}).object()[u"pending"_qs].toInt(), 2);

        head->cmd({u"reassign-client"_qs, client, u"--to"_qs, u"gladys.colclough"_qs});
        head->cmd({u"reassign-activity"_qs, visit, u"--to"_qs, u"gladys.colclough"_qs});
        syncClean(*head);

        // The removals arrive before the edits are pushed (a pull on its own,
        // with the real replica and transport): the edited records stay.
        {
            Replica replica(replicaPath(*darcel).toStdString());
            auto session = replica.session();
            QVERIFY(session);
            HttpTransport http(server_.url().toStdString());
            int removals = 0;
            for (bool more = true; more;) {
                auto target =
                    "/api/v1/sync/pull?cursor=" + std::to_string(replica.status().cursor) +
                    "&limit=1000";
                auto r = http.request("GET", target, "", session->token);
                QCOMPARE(r.status, 200);
                auto page =
                    fieldbook::sync::pullResponseFromJson(fieldbook::sync::parseJson(r.body));
                for (const auto& c : page.changes) {
                    removals += c.removed ? 1 : 0;
                    QVERIFY(!c.removed || c.deleted); // old devices read it as a tombstone
                }
                replica.applyPull(page);
                more = page.hasMore;
            }
            QVERIFY(removals >= 10);
        }
        auto kept = cardIn(replicaPath(*darcel), client);
        QCOMPARE(countOf(kept, u"client"_qs), 1);
        QCOMPARE(countOf(kept, u"contact"_qs), 1); // Carl, not yet pushed
        QCOMPARE(countOf(kept, u"history_entry"_qs) + countOf(kept, u"deal"_qs) +
                     countOf(kept, u"mailing_request"_qs) + countOf(kept, u"planned_activity"_qs),
                 0);
        auto local = darcel->json({u"client"_qs, client}).object();
        QCOMPARE(str(local[u"client"_qs].toObject()[u"notes"_qs]), u"Call back after the fair"_qs);
        QCOMPARE(darcel->json({u"status"_qs}).object()[u"pending"_qs].toInt(), 2);

        // The next sync pushes both edits; the server answers each with a reason.
        auto s = darcel->sync();
        QCOMPARE(darcel->lastExit, 0);
        QCOMPARE(s[u"rejected"_qs].toInt(), 2);
        auto refused = darcel->json({u"rejected"_qs}).array();
        std::set<QString> refusedIds;
        for (const auto& r : refused) {
            auto o = r.toObject();
            if (str(o[u"record_id"_qs]) == client || str(o[u"record_id"_qs]) == carl) {
                refusedIds.insert(str(o[u"record_id"_qs]));
                QCOMPARE(str(o[u"error_code"_qs]), u"out_of_scope"_qs);
                QVERIFY(!str(o[u"error_message"_qs]).isEmpty());
            }
        }
        QCOMPARE(refusedIds, (std::set<QString>{client, carl}));
        // The same in words, with what he typed (fresh-user: raw JSON, ms times).
        auto words = QString::fromUtf8(darcel->cmd({u"rejected"_qs}));
        QVERIFY2(words.contains(u"refused (out_of_scope): "_qs), qPrintable(words));
        QVERIFY2(words.contains(u"You sent: notes=\"Call back after the fair\""_qs),
                 qPrintable(words));
        QVERIFY2(words.contains(u"contact \"Carl New\" (not on this device) refused"_qs),
                 qPrintable(words));
        QVERIFY2(words.endsWith(u"2 refused edits\n"_qs), qPrintable(words));
        QVERIFY(cardIn(replicaPath(*darcel), client).empty());
        QCOMPARE(darcel->json({u"status"_qs}).object()[u"pending"_qs].toInt(), 0);
        // The server kept Gladys's card as it was.
        QCOMPARE(serverText("SELECT COALESCE(notes, '') FROM clients WHERE id = ?", client),
                 QString());
    }

    // SPEC §3.5: reassigning one visit moves only that activity; its new
    // assignee receives the client's card with it (but not deals that are
    // not hers); the curator keeps everything. Given back, the visit takes
    // the card away from her again.
    void reassignedVisitBringsItsCard() {
        auto& head = head_;
        auto darcel = device(u"darcel.schlecht"_qs);
        auto gladys = device(u"gladys.colclough"_qs);
        QVERIFY(darcel && gladys);
        auto client = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Visit Only Gmbh"_qs});
        savedId(*darcel, {u"add-contact"_qs, client, u"--name"_qs, u"Dora Desk"_qs});
        savedId(*darcel, {u"log"_qs, client, u"--kind"_qs, u"meeting"_qs, u"--summary"_qs,
                          u"Met the board"_qs});
        auto first = savedId(*darcel, {u"plan"_qs, client, u"--at"_qs, u"2027-05-03T10:00"_qs,
                                       u"--minutes"_qs, u"30"_qs, u"--kind"_qs, u"visit"_qs});
        auto second = savedId(*darcel, {u"plan"_qs, client, u"--at"_qs, u"2027-05-10T10:00"_qs,
                                        u"--minutes"_qs, u"30"_qs, u"--kind"_qs, u"call"_qs});
        auto deal = savedId(*darcel, {u"open-deal"_qs, client, u"--title"_qs, u"Pilot"_qs});
        QVERIFY(!deal.isEmpty() && !second.isEmpty());
        syncClean(*darcel);
        syncClean(*gladys);
        QVERIFY(cardIn(replicaPath(*gladys), client).empty());

        head->sync();
        head->cmd({u"reassign-activity"_qs, first, u"--to"_qs, u"gladys.colclough"_qs});
        syncClean(*head);
        syncClean(*gladys);
        syncClean(*darcel);

        auto hers = cardIn(replicaPath(*gladys), client);
        QCOMPARE(countOf(hers, u"client"_qs), 1);
        QCOMPARE(countOf(hers, u"contact"_qs), 1);
        QCOMPARE(countOf(hers, u"history_entry"_qs), 1);
        QCOMPARE(countOf(hers, u"planned_activity"_qs), 2); // activities of a client she works
        QCOMPARE(countOf(hers, u"deal"_qs) + countOf(hers, u"deal_stage"_qs), 0); // Darcel's deal
        auto plan = gladys->json({u"today"_qs, u"--date"_qs, u"2027-05-03"_qs}).array();
        QCOMPARE(plan.size(), 1);
        QCOMPARE(str(plan[0].toObject()[u"id"_qs]), first);
        QCOMPARE(gladys->json({u"today"_qs, u"--date"_qs, u"2027-05-10"_qs}).array().size(), 0);

        // Darcel keeps the whole card; only the one visit changed hands.
        QCOMPARE(cardIn(replicaPath(*darcel), client), cardIn(server_.dbPath(), client));
        QCOMPARE(darcel->json({u"today"_qs, u"--date"_qs, u"2027-05-03"_qs}).array().size(), 0);
        QCOMPARE(darcel->json({u"today"_qs, u"--date"_qs, u"2027-05-10"_qs}).array().size(), 1);

        head->cmd({u"reassign-activity"_qs, first, u"--to"_qs, u"darcel.schlecht"_qs});
        syncClean(*head);
        syncClean(*gladys);
        QVERIFY(cardIn(replicaPath(*gladys), client).empty());
        syncClean(*darcel);
        QCOMPARE(darcel->json({u"today"_qs, u"--date"_qs, u"2027-05-03"_qs}).array().size(), 1);
    }

    // SPEC §4: a manager who still has his own deal at a client keeps the
    // client, its contacts, history and his deal when the curatorship moves;
    // the head's deal there, his only as the curator's, leaves his replica.
    void ownDealKeepsTheClient() {
        auto& head = head_;
        auto darcel = device(u"darcel.schlecht"_qs);
        auto gladys = device(u"gladys.colclough"_qs);
        QVERIFY(darcel && gladys);
        auto client = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Keeps Deals Inc"_qs});
        savedId(*darcel, {u"add-contact"_qs, client, u"--name"_qs, u"Eve Owner"_qs});
        savedId(*darcel, {u"log"_qs, client, u"--kind"_qs, u"call"_qs, u"--summary"_qs,
                          u"Interested in MG"_qs});
        auto own = savedId(*darcel, {u"open-deal"_qs, client, u"--title"_qs, u"MG upgrade"_qs});
        darcel->cmd({u"add-line"_qs, own, u"--product"_qs, u"MG Special"_qs, u"--qty"_qs, u"3"_qs,
                     u"--price"_qs, u"55.00"_qs});
        syncClean(*darcel);
        head->sync();
        auto heads = savedId(*head, {u"open-deal"_qs, client, u"--title"_qs, u"Head's deal"_qs});
        head->cmd({u"add-line"_qs, heads, u"--product"_qs, u"GTX Pro"_qs, u"--qty"_qs, u"1"_qs,
                   u"--price"_qs, u"4821.00"_qs});
        syncClean(*head);
        syncClean(*darcel);
        QCOMPARE(cardIn(replicaPath(*darcel), client), cardIn(server_.dbPath(), client));

        head->cmd({u"reassign-client"_qs, client, u"--to"_qs, u"gladys.colclough"_qs});
        syncClean(*head);
        syncClean(*darcel);
        syncClean(*gladys);

        auto onServer = cardIn(server_.dbPath(), client);
        QCOMPARE(cardIn(replicaPath(*gladys), client), onServer); // the curator sees it all
        auto his = cardIn(replicaPath(*darcel), client);
        QCOMPARE(countOf(his, u"client"_qs), 1);
        QCOMPARE(countOf(his, u"contact"_qs), 1);
        QCOMPARE(countOf(his, u"history_entry"_qs), 1);
        QCOMPARE(countOf(his, u"deal"_qs), 1);
        QVERIFY(his.count(u"deal/"_qs + own + u"/v"_qs +
                          serverText("SELECT version FROM deals WHERE id = ?", own)));
        QCOMPARE(countOf(his, u"deal_line"_qs), 1);
        QCOMPARE(countOf(his, u"deal_stage"_qs), 1);
        QCOMPARE(countOf(onServer, u"deal"_qs), 2);
        QVERIFY(darcel->json({u"deal"_qs, heads}).object().isEmpty());
        auto fresh = device(u"darcel.schlecht"_qs);
        QVERIFY(fresh);
        QCOMPARE(his, cardIn(replicaPath(*fresh), client));
    }

    // The head gives Darcel's deal to Gladys: the deal brings her its client's
    // card with it; Darcel, the curator, keeps all. Then the head moves a
    // contact of that client to another of Darcel's clients: it leaves
    // Gladys's replica on its own. (The CLI has no deal or contact edit: the
    // head's replica is edited through the device library, then synced.)
    void movedDealAndContact() {
        auto darcel = device(u"darcel.schlecht"_qs);
        auto gladys = device(u"gladys.colclough"_qs);
        QVERIFY(darcel && gladys);
        auto client = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Deal Moves Sa"_qs});
        auto other = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Other Darcel Sa"_qs});
        auto contact = savedId(*darcel, {u"add-contact"_qs, client, u"--name"_qs, u"Gus Go"_qs});
        savedId(*darcel,
                {u"log"_qs, client, u"--kind"_qs, u"call"_qs, u"--summary"_qs, u"Wants GTX"_qs});
        auto deal = savedId(*darcel, {u"open-deal"_qs, client, u"--title"_qs, u"GTX order"_qs});
        darcel->cmd({u"add-line"_qs, deal, u"--product"_qs, u"GTX Basic"_qs, u"--qty"_qs, u"4"_qs,
                     u"--price"_qs, u"550.00"_qs});
        syncClean(*darcel);
        syncClean(*gladys);
        QVERIFY(cardIn(replicaPath(*gladys), client).empty());

        head_->sync();
        {
            Replica replica(replicaPath(*head_).toStdString());
            replica.updateRecord("deal", deal.toStdString(),
                                 {{"manager_id", userId(u"gladys.colclough"_qs).toStdString()}});
        }
        syncClean(*head_);
        syncClean(*gladys);
        syncClean(*darcel);
        auto onServer = cardIn(server_.dbPath(), client);
        QCOMPARE(countOf(onServer, u"deal_line"_qs), 1);
        QCOMPARE(cardIn(replicaPath(*gladys), client), onServer);
        QCOMPARE(cardIn(replicaPath(*darcel), client), onServer);

        {
            Replica replica(replicaPath(*head_).toStdString());
            replica.updateRecord("contact", contact.toStdString(),
                                 {{"client_id", other.toStdString()}});
        }
        syncClean(*head_);
        syncClean(*gladys);
        syncClean(*darcel);
        QCOMPARE(countOf(cardIn(replicaPath(*gladys), client), u"contact"_qs), 0);
        QCOMPARE(countOf(cardIn(replicaPath(*gladys), other), u"contact"_qs), 0);
        QCOMPARE(countOf(cardIn(replicaPath(*darcel), other), u"contact"_qs), 1);
        QCOMPARE(cardIn(replicaPath(*gladys), client), cardIn(server_.dbPath(), client));
    }

    // SPEC §4: deleting the only record that kept a client in a manager's
    // scope (here: her one planned activity there) takes the card away.
    void deletedActivityTakesTheCardAway() {
        auto& tina = tina_;
        auto darcel = device(u"darcel.schlecht"_qs);
        auto gladys = device(u"gladys.colclough"_qs);
        QVERIFY(darcel && gladys);
        auto client = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Short Visit Co"_qs});
        savedId(*darcel, {u"add-contact"_qs, client, u"--name"_qs, u"Fay Front"_qs});
        syncClean(*darcel);
        tina->sync();
        auto visit = savedId(*tina, {u"plan"_qs, client, u"--at"_qs, u"2027-06-01T09:00"_qs,
                                     u"--minutes"_qs, u"30"_qs, u"--kind"_qs, u"visit"_qs,
                                     u"--assignee"_qs, u"gladys.colclough"_qs});
        syncClean(*tina);
        syncClean(*gladys);
        QCOMPARE(countOf(cardIn(replicaPath(*gladys), client), u"contact"_qs), 1);

        // The head deletes the visit (the CLI has no delete: a raw push of the
        // real protocol, with the head's own token).
        {
            Replica replica(replicaPath(*head_).toStdString());
            HttpTransport http(server_.url().toStdString());
            fieldbook::sync::Mutation m;
            m.mutationId = fieldbook::domain::newUuid();
            m.entity = "planned_activity";
            m.recordId = visit.toStdString();
            m.op = "delete";
            m.baseVersion = serverText("SELECT version FROM planned_activities WHERE id = ?", visit)
                                .toLongLong();
            m.hlc = "001795944549537-000000-" + replica.session()->deviceId;
            fieldbook::sync::PushRequest req;
            req.mutations = {m};
            auto r = http.request("POST", "/api/v1/sync/push", fieldbook::sync::toJson(req).dump(),
                                  replica.session()->token);
            QCOMPARE(r.status, 200);
            auto answer = fieldbook::sync::pushResponseFromJson(fieldbook::sync::parseJson(r.body));
            QCOMPARE(QString::fromStdString(answer.results.at(0).status), u"applied"_qs);
        }
        syncClean(*gladys);
        QVERIFY(cardIn(replicaPath(*gladys), client).empty());
        syncClean(*darcel);
        QCOMPARE(countOf(cardIn(replicaPath(*darcel), client), u"contact"_qs), 1);
    }

    // A big card (a sample client with its hundreds of deals and stages)
    // given to a new manager arrives in small pages; a pull broken off after
    // a few pages resumes where it stopped, also when the card changes in
    // between, and ends with exactly the server's card.
    void bigGrantPagesAndResumes() {
        auto bigClient = serverText("SELECT client_id FROM deals WHERE client_id IS NOT NULL "
                                    "GROUP BY client_id ORDER BY count(*) DESC LIMIT 1");
        QVERIFY(!bigClient.isEmpty());
        auto& head = head_;
        auto paige = device(u"paige.newhire"_qs);
        QVERIFY(paige);
        QVERIFY(cardIn(replicaPath(*paige), bigClient).empty());

        head->cmd({u"reassign-client"_qs, bigClient, u"--to"_qs, u"paige.newhire"_qs});
        syncClean(*head);
        auto onServer = cardIn(server_.dbPath(), bigClient);
        QVERIFY2(onServer.size() > 200, qPrintable(QString::number(onServer.size())));

        constexpr int kPage = 37;
        std::int64_t lastPosition = 0;
        {
            Replica replica(replicaPath(*paige).toStdString());
            HttpTransport http(server_.url().toStdString());
            auto token = replica.session()->token;
            for (int i = 0; i < 3; ++i) {
                auto cursor = replica.status().cursor;
                auto r = http.request("GET",
                                      "/api/v1/sync/pull?cursor=" + std::to_string(cursor) +
                                          "&limit=" + std::to_string(kPage),
                                      "", token);
                QCOMPARE(r.status, 200);
                auto page =
                    fieldbook::sync::pullResponseFromJson(fieldbook::sync::parseJson(r.body));
                QCOMPARE(int(page.changes.size()), kPage);
                QVERIFY(page.hasMore);
                for (const auto& c : page.changes) {
                    QVERIFY(c.seq > lastPosition); // one order, never back
                    QVERIFY(!c.removed);
                    lastPosition = c.seq;
                }
                QCOMPARE(page.cursor, lastPosition);
                replica.applyPull(page);
            }
        } // the "crash": the device stops after three pages
        auto partly = cardIn(replicaPath(*paige), bigClient);
        QVERIFY(partly.size() >= size_t(2 * kPage) && partly.size() < onServer.size());

        // Meanwhile the card changes: a new history entry and a changed deal.
        auto anyDeal = serverText("SELECT id FROM deals WHERE client_id = ? ORDER BY id DESC "
                                  "LIMIT 1",
                                  bigClient);
        head->cmd({u"log"_qs, bigClient, u"--kind"_qs, u"note"_qs, u"--summary"_qs,
                   u"Handed over to Paige"_qs});
        head->cmd({u"add-delivery"_qs, anyDeal, u"--date"_qs, u"2026-07-01"_qs});
        syncClean(*head);

        {
            Replica replica(replicaPath(*paige).toStdString());
            HttpTransport http(server_.url().toStdString());
            SyncEngine engine(replica, http);
            engine.pullPageSize = kPage;
            auto summary = engine.sync();
            QVERIFY(summary.pulled > kPage);
        }
        QCOMPARE(cardIn(replicaPath(*paige), bigClient), cardIn(server_.dbPath(), bigClient));
        auto fresh = device(u"paige.newhire"_qs);
        QVERIFY(fresh);
        QCOMPARE(everything(replicaPath(*paige)), everything(replicaPath(*fresh)));
    }

    /// A first download of `login`'s scope by raw pages of `limit` (cursor
    /// 0, then the answer's cursor and snapshot), as a new device pulls.
    /// Calls `between(page)` after each page but the last. Returns how many
    /// times each record ("entity/id") came, and the last state of each as
    /// "entity/id/vVERSION" (removed ones left out).
    std::pair<std::map<QString, int>, std::set<QString>>
    firstDownload(const QString& login, int limit, const std::function<void(int)>& between) {
        CliDevice d;
        std::map<QString, int> times;
        std::map<QString, QString> last;
        if (!d.login(server_.url(), login)) {
            return {};
        }
        auto token = Replica(replicaPath(d).toStdString()).session()->token;
        HttpTransport http(server_.url().toStdString());
        std::int64_t cursor = 0;
        std::int64_t snapshot = 0;
        for (int page = 1;; ++page) {
            auto r = http.request("GET",
                                  "/api/v1/sync/pull?cursor=" + std::to_string(cursor) +
                                      "&limit=" + std::to_string(limit) +
                                      (snapshot ? "&snapshot=" + std::to_string(snapshot) : ""),
                                  "", token);
            if (r.status != 200) {
                qWarning("pull: %d %s", r.status, r.body.c_str());
                return {};
            }
            auto p = fieldbook::sync::pullResponseFromJson(fieldbook::sync::parseJson(r.body));
            for (const auto& c : p.changes) {
                auto key = QString::fromStdString(c.entity + "/" + c.id);
                ++times[key];
                last[key] = c.removed || c.deleted ? QString()
                                                   : key + u"/v"_qs + QString::number(c.version);
            }
            cursor = p.cursor;
            snapshot = p.snapshot;
            if (!p.hasMore) {
                break;
            }
            between(page);
        }
        std::set<QString> live;
        for (const auto& [key, state] : last) {
            if (!state.isEmpty()) {
                live.insert(state);
            }
        }
        return {times, live};
    }

    // Break-it F3: a card that entered a manager's scope many times before
    // his first download began comes once in it (each grant re-sent the
    // whole card: 2.2x the records after 5 gives, 9.4x after heavy
    // reassigning), and the download equals what a device of his holds.
    void firstDownloadSendsEachRecordOnce() {
        auto& head = head_;
        const auto darcel = userId(u"darcel.schlecht"_qs);
        auto client = serverText("SELECT d.client_id FROM deals d JOIN clients c ON c.id = "
                                 "d.client_id WHERE c.deleted = 0 AND c.curator_id IS NOT ? "
                                 "GROUP BY d.client_id ORDER BY count(*) DESC LIMIT 1 OFFSET 1",
                                 darcel);
        QVERIFY(!client.isEmpty());
        for (int k = 0; k < 3; ++k) {
            for (auto to : {u"darcel.schlecht"_qs, u"gladys.colclough"_qs}) {
                head->cmd({u"reassign-client"_qs, client, u"--to"_qs, to});
                syncClean(*head);
            }
        }
        head->cmd({u"reassign-client"_qs, client, u"--to"_qs, u"darcel.schlecht"_qs});
        syncClean(*head);
        auto card = cardIn(server_.dbPath(), client);
        QVERIFY2(card.size() > 50, qPrintable(QString::number(card.size())));

        auto [times, live] = firstDownload(u"darcel.schlecht"_qs, 100, [](int) {});
        QVERIFY(!times.empty());
        QStringList twice;
        for (const auto& [key, n] : times) {
            if (n > 1) {
                twice << key + u" x"_qs + QString::number(n);
            }
        }
        QVERIFY2(twice.isEmpty(), qPrintable(QString::number(twice.size()) +
                                             u" records more "
                                             u"than once: "_qs +
                                             twice.mid(0, 5).join(u", "_qs)));
        for (const auto& r : card) {
            QVERIFY2(live.count(r), qPrintable(r));
        }
        auto fresh = device(u"darcel.schlecht"_qs);
        QVERIFY(fresh);
        auto held = everything(replicaPath(*fresh));
        QCOMPARE(int(times.size()), int(held.size()));
    }

    // A card given to the manager while his first download runs still
    // arrives in it: the grant lies after the download's snapshot.
    void grantDuringFirstDownloadArrives() {
        auto& head = head_;
        const auto gladys = userId(u"gladys.colclough"_qs);
        auto given = serverText("SELECT d.client_id FROM deals d JOIN clients c ON c.id = "
                                "d.client_id WHERE c.deleted = 0 AND c.curator_id IS NOT ? "
                                "GROUP BY d.client_id ORDER BY count(*) DESC LIMIT 1 OFFSET 3",
                                gladys);
        QVERIFY(!given.isEmpty());
        auto [times, live] = firstDownload(u"gladys.colclough"_qs, 100, [&](int page) {
            if (page == 2) {
                head->cmd({u"reassign-client"_qs, given, u"--to"_qs, u"gladys.colclough"_qs});
                syncClean(*head);
            }
        });
        QVERIFY(!times.empty());
        auto card = cardIn(server_.dbPath(), given);
        QVERIFY2(card.size() > 20, qPrintable(QString::number(card.size())));
        QStringList missing;
        for (const auto& r : card) {
            if (!live.count(r)) {
                missing << r;
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QString::number(missing.size()) + u" missing: "_qs +
                                               missing.mid(0, 5).join(u", "_qs)));
        auto fresh = device(u"gladys.colclough"_qs);
        QVERIFY(fresh);
        QCOMPARE(int(live.size()), int(everything(replicaPath(*fresh)).size()));
    }
};

QTEST_GUILESS_MAIN(TestScopeChanges)
#include "tst_scope_changes.moc"
