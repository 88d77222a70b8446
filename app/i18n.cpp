// SPDX-License-Identifier: MIT
#include "i18n.h"

#include <QLocale>
#include <QTranslator>

namespace fieldbook::app {

bool loadTranslation(QTranslator& translator, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    return translator.load(locale, u"fieldbook"_qs, u"_"_qs, u":/i18n"_qs);
}

} // namespace fieldbook::app
