// SPDX-License-Identifier: MIT
// Which device a live fan-out may leave out (LiveHub, originToSkip): only the
// origin of every number in the range it tells. Break-it: device 5 committed
// 146368 while device 3's commit 146369 was fanned out as "device 3's own",
// so device 3 was never told of 146368.
#include "live/live_hub.h"

#include <QTest>

using fieldbook::server::LiveCommit;
using fieldbook::server::originToSkip;

class TestLiveOrigin : public QObject {
    Q_OBJECT

  private slots:
    void ownRangeIsSkipped() {
        QCOMPARE(originToSkip({{"dev-a", 11, 13}}, 10, 13), std::string("dev-a"));
        // Two pushes of one device, back to back, in one fan-out.
        QCOMPARE(originToSkip({{"dev-a", 14, 14}, {"dev-a", 11, 13}}, 10, 14),
                 std::string("dev-a"));
    }

    void aNumberOfSomeoneElseIsTold() {
        // Another device's commit landed after the list was taken (its own
        // committed() call comes later): 146368 is not device 3's.
        QCOMPARE(originToSkip({{"dev-3", 146369, 146369}}, 146367, 146369), std::string());
        // Above the origin's range too (committed after it, before the read).
        QCOMPARE(originToSkip({{"dev-a", 11, 12}}, 10, 13), std::string());
    }

    void severalOriginsOrUnknownAreTold() {
        QCOMPARE(originToSkip({{"dev-a", 11, 11}, {"dev-b", 12, 12}}, 10, 12), std::string());
        QCOMPARE(originToSkip({{"", 11, 12}}, 10, 12), std::string());    // another process
        QCOMPARE(originToSkip({{"dev-a", 0, 0}}, 10, 12), std::string()); // range unknown
        QCOMPARE(originToSkip({}, 10, 12), std::string());
    }
};

QTEST_GUILESS_MAIN(TestLiveOrigin)
#include "tst_live_origin.moc"
