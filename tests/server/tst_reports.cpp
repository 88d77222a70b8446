// SPDX-License-Identifier: MIT
// The analytics reports (issue 5, SPEC §5; docs/reports.md) against a real
// fieldbook-server that imported tests/data/crm-sample. The expected figures
// come from tests/support/reports_reference.py, which reads the sample's CSV
// files with Python's csv module: an independent computation, not our SQL.
// Also: who may read whose figures, CSV that a CSV reader parses, and the
// errors of a bad request.
#include <QLocale>
#include <QtTest>

#include "../shared/qtest_std.h"
#include "../sync/sync_helpers.h"
#include "push_helpers.h"
#include "raw_http.h"
#include "test_server.h"

#include <nlohmann/json.hpp>

#include <QProcess>

#include <cmath>
#include <map>

using namespace fieldbook;
using namespace fieldbook::test;
using nlohmann::json;

namespace {

/// Runs python3 with `args`, feeding `input`; returns its stdout parsed as JSON.
json python(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(QStringLiteral("python3"), args);
    if (!p.waitForStarted(10000)) {
        qWarning("python3 did not start");
        return nullptr;
    }
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (p.exitCode() != 0) {
        qWarning("python3 failed: %s", p.readAllStandardError().constData());
        return nullptr;
    }
    return json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
}

} // namespace

class TestReports : public QObject {
    Q_OBJECT

    TestServer server_;
    QByteArray head_;   // celia.rouche, head
    QByteArray darcel_; // darcel.schlecht, manager
    json reference_;

    RawResponse get(const QByteArray& token, const QByteArray& path, bool csv = false) {
        QByteArray req = "GET " + path +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                         "X-Fieldbook-Protocol: 1\r\n";
        if (!token.isEmpty()) {
            req += "Authorization: Bearer " + token + "\r\n";
        }
        if (csv) {
            req += "Accept: text/csv\r\n";
        }
        return rawSend(server_.port(), req + "\r\n");
    }
    json report(const QByteArray& token, const QByteArray& nameAndQuery) {
        auto r = get(token, "/api/v1/reports/" + nameAndQuery);
        if (r.status != 200) {
            qWarning("report %s answered %d: %s", nameAndQuery.constData(), r.status,
                     r.body.constData());
            return nullptr;
        }
        return json::parse(r.body.toStdString());
    }

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        head_ = loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        darcel_ =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        QVERIFY(!head_.isEmpty() && !darcel_.isEmpty());
        reference_ = python(
            {sampleDir() + QStringLiteral("/../../support/reports_reference.py"), sampleDir()});
        QVERIFY(reference_.is_object());
        QVERIFY(reference_["won_lost"].size() > 20);
    }

    /// Won and lost counts and the amount won, per agent (all time).
    void wonLostPerAgentMatchesReference() {
        auto r = report(head_, "deals_outcome");
        QVERIFY(r.is_object());
        json got = json::object();
        for (const auto& row : r["rows"]) {
            auto& g = got[row["manager"].get<std::string>()];
            if (g.is_null()) {
                g = {{"won", 0}, {"lost", 0}, {"won_amount_cents", 0}};
            }
            g["won"] = g.value("won", 0) + row["won"].get<int>();
            g["lost"] = g.value("lost", 0) + row["lost"].get<int>();
            g["won_amount_cents"] = g.value("won_amount_cents", std::int64_t{0}) +
                                    row["won_amount_cents"].get<std::int64_t>();
        }
        COMPARE_JSON(got, reference_["won_lost"]);
    }

    /// Amount won per month of the close date, all managers.
    void monthlyWonAmountsMatchReference() {
        auto r = report(head_, "deals_outcome");
        QVERIFY(r.is_object());
        json got = json::object();
        for (const auto& row : r["rows"]) {
            if (row["won_amount_cents"].get<std::int64_t>() == 0) {
                continue;
            }
            auto month = row["month"].get<std::string>();
            got[month] =
                got.value(month, std::int64_t{0}) + row["won_amount_cents"].get<std::int64_t>();
        }
        COMPARE_JSON(got, reference_["monthly_won_cents"]);
    }

    /// Deals in work now (no period: open deals) per manager.
    void openDealsPerManagerMatchReference() {
        auto r = report(head_, "manager_load");
        QVERIFY(r.is_object());
        QVERIFY(r["rows"].size() >= reference_["open_deals"].size());
        json got = json::object();
        for (const auto& row : r["rows"]) {
            if (row["deals_in_work"].get<int>() > 0) {
                got[row["manager"].get<std::string>()] = row["deals_in_work"];
            }
        }
        COMPARE_JSON(got, reference_["open_deals"]);
    }

    /// Mean days from engage to close per product, closed deals with both dates.
    void averageDaysByProductMatchReference() {
        auto r = report(head_, "durations_by_product");
        QVERIFY(r.is_object());
        const auto& expected = reference_["avg_days_by_product"];
        QCOMPARE(r["rows"].size(), expected.size());
        for (const auto& row : r["rows"]) {
            auto product = row["product"].get<std::string>();
            QVERIFY2(expected.contains(product), product.c_str());
            QVERIFY2(std::abs(row["avg_days"].get<double>() - expected[product].get<double>()) <
                         0.0051,
                     (product + ": " + row["avg_days"].dump() + " vs " + expected[product].dump())
                         .c_str());
        }
    }

    /// A period counts deals by their close date: one month's rows only.
    void periodSelectsByCloseDate() {
        auto r = report(head_, "deals_outcome?from=2017-03-01&to=2017-03-31");
        QVERIFY(r.is_object());
        QVERIFY(!r["rows"].empty());
        std::int64_t won = 0;
        for (const auto& row : r["rows"]) {
            QCOMPARE(row["month"].get<std::string>(), std::string("2017-03"));
            won += row["won_amount_cents"].get<std::int64_t>();
        }
        QCOMPARE(won, reference_["monthly_won_cents"]["2017-03"].get<std::int64_t>());
        QCOMPARE(r["filters"]["from"].get<std::int64_t>(), std::int64_t{1488326400000});
        QCOMPARE(r["filters"]["to"].get<std::int64_t>(), std::int64_t{1490918400000 + 86400000});
    }

    /// A manager reads their own figures (no manager= needed), never another's.
    void managerSeesOwnFiguresOnly() {
        auto own = report(darcel_, "deals_outcome");
        QVERIFY(own.is_object());
        QVERIFY(!own["rows"].empty());
        json wonLost = {{"won", 0}, {"lost", 0}};
        for (const auto& row : own["rows"]) {
            QCOMPARE(row["manager"].get<std::string>(), std::string("darcel.schlecht"));
            wonLost["won"] = wonLost["won"].get<int>() + row["won"].get<int>();
            wonLost["lost"] = wonLost["lost"].get<int>() + row["lost"].get<int>();
        }
        QCOMPARE(wonLost["won"], reference_["won_lost"]["darcel.schlecht"]["won"]);
        QCOMPARE(wonLost["lost"], reference_["won_lost"]["darcel.schlecht"]["lost"]);
        QCOMPARE(report(darcel_, "manager_load")["rows"].size(), std::size_t(1));
        QVERIFY(report(darcel_, "deals_outcome?manager=darcel.schlecht").is_object());

        auto other = get(darcel_, "/api/v1/reports/deals_outcome?manager=moses.frase");
        QCOMPARE(other.status, 403);
        QCOMPARE(other.errorCode(), QStringLiteral("forbidden"));
        // The head reads anyone's.
        auto moses = report(head_, "deals_outcome?manager=moses.frase");
        QVERIFY(moses.is_object());
        for (const auto& row : moses["rows"]) {
            QCOMPARE(row["manager"].get<std::string>(), std::string("moses.frase"));
        }
    }

    /// Accept: text/csv gives RFC 4180 that Python's csv module reads back
    /// into the JSON answer's columns and values.
    void csvParses() {
        auto asJson = report(head_, "deals_outcome?team=Central");
        auto csv = get(head_, "/api/v1/reports/deals_outcome?team=Central", true);
        QCOMPARE(csv.status, 200);
        auto rows = python({QStringLiteral("-c"),
                            QStringLiteral("import csv, json, sys; "
                                           "print(json.dumps(list(csv.reader(sys.stdin))))")},
                           csv.body);
        QVERIFY(rows.is_array());
        QCOMPARE(rows.size(), asJson["rows"].size() + 1);
        json header = json::array();
        for (const auto& c : asJson["columns"]) {
            header.push_back(c["name"]);
        }
        COMPARE_JSON(rows[0], header);
        for (size_t i = 0; i < asJson["rows"].size(); ++i) {
            const auto& row = asJson["rows"][i];
            QCOMPARE(rows[i + 1][0].get<std::string>(), row["manager"].get<std::string>());
            QCOMPARE(rows[i + 1][4].get<std::string>(), std::to_string(row["won"].get<int>()));
        }
        // A value with a comma and quotes is quoted (a title in deal_durations).
        auto titles = get(head_, "/api/v1/reports/deal_durations?manager=darcel.schlecht", true);
        QCOMPARE(titles.status, 200);
        auto parsed = python({QStringLiteral("-c"),
                              QStringLiteral("import csv, json, sys; "
                                             "print(json.dumps(list(csv.reader(sys.stdin))))")},
                             titles.body);
        QVERIFY(parsed.is_array() && parsed.size() > 100);
        QCOMPARE(parsed[0][0].get<std::string>(), std::string("deal_id"));
    }

    /// Every report answers for the head with named, typed columns.
    void everyReportAnswers_data() {
        QTest::addColumn<QString>("name");
        for (const char* n :
             {"manager_load", "deals_outcome", "deal_durations", "durations_by_product",
              "durations_by_segment", "stage_durations", "stages_over_norm", "funnel",
              "refusal_reasons", "sources", "completeness"}) {
            QTest::newRow(n) << QString::fromLatin1(n);
        }
    }
    void everyReportAnswers() {
        QFETCH(QString, name);
        auto r = report(head_, name.toUtf8() + "?from=2016-01-01&to=2018-01-01&segment=retail");
        QVERIFY(r.is_object());
        QCOMPARE(r["report"].get<std::string>(), name.toStdString());
        QVERIFY(!r["columns"].empty());
        for (const auto& c : r["columns"]) {
            QVERIFY(c["type"] == "text" || c["type"] == "integer" || c["type"] == "real");
        }
    }

    /// A filter that matches nothing (a period in 1980) answers the same
    /// column names and types as the whole company's answer, for every
    /// report; and every value of a full answer has its column's JSON type.
    void emptyAnswerKeepsColumnTypes_data() { everyReportAnswers_data(); }
    void emptyAnswerKeepsColumnTypes() {
        QFETCH(QString, name);
        auto full = report(head_, name.toUtf8());
        auto empty = report(head_, name.toUtf8() + "?from=1980-01-01&to=1980-12-31");
        QVERIFY(full.is_object() && empty.is_object());
        COMPARE_JSON(empty["columns"], full["columns"]);
        for (const auto& row : full["rows"]) {
            for (const auto& c : full["columns"]) {
                const auto& v = row[c["name"].get<std::string>()];
                const auto type = c["type"].get<std::string>();
                const bool fits = v.is_null() || (type == "text" && v.is_string()) ||
                                  (type == "integer" && v.is_number_integer()) ||
                                  (type == "real" && v.is_number_float());
                QVERIFY2(fits, (c.dump() + " holds " + v.dump()).c_str());
            }
        }
    }

    /// The funnel starts with every deal and ends with the won ones.
    void funnelCountsDealsAndWins() {
        auto r = report(head_, "funnel");
        QVERIFY(r.is_object());
        const auto& rows = r["rows"];
        QCOMPARE(rows.front()["step"].get<std::string>(), std::string("opened"));
        QCOMPARE(rows.front()["deals"].get<int>(), 8800);
        QCOMPARE(rows.back()["step"].get<std::string>(), std::string("won"));
        QCOMPARE(rows.back()["deals"].get<int>(), 4238);
    }

    void badRequests_data() {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown report")
            << QByteArray("/api/v1/reports/nope") << true << 404 << "unknown_report";
        QTest::newRow("bad from") << QByteArray("/api/v1/reports/funnel?from=yesterday") << true
                                  << 400 << "invalid_from";
        QTest::newRow("bad to") << QByteArray("/api/v1/reports/funnel?to=2017-02-30") << true << 400
                                << "invalid_to";
        QTest::newRow("from before 1970")
            << QByteArray("/api/v1/reports/manager_load?from=-9223372036854775808&to=1") << true
            << 400 << "invalid_from";
        QTest::newRow("to after 9999")
            << QByteArray("/api/v1/reports/manager_load?from=0&to=9223372036854775807") << true
            << 400 << "invalid_to";
        QTest::newRow("empty period")
            << QByteArray("/api/v1/reports/funnel?from=2017-03-01&to=2017-01-01") << true << 400
            << "invalid_period";
        QTest::newRow("unknown manager") << QByteArray("/api/v1/reports/funnel?manager=no.body")
                                         << true << 400 << "unknown_manager";
        QTest::newRow("unknown product") << QByteArray("/api/v1/reports/funnel?product=Nothing")
                                         << true << 400 << "unknown_product";
        QTest::newRow("unknown segment") << QByteArray("/api/v1/reports/funnel?segment=moon")
                                         << true << 400 << "unknown_segment";
        QTest::newRow("unknown team")
            << QByteArray("/api/v1/reports/funnel?team=Mars") << true << 400 << "unknown_team";
        QTest::newRow("unknown filter")
            << QByteArray("/api/v1/reports/funnel?colour=red") << true << 400 << "unknown_filter";
        QTest::newRow("twice") << QByteArray("/api/v1/reports/funnel?team=East&team=West") << true
                               << 400 << "duplicate_filter";
        QTest::newRow("no token") << QByteArray("/api/v1/reports/funnel") << false << 401
                                  << "missing_token";
    }
    void badRequests() {
        QFETCH(QByteArray, path);
        QFETCH(bool, withToken);
        QFETCH(int, status);
        QFETCH(QString, code);
        auto r = get(withToken ? head_ : QByteArray(), path);
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), code);
    }

    /// A NUL byte in a filter's name does not cut the error message short.
    void nulInFilterNameIsEscaped() {
        auto r = get(head_, "/api/v1/reports/funnel?a%00b=1");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("unknown_filter"));
        auto body = json::parse(r.body.toStdString());
        const auto message = body["error"]["message"].get<std::string>();
        QVERIFY2(message.find("\"a\\0b\"; filters: from") != std::string::npos, message.c_str());
    }

    /// A NUL byte in a filter given twice does not cut the message short
    /// either: every server error message escapes it (ApiError).
    void nulInDuplicateFilterIsEscaped() {
        auto r = get(head_, "/api/v1/reports/funnel?a%00b=1&a%00b=2");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("duplicate_filter"));
        auto body = json::parse(r.body.toStdString());
        const auto message = body["error"]["message"].get<std::string>();
        QCOMPARE(message, std::string("give filter \"a\\0b\" once"));
    }

    /// The widest period a filter takes (1970-01-01 .. 9999-12-31) answers,
    /// with hours that are not negative (the span does not overflow).
    void widestPeriodAnswers() {
        auto r = report(head_, "manager_load?from=0&to=253402300800000");
        QVERIFY(r.is_object());
        QVERIFY(!r["rows"].empty());
        for (const auto& row : r["rows"]) {
            QVERIFY(row["hours_per_day"].get<double>() >= 0);
        }
    }

    /// Filters by product (name, any case) and team narrow the figures.
    void productAndTeamFilters() {
        auto all = report(head_, "durations_by_product");
        auto one = report(head_, "durations_by_product?product=gtx%20pro");
        QVERIFY(all.is_object() && one.is_object());
        QCOMPARE(one["rows"].size(), std::size_t(1));
        QCOMPARE(one["rows"][0]["product"].get<std::string>(), std::string("GTX Pro"));
        auto team = report(head_, "manager_load?team=Central");
        QVERIFY(team.is_object() && !team["rows"].empty());
        for (const auto& row : team["rows"]) {
            QCOMPARE(row["team"].get<std::string>(), std::string("Central"));
        }
    }

    /// A logged call and a planned visit show in the manager's load.
    void managerLoadCountsContactsAndActivities() {
        CliDevice d;
        QVERIFY(d.login(server_.url(), QStringLiteral("darcel.schlecht")));
        d.sync();
        auto client = d.clientId(QStringLiteral("Isdom"));
        QVERIFY(!client.isEmpty());
        QVERIFY(!savedId(d, {QStringLiteral("log"), client, QStringLiteral("--kind"),
                             QStringLiteral("call"), QStringLiteral("--summary"),
                             QStringLiteral("asked for the price list")})
                     .isEmpty());
        auto at = QDateTime::currentDateTimeUtc().addDays(2).toString(Qt::ISODate);
        QVERIFY(!savedId(d, {QStringLiteral("plan"), client, QStringLiteral("--at"), at,
                             QStringLiteral("--minutes"), QStringLiteral("90"),
                             QStringLiteral("--kind"), QStringLiteral("visit")})
                     .isEmpty());
        d.sync();
        QCOMPARE(d.lastExit, 0);
        auto r = report(head_, "manager_load?manager=darcel.schlecht");
        QVERIFY(r.is_object());
        QCOMPARE(r["rows"].size(), std::size_t(1));
        const auto& row = r["rows"][0];
        QCOMPARE(row["contacts_logged"].get<int>(), 1);
        QCOMPARE(row["contacts_by_kind_call"].get<int>(), 1);
        QCOMPARE(row["contacts_by_kind_meeting"].get<int>(), 0);
        QCOMPARE(row["activities_planned"].get<int>(), 1);
        QCOMPARE(row["activities_missed"].get<int>(), 0);
        QCOMPARE(row["planned_hours"].get<double>(), 1.5);
        // Another manager's row counts none of it.
        auto other = report(head_, "manager_load?manager=moses.frase");
        QCOMPARE(other["rows"][0]["contacts_logged"].get<int>(), 0);
    }

    /// Without a period, manager_load spreads the hours over the last 28
    /// days up to now: one 1-hour visit this morning is 0.25 h a week (not
    /// 7 h over its own single day); the server and a manager's --offline
    /// report agree. Hours planned later than now are not in that load.
    void managerLoadWithoutPeriodIsTheLast28Days() {
        store::Database sdb(server_.dbPath().toStdString());
        std::string login;
        std::string client;
        {
            // A manager the other tests do not touch, and a client of theirs.
            store::Statement st(sdb, "SELECT u.login, (SELECT MIN(client_id) FROM deals "
                                     "WHERE manager_id = u.id AND deleted = 0) AS c "
                                     "FROM users u WHERE u.role = 'manager' AND c IS NOT NULL "
                                     "ORDER BY u.login DESC LIMIT 1");
            QVERIFY(st.step());
            login = st.text(0);
            client = st.text(1);
        }
        auto manager = loginAs(server_, QString::fromStdString(login), "manager");
        const std::int64_t now = domain::nowMs();
        for (std::int64_t startsAt : {now - 3 * 3600000LL, now + 3 * 86400000LL}) {
            QVERIFY(!manager
                         .create("planned_activity", {{"client_id", client},
                                                      {"assignee_id", manager.userId},
                                                      {"kind", "visit"},
                                                      {"starts_at", startsAt},
                                                      {"duration_min", 60},
                                                      {"status", "planned"}})
                         .empty());
        }
        const QByteArray query = "manager_load?manager=" + QByteArray::fromStdString(login);
        auto r = report(head_, query);
        QVERIFY(r.is_object());
        const auto& row = r["rows"][0];
        QCOMPARE(row["planned_hours"].get<double>(), 2.0);
        QCOMPARE(row["hours_per_week"].get<double>(), 0.25);
        QCOMPARE(row["hours_per_day"].get<double>(), 0.04);
        // A period counts its own days: the week from yesterday holds both visits.
        auto day = [](std::int64_t ms) {
            return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                .toString(QStringLiteral("yyyy-MM-dd"))
                .toUtf8();
        };
        auto week = report(head_, query + "&from=" + day(now - 86400000) +
                                      "&to=" + day(now + 5 * 86400000));
        QCOMPARE(week["rows"][0]["hours_per_week"].get<double>(), 2.0);
        // A period shorter than a day is a day from its start (break-it: the
        // visit over a 3-minute period read 480 h a day), and an activity
        // counts only its minutes inside the period.
        const auto visit = now - 3 * 3600000LL;
        auto shortPeriod = report(head_, query + "&from=" + QByteArray::number(visit - 60000) +
                                             "&to=" + QByteArray::number(visit + 120000));
        QCOMPARE(shortPeriod["rows"][0]["hours_per_day"].get<double>(), 1.0);
        auto halfVisit =
            report(head_, query + "&from=" + QByteArray::number(visit - 2 * 86400000LL + 1800000) +
                              "&to=" + QByteArray::number(visit + 1800000));
        QCOMPARE(halfVisit["rows"][0]["hours_per_day"].get<double>(), 0.25);
        // A device's offline report over the same records says the same.
        CliDevice d;
        QVERIFY(d.login(server_.url(), QString::fromStdString(login)));
        d.sync();
        QCOMPARE(d.lastExit, 0);
        auto offline =
            json::parse(d.cmd({QStringLiteral("--json"), QStringLiteral("report"),
                               QStringLiteral("manager_load"), QStringLiteral("--offline")})
                            .toStdString());
        QCOMPARE(offline["rows"][0]["hours_per_week"].get<double>(), 0.25);
        QCOMPARE(offline["rows"][0]["planned_hours"].get<double>(), 2.0);
    }

    /// A team in any case filters as its stored name; an unknown team,
    /// segment, product or manager is refused with the known values.
    void teamAnyCaseAndKnownValuesInRefusals() {
        auto lower = report(head_, "manager_load?team=central");
        auto exact = report(head_, "manager_load?team=Central");
        QVERIFY(lower.is_object() && exact.is_object());
        COMPARE_JSON(lower["rows"], exact["rows"]);
        QCOMPARE(lower["filters"]["team"].get<std::string>(), std::string("Central"));
        // A segment in any case too (break-it: "Retail", "LARGE" were unknown).
        for (const char* segment : {"Retail", "LARGE"}) {
            auto r = report(head_, QByteArray("funnel?segment=") + segment);
            QVERIFY2(r.is_object(), segment);
            QCOMPARE(r["filters"]["segment"].get<std::string>(),
                     QByteArray(segment).toLower().toStdString());
        }
        const std::pair<const char*, std::vector<const char*>> cases[] = {
            {"team=Mars", {"unknown_team", "teams: Central, East, West"}},
            {"segment=moon",
             {"unknown_segment", "segments: ", "retail",
              "small, medium, large, "
              "enterprise"}},
            {"product=Nothing", {"unknown_product", "products: ", "GTX Pro"}},
            {"manager=no.body", {"unknown_manager", "logins: ", "darcel.schlecht"}}};
        for (const auto& [filter, expected] : cases) {
            auto r = get(head_, QByteArray("/api/v1/reports/funnel?") + filter);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.errorCode(), QString::fromLatin1(expected[0]));
            const auto message =
                json::parse(r.body.toStdString())["error"]["message"].get<std::string>();
            for (size_t i = 1; i < expected.size(); ++i) {
                QVERIFY2(message.find(expected[i]) != std::string::npos, message.c_str());
            }
        }
    }

    /// History kind codes that look like fixed columns or like each other
    /// ("logged", "Call" next to "call", "e-mail" next to "e_mail", "_all")
    /// each get their own column; contacts_logged stays the total, and the
    /// CSV has as many header fields as the JSON has columns.
    void managerLoadKindColumnsNeverCollide() {
        auto head = loginAs(server_, QStringLiteral("celia.rouche"), "head");
        for (const char* code : {"logged", "Call", "e-mail", "e_mail", "_all"}) {
            QVERIFY(!head.create("reference_item", {{"list", "history_kind"},
                                                    {"code", code},
                                                    {"label", std::string("kind ") + code}})
                         .empty());
        }
        // A manager the other tests do not count, and a client of their open deal.
        store::Database sdb(server_.dbPath().toStdString());
        std::string login;
        std::string client;
        {
            store::Statement st(sdb, "SELECT u.login, (SELECT MIN(client_id) FROM deals "
                                     "WHERE manager_id = u.id AND deleted = 0 AND outcome = "
                                     "'open') AS c FROM users u WHERE u.role = 'manager' AND "
                                     "u.login NOT IN ('darcel.schlecht', 'moses.frase') "
                                     "AND c IS NOT NULL ORDER BY u.login LIMIT 1");
            QVERIFY(st.step());
            login = st.text(0);
            client = st.text(1);
        }
        auto manager = loginAs(server_, QString::fromStdString(login), "manager");
        const std::int64_t at = domain::nowMs() - 3600000;
        for (const char* kind : {"call", "logged", "Call", "e-mail", "e-mail"}) {
            QVERIFY(!manager
                         .create("history_entry", {{"client_id", client},
                                                   {"kind", kind},
                                                   {"summary", std::string("entry ") + kind},
                                                   {"occurred_at", at}})
                         .empty());
        }
        const QByteArray query = "manager_load?manager=" + QByteArray::fromStdString(login);
        auto r = report(head_, query);
        QVERIFY(r.is_object());
        QCOMPARE(r["rows"].size(), std::size_t(1));
        const auto& row = r["rows"][0];
        QCOMPARE(row["contacts_logged"].get<int>(), 5);
        QCOMPARE(row["contacts_by_kind_call"].get<int>(), 1);
        QCOMPARE(row["contacts_by_kind_logged"].get<int>(), 1);
        QCOMPARE(row["contacts_by_kind__43all"].get<int>(), 1);
        QCOMPARE(row["contacts_by_kind_e_2dmail"].get<int>(), 2);
        QCOMPARE(row["contacts_by_kind_e_5fmail"].get<int>(), 0);
        QCOMPARE(row["contacts_by_kind__5fall"].get<int>(), 0);
        QCOMPARE(row.size(), r["columns"].size());
        auto csv = get(head_, "/api/v1/reports/" + query, true);
        QCOMPARE(csv.status, 200);
        const auto header = csv.body.left(csv.body.indexOf("\r\n"));
        QCOMPARE(std::size_t(header.count(',') + 1), r["columns"].size());
    }

    /// A line break inside a cell (a deal title with LF and CRLF) does not
    /// break the CLI's text table: one line per row, the break shown as a
    /// space; the JSON answer keeps the text unchanged.
    void cliTextTableKeepsOneLinePerRow() {
        auto before = report(head_, "stages_over_norm?manager=darcel.schlecht");
        QVERIFY(before.is_object() && !before["rows"].empty());
        const auto dealId = before["rows"][0]["deal_id"].get<std::string>();
        std::int64_t version = 0;
        {
            store::Database sdb(server_.dbPath().toStdString());
            store::Statement st(sdb, "SELECT version FROM deals WHERE id = ?");
            st.bind(1, dealId);
            QVERIFY(st.step());
            version = st.int64(0);
        }
        auto head = loginAs(server_, QStringLiteral("celia.rouche"), "head");
        const std::string title = "Line one\nLine two\r\nthree";
        auto pushed = head.push("deal", dealId, {{"title", title}}, version);
        QCOMPARE(pushed.value("status", std::string()), std::string("applied"));
        auto after = report(head_, "stages_over_norm?manager=darcel.schlecht");
        QCOMPARE(after["rows"].size(), before["rows"].size());
        bool kept = false;
        for (const auto& row : after["rows"]) {
            kept = kept || row["title"] == title;
        }
        QVERIFY(kept);

        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        auto text = darcel.cmd({QStringLiteral("report"), QStringLiteral("stages_over_norm")});
        const auto rows = static_cast<qsizetype>(after["rows"].size());
        QVERIFY(text.endsWith(QByteArray::number(rows) + " rows\n"));
        QCOMPARE(text.count('\n'), rows + 2); // the header, the rows, "N rows"
        QVERIFY(!text.contains('\r'));
        QVERIFY2(text.contains("Line one Line two  three"), text.left(600).constData());
    }

    /// fieldbook-cli report asks the server; a manager gets their own figures,
    /// CSV with --csv, a refusal for another manager's; --offline computes over
    /// the replica after a sync and says so in one line.
    void cliReport() {
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        auto online = json::parse(darcel
                                      .cmd({QStringLiteral("--json"), QStringLiteral("report"),
                                            QStringLiteral("deals_outcome"),
                                            QStringLiteral("--from"), QStringLiteral("2017-01-01")})
                                      .toStdString());
        QVERIFY(!online["rows"].empty());
        int won = 0;
        for (const auto& row : online["rows"]) {
            QCOMPARE(row["manager"].get<std::string>(), std::string("darcel.schlecht"));
            won += row["won"].get<int>();
        }
        QVERIFY(won > 0);
        auto csv = darcel.cmd(
            {QStringLiteral("report"), QStringLiteral("deals_outcome"), QStringLiteral("--csv")});
        QVERIFY(csv.startsWith("manager,manager_name,team,month,won,lost,won_amount_cents\r\n"));
        auto text = darcel.cmd({QStringLiteral("report"), QStringLiteral("funnel")});
        QVERIFY(text.contains("rows\n"));
        // A table too wide for a terminal (manager_load: 26 columns) prints a
        // block per row, each history kind under its code as stored
        // (fresh-user: a 400-character line with contacts_by_kind_demo_5fsent).
        auto load = darcel.cmd({QStringLiteral("report"), QStringLiteral("manager_load")});
        QVERIFY2(load.startsWith("manager: "), load.left(300).constData());
        QVERIFY2(load.contains("\ncontacts_by_kind_demo_sent: "), load.constData());
        QVERIFY2(!load.contains("_5f"), load.constData());
        for (const auto& line : load.split('\n')) {
            QVERIFY2(line.size() <= 160, line.constData());
        }

        // Money in currency units with two decimals in the text table, cents elsewhere.
        auto textTable = darcel.cmd({QStringLiteral("report"), QStringLiteral("deals_outcome")});
        const auto lines = textTable.split('\n');
        QVERIFY2(lines[0].contains(" won_amount") && !lines[0].contains("won_amount_cents"),
                 lines[0].constData());
        const auto& first = online["rows"][0]; // --from 2017-01-01: the earliest month is in both
        const auto cents = first["won_amount_cents"].get<std::int64_t>();
        // Grouped by thousands as every money figure of the CLI (docs/cli.md).
        const auto units = QLocale(QLocale::English, QLocale::UnitedStates)
                               .toString(static_cast<qlonglong>(cents / 100))
                               .toUtf8() +
                           "." + QByteArray::number(cents % 100).rightJustified(2, '0');
        QVERIFY2(textTable.contains(" " + units + "\n"), textTable.left(400).constData());
        QVERIFY(csv.contains("," + QByteArray::number(cents) + "\r\n"));
        // Two output formats at once is a usage error, not one chosen silently.
        darcel.cmd({QStringLiteral("--json"), QStringLiteral("report"), QStringLiteral("funnel"),
                    QStringLiteral("--csv")},
                   2);
        QVERIFY2(darcel.lastErr.contains("not both"), darcel.lastErr.constData());

        darcel.cmd({QStringLiteral("report"), QStringLiteral("deals_outcome"),
                    QStringLiteral("--manager"), QStringLiteral("moses.frase")},
                   1);
        QVERIFY(darcel.lastErr.contains("(forbidden)"));
        QVERIFY2(darcel.lastErr.contains("leave out --manager or give your own login") &&
                     !darcel.lastErr.contains("manager="),
                 darcel.lastErr.constData());
        // Before any sync an offline report would be zeros: it is refused.
        darcel.cmd(
            {QStringLiteral("report"), QStringLiteral("funnel"), QStringLiteral("--offline")}, 1);
        QCOMPARE(darcel.lastErr,
                 QByteArray("fieldbook-cli: this device has not synced yet: run fieldbook-cli sync "
                            "(not_synced)\n"));
        darcel.cmd({QStringLiteral("report")}, 2);
        QVERIFY2(darcel.lastErr.contains("report: name the report (one of: manager_load, "),
                 darcel.lastErr.constData());
        darcel.cmd({QStringLiteral("report"), QStringLiteral("nope")}, 2);
        QVERIFY(darcel.lastErr.contains("(unknown_report)"));
        darcel.cmd({QStringLiteral("report"), QStringLiteral("funnel"), QStringLiteral("--from"),
                    QStringLiteral("someday")},
                   2);
        QVERIFY(darcel.lastErr.contains("(invalid_from)"));

        darcel.sync();
        QCOMPARE(darcel.lastExit, 0);
        auto offline =
            json::parse(darcel
                            .cmd({QStringLiteral("--json"), QStringLiteral("report"),
                                  QStringLiteral("deals_outcome"), QStringLiteral("--from"),
                                  QStringLiteral("2017-01-01"), QStringLiteral("--offline")})
                            .toStdString());
        QVERIFY(darcel.lastErr.contains("covers only"));
        QCOMPARE(darcel.lastErr.count('\n'), 1);
        COMPARE_JSON(offline["rows"], online["rows"]);
    }
};

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
