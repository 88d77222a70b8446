// SPDX-License-Identifier: MIT
// Done-when 5 of issue 2: concurrent offline edits of one client by two
// devices. Different fields both survive; a same-field collision is decided
// by the last writer on the hybrid logical clock (docs/conflicts.md), whatever
// the push order, and the losing value is in the conflict log of both users.
#include "domain/clock.h"
#include "raw_http.h"
#include "sync_helpers.h"

#include <QThread>

using namespace fieldbook::test;

namespace {
QJsonObject clientOf(CliDevice& d, const QString& id) {
    return d.json({QStringLiteral("client"), id}).object()[QStringLiteral("client")].toObject();
}

QStringList set(const QString& id, const QString& field, const QString& value) {
    return {QStringLiteral("edit-client"), id, QStringLiteral("--set"),
            field + QLatin1Char('=') + value};
}
} // namespace

class TestConflictsSync : public QObject {
    Q_OBJECT

    TestServer server_;
    CliDevice darcel_;
    CliDevice celia_;
    QString client_;

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        QVERIFY(darcel_.login(server_.url(), QStringLiteral("darcel.schlecht")));
        QVERIFY(celia_.login(server_.url(), QStringLiteral("celia.rouche")));
        darcel_.sync();
        celia_.sync();
        client_ = darcel_.clientId(QStringLiteral("Zencorporation"));
        QVERIFY(!client_.isEmpty());
    }

    void differentFieldsBothSurvive() {
        darcel_.cmd(set(client_, QStringLiteral("phone"), QStringLiteral("+1 555 0101")));
        celia_.cmd(set(client_, QStringLiteral("website"), QStringLiteral("zen.example")));
        QCOMPARE(darcel_.sync()[QStringLiteral("conflicts")].toInt(), 0);
        QCOMPARE(celia_.sync()[QStringLiteral("conflicts")].toInt(), 0);
        darcel_.sync();
        for (auto* d : {&darcel_, &celia_}) {
            auto c = clientOf(*d, client_);
            QCOMPARE(c[QStringLiteral("phone")].toString(), QStringLiteral("+1 555 0101"));
            QCOMPARE(c[QStringLiteral("website")].toString(), QStringLiteral("zen.example"));
        }
        QCOMPARE(darcel_.json({QStringLiteral("conflicts")}).array().size(), 0);
    }

    void laterWriterWinsWhenPushedFirst() {
        darcel_.cmd(set(client_, QStringLiteral("notes"), QStringLiteral("Darcel: budget in Q1")));
        QThread::msleep(5);
        celia_.cmd(set(client_, QStringLiteral("notes"), QStringLiteral("Celia: budget frozen")));
        QCOMPARE(celia_.sync()[QStringLiteral("conflicts")].toInt(), 0);
        auto d = darcel_.sync(); // older stamp arrives second and loses
        QCOMPARE(d[QStringLiteral("conflicts")].toInt(), 1);
        celia_.sync();
        for (auto* dev : {&darcel_, &celia_}) {
            QCOMPARE(clientOf(*dev, client_)[QStringLiteral("notes")].toString(),
                     QStringLiteral("Celia: budget frozen"));
        }
        auto log = darcel_.json({QStringLiteral("conflicts")}).array();
        QCOMPARE(log.size(), 1);
        auto entry = log[0].toObject();
        QCOMPARE(entry[QStringLiteral("field")].toString(), QStringLiteral("notes"));
        QCOMPARE(entry[QStringLiteral("rule")].toString(), QStringLiteral("last_writer_wins"));
        QCOMPARE(entry[QStringLiteral("loser_value")].toString(),
                 QStringLiteral("\"Darcel: budget in Q1\""));
        QCOMPARE(entry[QStringLiteral("winner_value")].toString(),
                 QStringLiteral("\"Celia: budget frozen\""));
        QCOMPARE(celia_.json({QStringLiteral("conflicts")}).array().size(), 1);

        // The same record in words, for each side, with the command that applies the
        // loser's value again (fresh-user finding: the log was raw JSON).
        auto darcelText = QString::fromUtf8(darcel_.cmd({QStringLiteral("conflicts")}));
        QVERIFY2(darcelText.contains(QStringLiteral(
                     "client \"Zencorporation\" notes: your \"Darcel: budget in Q1\" was "
                     "replaced by Celia Rouche's \"Celia: budget frozen\". Rule: the later "
                     "change wins.")),
                 qPrintable(darcelText));
        QVERIFY2(darcelText.contains(QStringLiteral("To apply yours again: fieldbook-cli "
                                                    "edit-client ") +
                                     client_ +
                                     QStringLiteral(" --set 'notes=Darcel: budget in Q1'")),
                 qPrintable(darcelText));
        QVERIFY2(darcelText.endsWith(QStringLiteral("1 conflict\n")), qPrintable(darcelText));
        auto celiaText = QString::fromUtf8(celia_.cmd({QStringLiteral("conflicts")}));
        QVERIFY2(celiaText.contains(QStringLiteral(
                     "notes: your \"Celia: budget frozen\" replaced Darcel Schlecht's "
                     "\"Darcel: budget in Q1\".")),
                 qPrintable(celiaText));
        QVERIFY2(!celiaText.contains(QStringLiteral("apply yours again")), qPrintable(celiaText));

        // The printed command works: Darcel's value is back, on the current version, no conflict.
        darcel_.cmd(set(client_, QStringLiteral("notes"), QStringLiteral("Darcel: budget in Q1")));
        QCOMPARE(darcel_.sync()[QStringLiteral("conflicts")].toInt(), 0);
        celia_.sync();
        QCOMPARE(clientOf(celia_, client_)[QStringLiteral("notes")].toString(),
                 QStringLiteral("Darcel: budget in Q1"));
    }

    void laterWriterWinsWhenPushedSecond() {
        darcel_.cmd(set(client_, QStringLiteral("address"), QStringLiteral("1 Old Road")));
        QThread::msleep(5);
        celia_.cmd(set(client_, QStringLiteral("address"), QStringLiteral("2 New Street")));
        QCOMPARE(darcel_.sync()[QStringLiteral("conflicts")].toInt(), 0);
        QCOMPARE(celia_.sync()[QStringLiteral("conflicts")].toInt(), 1); // replaces Darcel's value
        // The loser hears of it in his next sync's summary, by pull (fresh-user: it said 0).
        QCOMPARE(darcel_.sync()[QStringLiteral("conflicts")].toInt(), 1);
        for (auto* dev : {&darcel_, &celia_}) {
            QCOMPARE(clientOf(*dev, client_)[QStringLiteral("address")].toString(),
                     QStringLiteral("2 New Street"));
        }
        bool found = false;
        for (const auto& c : darcel_.json({QStringLiteral("conflicts")}).array()) {
            auto o = c.toObject();
            if (o[QStringLiteral("field")] == QStringLiteral("address")) {
                found = true;
                QCOMPARE(o[QStringLiteral("loser_value")].toString(),
                         QStringLiteral("\"1 Old Road\""));
            }
        }
        QVERIFY(found);
    }

    /// A lost money value reads in units and its apply-again command sets
    /// units (fresh-user: the log showed raw cents, and --set takes units,
    /// so the printed command would have stored a hundred times the value).
    void lostMoneyValueReadsInUnits() {
        darcel_.cmd(set(client_, QStringLiteral("revenue_cents"), QStringLiteral("1,234.50")));
        QThread::msleep(5);
        celia_.cmd(set(client_, QStringLiteral("revenue"), QStringLiteral("99.00")));
        QCOMPARE(celia_.sync()[QStringLiteral("conflicts")].toInt(), 0);
        QCOMPARE(darcel_.sync()[QStringLiteral("conflicts")].toInt(), 1);
        auto text = QString::fromUtf8(darcel_.cmd({QStringLiteral("conflicts")}));
        QVERIFY2(text.contains(QStringLiteral("revenue_cents: your 1,234.50 was replaced by "
                                              "Celia Rouche's 99.00.")),
                 qPrintable(text));
        const QString again = QStringLiteral(" --set 'revenue_cents=1,234.50'");
        QVERIFY2(text.contains(again), qPrintable(text));

        darcel_.cmd(set(client_, QStringLiteral("revenue_cents"), QStringLiteral("1,234.50")));
        darcel_.sync();
        QCOMPARE(clientOf(darcel_, client_)[QStringLiteral("revenue_cents")].toInteger(),
                 qint64(123450));
    }

    void clockAheadCannotWin() {
        // A device whose clock is a year ahead pushes first; a later real edit still wins,
        // because the server re-stamps stamps beyond its skew bound (SPEC §4).
        QByteArray deviceId;
        auto token = loginToken(server_.port(), QStringLiteral("celia.rouche"),
                                QStringLiteral("demo"), &deviceId);
        auto version = clientOf(celia_, client_)[QStringLiteral("version")].toInt();
        auto future = fieldbook::domain::nowMs() + 365LL * 86400000LL;
        auto body =
            QStringLiteral(
                R"({"mutations":[{"mutation_id":"%1","entity":"client","record_id":"%2","op":"upsert","base_version":%3,"fields":{"interest_level":"low"},"hlc":"%4-000000-%5"}]})")
                .arg(QString::fromStdString(fieldbook::domain::newUuid()), client_)
                .arg(version)
                .arg(future, 15, 10, QLatin1Char('0'))
                .arg(QString::fromUtf8(deviceId))
                .toUtf8();
        auto r = rawHttp(server_.port(), "POST", "/api/v1/sync/push", body, token);
        QCOMPARE(r.json()[QStringLiteral("results")]
                     .toArray()[0]
                     .toObject()[QStringLiteral("status")]
                     .toString(),
                 QStringLiteral("applied"));
        QThread::msleep(5);
        darcel_.cmd(set(client_, QStringLiteral("interest_level"), QStringLiteral("high")));
        QCOMPARE(darcel_.sync()[QStringLiteral("conflicts")].toInt(), 1);
        QCOMPARE(clientOf(darcel_, client_)[QStringLiteral("interest_level")].toString(),
                 QStringLiteral("high"));
    }

    void clockBehindStillApplied() {
        // A device whose clock is a year behind: its edit made on the current
        // version is not concurrent with anything, so it is taken as it is.
        QByteArray deviceId;
        auto token = loginToken(server_.port(), QStringLiteral("celia.rouche"),
                                QStringLiteral("demo"), &deviceId);
        darcel_.sync();
        auto version = clientOf(darcel_, client_)[QStringLiteral("version")].toInt();
        auto past = fieldbook::domain::nowMs() - 365LL * 86400000LL;
        auto body =
            QStringLiteral(
                R"({"mutations":[{"mutation_id":"%1","entity":"client","record_id":"%2","op":"upsert","base_version":%3,"fields":{"website":"behind.example"},"hlc":"%4-000000-%5"}]})")
                .arg(QString::fromStdString(fieldbook::domain::newUuid()), client_)
                .arg(version)
                .arg(past, 15, 10, QLatin1Char('0'))
                .arg(QString::fromUtf8(deviceId))
                .toUtf8();
        auto r = rawHttp(server_.port(), "POST", "/api/v1/sync/push", body, token);
        auto res = r.json()[QStringLiteral("results")].toArray()[0].toObject();
        QCOMPARE(res[QStringLiteral("status")].toString(), QStringLiteral("applied"));
        QCOMPARE(res[QStringLiteral("conflicts")].toArray().size(), 0);
        darcel_.sync();
        QCOMPARE(clientOf(darcel_, client_)[QStringLiteral("website")].toString(),
                 QStringLiteral("behind.example"));
    }

    void resurrectedContactComesBackToTheDeleter() {
        // SPEC §4: an edit beats a concurrent delete that is not the head's.
        // Darcel deletes a contact on another device; Celia (head) had edited
        // it without seeing the delete. The contact comes back on Darcel's
        // device with her edit, and both see the delete in the conflict log.
        auto out = darcel_
                       .json({QStringLiteral("add-contact"), client_, QStringLiteral("--name"),
                              QStringLiteral("Rita Revenant")})
                       .object();
        auto contact = out[QStringLiteral("id")].toString();
        QVERIFY(!contact.isEmpty());
        darcel_.sync();
        celia_.sync();
        auto contactsOf = [&](CliDevice& d) {
            QStringList phones;
            auto card = d.json({QStringLiteral("client"), client_}).object();
            for (const auto& c : card[QStringLiteral("contacts")].toArray()) {
                if (c.toObject()[QStringLiteral("id")].toString() == contact) {
                    phones << c.toObject()[QStringLiteral("phone")].toString();
                }
            }
            return phones;
        };
        QCOMPARE(contactsOf(darcel_).size(), 1);
        auto push = [&](const QByteArray& token, const QString& op, const QString& fields) {
            auto body =
                QStringLiteral(
                    R"({"mutations":[{"mutation_id":"%1","entity":"contact","record_id":"%2","op":"%3","base_version":1,"fields":%4,"hlc":"%5-000000-x"}]})")
                    .arg(QString::fromStdString(fieldbook::domain::newUuid()), contact, op, fields)
                    .arg(fieldbook::domain::nowMs(), 15, 10, QLatin1Char('0'))
                    .toUtf8();
            return rawHttp(server_.port(), "POST", "/api/v1/sync/push", body, token)
                .json()[QStringLiteral("results")]
                .toArray()[0]
                .toObject();
        };
        auto phone =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        QCOMPARE(
            push(phone, QStringLiteral("delete"), QStringLiteral("{}"))[QStringLiteral("status")]
                .toString(),
            QStringLiteral("applied"));
        darcel_.sync();
        QVERIFY(contactsOf(darcel_).isEmpty()); // the tombstone reached the device
        auto head =
            loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        auto edit =
            push(head, QStringLiteral("upsert"), QStringLiteral(R"({"phone":"+1 555 0777"})"));
        QCOMPARE(edit[QStringLiteral("status")].toString(), QStringLiteral("applied"));
        QCOMPARE(edit[QStringLiteral("conflicts")].toArray().size(), 1);
        darcel_.sync();
        celia_.sync();
        QCOMPARE(contactsOf(darcel_), QStringList{QStringLiteral("+1 555 0777")}); // back, live
        QCOMPARE(contactsOf(celia_), QStringList{QStringLiteral("+1 555 0777")});
        for (auto* d : {&darcel_, &celia_}) {
            int found = 0;
            for (const auto& c : d->json({QStringLiteral("conflicts")}).array()) {
                auto o = c.toObject();
                if (o[QStringLiteral("record_id")].toString() == contact) {
                    ++found;
                    QCOMPARE(o[QStringLiteral("rule")].toString(),
                             QStringLiteral("edit_beats_delete"));
                    QCOMPARE(o[QStringLiteral("field")].toString(), QStringLiteral("deleted"));
                }
            }
            QCOMPARE(found, 1);
        }
    }

    void concurrentCreatesOfOneCompanyAreBothKept() {
        // SPEC §3.7, §4: two managers open the same company offline. Both
        // cards are kept, the later one is flagged duplicate_of the earlier,
        // and both managers find the pair in their conflict log.
        CliDevice versie;
        QVERIFY(versie.login(server_.url(), QStringLiteral("versie.hillebrand")));
        versie.sync();
        auto create = [](CliDevice& d) {
            return d
                .json({QStringLiteral("new-client"), QStringLiteral("--name"),
                       QStringLiteral("Twin Rivers Ltd"), QStringLiteral("--set"),
                       QStringLiteral("phone=+1 555 0142")})
                .object()[QStringLiteral("id")]
                .toString();
        };
        auto first = create(darcel_);
        auto second = create(versie);
        QVERIFY(!first.isEmpty());
        QVERIFY(!second.isEmpty());
        darcel_.sync();
        versie.sync();
        darcel_.sync();
        QCOMPARE(clientOf(versie, second)[QStringLiteral("duplicate_of")].toString(), first);
        QVERIFY(!clientOf(darcel_, first).isEmpty()); // Darcel keeps his card
        for (auto* d : {&darcel_, &versie}) {
            int found = 0;
            for (const auto& c : d->json({QStringLiteral("conflicts")}).array()) {
                auto o = c.toObject();
                if (o[QStringLiteral("rule")].toString() == u"probable_duplicate" &&
                    o[QStringLiteral("record_id")].toString() == second) {
                    ++found;
                    QCOMPARE(o[QStringLiteral("winner_value")].toString(),
                             QLatin1Char('"') + first + QLatin1Char('"'));
                }
            }
            QCOMPARE(found, 1);
        }
    }

    void anotherDeviceCannotClaimToBeTheSame() {
        // "Same device, no conflict" is decided by the token's device, not by the
        // node a device writes into its clock stamp.
        auto a = loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        auto b =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        auto version = clientOf(celia_, client_)[QStringLiteral("version")].toInt();
        auto first = rawHttp(
            server_.port(), "POST", "/api/v1/sync/push",
            QStringLiteral(
                R"({"mutations":[{"mutation_id":"%1","entity":"client","record_id":"%2","op":"upsert","base_version":%3,"fields":{"website":"a.example"},"hlc":"%4-000000-same-node"}]})")
                .arg(QString::fromStdString(fieldbook::domain::newUuid()), client_)
                .arg(version)
                .arg(fieldbook::domain::nowMs(), 15, 10, QLatin1Char('0'))
                .toUtf8(),
            a);
        QCOMPARE(first.status, 200);
        QThread::msleep(2);
        auto second = rawHttp(
            server_.port(), "POST", "/api/v1/sync/push",
            QStringLiteral(
                R"({"mutations":[{"mutation_id":"%1","entity":"client","record_id":"%2","op":"upsert","base_version":%3,"fields":{"website":"b.example"},"hlc":"%4-000000-same-node"}]})")
                .arg(QString::fromStdString(fieldbook::domain::newUuid()), client_)
                .arg(version)
                .arg(fieldbook::domain::nowMs(), 15, 10, QLatin1Char('0'))
                .toUtf8(),
            b);
        auto res = second.json()[QStringLiteral("results")].toArray()[0].toObject();
        QCOMPARE(res[QStringLiteral("status")].toString(), QStringLiteral("applied"));
        QCOMPARE(res[QStringLiteral("conflicts")].toArray().size(),
                 1); // a real concurrent write, logged
    }

    void sameDeviceEditsNeverConflict() {
        darcel_.sync(); // the conflict records of the tests above come by this pull
        darcel_.cmd(set(client_, QStringLiteral("email"), QStringLiteral("a@zen.example")));
        darcel_.cmd(set(client_, QStringLiteral("email"), QStringLiteral("b@zen.example")));
        auto s = darcel_.sync();
        QCOMPARE(s[QStringLiteral("pushed")].toInt(), 2);
        QCOMPARE(s[QStringLiteral("conflicts")].toInt(), 0);
        QCOMPARE(clientOf(darcel_, client_)[QStringLiteral("email")].toString(),
                 QStringLiteral("b@zen.example"));
    }
};

QTEST_GUILESS_MAIN(TestConflictsSync)
#include "tst_conflicts_sync.moc"
