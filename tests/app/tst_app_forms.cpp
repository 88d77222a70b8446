// SPDX-License-Identifier: MIT
// The app's conversions between what a form holds and the replica's field
// values (app/labels.h parseAmount, app/form_fields.h), in the locales the
// app ships: what the user types is what is stored, in cents and ms, and
// what cannot be read is refused with a message.
#include <QTest>

#include "app_session.h" // conflict_log.h needs the complete AppSession
#include "conflict_log.h"
#include "form_fields.h"
#include "i18n.h"
#include "labels.h"
#include "reference_labels.h"
#include "sync/conflict_rules.h"

#include <QDateTime>
#include <QLocale>
#include <QTranslator>

using namespace fieldbook::app;

class TstAppForms : public QObject {
    Q_OBJECT

  private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    // Issue 3: the reference items the server seeds (and the CRM sample's
    // regions and industries) show in the UI's language while they keep
    // their seeded label; what the head added or renamed shows as stored.
    void seededReferenceLabelsAreTranslated() {
        QTranslator russian;
        QVERIFY(loadTranslation(russian, u"ru"_qs));
        QVERIFY(QCoreApplication::installTranslator(&russian));
        QCOMPARE(referenceLabel(u"region"_qs, u"kenya"_qs, u"Kenya"_qs), u"Кения"_qs);
        QCOMPARE(referenceLabel(u"industry"_qs, u"medical"_qs, u"medical"_qs), u"Медицина"_qs);
        QCOMPARE(referenceLabel(u"refusal_reason"_qs, u"price"_qs, u"Price too high"_qs),
                 u"Слишком высокая цена"_qs);
        QCOMPARE(referenceLabel(u"information_source"_qs, u"exhibition"_qs, u"Exhibition stand"_qs),
                 u"Стенд на выставке"_qs);
        QCOMPARE(referenceLabel(u"refusal_reason"_qs, u"price"_qs, u"Too dear for them"_qs),
                 u"Too dear for them"_qs); // renamed by the head
        QCOMPARE(referenceLabel(u"region"_qs, u"atlantis"_qs, u"Atlantis"_qs), u"Atlantis"_qs);
        QCOMPARE(referenceLabel(u"region"_qs, u"atlantis"_qs, QString()), u"atlantis"_qs);
        QVERIFY(QCoreApplication::removeTranslator(&russian));
        // The English source texts: the sample's lower-case sectors read well too.
        QCOMPARE(referenceLabel(u"industry"_qs, u"medical"_qs, u"medical"_qs), u"Medical"_qs);
        QCOMPARE(referenceLabel(u"region"_qs, u"kenya"_qs, u"Kenya"_qs), u"Kenya"_qs);
    }

    // Issue 4: every rule a conflict record can name reads as a sentence in
    // both languages (the conflict page showed "Rule: head_assignment_wins.").
    void everyConflictRuleInWords() {
        QStringList names{u"merge_clients"_qs};
        for (int r = 0; r <= static_cast<int>(fieldbook::sync::Rule::ProbableDuplicate); ++r) {
            names << QString::fromUtf8(
                fieldbook::sync::ruleName(static_cast<fieldbook::sync::Rule>(r)).data());
        }
        QTranslator russian;
        QVERIFY(loadTranslation(russian, u"ru"_qs));
        for (const auto& name : names) {
            QVERIFY2(name != u"unknown"_qs, "a Rule value without a name");
            auto english = ConflictLog::ruleText(name);
            QVERIFY2(!english.contains(name), qPrintable(english));
            QVERIFY(QCoreApplication::installTranslator(&russian));
            auto russianText = ConflictLog::ruleText(name);
            QVERIFY(QCoreApplication::removeTranslator(&russian));
            QVERIFY2(russianText.startsWith(u"Правило: "_qs) && russianText != english,
                     qPrintable(name + u" -> "_qs + russianText));
        }
        QCOMPARE(ConflictLog::ruleText(u"new_rule"_qs), u"Rule: new_rule."_qs);
    }

    void amountsInEnglish() {
        QLocale::setDefault(QLocale(u"en_US"_qs));
        qint64 cents = -1;
        QVERIFY(parseAmount(u"1250.50"_qs, cents));
        QCOMPARE(cents, 125'050);
        QVERIFY(parseAmount(u" 12,500.5 "_qs, cents));
        QCOMPARE(cents, 1'250'050);
        QVERIFY(parseAmount(u"0"_qs, cents));
        QCOMPARE(cents, 0);
        QVERIFY(!parseAmount(u""_qs, cents));
        QVERIFY(!parseAmount(u"-5"_qs, cents));
        QVERIFY(!parseAmount(u"12x"_qs, cents));
        QCOMPARE(amountText(125'050), u"1,250.50"_qs);
    }

    void amountsInRussian() {
        QLocale::setDefault(QLocale(u"ru_RU"_qs));
        qint64 cents = -1;
        QVERIFY(parseAmount(u"1 250,50"_qs, cents)); // as Russians write it
        QCOMPARE(cents, 125'050);
        QVERIFY(parseAmount(u"1250.50"_qs, cents)); // a point works too
        QCOMPARE(cents, 125'050);
        QVERIFY(parseAmount(amountText(9'999'999), cents)); // what the app shows reads back
        QCOMPARE(cents, 9'999'999);
    }

    void formToClientFields() {
        nlohmann::json out = nlohmann::json::object();
        QString error;
        QVERIFY(formToFields("client",
                             {{u"name"_qs, u"  Acme  "_qs},
                              {u"tax_id"_qs, u""_qs},
                              {u"employees"_qs, u"120"_qs},
                              {u"revenue_cents"_qs, u"1000.25"_qs},
                              {u"first_contact_at"_qs, u"2024-05-14"_qs},
                              {u"no_such_field"_qs, u"x"_qs}},
                             out, error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(out["name"] == nlohmann::json("Acme"));
        QVERIFY(out["tax_id"].is_null()); // empty clears
        QCOMPARE(out["employees"].get<qint64>(), 120);
        QCOMPARE(out["revenue_cents"].get<qint64>(), 100'025);
        QCOMPARE(out["first_contact_at"].get<qint64>(),
                 QDateTime(QDate(2024, 5, 14), QTime(0, 0)).toMSecsSinceEpoch());
        QVERIFY(!out.contains("no_such_field"));
    }

    void formRefusesWhatItCannotRead() {
        nlohmann::json out = nlohmann::json::object();
        QString error;
        QVERIFY(!formToFields("client", {{u"employees"_qs, u"12x"_qs}}, out, error));
        QVERIFY(error.contains(u"12x"_qs));
        error.clear();
        QVERIFY(!formToFields("client", {{u"revenue_cents"_qs, u"lots"_qs}}, out, error));
        QVERIFY(error.contains(u"lots"_qs));
        error.clear();
        QVERIFY(!formToFields("client", {{u"first_contact_at"_qs, u"14.05.2024"_qs}}, out, error));
        QVERIFY(error.contains(u"YYYY-MM-DD"_qs));
        error.clear();
        QVERIFY(!formToFields("no_entity", {}, out, error));
        QVERIFY(!error.isEmpty());
    }

    void recordBackToForm() {
        QLocale::setDefault(QLocale(u"en_US"_qs));
        const nlohmann::json record = {
            {"name", "Acme"},
            {"employees", 120},
            {"revenue_cents", 100'025},
            {"tax_id", nullptr},
            {"first_contact_at", QDateTime(QDate(2024, 5, 14), QTime(9, 0)).toMSecsSinceEpoch()}};
        const auto form = fieldsToForm("client", record);
        QCOMPARE(form.value(u"name"_qs).toString(), u"Acme"_qs);
        QCOMPARE(form.value(u"employees"_qs).toString(), u"120"_qs);
        QCOMPARE(form.value(u"revenue_cents"_qs).toString(), u"1,000.25"_qs);
        QCOMPARE(form.value(u"tax_id"_qs).toString(), QString());
        QCOMPARE(form.value(u"first_contact_at"_qs).toString(), u"2024-05-14"_qs);
        // And the form's values read back to the same record.
        nlohmann::json again = nlohmann::json::object();
        QString error;
        QVERIFY(formToFields("client", form, again, error));
        QCOMPARE(again["revenue_cents"].get<qint64>(), 100'025);
        QCOMPARE(again["employees"].get<qint64>(), 120);
    }

    // A payment or delivery entered today before noon was dated at today's
    // noon, in the future, and refused by the rule that past events may not
    // lie in the future (tst_app_manager_workflows failed in the morning).
    void pastEventDaysNeverLieAhead() {
        const QDate today(2026, 11, 30);
        const auto at = [&](int h, int m) {
            return QDateTime(today, QTime(h, m)).toMSecsSinceEpoch();
        };
        const auto noon = at(12, 0);
        QCOMPARE(pastEventDayMs(u"2026-11-30"_qs, at(9, 15)), at(9, 15));
        QCOMPARE(pastEventDayMs(u"2026-11-30"_qs, at(17, 40)), noon);
        QCOMPARE(pastEventDayMs(u"2026-11-29"_qs, at(9, 15)),
                 QDateTime(today.addDays(-1), QTime(12, 0)).toMSecsSinceEpoch());
        // A later day keeps its noon: the rule refuses it with its message.
        QCOMPARE(pastEventDayMs(u"2026-12-01"_qs, at(9, 15)),
                 QDateTime(today.addDays(1), QTime(12, 0)).toMSecsSinceEpoch());
        QCOMPARE(pastEventDayMs(u"2026-02-30"_qs, at(9, 15)), qint64(-1));
    }

    void dateTimesWithoutSeconds() {
        QLocale::setDefault(QLocale(u"en_US"_qs));
        const auto text = dateTimeText(QDateTime(QDate(2024, 5, 14), QTime(9, 5, 42)));
        QVERIFY2(text.endsWith(u" 09:05"_qs), qPrintable(text));
        QCOMPARE(dateTimeText(QDateTime()), QString());
    }
};

QTEST_GUILESS_MAIN(TstAppForms)
#include "tst_app_forms.moc"
