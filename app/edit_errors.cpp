// SPDX-License-Identifier: MIT
#include "edit_errors.h"

#include <QCoreApplication>

namespace fieldbook::app {

namespace {
struct Message {
    const char* code;
    const char* text;
};

// The codes are those of shared/device/replica.h ("sales-process workflows").
constexpr Message kMessages[] = {
    {"empty_summary",
     QT_TRANSLATE_NOOP("EditErrors", "Write what was discussed and agreed before saving.")},
    {"unknown_client", QT_TRANSLATE_NOOP("EditErrors", "This client is no longer on your device. "
                                                       "Sync and open it again.")},
    {"unknown_deal", QT_TRANSLATE_NOOP("EditErrors", "This deal is no longer on your device. Sync "
                                                     "and open it again.")},
    {"unknown_user", QT_TRANSLATE_NOOP("EditErrors", "That person is not in the user directory. "
                                                     "Sync and choose again.")},
    {"inactive_user", QT_TRANSLATE_NOOP("EditErrors", "That person no longer works in Fieldbook. "
                                                      "Choose someone else.")},
    {"unknown_contact", QT_TRANSLATE_NOOP("EditErrors", "This contact is no longer on your "
                                                        "device. Sync and try again.")},
    {"unknown_template", QT_TRANSLATE_NOOP("EditErrors", "That document template is no longer "
                                                         "available. Choose another one.")},
    {"unknown_product", QT_TRANSLATE_NOOP("EditErrors", "That product is no longer in the "
                                                        "catalogue. Choose another one.")},
    {"unknown_record", QT_TRANSLATE_NOOP("EditErrors", "This record is no longer on your device. "
                                                       "Sync and try again.")},
    {"unknown_code", QT_TRANSLATE_NOOP("EditErrors", "A chosen value is not in its list any "
                                                     "more. Sync and choose again.")},
    {"unknown_stage", QT_TRANSLATE_NOOP("EditErrors", "That stage is not in the stage list. "
                                                      "Choose another stage.")},
    {"forbidden", QT_TRANSLATE_NOOP("EditErrors", "Your role may not do this. Ask the head of "
                                                  "sales.")},
    {"not_author", QT_TRANSLATE_NOOP("EditErrors", "Only the author of an entry may correct it. "
                                                   "Log a new entry instead.")},
    {"lost_needs_reason", QT_TRANSLATE_NOOP("EditErrors", "Choose the refusal reason before "
                                                          "closing the deal as lost.")},
    {"won_needs_document", QT_TRANSLATE_NOOP("EditErrors", "Enter the contract or the invoice "
                                                           "number before closing the deal as "
                                                           "won.")},
    {"stage_out_of_order", QT_TRANSLATE_NOOP("EditErrors", "A deal moves to its next stage only. "
                                                           "The head of sales may choose another "
                                                           "stage.")},
    {"same_stage", QT_TRANSLATE_NOOP("EditErrors", "The deal is already at that stage.")},
    {"no_stages", QT_TRANSLATE_NOOP("EditErrors", "There is no deal stage on this device yet. "
                                                  "Sync and try again.")},
    {"deal_closed", QT_TRANSLATE_NOOP("EditErrors", "This deal is closed; it cannot change any "
                                                    "more.")},
    {"activity_closed", QT_TRANSLATE_NOOP("EditErrors", "This activity is no longer planned; it "
                                                        "was done, cancelled or missed.")},
    {"invalid_quantity", QT_TRANSLATE_NOOP("EditErrors", "The quantity must be 1 or more.")},
    {"invalid_price", QT_TRANSLATE_NOOP("EditErrors", "The price must be 0 or more.")},
    {"invalid_amount", QT_TRANSLATE_NOOP("EditErrors", "The amount must be more than 0.")},
    {"invalid_duration", QT_TRANSLATE_NOOP("EditErrors", "The duration must be between 1 and "
                                                         "1440 minutes.")},
    {"no_address", QT_TRANSLATE_NOOP("EditErrors", "The contact has no address for this channel. "
                                                   "Add the e-mail or fax number to the contact "
                                                   "first.")},
    {"not_logged_in", QT_TRANSLATE_NOOP("EditErrors", "Sign in first.")},
    {"out_of_scope", QT_TRANSLATE_NOOP("EditErrors", "This record is no longer yours to change "
                                                     "(it was given to someone else). Ask its "
                                                     "curator or the head of sales.")},
};
} // namespace

QString editErrorMessage(const std::string& code, const std::string& fallback) {
    for (const auto& m : kMessages) {
        if (code == m.code) {
            return QCoreApplication::translate("EditErrors", m.text);
        }
    }
    return QString::fromStdString(fallback);
}

} // namespace fieldbook::app
