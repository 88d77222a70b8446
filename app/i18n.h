// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QTranslator;

namespace fieldbook::app {

/// Loads the UI translation for `language` ("ru", "en"; empty: the system
/// locale) from the embedded :/i18n/fieldbook_<lang>.qm into `translator`
/// and makes that locale the default for number and date formats. Returns
/// false when there is no translation for it (the English source texts stay).
bool loadTranslation(QTranslator& translator, const QString& language);

} // namespace fieldbook::app
