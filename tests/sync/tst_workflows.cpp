// SPDX-License-Identifier: MIT
// Issue 3: every sales-process workflow of SPEC §3 end to end, through the
// real fieldbook-server (sample data) and fieldbook-cli devices: today's plan,
// the full card, a deal from opening to closing with the head's view of its
// stage timeline, planning for oneself and for a manager with busy times,
// reassignment by the head, telemarketing's inbound call, mailing requests,
// an activity marked done, and history corrections.
#include "domain/clock.h"
#include "sync_helpers.h"

#include <QDateTime>

using namespace fieldbook::test;

namespace {
QJsonObject obj(CliDevice& d, const QStringList& args) {
    return d.json(args).object();
}
QJsonArray arr(CliDevice& d, const QStringList& args) {
    return d.json(args).array();
}
QString str(const QJsonValue& v) {
    return v.toString();
}
/// The id a `--json` edit printed.
QString isoDay(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd"_qs);
}
QString isoTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}
QString stableId(const char* ns, const QString& name) {
    return QString::fromStdString(fieldbook::domain::stableUuid(ns, name.toStdString()));
}
} // namespace

class TestWorkflows : public QObject {
    Q_OBJECT

    TestServer server_;
    QString zen_; ///< Zencorporation: a client of Darcel's deals

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

    /// A logged-in, synced device.
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

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        QVERIFY(addUser(u"tina.tele"_qs, u"Tina Tele"_qs, u"telemarketing"_qs));
        QVERIFY(addUser(u"mark.eting"_qs, u"Mark Eting"_qs, u"marketing"_qs));
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        zen_ = darcel->clientId(u"Zencorporation"_qs);
        QVERIFY(!zen_.isEmpty());
    }

    // SPEC §3.1: today's own plan, overdue first; any other day on request.
    void todaysPlanOverdueFirst() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto now = fieldbook::domain::nowMs();
        auto dayStart = now - now % 86'400'000;
        auto plan = [&](qint64 at, const QString& purpose) {
            return savedId(*darcel, {u"plan"_qs, zen_, u"--at"_qs, isoTime(at), u"--minutes"_qs,
                                     u"30"_qs, u"--kind"_qs, u"call"_qs, u"--purpose"_qs, purpose});
        };
        auto overdue = plan(dayStart - 2 * 86'400'000 + 9 * 3'600'000, u"overdue call"_qs);
        auto todays = plan(dayStart + 12 * 3'600'000, u"today's call"_qs);
        const qint64 otherDay = 1'800'000'000'000; // 2027-01-15T08:00:00Z
        auto later = plan(otherDay, u"later call"_qs);
        syncClean(*darcel);

        auto today = arr(*darcel, {u"today"_qs});
        QStringList order;
        bool seenToday = false;
        for (const auto& a : today) {
            auto o = a.toObject();
            order << str(o[u"id"_qs]);
            if (o[u"overdue"_qs].toInt() == 0) {
                seenToday = true;
            }
            QVERIFY2(!(seenToday && o[u"overdue"_qs].toInt() == 1), "overdue ones come first");
        }
        QVERIFY(order.contains(overdue));
        QVERIFY(order.contains(todays));
        QVERIFY(!order.contains(later));
        QVERIFY(order.indexOf(overdue) < order.indexOf(todays));
        auto text = darcel->cmd({u"today"_qs});
        QVERIFY(text.contains("OVERDUE"));
        QVERIFY(text.contains("overdue call"));

        auto other = arr(*darcel, {u"today"_qs, u"--date"_qs, isoDay(otherDay)});
        QCOMPARE(other.size(), 1);
        QCOMPARE(str(other[0].toObject()[u"id"_qs]), later);
        QCOMPARE(other[0].toObject()[u"overdue"_qs].toInt(), 0);
        // The head reads Darcel's day too.
        auto head = device(u"melvin.marxen"_qs);
        QVERIFY(head);
        auto seen = arr(*head, {u"today"_qs, u"--date"_qs, isoDay(otherDay), u"--user"_qs,
                                u"darcel.schlecht"_qs});
        QCOMPARE(seen.size(), 1);
    }

    // SPEC §3.2: the whole card: every field, contacts, deals, history, plans, mailings.
    void fullCard() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        darcel->cmd({u"edit-client"_qs, zen_, u"--set"_qs, u"phone=+1 555 0199"_qs, u"--set"_qs,
                     u"interest_level=high"_qs, u"--set"_qs, u"notes=Prefers mornings"_qs});
        auto contact =
            savedId(*darcel, {u"add-contact"_qs, zen_, u"--name"_qs, u"Ola Nordmann"_qs,
                              u"--set"_qs, u"position=CTO"_qs, u"--set"_qs,
                              u"email=ola@zen.test"_qs, u"--set"_qs, u"decision_maker=true"_qs});
        QVERIFY(!contact.isEmpty());
        darcel->cmd({u"log"_qs, zen_, u"--kind"_qs, u"meeting"_qs, u"--summary"_qs,
                     u"Walked the CTO through the roadmap"_qs});
        syncClean(*darcel);

        auto head = device(u"melvin.marxen"_qs);
        QVERIFY(head);
        auto card = obj(*head, {u"client"_qs, zen_});
        for (const char* key : {"client", "contacts", "deals", "history", "plans", "mailings"}) {
            QVERIFY2(card.contains(QLatin1String(key)), key);
        }
        auto client = card[u"client"_qs].toObject();
        QCOMPARE(str(client[u"phone"_qs]), u"+1 555 0199"_qs);
        QCOMPARE(str(client[u"interest_level"_qs]), u"high"_qs);
        QVERIFY(card[u"deals"_qs].toArray().size() > 0);
        bool found = false;
        for (const auto& c : card[u"contacts"_qs].toArray()) {
            found |= str(c.toObject()[u"id"_qs]) == contact &&
                     c.toObject()[u"decision_maker"_qs].toBool();
        }
        QVERIFY(found);
        QCOMPARE(str(card[u"history"_qs].toArray()[0].toObject()[u"summary"_qs]),
                 u"Walked the CTO through the roadmap"_qs);
        // The text card names every field of the card, filled or not.
        auto text = head->cmd({u"client"_qs, zen_});
        for (const char* field : {"tax_id:", "industry:", "region:", "size:", "curator_id:",
                                  "first_contact_at:", "first_contact_by:", "info_source:",
                                  "triggering_event:", "status:", "interest_level: high"}) {
            QVERIFY2(text.contains(field), field);
        }
        QVERIFY(text.contains("Ola Nordmann, CTO"));
        QVERIFY(text.contains("mailings:"));
        // An unknown card: exit 2 and one line.
        head->cmd({u"client"_qs, u"00000000-0000-4000-8000-00000000ffff"_qs}, 2);
        QVERIFY(head->lastErr.contains("(unknown_client)"));
    }

    // SPEC §3.8: a deal from opening to won, the head's deal view, and a lost one.
    void dealFromOpenToClose() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto stages = arr(*darcel, {u"stages"_qs});
        QVERIFY(stages.size() >= 8);
        auto stage = [&](int i) { return str(stages[i].toObject()[u"code"_qs]); };
        auto deal = savedId(*darcel, {u"open-deal"_qs, zen_, u"--title"_qs, u"GTX Pro rollout"_qs,
                                      u"--set"_qs, u"payment_terms=50% upfront"_qs});
        QVERIFY(!deal.isEmpty());
        darcel->cmd({u"add-line"_qs, deal, u"--product"_qs, u"GTX Pro"_qs, u"--qty"_qs, u"2"_qs,
                     u"--price"_qs, u"4,790.25"_qs});
        darcel->cmd({u"add-line"_qs, deal, u"--product"_qs, u"gtx basic"_qs, u"--qty"_qs, u"1"_qs,
                     u"--price"_qs, u"550"_qs});
        // In order only; a manager cannot override.
        darcel->cmd({u"move-stage"_qs, deal, stage(2)}, 2);
        QVERIFY(darcel->lastErr.contains("(stage_out_of_order)"));
        darcel->cmd({u"move-stage"_qs, deal, stage(2), u"--override"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(forbidden)"));
        for (int i = 1; i <= 5; ++i) {
            darcel->cmd({u"move-stage"_qs, deal, stage(i)});
            QCOMPARE(darcel->lastExit, 0);
        }
        darcel->cmd({u"add-payment"_qs, deal, u"--amount"_qs, u"5000.25"_qs, u"--date"_qs,
                     u"2026-11-20"_qs, u"--document"_qs, u"PP-101"_qs});
        darcel->cmd({u"add-payment"_qs, deal, u"--amount"_qs, u"5,130.25"_qs, u"--date"_qs,
                     u"2026-11-25"_qs});
        darcel->cmd(
            {u"add-payment"_qs, deal, u"--amount"_qs, u"12.345"_qs, u"--date"_qs, u"2026-11-25"_qs},
            2); // no fractions of a cent
        QVERIFY(darcel->lastErr.contains("(bad_usage)"));
        darcel->cmd({u"add-delivery"_qs, deal, u"--date"_qs, u"2026-11-27"_qs, u"--waybill"_qs,
                     u"WB-7"_qs});
        darcel->cmd({u"close-deal"_qs, deal, u"--won"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(won_needs_document)"));
        QCOMPARE(darcel->lastErr.count('\n'), 1);
        darcel->cmd({u"close-deal"_qs, deal, u"--won"_qs, u"--contract"_qs, u"C-2026-17"_qs,
                     u"--invoice"_qs, u"INV-88"_qs});
        syncClean(*darcel);

        // The head's device shows the deal view with its stage timeline.
        auto head = device(u"melvin.marxen"_qs);
        QVERIFY(head);
        auto view = obj(*head, {u"deal"_qs, deal});
        auto d = view[u"deal"_qs].toObject();
        QCOMPARE(str(d[u"outcome"_qs]), u"won"_qs);
        QCOMPARE(str(d[u"contract_no"_qs]), u"C-2026-17"_qs);
        QCOMPARE(str(d[u"stage"_qs]), stage(5));
        QCOMPARE(str(d[u"opened_by_name"_qs]), u"Darcel Schlecht"_qs);
        QCOMPARE(d[u"amount_cents"_qs].toInteger(), 2 * 479'025 + 55'000);
        QCOMPARE(view[u"lines_total_cents"_qs].toInteger(), 2 * 479'025 + 55'000);
        QCOMPARE(view[u"paid_cents"_qs].toInteger(), 500'025 + 513'025);
        auto timeline = view[u"stages"_qs].toArray();
        QCOMPARE(timeline.size(), 6);
        for (int i = 0; i < timeline.size(); ++i) {
            auto s = timeline[i].toObject();
            QCOMPARE(str(s[u"stage"_qs]), stage(i));
            QVERIFY2(s[u"ended_at"_qs].isDouble(), "closing the deal closed its open stage");
            QCOMPARE(str(s[u"manager_name"_qs]), u"Darcel Schlecht"_qs);
            QVERIFY(s[u"norm_days"_qs].isDouble());
            QCOMPARE(s[u"days"_qs].toInt(), 0);
        }
        QCOMPARE(view[u"deliveries"_qs].toArray().size(), 1);
        QCOMPARE(view[u"payments"_qs].toArray().size(), 2);
        auto text = head->cmd({u"deal"_qs, deal});
        QVERIFY(text.contains("paid: 10,130.50"));
        QVERIFY(text.contains("2 x 4,790.25 = 9,580.50"));
        QVERIFY(text.contains("waybill WB-7"));
        QVERIFY(text.contains("0 of 14 days"));

        // The head may skip stages on another deal.
        auto skip = savedId(*darcel, {u"open-deal"_qs, zen_, u"--title"_qs, u"Skipped"_qs});
        syncClean(*darcel);
        head->sync();
        head->cmd({u"move-stage"_qs, skip, stage(4), u"--override"_qs});
        QCOMPARE(head->lastExit, 0);
        syncClean(*head);
        darcel->sync();
        QCOMPARE(str(obj(*darcel, {u"deal"_qs, skip})[u"deal"_qs].toObject()[u"stage"_qs]),
                 stage(4));

        // Lost needs a reason from the refusal_reason list.
        darcel->cmd({u"close-deal"_qs, skip, u"--lost"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(lost_needs_reason)"));
        darcel->cmd({u"close-deal"_qs, skip, u"--lost"_qs, u"--reason"_qs, u"astrology"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(unknown_code)"));
        darcel->cmd({u"close-deal"_qs, skip, u"--lost"_qs, u"--reason"_qs, u"competitor"_qs,
                     u"--comment"_qs, u"Chose a cheaper tool"_qs});
        syncClean(*darcel);
        head->sync();
        auto lost = obj(*head, {u"deal"_qs, skip})[u"deal"_qs].toObject();
        QCOMPARE(str(lost[u"outcome"_qs]), u"lost"_qs);
        QCOMPARE(str(lost[u"refusal_reason"_qs]), u"competitor"_qs);
        QCOMPARE(str(lost[u"refusal_comment"_qs]), u"Chose a cheaper tool"_qs);
    }

    // SPEC §3.2 and §3.4: a visit for oneself; telemarketing plans one for a
    // manager, seeing the manager's busy times and an overlap warning; every
    // device holds the busy times, without the clients.
    void planForSelfAndForAManager() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        const QString day = u"2027-02-01"_qs;
        auto own = savedId(*darcel, {u"plan"_qs, zen_, u"--at"_qs, day + u"T10:00"_qs,
                                     u"--minutes"_qs, u"60"_qs, u"--kind"_qs, u"visit"_qs});
        QVERIFY(!own.isEmpty());
        darcel->cmd({u"plan"_qs, zen_, u"--at"_qs, day + u"T15:00"_qs, u"--minutes"_qs, u"30"_qs,
                     u"--kind"_qs, u"visit"_qs, u"--assignee"_qs, u"gladys.colclough"_qs},
                    2);
        QVERIFY(darcel->lastErr.contains("(forbidden)"));
        syncClean(*darcel);

        auto tina = device(u"tina.tele"_qs);
        QVERIFY(tina);
        auto busy = arr(*tina, {u"busy"_qs, u"darcel.schlecht"_qs, u"--date"_qs, day});
        QCOMPARE(busy.size(), 1);
        QCOMPARE(busy[0].toObject()[u"duration_min"_qs].toInt(), 60);
        QVERIFY(tina->cmd({u"busy"_qs, u"darcel.schlecht"_qs, u"--date"_qs, day})
                    .contains("2027-02-01T10:00:00Z - 2027-02-01T11:00:00Z (60 min)"));
        auto out = tina->cmd({u"plan"_qs, zen_, u"--at"_qs, day + u"T10:30"_qs, u"--minutes"_qs,
                              u"60"_qs, u"--kind"_qs, u"visit"_qs, u"--assignee"_qs,
                              u"darcel.schlecht"_qs, u"--purpose"_qs, u"Demo for the board"_qs});
        QCOMPARE(tina->lastExit, 0); // a warning, not an error
        QVERIFY2(out.contains("warning: overlaps darcel.schlecht's busy time 2027-02-01T10:00:00Z"),
                 out.constData());
        auto free =
            obj(*tina, {u"plan"_qs, zen_, u"--at"_qs, day + u"T13:00"_qs, u"--minutes"_qs, u"30"_qs,
                        u"--kind"_qs, u"call"_qs, u"--assignee"_qs, u"darcel.schlecht"_qs});
        QCOMPARE(free[u"overlaps"_qs].toArray().size(), 0);
        syncClean(*tina);

        darcel->sync();
        auto plan = arr(*darcel, {u"today"_qs, u"--date"_qs, day});
        QCOMPARE(plan.size(), 3);
        QCOMPARE(str(plan[1].toObject()[u"purpose"_qs]), u"Demo for the board"_qs);
        // Another manager's device has Darcel's busy times, not his clients.
        auto gladys = device(u"gladys.colclough"_qs);
        QVERIFY(gladys);
        auto seen = arr(*gladys, {u"busy"_qs, u"darcel.schlecht"_qs, u"--date"_qs, day});
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen[0].toObject().keys(), (QStringList{u"duration_min"_qs, u"starts_at"_qs}));
    }

    /// Fresh-user finding: `--set industry=Retail` (the item's label, as
    /// import-clients and report --segment take it) was refused with
    /// unknown_code; the label now names the item, as on import.
    void aListItemByItsLabel() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto card = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Label Retail Shop"_qs,
                                      u"--set"_qs, u"industry=Retail"_qs});
        QVERIFY(!card.isEmpty());
        auto whole = darcel->json({u"client"_qs, card}).object();
        auto fields = whole.contains(u"client"_qs) ? whole[u"client"_qs].toObject() : whole;
        QCOMPARE(fields[u"industry"_qs].toString(), u"retail"_qs);
        darcel->cmd({u"new-client"_qs, u"--name"_qs, u"Label Nowhere Shop"_qs, u"--set"_qs,
                     u"industry=Nowhere"_qs},
                    2);
        QVERIFY2(darcel->lastErr.contains("unknown_code"), darcel->lastErr.constData());
    }

    // SPEC §3.5: the head gives a client and a visit to another manager; the
    // old curator's device drops the card, the new one receives it whole.
    void headReassignsClientAndVisit() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto card = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Reassigned Widgets"_qs,
                                      u"--set"_qs, u"city=Gdansk"_qs});
        QVERIFY(!card.isEmpty());
        darcel->cmd({u"log"_qs, card, u"--kind"_qs, u"call"_qs, u"--summary"_qs,
                     u"First call: wants a visit"_qs});
        auto visit = savedId(*darcel, {u"plan"_qs, card, u"--at"_qs, u"2027-03-01T09:00"_qs,
                                       u"--minutes"_qs, u"45"_qs, u"--kind"_qs, u"visit"_qs});
        darcel->cmd({u"reassign-client"_qs, card, u"--to"_qs, u"gladys.colclough"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(forbidden)"));
        darcel->cmd({u"reassign-activity"_qs, visit, u"--to"_qs, u"gladys.colclough"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(forbidden)"));
        syncClean(*darcel);
        auto gladys = device(u"gladys.colclough"_qs); // synced before the change
        QVERIFY(gladys);
        QVERIFY(obj(*gladys, {u"client"_qs, card}).isEmpty());

        auto head = device(u"melvin.marxen"_qs);
        QVERIFY(head);
        head->cmd({u"reassign-client"_qs, card, u"--to"_qs, u"gladys.colclough"_qs});
        head->cmd({u"reassign-activity"_qs, visit, u"--to"_qs, u"gladys.colclough"_qs});
        // Again to Gladys: the visit is not busy time against itself.
        auto again =
            obj(*head, {u"reassign-activity"_qs, visit, u"--to"_qs, u"gladys.colclough"_qs});
        QVERIFY(again[u"overlaps"_qs].isArray());
        QCOMPARE(again[u"overlaps"_qs].toArray().size(), 0);
        QVERIFY(!head->cmd({u"reassign-activity"_qs, visit, u"--to"_qs, u"gladys.colclough"_qs})
                     .contains("warning"));
        syncClean(*head);

        syncClean(*gladys);
        auto got = obj(*gladys, {u"client"_qs, card});
        QCOMPARE(str(got[u"client"_qs].toObject()[u"curator_name"_qs]), u"Gladys Colclough"_qs);
        auto plan = arr(*gladys, {u"today"_qs, u"--date"_qs, u"2027-03-01"_qs});
        QCOMPARE(plan.size(), 1);
        QCOMPARE(str(plan[0].toObject()[u"id"_qs]), visit);
        QCOMPARE(got[u"history"_qs].toArray().size(), 1); // the whole card, with its history

        syncClean(*darcel);
        darcel->cmd({u"client"_qs, card}, 2); // left Darcel's scope
        QVERIFY(darcel->lastErr.contains("(unknown_client)"));
        // Darcel planned the visit, so he still sees it, now Gladys's.
        QCOMPARE(arr(*darcel, {u"today"_qs, u"--date"_qs, u"2027-03-01"_qs}).size(), 0);
        auto moved = arr(*darcel, {u"today"_qs, u"--date"_qs, u"2027-03-01"_qs, u"--user"_qs,
                                   u"gladys.colclough"_qs});
        QCOMPARE(moved.size(), 1);
        QCOMPARE(str(moved[0].toObject()[u"id"_qs]), visit);
    }

    // SPEC §3.4 and §3.7: telemarketing takes an inbound call; the duplicate
    // check shows the existing card and its curator first; a new card gets a
    // visit planned for a manager, whose device receives both.
    void inboundCallCreatesCard() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto northwind = savedId(*darcel, {u"new-client"_qs, u"--name"_qs, u"Northwind Traders"_qs,
                                           u"--set"_qs, u"phone=+1 (555) 010-0142"_qs});
        QVERIFY(!northwind.isEmpty());
        syncClean(*darcel);

        auto tina = device(u"tina.tele"_qs);
        QVERIFY(tina);
        auto out = tina->cmd({u"new-client"_qs, u"--name"_qs, u"NORTHWIND TRADERS, Inc."_qs,
                              u"--set"_qs, u"phone=555.010.0142"_qs},
                             3);
        QCOMPARE(tina->lastExit, 3);
        QVERIFY(tina->lastErr.contains("(probable_duplicate)"));
        QVERIFY2(out.contains(northwind.toUtf8()), out.constData());
        QVERIFY(out.contains("curator: Darcel Schlecht"));
        QVERIFY(out.contains("by Darcel Schlecht"));
        QVERIFY(out.contains("same name and phone"));
        QCOMPARE(obj(*tina, {u"status"_qs})[u"pending"_qs].toInt(), 0); // nothing saved

        // The server sees every card: a manager whose replica lacks it is warned too.
        auto gladys = device(u"gladys.colclough"_qs);
        QVERIFY(gladys);
        QVERIFY(gladys->clientId(u"Northwind"_qs).isEmpty());
        auto dup = QJsonDocument::fromJson(
            gladys->cmd({u"--json"_qs, u"new-client"_qs, u"--name"_qs, u"Northwind Traders"_qs,
                         u"--set"_qs, u"phone=5550100142"_qs},
                        3));
        QCOMPARE(gladys->lastExit, 3);
        QCOMPARE(str(dup.object()[u"duplicates"_qs].toArray()[0].toObject()[u"id"_qs]), northwind);

        // A genuinely new card for Darcel, and a visit in his free slot.
        QCOMPARE(arr(*tina, {u"clients"_qs, u"--search"_qs, u"Contoso"_qs}).size(), 0);
        auto contoso =
            savedId(*tina, {u"new-client"_qs, u"--name"_qs, u"Contoso Pharma"_qs, u"--set"_qs,
                            u"city=Lyon"_qs, u"--set"_qs, u"initiative=client"_qs, u"--set"_qs,
                            u"info_source=exhibition"_qs});
        QVERIFY(!contoso.isEmpty());
        auto card = obj(*tina, {u"client"_qs, contoso})[u"client"_qs].toObject();
        QCOMPARE(str(card[u"first_contact_by_name"_qs]), u"Tina Tele"_qs);
        QVERIFY(card[u"curator_id"_qs].isNull()); // telemarketing curates nobody
        auto visit =
            savedId(*tina, {u"plan"_qs, contoso, u"--at"_qs, u"2027-04-05T11:00"_qs,
                            u"--minutes"_qs, u"90"_qs, u"--kind"_qs, u"visit"_qs, u"--assignee"_qs,
                            u"darcel.schlecht"_qs, u"--purpose"_qs, u"Inbound: wants a demo"_qs});
        syncClean(*tina);

        darcel->sync();
        auto plan = arr(*darcel, {u"today"_qs, u"--date"_qs, u"2027-04-05"_qs});
        QCOMPARE(plan.size(), 1);
        QCOMPARE(str(plan[0].toObject()[u"id"_qs]), visit);
        QCOMPARE(str(plan[0].toObject()[u"client_name"_qs]), u"Contoso Pharma"_qs);
        QVERIFY(!obj(*darcel, {u"client"_qs, contoso}).isEmpty());

        // Offline, the check falls back to the replica without a word.
        QCOMPARE(server_.stop(), 0);
        auto offline = gladys->cmd({u"new-client"_qs, u"--name"_qs, u"Northwind Traders"_qs,
                                    u"--set"_qs, u"phone=5550100142"_qs});
        QCOMPARE(gladys->lastExit, 0); // the replica knows no Northwind
        QVERIFY(offline.contains("saved client"));
        QVERIFY(gladys->lastErr.isEmpty());
        QVERIFY(server_.restart());
    }

    // SPEC §3.10: a manager queues a mailing request; the office sees it queued.
    void mailingRequestQueued() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto contact = savedId(*darcel, {u"add-contact"_qs, zen_, u"--name"_qs, u"Pia Buyer"_qs,
                                         u"--set"_qs, u"email=pia@zen.test"_qs});
        darcel->cmd({u"mail"_qs, contact, u"--template"_qs, u"Price list"_qs, u"--fax"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(no_address)"));
        darcel->cmd({u"mail"_qs, contact, u"--template"_qs, u"Horoscope"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(unknown_template)"));
        auto request = savedId(*darcel, {u"mail"_qs, contact, u"--template"_qs, u"price list"_qs});
        QVERIFY(!request.isEmpty());
        syncClean(*darcel);

        auto tina = device(u"tina.tele"_qs);
        QVERIFY(tina);
        auto list = arr(*tina, {u"mailings"_qs, zen_});
        QJsonObject found;
        for (const auto& m : list) {
            if (str(m.toObject()[u"id"_qs]) == request) {
                found = m.toObject();
            }
        }
        QCOMPARE(str(found[u"status"_qs]), u"queued"_qs);
        QCOMPARE(str(found[u"address"_qs]), u"pia@zen.test"_qs);
        QCOMPARE(str(found[u"template_name"_qs]), u"Price list"_qs);
        QCOMPARE(str(found[u"author_name"_qs]), u"Darcel Schlecht"_qs);
        QVERIFY(tina->cmd({u"mailings"_qs, zen_})
                    .contains("Price list to Pia Buyer <pia@zen.test> by email  queued"));
        // Marketing reads, never writes.
        auto mark = device(u"mark.eting"_qs);
        QVERIFY(mark);
        mark->cmd({u"mail"_qs, contact, u"--template"_qs, u"Price list"_qs}, 2);
        QVERIFY(mark->lastErr.contains("(forbidden)"));
    }

    // SPEC §2: marking an activity done writes exactly one history entry, seen everywhere.
    void activityDoneWritesOneEntry() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto visit = savedId(*darcel, {u"plan"_qs, zen_, u"--at"_qs, u"2026-11-02T09:00"_qs,
                                       u"--minutes"_qs, u"60"_qs, u"--kind"_qs, u"visit"_qs});
        syncClean(*darcel);
        auto entry = savedId(*darcel, {u"done"_qs, visit, u"--summary"_qs,
                                       u"Visited; agreed a pilot for 20 seats"_qs});
        QCOMPARE(entry, stableId("activity_done", visit));
        darcel->cmd({u"done"_qs, visit, u"--summary"_qs, u"again"_qs}, 2);
        QVERIFY(darcel->lastErr.contains("(activity_closed)"));
        syncClean(*darcel);
        darcel->sync();

        auto head = device(u"melvin.marxen"_qs);
        auto tina = device(u"tina.tele"_qs);
        QVERIFY(head && tina);
        for (CliDevice* d : {darcel.get(), head.get(), tina.get()}) {
            auto history = obj(*d, {u"client"_qs, zen_})[u"history"_qs].toArray();
            int count = 0;
            for (const auto& h : history) {
                if (str(h.toObject()[u"planned_activity_id"_qs]) == visit) {
                    ++count;
                    QCOMPARE(str(h.toObject()[u"id"_qs]), entry);
                    QCOMPARE(str(h.toObject()[u"kind"_qs]), u"visit"_qs);
                    QCOMPARE(h.toObject()[u"occurred_at"_qs].toInteger(), 1'793'610'000'000LL);
                }
            }
            QCOMPARE(count, 1);
            auto plans = obj(*d, {u"client"_qs, zen_})[u"plans"_qs].toArray();
            for (const auto& p : plans) {
                if (str(p.toObject()[u"id"_qs]) == visit) {
                    QCOMPARE(str(p.toObject()[u"status"_qs]), u"done"_qs);
                }
            }
        }
    }

    // SPEC §2: the author corrects an entry and the previous text is kept;
    // anyone else is refused, on the device and on the server.
    void historyCorrection() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto entry = savedId(*darcel, {u"log"_qs, zen_, u"--kind"_qs, u"call"_qs, u"--summary"_qs,
                                       u"Budget approved: 40k"_qs});
        syncClean(*darcel);
        darcel->cmd({u"correct"_qs, entry, u"--summary"_qs, u"Budget approved: 45k"_qs});
        syncClean(*darcel);

        auto head = device(u"melvin.marxen"_qs);
        QVERIFY(head);
        auto h = obj(*head, {u"history"_qs, entry});
        QCOMPARE(str(h[u"summary"_qs]), u"Budget approved: 45k"_qs);
        auto revisions = h[u"revisions"_qs].toArray();
        QCOMPARE(revisions.size(), 1);
        QCOMPARE(str(revisions[0].toObject()[u"summary"_qs]), u"Budget approved: 40k"_qs);
        QCOMPARE(str(revisions[0].toObject()[u"by_name"_qs]), u"Darcel Schlecht"_qs);
        QVERIFY(head->cmd({u"history"_qs, entry}).contains("Budget approved: 40k"));

        head->cmd({u"correct"_qs, entry, u"--summary"_qs, u"Budget approved: 50k"_qs}, 2);
        QVERIFY(head->lastErr.contains("(not_author)"));
        QCOMPARE(obj(*head, {u"status"_qs})[u"pending"_qs].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkflows)
#include "tst_workflows.moc"
