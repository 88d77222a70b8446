// SPDX-License-Identifier: MIT
// fieldbook-cli commands against the real server (sample data), issue 3's
// open CLI items (docs/cli.md): user references given by login in --set,
// the user directory (`users`), client search by reference labels, a
// manager's --override refused on the device as on the server.
#include "sync_helpers.h"

using namespace fieldbook::test;

namespace {
QString str(const QJsonValue& v) {
    return v.toString();
}
} // namespace

class TestCliCommands : public QObject {
    Q_OBJECT

    TestServer server_;

    /// A logged-in, synced device.
    std::unique_ptr<CliDevice> device(const QString& login) {
        auto d = std::make_unique<CliDevice>();
        if (!d->login(server_.url(), login)) {
            return nullptr;
        }
        d->sync();
        return d->lastExit == 0 ? std::move(d) : nullptr;
    }
    static QString userIdOf(CliDevice& d, const QString& login) {
        for (const auto& u : d.json({u"users"_qs}).array()) {
            if (str(u.toObject()[u"login"_qs]) == login) {
                return str(u.toObject()[u"id"_qs]);
            }
        }
        return {};
    }

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        auto r =
            run(binPath(u"fieldbook-server"_qs),
                {u"user"_qs, u"add"_qs, u"--db"_qs, server_.dbPath(), u"--login"_qs,
                 u"tess.tele"_qs, u"--name"_qs, u"Tess Tele"_qs, u"--role"_qs, u"telemarketing"_qs},
                "demo\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void usersListsTheDirectory() {
        auto head = device(u"celia.rouche"_qs);
        QVERIFY(head);
        auto users = head->json({u"users"_qs}).array();
        QVERIFY(users.size() > 30);
        QJsonObject darcel;
        for (const auto& u : users) {
            if (str(u.toObject()[u"login"_qs]) == u"darcel.schlecht"_qs) {
                darcel = u.toObject();
            }
        }
        QCOMPARE(str(darcel[u"full_name"_qs]), u"Darcel Schlecht"_qs);
        QCOMPARE(str(darcel[u"role"_qs]), u"manager"_qs);
        QCOMPARE(darcel[u"active"_qs].toBool(), true);
        QVERIFY(!str(darcel[u"id"_qs]).isEmpty());
        auto text = head->cmd({u"users"_qs});
        QVERIFY2(text.contains("darcel.schlecht  Darcel Schlecht  manager  active\n"),
                 text.constData());
        QVERIFY(text.contains("tess.tele  Tess Tele  telemarketing  active\n"));
        QVERIFY(text.endsWith(QByteArray::number(users.size()) + " users\n"));
    }

    void userFieldsTakeALogin() {
        auto tess = device(u"tess.tele"_qs);
        QVERIFY(tess);
        const auto darcelId = userIdOf(*tess, u"darcel.schlecht"_qs);
        QVERIFY(!darcelId.isEmpty());
        auto saved = tess->json({u"new-client"_qs, u"--name"_qs, u"Login Curated Ltd"_qs,
                                 u"--set"_qs, u"curator_id=darcel.schlecht"_qs})
                         .object();
        auto id = str(saved[u"id"_qs]);
        QVERIFY(!id.isEmpty());
        auto card = tess->json({u"client"_qs, id}).object()[u"client"_qs].toObject();
        QCOMPARE(str(card[u"curator_id"_qs]), darcelId);
        QCOMPARE(str(card[u"curator_name"_qs]), u"Darcel Schlecht"_qs);
        // An id still works; an unknown login is refused and nothing is saved.
        auto byId = tess->json({u"new-client"_qs, u"--name"_qs, u"Id Curated Ltd"_qs, u"--set"_qs,
                                u"curator_id="_qs + darcelId})
                        .object();
        QVERIFY(!str(byId[u"id"_qs]).isEmpty());
        auto pending = tess->json({u"status"_qs}).object()[u"pending"_qs].toInt();
        tess->cmd({u"new-client"_qs, u"--name"_qs, u"Nobody's Ltd"_qs, u"--set"_qs,
                   u"curator_id=no.such.login"_qs},
                  2);
        QCOMPARE(tess->lastExit, 2);
        QVERIFY2(tess->lastErr.contains("(unknown_user)"), tess->lastErr.constData());
        QCOMPARE(tess->lastErr.count('\n'), 1);
        QCOMPARE(tess->json({u"status"_qs}).object()[u"pending"_qs].toInt(), pending);
        auto s = tess->sync();
        QCOMPARE(s[u"rejected"_qs].toInt(), 0);
    }

    /// Every count line agrees with its count: `clients` printed "1 clients".
    void countLinesAgreeWithTheCount() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto text = darcel->cmd({u"clients"_qs, u"--search"_qs, u"Zencorporation"_qs});
        QVERIFY2(text.endsWith("\n1 client\n"), text.constData());
        text = darcel->cmd({u"clients"_qs, u"--search"_qs, u"Atlantis"_qs});
        QCOMPARE(text, QByteArray("0 clients\n"));
        const auto zen = darcel->clientId(u"Zencorporation"_qs);
        text = darcel->cmd({u"log"_qs, zen, u"--kind"_qs, u"call"_qs, u"--summary"_qs,
                            u"Counted: one edit waits"_qs});
        QVERIFY2(text.endsWith(" (1 edit waiting to sync)\n"), text.constData());
        text = darcel->cmd({u"conflicts"_qs});
        QCOMPARE(text, QByteArray("0 conflicts\n"));
        const auto stages = darcel->json({u"stages"_qs}).array();
        text = darcel->cmd({u"stages"_qs});
        QVERIFY2(text.endsWith("\n" + QByteArray::number(stages.size()) + " stages\n"),
                 text.constData());
        QVERIFY2(!text.contains(" 1 days"), text.constData());
        darcel->sync();
    }

    // Fresh-user trial (main 350da72): `log --at 2126-01-01` was saved and
    // synced; history is append-only, so the date could never be corrected.
    void futureTimesOfPastEventsAreRefused() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        const auto zen = darcel->clientId(u"Zencorporation"_qs);
        QVERIFY(!zen.isEmpty());
        darcel->cmd({u"log"_qs, zen, u"--kind"_qs, u"meeting"_qs, u"--summary"_qs, u"x"_qs,
                     u"--at"_qs, u"2126-01-01"_qs},
                    2);
        QCOMPARE(darcel->lastExit, 2);
        QVERIFY2(darcel->lastErr.contains("occurred_at 2126-01-01T00:00:00Z lies in the future"),
                 darcel->lastErr.constData());
        QCOMPARE(darcel->lastErr.count('\n'), 1);
        QCOMPARE(darcel->json({u"status"_qs}).object()[u"pending"_qs].toInt(), 0);
        darcel->cmd({u"log"_qs, zen, u"--kind"_qs, u"meeting"_qs, u"--summary"_qs,
                     u"Met in January"_qs, u"--at"_qs, u"2026-01-15T10:00"_qs});
        QCOMPARE(darcel->sync()[u"rejected"_qs].toInt(), 0);
    }

    // Fresh-user trial: a card could name itself (or its subsidiary) as parent.
    void aClientIsNotItsOwnParent() {
        auto head = device(u"celia.rouche"_qs);
        QVERIFY(head);
        const auto zen = head->clientId(u"Zencorporation"_qs);
        const auto sub = savedId(*head, {u"new-client"_qs, u"--name"_qs, u"Zen Subsidiary"_qs});
        QVERIFY(!zen.isEmpty() && !sub.isEmpty());
        head->cmd({u"edit-client"_qs, zen, u"--set"_qs, u"parent_client_id="_qs + zen}, 2);
        QVERIFY2(head->lastErr.contains("cannot be its own parent"), head->lastErr.constData());
        head->cmd({u"edit-client"_qs, sub, u"--set"_qs, u"parent_client_id="_qs + zen});
        head->cmd({u"edit-client"_qs, zen, u"--set"_qs, u"parent_client_id="_qs + sub}, 2);
        QVERIFY2(head->lastErr.contains("client_cycle") ||
                     head->lastErr.contains("is a subsidiary of this card"),
                 head->lastErr.constData());
        QCOMPARE(head->sync()[u"rejected"_qs].toInt(), 0);
    }

    void searchMatchesReferenceLabels() {
        auto head = device(u"celia.rouche"_qs);
        QVERIFY(head);
        // The sample's office_location "United States" is region code united_states.
        auto byLabel = head->json({u"clients"_qs, u"--search"_qs, u"United States"_qs}).array();
        QVERIFY(!byLabel.isEmpty());
        for (const auto& c : byLabel) {
            QCOMPARE(str(c.toObject()[u"region"_qs]), u"united_states"_qs);
        }
        auto byCode = head->json({u"clients"_qs, u"--search"_qs, u"united_states"_qs}).array();
        QCOMPARE(byLabel.size(), byCode.size());
        QCOMPARE(head->json({u"clients"_qs, u"--search"_qs, u"Atlantis"_qs}).array().size(), 0);
        // The list prints labels (as `refs` names them), not codes; the
        // card prints both.
        auto text = head->cmd({u"clients"_qs, u"--search"_qs, u"United States"_qs});
        QVERIFY2(text.contains(", United States]"), text.constData());
        QVERIFY2(!text.contains("united_states"), text.constData());
        const auto id = str(byLabel[0].toObject()[u"id"_qs]);
        QVERIFY(head->cmd({u"client"_qs, id}).contains("region: united_states (United States)\n"));
    }

    void managerOverrideIsRefusedOnTheDevice() {
        auto darcel = device(u"darcel.schlecht"_qs);
        QVERIFY(darcel);
        auto zen = darcel->clientId(u"Zencorporation"_qs);
        QVERIFY(!zen.isEmpty());
        auto stages = darcel->json({u"stages"_qs}).array();
        QVERIFY(stages.size() >= 2);
        auto deal = str(darcel->json({u"open-deal"_qs, zen, u"--title"_qs, u"Override probe"_qs})
                            .object()[u"id"_qs]);
        QVERIFY(!deal.isEmpty());
        auto pending = darcel->json({u"status"_qs}).object()[u"pending"_qs].toInt();
        // The next stage in order, asked with --override: the override is the head's.
        darcel->cmd(
            {u"move-stage"_qs, deal, str(stages[1].toObject()[u"code"_qs]), u"--override"_qs}, 2);
        QCOMPARE(darcel->lastExit, 2);
        QVERIFY2(darcel->lastErr.contains("(forbidden)"), darcel->lastErr.constData());
        QCOMPARE(darcel->json({u"status"_qs}).object()[u"pending"_qs].toInt(), pending);
        // Without it the same move is fine.
        darcel->cmd({u"move-stage"_qs, deal, str(stages[1].toObject()[u"code"_qs])});
        QCOMPARE(darcel->lastExit, 0);
        QCOMPARE(darcel->sync()[u"rejected"_qs].toInt(), 0);
    }

    /// `delete ENTITY ID` (fresh-user finding: there was no way to delete a
    /// record): gone on the device at once, gone for the head after sync;
    /// history entries and unknown kinds are refused with their codes.
    void deleteRemovesARecordEverywhere() {
        auto darcel = device(u"darcel.schlecht"_qs);
        auto head = device(u"celia.rouche"_qs);
        QVERIFY(darcel && head);
        auto zen = darcel->clientId(u"Zencorporation"_qs);
        QVERIFY(!zen.isEmpty());
        auto contact = str(darcel->json({u"add-contact"_qs, zen, u"--name"_qs, u"Wrong Number"_qs})
                               .object()[u"id"_qs]);
        QVERIFY(!contact.isEmpty());
        QCOMPARE(darcel->sync()[u"rejected"_qs].toInt(), 0);
        head->sync();
        auto hasContact = [&](CliDevice& d) {
            for (const auto& c : d.json({u"client"_qs, zen}).object()[u"contacts"_qs].toArray()) {
                if (str(c.toObject()[u"id"_qs]) == contact) {
                    return true;
                }
            }
            return false;
        };
        QVERIFY(hasContact(*head));

        auto out = darcel->cmd({u"delete"_qs, u"contact"_qs, contact});
        QVERIFY2(out.startsWith("saved delete of contact " + contact.toUtf8()), out.constData());
        QVERIFY(!hasContact(*darcel));
        QCOMPARE(darcel->sync()[u"rejected"_qs].toInt(), 0);
        QVERIFY(!hasContact(*darcel));
        head->sync();
        QVERIFY(!hasContact(*head));

        auto entry = str(darcel
                             ->json({u"log"_qs, zen, u"--kind"_qs, u"call"_qs, u"--summary"_qs,
                                     u"Kept forever"_qs})
                             .object()[u"id"_qs]);
        QVERIFY(!entry.isEmpty());
        darcel->cmd({u"delete"_qs, u"history_entry"_qs, entry}, 2);
        QVERIFY2(darcel->lastErr.contains("(history_append_only)"), darcel->lastErr.constData());
        darcel->cmd({u"delete"_qs, u"gadget"_qs, entry}, 2);
        QVERIFY2(darcel->lastErr.contains("planned_activity") &&
                     darcel->lastErr.contains("(unknown_entity)"),
                 darcel->lastErr.constData());
        darcel->cmd({u"delete"_qs, u"contact"_qs, contact}, 2);
        QVERIFY2(darcel->lastErr.contains("(unknown_record)"), darcel->lastErr.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_cli_commands.moc"
