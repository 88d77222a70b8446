<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ActivityActions</name>
    <message numerus="yes">
        <location filename="../../app/activity_actions.cpp" line="+72"/>
        <source>%1, %n min</source>
        <translation>
            <numerusform>%1, %n мин</numerusform>
            <numerusform>%1, %n мин</numerusform>
            <numerusform>%1, %n мин</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Choose who takes the activity over.</source>
        <translation>Выберите, кому передать дело.</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../dialogs/ActivityDialog.qml" line="+15"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activity</source>
        <translation>Дело</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open client card</source>
        <translation>Открыть карточку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (planned by %2)</source>
        <translation>%1 (запланировал(а) %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Result</source>
        <translation>Итог</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What was discussed and agreed?</source>
        <translation>Что обсудили и о чём договорились?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. They liked the demo; send the proposal by Friday.</source>
        <translation>напр. Демо понравилось; отправить предложение до пятницы.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>History entry kind</source>
        <translation>Вид записи в истории</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mark done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Missed</source>
        <translation>Не состоялось</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel activity</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give it to another manager</source>
        <translation>Передать другому менеджеру</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reassign</source>
        <translation>Передать</translation>
    </message>
</context>
<context>
    <name>AddContactDialog</name>
    <message>
        <location filename="../dialogs/AddContactDialog.qml" line="+12"/>
        <source>New contact person</source>
        <translation>Новое контактное лицо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add contact</source>
        <translation>Добавить контакт</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Name *</source>
        <translation>Имя *</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fax</source>
        <translation>Факс</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Makes the decision</source>
        <translation>Принимает решение</translation>
    </message>
</context>
<context>
    <name>AddDeliveryDialog</name>
    <message>
        <location filename="../dialogs/AddDeliveryDialog.qml" line="+12"/>
        <source>Record a delivery</source>
        <translation>Отметить поставку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Записать</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delivered on</source>
        <translation>Дата поставки</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Waybill number</source>
        <translation>Номер накладной</translation>
    </message>
</context>
<context>
    <name>AddLineDialog</name>
    <message>
        <location filename="../dialogs/AddLineDialog.qml" line="+13"/>
        <source>Add a product</source>
        <translation>Добавить продукт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Product</source>
        <translation>Продукт</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Price per unit</source>
        <translation>Цена за единицу</translation>
    </message>
</context>
<context>
    <name>AddPaymentDialog</name>
    <message>
        <location filename="../dialogs/AddPaymentDialog.qml" line="+12"/>
        <source>Record a payment</source>
        <translation>Отметить оплату</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Записать</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Amount paid</source>
        <translation>Сумма оплаты</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 5000.00</source>
        <translation>напр. 5000,00</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Paid on</source>
        <translation>Дата оплаты</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Accounting document number</source>
        <translation>Номер платёжного документа</translation>
    </message>
</context>
<context>
    <name>AppSession</name>
    <message>
        <location filename="../../app/app_session.cpp" line="+37"/>
        <source>Cannot create the profile folder %1. Start Fieldbook with --profile and a folder you can write to.</source>
        <translation>Не удаётся создать папку профиля %1. Запустите Fieldbook с --profile и папкой, в которую можно писать.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot open the local data in %1 (%2). Update Fieldbook or start it with another --profile folder.</source>
        <translation>Не удаётся открыть локальные данные в %1 (%2). Обновите Fieldbook или запустите его с другой папкой --profile.</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>never synced</source>
        <translation>ещё не синхронизировано</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>synced at %1</source>
        <translation>синхр. в %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>synced on %1</source>
        <translation>синхр. %1</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Enter the server address, your login and your password.</source>
        <translation>Введите адрес сервера, логин и пароль.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fieldbook app on %1</source>
        <translation>Приложение Fieldbook на %1</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>The server address is not valid (%1). Write it as http://host:port.</source>
        <translation>Неверный адрес сервера (%1). Укажите его в виде http://host:port.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot reach the server at %1. Your changes are kept on this device and sync when the connection is back.</source>
        <translation>Сервер %1 недоступен. Изменения сохранены на устройстве и синхронизируются, когда появится связь.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This device holds unsynced changes of %1. Sign in as %1 and sync them first.</source>
        <translation>На устройстве есть несинхронизированные изменения пользователя %1. Войдите как %1 и сначала синхронизируйте их.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in to sync.</source>
        <translation>Войдите, чтобы синхронизировать.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong login or password. Check them and try again.</source>
        <translation>Неверный логин или пароль. Проверьте их и попробуйте снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server did not accept your sign-in (%1). Sign in again.</source>
        <translation>Сервер не принял ваш вход (%1). Войдите снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server needs a newer Fieldbook. Please update the app.</source>
        <translation>Серверу нужна более новая версия Fieldbook. Обновите приложение.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server failed (%1). Fieldbook retries by itself; if it keeps failing, tell your administrator.</source>
        <translation>Ошибка сервера (%1). Fieldbook повторит попытку сам; если ошибка не проходит, сообщите администратору.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s answer was not understood (%1). If it keeps failing, tell your administrator.</source>
        <translation>Ответ сервера не распознан (%1). Если ошибка повторяется, сообщите администратору.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot write the local data (%1). Free some disk space and restart Fieldbook.</source>
        <translation>Не удаётся записать локальные данные (%1). Освободите место на диске и перезапустите Fieldbook.</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+23"/>
        <source>Could not save (%1). Try again.</source>
        <translation>Не удалось сохранить (%1). Попробуйте снова.</translation>
    </message>
</context>
<context>
    <name>CardRows</name>
    <message>
        <location filename="../../app/card_rows.cpp" line="+39"/>
        <source>A card not on this device</source>
        <translation>Карточка не на этом устройстве</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 by %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax id</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Curator</source>
        <translation>Куратор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent client</source>
        <translation>Головная организация</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>Отрасль</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>Сотрудников</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Founded</source>
        <translation>Основана</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annual revenue</source>
        <translation>Годовой оборот</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web site</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level of interest</source>
        <translation>Уровень интереса</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Information source</source>
        <translation>Источник информации</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact reason</source>
        <translation>Повод обращения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whose initiative</source>
        <translation>Чья инициатива</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Triggering event</source>
        <translation>Событие-повод</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First contact</source>
        <translation>Первый контакт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Probable duplicate of</source>
        <translation>Вероятный дубликат карточки</translation>
    </message>
</context>
<context>
    <name>ChoiceBox</name>
    <message>
        <location filename="../components/ChoiceBox.qml" line="+24"/>
        <source>Choose…</source>
        <translation>Выберите…</translation>
    </message>
</context>
<context>
    <name>ClientCard</name>
    <message>
        <location filename="../../app/client_card.cpp" line="+97"/>
        <source>%1, %2 (%3)</source>
        <translation>%1, %2 (%3)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 by %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Choose the document to send.</source>
        <translation>Выберите документ для отправки.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Give the deal a title, e.g. the product and the client.</source>
        <translation>Назовите сделку, например продукт и клиент.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“%1” is not an amount. Write it like 1250.50.</source>
        <translation>«%1» — не сумма. Пишите, например, 1250,50.</translation>
    </message>
</context>
<context>
    <name>ClientCardPage</name>
    <message>
        <location filename="../pages/ClientCardPage.qml" line="+14"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>This client is not on your device any more.</source>
        <translation>Этого клиента больше нет на устройстве.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Log contact</source>
        <translation>Записать контакт</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Plan visit</source>
        <translation>Запланировать визит</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Details</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contacts (%1)</source>
        <translation>Контакты (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History (%1)</source>
        <translation>История (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+37"/>
        <source>Deals (%1)</source>
        <translation>Сделки (%1)</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plans (%1)</source>
        <translation>Планы (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans</source>
        <translation>Планы</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Open deal</source>
        <translation>Открыть сделку</translation>
    </message>
</context>
<context>
    <name>ClientContactsTab</name>
    <message>
        <location filename="../components/ClientContactsTab.qml" line="+29"/>
        <source>Contact persons (%1)</source>
        <translation>Контактные лица (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add contact</source>
        <translation>Добавить контакт</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No contact persons yet.</source>
        <translation>Контактных лиц пока нет.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>decides</source>
        <translation>ЛПР</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not synced yet</source>
        <translation>ещё не синхронизировано</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Send document</source>
        <translation>Отправить документ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mailings (%1)</source>
        <translation>Рассылки (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No document sent yet.</source>
        <translation>Документы ещё не отправлялись.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>sent %1</source>
        <translation>отправлено %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asked %1</source>
        <translation>запрошено %1</translation>
    </message>
</context>
<context>
    <name>ClientDetailsTab</name>
    <message>
        <location filename="../components/ClientDetailsTab.qml" line="+36"/>
        <source>Edit card</source>
        <translation>Изменить карточку</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reassign curator</source>
        <translation>Сменить куратора</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <location filename="../components/ClientForm.qml" line="+58"/>
        <source>Organisation name *</source>
        <translation>Название организации *</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. Northwind Traders</source>
        <translation>напр. ООО «Северный ветер»</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tax id</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Web site</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+10"/>
        <location line="+10"/>
        <location line="+40"/>
        <location line="+10"/>
        <location line="+10"/>
        <location line="+10"/>
        <location line="+10"/>
        <location line="+10"/>
        <source>— not set</source>
        <translation>— не указано</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Industry</source>
        <translation>Отрасль</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Employees</source>
        <translation>Сотрудников</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Founded (year)</source>
        <translation>Год основания</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Annual revenue</source>
        <translation>Годовой оборот</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Level of interest</source>
        <translation>Уровень интереса</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>How they heard of us</source>
        <translation>Откуда узнали о нас</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Contact reason</source>
        <translation>Повод обращения</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Whose initiative</source>
        <translation>Чья инициатива</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Triggering event</source>
        <translation>Событие-повод</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
</context>
<context>
    <name>ClientListPage</name>
    <message>
        <location filename="../pages/ClientListPage.qml" line="+12"/>
        <source>Clients (%1)</source>
        <translation>Клиенты (%1)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Search by name, industry or region</source>
        <translation>Поиск по названию, отрасли или региону</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message numerus="yes">
        <location line="+66"/>
        <source>%n open</source>
        <translation>
            <numerusform>%n открыта</numerusform>
            <numerusform>%n открыты</numerusform>
            <numerusform>%n открыто</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No client matches “%1”.</source>
        <translation>Нет клиентов по запросу «%1».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No clients on this device yet.</source>
        <translation>На устройстве пока нет клиентов.</translation>
    </message>
</context>
<context>
    <name>ClientPlansTab</name>
    <message>
        <location filename="../components/ClientPlansTab.qml" line="+18"/>
        <source>Planned work (%1)</source>
        <translation>План работ (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan visit</source>
        <translation>Запланировать визит</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Nothing planned with this client.</source>
        <translation>С этим клиентом ничего не запланировано.</translation>
    </message>
    <message numerus="yes">
        <location line="+43"/>
        <source>%1 · %n min</source>
        <translation>
            <numerusform>%1 · %n мин</numerusform>
            <numerusform>%1 · %n мин</numerusform>
            <numerusform>%1 · %n мин</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>overdue</source>
        <translation>просрочено</translation>
    </message>
</context>
<context>
    <name>ClientSummary</name>
    <message>
        <location filename="../components/ClientSummary.qml" line="+49"/>
        <source>Curator</source>
        <translation>Куратор</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>nobody yet</source>
        <translation>пока никто</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open deals</source>
        <translation>Открытые сделки</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>First contact</source>
        <translation>Первый контакт</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Next visit</source>
        <translation>Следующий визит</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none planned</source>
        <translation>не запланирован</translation>
    </message>
</context>
<context>
    <name>CloseDealDialog</name>
    <message>
        <location filename="../dialogs/CloseDealDialog.qml" line="+14"/>
        <source>Close the deal</source>
        <translation>Закрыть сделку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close as won</source>
        <translation>Закрыть успехом</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close as lost</source>
        <translation>Закрыть отказом</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Won</source>
        <translation>Успех</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lost</source>
        <translation>Отказ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contract number</source>
        <translation>Номер договора</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invoice number</source>
        <translation>Номер счёта</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A won deal needs the contract or the invoice number.</source>
        <translation>Для успешной сделки нужен номер договора или счёта.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refusal reason</source>
        <translation>Причина отказа</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>— choose the reason</source>
        <translation>— выберите причину</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
</context>
<context>
    <name>ConflictLog</name>
    <message>
        <location filename="../../app/conflict_log.cpp" line="+50"/>
        <source>Rule: a won or lost deal beats an edit made without seeing the close.</source>
        <translation>Правило: выигранная или проигранная сделка важнее правки, сделанной до того, как стало известно о закрытии.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule: the later stage of the deal wins.</source>
        <translation>Правило: побеждает более поздний этап сделки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule: the head&apos;s assignment beats a manager&apos;s.</source>
        <translation>Правило: назначение руководителя важнее назначения менеджера.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule: an edit beats a delete made at the same time; the record stays.</source>
        <translation>Правило: правка важнее одновременного удаления; запись сохраняется.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule: a delete by the head or an admin beats an edit.</source>
        <translation>Правило: удаление руководителем или администратором важнее правки.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule: both cards are kept and marked as probable duplicates.</source>
        <translation>Правило: обе карточки сохраняются и помечаются как вероятные дубликаты.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule: the card was merged into another; the surviving card&apos;s value is kept.</source>
        <translation>Правило: карточка объединена с другой; сохраняется значение оставшейся карточки.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Rule: the later change wins.</source>
        <translation>Правило: побеждает более позднее изменение.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule: history is only added to; the author&apos;s later correction wins.</source>
        <translation>Правило: история только дополняется; побеждает более позднее исправление автора.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule: this field is set once and then kept.</source>
        <translation>Правило: это поле задаётся один раз и больше не меняется.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule: only the server sets this field.</source>
        <translation>Правило: это поле заполняет только сервер.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rule: %1.</source>
        <translation>Правило: %1.</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>another user</source>
        <translation>другой пользователь</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your change to %1 of %2 was replaced by your change from another device: «%3» (replaced: «%4»)</source>
        <translation>Ваше изменение поля «%1» в %2 заменено вашим же изменением с другого устройства: «%3» (заменено: «%4»)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your change to %1 of %2 was replaced by %3&apos;s: «%4» (yours: «%5»)</source>
        <translation>Ваше изменение поля «%1» в %2 заменено изменением пользователя %3: «%4» (ваше: «%5»)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your change to %1 of %2 replaced %3&apos;s: «%4» (theirs: «%5»)</source>
        <translation>Ваше изменение поля «%1» в %2 заменило изменение пользователя %3: «%4» (его значение: «%5»)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1&apos;s change to %2 of %3 replaced %4&apos;s: «%5» (replaced: «%6»)</source>
        <translation>Изменение пользователя %1 в поле «%2» в %3 заменило изменение пользователя %4: «%5» (заменено: «%6»)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Deleting a %1</source>
        <translation>Удаление: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleting %1 «%2»</source>
        <translation>Удаление: %1 «%2»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 «%2»</source>
        <translation>%1 «%2»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 no longer on this device</source>
        <translation>%1 — уже не на этом устройстве</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This change was not yours, or it is no longer in the log.</source>
        <translation>Это изменение было не вашим, или его уже нет в журнале.</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../pages/ConflictsPage.qml" line="+14"/>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Changes that met another change (%1)</source>
        <translation>Изменения, столкнувшиеся с другими (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When two people change the same field before they sync, one change is kept by the rule shown. Nothing is thrown away: the other value stays here.</source>
        <translation>Когда двое меняют одно и то же поле до синхронизации, остаётся одно изменение — по указанному правилу. Ничего не теряется: другое значение сохранено здесь.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No conflicts: every change you made was kept.</source>
        <translation>Конфликтов нет: все ваши изменения сохранены.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Re-applied</source>
        <translation>Применено снова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaced</source>
        <translation>Заменено</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your value was applied again as a new change.</source>
        <translation>Ваше значение применено снова как новое изменение.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Yours cannot be applied again: %1</source>
        <translation>Ваше значение нельзя применить снова: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Apply mine again</source>
        <translation>Применить моё снова</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved by the server (%1)</source>
        <translation>Не сохранено сервером (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server refused these edits, so they are not in the records. What you typed is kept here so that you can enter it again where it belongs.</source>
        <translation>Сервер отклонил эти правки, поэтому их нет в записях. Введённое вами сохранено здесь, чтобы его можно было внести заново куда следует.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server took every edit of this device.</source>
        <translation>Сервер принял все правки с этого устройства.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>What you typed:</source>
        <translation>Что вы ввели:</translation>
    </message>
</context>
<context>
    <name>CorrectHistoryDialog</name>
    <message>
        <location filename="../dialogs/CorrectHistoryDialog.qml" line="+13"/>
        <source>Correct the entry</source>
        <translation>Исправить запись</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save correction</source>
        <translation>Сохранить исправление</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The earlier text stays in the history under the entry.</source>
        <translation>Прежний текст останется в истории под записью.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../pages/DashboardPage.qml" line="+17"/>
        <source>Dashboard</source>
        <translation>Панель руководителя</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+99"/>
        <source>Clients in work</source>
        <translation>Клиенты в работе</translation>
    </message>
    <message numerus="yes">
        <location line="-20"/>
        <source>Manager load (%n manager(s))</source>
        <translation>
            <numerusform>Загрузка менеджеров (%n менеджер)</numerusform>
            <numerusform>Загрузка менеджеров (%n менеджера)</numerusform>
            <numerusform>Загрузка менеджеров (%n менеджеров)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Funnel</source>
        <translation>Воронка продаж</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deals</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Won and lost by month</source>
        <translation>Выигранные и проигранные по месяцам</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Won</source>
        <translation>Выиграно</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lost</source>
        <translation>Проиграно</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Refusal reasons</source>
        <translation>Причины отказа</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No reason given</source>
        <translation>Причина не указана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost deals</source>
        <translation>Проигранные сделки</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sources of won deals</source>
        <translation>Источники выигранных сделок</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not given</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won deals</source>
        <translation>Выигранные сделки</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../components/DateField.qml" line="+16"/>
        <source>YYYY-MM-DD</source>
        <translation>ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
</context>
<context>
    <name>DatePickerDialog</name>
    <message>
        <location filename="../dialogs/DatePickerDialog.qml" line="+13"/>
        <source>Choose a day</source>
        <translation>Выберите день</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Previous month</source>
        <translation>Предыдущий месяц</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Next month</source>
        <translation>Следующий месяц</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>DealList</name>
    <message>
        <location filename="../components/DealList.qml" line="+18"/>
        <source>No deals with this client yet.</source>
        <translation>С этим клиентом пока нет сделок.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>DealListModel</name>
    <message>
        <location filename="../../app/deal_list_model.cpp" line="+107"/>
        <source>No deal</source>
        <translation>Без сделки</translation>
    </message>
</context>
<context>
    <name>DealPage</name>
    <message>
        <location filename="../pages/DealPage.qml" line="+15"/>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>This deal is not on your device any more.</source>
        <translation>Этой сделки больше нет на устройстве.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not set</source>
        <translation>не указана</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opened</source>
        <translation>Открыта</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed</source>
        <translation>Закрыта</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment terms</source>
        <translation>Условия оплаты</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refusal reason</source>
        <translation>Причина отказа</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Edit deal</source>
        <translation>Изменить сделку</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next stage: %1</source>
        <translation>Следующий этап: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Other stage…</source>
        <translation>Другой этап…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close deal…</source>
        <translation>Закрыть сделку…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stages</source>
        <translation>Этапы</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Products</source>
        <translation>Продукты</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+48"/>
        <location line="+39"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>No product lines yet.</source>
        <translation>Продуктов пока нет.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Payments</source>
        <translation>Оплаты</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No payment yet.</source>
        <translation>Оплат пока нет.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>doc. %1</source>
        <translation>док. %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deliveries</source>
        <translation>Поставки</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No delivery yet.</source>
        <translation>Поставок пока нет.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>waybill %1</source>
        <translation>накладная %1</translation>
    </message>
</context>
<context>
    <name>DealView</name>
    <message>
        <location filename="../../app/deal_view.cpp" line="+124"/>
        <source>%1 of %2 days</source>
        <translation>%1 из %2 дн.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n день</numerusform>
            <numerusform>%n дня</numerusform>
            <numerusform>%n дней</numerusform>
        </translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The deal is at its last stage. Close it as won or lost.</source>
        <translation>Сделка на последнем этапе. Закройте её успехом или отказом.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose the product.</source>
        <translation>Выберите продукт.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the price per unit, e.g. 1250.50.</source>
        <translation>Укажите цену за единицу, например 1250,50.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Write the amount paid, e.g. 1250.50.</source>
        <translation>Укажите сумму оплаты, например 1250,50.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Write the date as YYYY-MM-DD.</source>
        <translation>Укажите дату в виде ГГГГ-ММ-ДД.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Give the deal a title, e.g. the product and the client.</source>
        <translation>Назовите сделку, например продукт и клиент.</translation>
    </message>
</context>
<context>
    <name>EditClientPage</name>
    <message>
        <location filename="../pages/EditClientPage.qml" line="+14"/>
        <source>Edit %1</source>
        <translation>Изменить: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
</context>
<context>
    <name>EditDealPage</name>
    <message>
        <location filename="../pages/EditDealPage.qml" line="+16"/>
        <source>Edit %1</source>
        <translation>Изменить: %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Title *</source>
        <translation>Название *</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 12500.00</source>
        <translation>напр. 12500,00</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Payment terms</source>
        <translation>Условия оплаты</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 50% in advance, the rest on delivery</source>
        <translation>напр. 50% предоплата, остальное при поставке</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Contract no.</source>
        <translation>№ договора</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Invoice no.</source>
        <translation>№ счёта</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
</context>
<context>
    <name>EditErrors</name>
    <message>
        <location filename="../../app/edit_errors.cpp" line="+17"/>
        <source>Write what was discussed and agreed before saving.</source>
        <translation>Перед сохранением напишите, что обсудили и о чём договорились.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This client is no longer on your device. Sync and open it again.</source>
        <translation>Этого клиента больше нет на устройстве. Синхронизируйте и откройте снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This deal is no longer on your device. Sync and open it again.</source>
        <translation>Этой сделки больше нет на устройстве. Синхронизируйте и откройте снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That person is not in the user directory. Sync and choose again.</source>
        <translation>Этого сотрудника нет в справочнике пользователей. Синхронизируйте и выберите снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That person no longer works in Fieldbook. Choose someone else.</source>
        <translation>Этот сотрудник больше не работает в Fieldbook. Выберите другого.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This contact is no longer on your device. Sync and try again.</source>
        <translation>Этого контакта больше нет на устройстве. Синхронизируйте и попробуйте снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That document template is no longer available. Choose another one.</source>
        <translation>Этот шаблон документа больше недоступен. Выберите другой.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That product is no longer in the catalogue. Choose another one.</source>
        <translation>Этого продукта больше нет в каталоге. Выберите другой.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This record is no longer on your device. Sync and try again.</source>
        <translation>Этой записи больше нет на устройстве. Синхронизируйте и попробуйте снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A chosen value is not in its list any more. Sync and choose again.</source>
        <translation>Выбранного значения больше нет в справочнике. Синхронизируйте и выберите снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That stage is not in the stage list. Choose another stage.</source>
        <translation>Такого этапа нет в списке этапов. Выберите другой.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your role may not do this. Ask the head of sales.</source>
        <translation>Вашей роли это не разрешено. Обратитесь к руководителю отдела продаж.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the author of an entry may correct it. Log a new entry instead.</source>
        <translation>Исправить запись может только её автор. Добавьте новую запись.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the refusal reason before closing the deal as lost.</source>
        <translation>Перед закрытием сделки отказом выберите причину отказа.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the contract or the invoice number before closing the deal as won.</source>
        <translation>Перед закрытием сделки успехом укажите номер договора или счёта.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A deal moves to its next stage only. The head of sales may choose another stage.</source>
        <translation>Сделка переходит только на следующий этап. Другой этап может выбрать руководитель отдела продаж.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The deal is already at that stage.</source>
        <translation>Сделка уже на этом этапе.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no deal stage on this device yet. Sync and try again.</source>
        <translation>На устройстве ещё нет этапов сделки. Синхронизируйте и попробуйте снова.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This deal is closed; it cannot change any more.</source>
        <translation>Сделка закрыта и больше не меняется.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This activity is no longer planned; it was done, cancelled or missed.</source>
        <translation>Это дело уже не в плане: оно выполнено, отменено или не состоялось.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The quantity must be 1 or more.</source>
        <translation>Количество должно быть не меньше 1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The price must be 0 or more.</source>
        <translation>Цена не может быть отрицательной.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount must be more than 0.</source>
        <translation>Сумма должна быть больше 0.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The duration must be between 1 and 1440 minutes.</source>
        <translation>Длительность должна быть от 1 до 1440 минут.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The contact has no address for this channel. Add the e-mail or fax number to the contact first.</source>
        <translation>У контакта нет адреса для этого способа. Сначала добавьте контакту e-mail или номер факса.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in first.</source>
        <translation>Сначала войдите.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This record is no longer yours to change (it was given to someone else). Ask its curator or the head of sales.</source>
        <translation>Эта запись больше не ваша (её передали другому). Обратитесь к её куратору или руководителю отдела продаж.</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <location filename="../../app/field_labels.cpp" line="+21"/>
        <source>client</source>
        <translation>клиент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contact person</source>
        <translation>контактное лицо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deal</source>
        <translation>сделка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>product line</source>
        <translation>позиция сделки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deal stage</source>
        <translation>этап сделки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payment</source>
        <translation>оплата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delivery</source>
        <translation>поставка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>planned activity</source>
        <translation>запланированное дело</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>history entry</source>
        <translation>запись истории</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mailing request</source>
        <translation>заявка на рассылку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference item</source>
        <translation>элемент справочника</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stage</source>
        <translation>этап</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>product</source>
        <translation>продукт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>document template</source>
        <translation>шаблон документа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user</source>
        <translation>пользователь</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax id</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>Отрасль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>Сотрудников</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Founded</source>
        <translation>Основана</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annual revenue</source>
        <translation>Годовой оборот</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent client</source>
        <translation>Головная организация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fax</source>
        <translation>Факс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web site</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Curator</source>
        <translation>Куратор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level of interest</source>
        <translation>Уровень интереса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information source</source>
        <translation>Источник информации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact reason</source>
        <translation>Повод обращения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whose initiative</source>
        <translation>Чья инициатива</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triggering event</source>
        <translation>Событие-повод</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First contact</source>
        <translation>Первый контакт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probable duplicate of</source>
        <translation>Вероятный дубликат карточки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision maker</source>
        <translation>Принимает решение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Продукт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment terms</source>
        <translation>Условия оплаты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract no.</source>
        <translation>№ договора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice no.</source>
        <translation>№ счёта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refusal reason</source>
        <translation>Причина отказа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refusal comment</source>
        <translation>Комментарий к отказу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid on</source>
        <translation>Дата оплаты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document no.</source>
        <translation>№ документа</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered on</source>
        <translation>Дата поставки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waybill no.</source>
        <translation>№ накладной</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration, minutes</source>
        <translation>Длительность, минут</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../dialogs/FormDialog.qml" line="+19"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <location filename="../../app/form_fields.cpp" line="+58"/>
        <source>“%1” is not an amount. Write it like 1250.50.</source>
        <translation>«%1» — не сумма. Пишите, например, 1250,50.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“%1” is not a whole number. Write digits only.</source>
        <translation>«%1» — не целое число. Пишите только цифры.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1” is not a date. Write it as YYYY-MM-DD.</source>
        <translation>«%1» — не дата. Пишите в виде ГГГГ-ММ-ДД.</translation>
    </message>
</context>
<context>
    <name>HistoryTimeline</name>
    <message>
        <location filename="../components/HistoryTimeline.qml" line="+21"/>
        <source>No history yet. Log the first contact.</source>
        <translation>Истории пока нет. Запишите первый контакт.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>not synced yet</source>
        <translation>ещё не синхронизировано</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>corrected</source>
        <translation>исправлено</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Before the correction: %1</source>
        <translation>До исправления: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · deal: %2</source>
        <translation>%1 · сделка: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Correct</source>
        <translation>Исправить</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../pages/HomePage.qml" line="+57"/>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/labels.cpp" line="+23"/>
        <location line="+15"/>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+15"/>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+12"/>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+14"/>
        <location line="+30"/>
        <source>Demonstration</source>
        <translation>Демонстрация</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+74"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+73"/>
        <source>Fax</source>
        <translation>Факс</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Documents sent</source>
        <translation>Отправлены документы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo version sent</source>
        <translation>Отправлена демоверсия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support call</source>
        <translation>Обращение в техподдержку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Send documents</source>
        <translation>Отправить документы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Открыта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Won</source>
        <translation>Успех</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>Отказ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Planned</source>
        <translation>Запланировано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+55"/>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Missed</source>
        <translation>Пропущено</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Prospect</source>
        <translation>Потенциальный</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>Отказался</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>В архиве</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Initiating interest</source>
        <translation>Пробуждение интереса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifying needs</source>
        <translation>Выявление потребностей</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technical proposal</source>
        <translation>Техническое предложение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Financial proposal</source>
        <translation>Коммерческое предложение</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Contract and invoice</source>
        <translation>Договор и счёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery</source>
        <translation>Поставка</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Small</source>
        <translation>Малая</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Medium</source>
        <translation>Средняя</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Large</source>
        <translation>Крупная</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enterprise</source>
        <translation>Корпорация</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ours: telemarketing</source>
        <translation>Наша: телемаркетинг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ours: the manager</source>
        <translation>Наша: менеджер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client&apos;s request</source>
        <translation>Обращение клиента</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Queued</source>
        <translation>В очереди</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sales manager</source>
        <translation>Менеджер по продажам</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telemarketing</source>
        <translation>Телемаркетинг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support</source>
        <translation>Техподдержка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marketing</source>
        <translation>Маркетинг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head of sales</source>
        <translation>Руководитель отдела продаж</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>%1 does not exist: months go from 01 to 12.</source>
        <translation>%1 — такой даты нет: месяцы идут от 01 до 12.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 does not exist: %2 has %n day(s).</source>
        <translation>
            <numerusform>%1 — такой даты нет: %2 — %n день.</numerusform>
            <numerusform>%1 — такой даты нет: %2 — %n дня.</numerusform>
            <numerusform>%1 — такой даты нет: %2 — %n дней.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write the date as YYYY-MM-DD, e.g. %1.</source>
        <translation>Укажите дату в виде ГГГГ-ММ-ДД, например %1.</translation>
    </message>
</context>
<context>
    <name>LogMeetingPage</name>
    <message>
        <location filename="../pages/LogMeetingPage.qml" line="+13"/>
        <source>Log contact · %1</source>
        <translation>Контакт · %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Log contact</source>
        <translation>Записать контакт</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>What was it?</source>
        <translation>Что это было?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About which deal?</source>
        <translation>По какой сделке?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What was discussed and agreed?</source>
        <translation>Что обсудили и о чём договорились?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Showed the GTX demo; they want a proposal for 20 seats by Friday.</source>
        <translation>напр. Показали демо GTX; ждут предложение на 20 мест к пятнице.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../pages/LoginPage.qml" line="+13"/>
        <location line="+85"/>
        <source>Sign in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Fieldbook</source>
        <translation>Fieldbook</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your clients, plans and history, also without a network.</source>
        <translation>Ваши клиенты, планы и история — даже без сети.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Server address</source>
        <translation>Адрес сервера</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>http://server:8787</source>
        <translation>http://server:8787</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. darcel.schlecht</source>
        <translation>напр. darcel.schlecht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="+17"/>
        <location line="+61"/>
        <source>Fieldbook</source>
        <translation>Fieldbook</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Menu</source>
        <translation>Меню</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dashboard</source>
        <translation>Панель руководителя</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>My figures</source>
        <translation>Мои показатели</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sync now</source>
        <translation>Синхронизировать</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign out</source>
        <translation>Выйти</translation>
    </message>
</context>
<context>
    <name>ManagerLoadTable</name>
    <message>
        <location filename="../components/ManagerLoadTable.qml" line="+20"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New cards</source>
        <translation>Новые карточки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>Запланировано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Пропущено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
</context>
<context>
    <name>ManagerWorkPage</name>
    <message numerus="yes">
        <location filename="../pages/ManagerWorkPage.qml" line="+46"/>
        <source>Open deals (%n)</source>
        <translation>
            <numerusform>Открытые сделки (%n)</numerusform>
            <numerusform>Открытые сделки (%n)</numerusform>
            <numerusform>Открытые сделки (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Plan: today and overdue (%n)</source>
        <translation>
            <numerusform>План: сегодня и просроченные (%n)</numerusform>
            <numerusform>План: сегодня и просроченные (%n)</numerusform>
            <numerusform>План: сегодня и просроченные (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No open deals or planned activities of this manager on this device.</source>
        <translation>На этом устройстве нет открытых сделок и запланированных дел этого менеджера.</translation>
    </message>
</context>
<context>
    <name>MoveStageDialog</name>
    <message>
        <location filename="../dialogs/MoveStageDialog.qml" line="+12"/>
        <source>Move to another stage</source>
        <translation>Перевести на другой этап</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move</source>
        <translation>Перевести</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Now: %1</source>
        <translation>Сейчас: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>As head of sales you may skip stages or move a deal back.</source>
        <translation>Как руководитель отдела продаж вы можете пропускать этапы и возвращать сделку назад.</translation>
    </message>
</context>
<context>
    <name>MyFiguresPage</name>
    <message>
        <location filename="../pages/MyFiguresPage.qml" line="+15"/>
        <source>My figures</source>
        <translation>Мои показатели</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Clients in work</source>
        <translation>Клиенты в работе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New cards</source>
        <translation>Новые карточки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts logged</source>
        <translation>Записано контактов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned hours</source>
        <translation>Запланировано часов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>Запланировано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Пропущено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deals in work</source>
        <translation>Сделки в работе</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Deals closed</source>
        <translation>Закрытые сделки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Won</source>
        <translation>Выиграно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost</source>
        <translation>Проиграно</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount won</source>
        <translation>Сумма выигранных</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Stages over their norm now (%n)</source>
        <translation>
            <numerusform>Этапы сверх нормы сейчас (%n)</numerusform>
            <numerusform>Этапы сверх нормы сейчас (%n)</numerusform>
            <numerusform>Этапы сверх нормы сейчас (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The 20 longest over their norm:</source>
        <translation>20 самых долгих сверх нормы:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No deal is over its stage&apos;s norm.</source>
        <translation>Ни одна сделка не превышает норму этапа.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: %2 days, norm %3</source>
        <translation>%1: %2 дн., норма %3</translation>
    </message>
</context>
<context>
    <name>NewClientForm</name>
    <message>
        <location filename="../../app/new_client_form.cpp" line="+25"/>
        <source>same tax id</source>
        <translation>тот же ИНН</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>same name and phone</source>
        <translation>то же название и телефон</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>same name and city</source>
        <translation>то же название и город</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>first contact %1</source>
        <translation>первый контакт %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first contact %1 by %2</source>
        <translation>первый контакт %1, %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first contact by %1</source>
        <translation>первый контакт: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no curator</source>
        <translation>нет куратора</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Write the organisation&apos;s name.</source>
        <translation>Укажите название организации.</translation>
    </message>
</context>
<context>
    <name>NewClientPage</name>
    <message>
        <location filename="../pages/NewClientPage.qml" line="+15"/>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%n probable duplicate(s) on file. Check below the form before saving.</source>
        <translation>
            <numerusform>В базе %n возможный дубликат. Проверьте его под формой перед сохранением.</numerusform>
            <numerusform>В базе %n возможных дубликата. Проверьте их под формой перед сохранением.</numerusform>
            <numerusform>В базе %n возможных дубликатов. Проверьте их под формой перед сохранением.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Curator (the manager who will work with the client)</source>
        <translation>Куратор (менеджер, который будет работать с клиентом)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— nobody yet</source>
        <translation>— пока никто</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Probable duplicates (%1)</source>
        <translation>Возможные дубликаты (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No probable duplicate</source>
        <translation>Возможных дубликатов нет</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This company may already be on file. Check the cards below; who found it first is decided by the first contact.</source>
        <translation>Эта организация, возможно, уже есть в базе. Проверьте карточки ниже; кто нашёл клиента первым, решает дата первого контакта.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Asking the server too…</source>
        <translation>Проверяем и на сервере…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cards with the same tax id, or the same name and phone or city, show here as you type.</source>
        <translation>Карточки с тем же ИНН или с тем же названием и телефоном либо городом появятся здесь по мере ввода.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Curator: %1</source>
        <translation>Куратор: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>On the server, not on this device: ask the curator or the head of sales.</source>
        <translation>Карточка есть на сервере, но не на этом устройстве: спросите куратора или руководителя отдела продаж.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Create anyway</source>
        <translation>Всё равно создать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create card</source>
        <translation>Создать карточку</translation>
    </message>
</context>
<context>
    <name>OpenDealDialog</name>
    <message>
        <location filename="../dialogs/OpenDealDialog.qml" line="+13"/>
        <source>Open a deal</source>
        <translation>Новая сделка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open deal</source>
        <translation>Открыть сделку</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Title *</source>
        <translation>Название *</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 20 seats of GTX Pro</source>
        <translation>напр. 20 лицензий GTX Pro</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Main product</source>
        <translation>Основной продукт</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>— not yet known</source>
        <translation>— пока неизвестен</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Expected amount</source>
        <translation>Ожидаемая сумма</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 12500.00</source>
        <translation>напр. 12500,00</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Responsible manager</source>
        <translation>Ответственный менеджер</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Me</source>
        <translation>Я</translation>
    </message>
</context>
<context>
    <name>PeriodSelector</name>
    <message>
        <location filename="../components/PeriodSelector.qml" line="+41"/>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 12 months</source>
        <translation>Последние 12 месяцев</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>Этот год</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last year</source>
        <translation>Прошлый год</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dates…</source>
        <translation>Даты…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
</context>
<context>
    <name>PlanForm</name>
    <message numerus="yes">
        <location filename="../../app/plan_form.cpp" line="+88"/>
        <source>This time overlaps %n of your busy times. You can still save it.</source>
        <translation>
            <numerusform>Это время пересекается с %n вашим занятым интервалом. Сохранить всё равно можно.</numerusform>
            <numerusform>Это время пересекается с %n вашими занятыми интервалами. Сохранить всё равно можно.</numerusform>
            <numerusform>Это время пересекается с %n вашими занятыми интервалами. Сохранить всё равно можно.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>This time overlaps %n busy time(s) of that person. You can still save it.</source>
        <translation>
            <numerusform>Это время пересекается с %n занятым интервалом сотрудника. Сохранить всё равно можно.</numerusform>
            <numerusform>Это время пересекается с %n занятыми интервалами сотрудника. Сохранить всё равно можно.</numerusform>
            <numerusform>Это время пересекается с %n занятыми интервалами сотрудника. Сохранить всё равно можно.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Write the time as HH:MM, e.g. 14:30.</source>
        <translation>Укажите время в виде ЧЧ:ММ, например 14:30.</translation>
    </message>
</context>
<context>
    <name>PlanVisitPage</name>
    <message>
        <location filename="../pages/PlanVisitPage.qml" line="+16"/>
        <source>Plan visit</source>
        <translation>Запланировать визит</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Free all day.</source>
        <translation>Весь день свободен.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>overlaps</source>
        <translation>пересекается</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>busy</source>
        <translation>занят</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only times are shown, never whom they visit.</source>
        <translation>Показано только время, без клиентов.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Busy times of %1, %2</source>
        <translation>Занятость: %1, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your busy times, %1</source>
        <translation>Ваша занятость, %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>For whom</source>
        <translation>Для кого</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>HH:MM</source>
        <translation>ЧЧ:ММ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Duration, minutes</source>
        <translation>Длительность, минут</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Purpose</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Demonstrate GTX Pro to the IT team</source>
        <translation>напр. Показать GTX Pro ИТ-отделу</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. their office, room 4</source>
        <translation>напр. у них в офисе, переговорная 4</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Save anyway</source>
        <translation>Всё равно сохранить</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../dialogs/ReassignDialog.qml" line="+14"/>
        <source>Give the client to another manager</source>
        <translation>Передать клиента другому менеджеру</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reassign</source>
        <translation>Передать</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the manager to give it to.</source>
        <translation>Выберите менеджера, которому передать.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Now: %1</source>
        <translation>Сейчас: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody curates it now.</source>
        <translation>Сейчас у клиента нет куратора.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New curator</source>
        <translation>Новый куратор</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The card, its history, deals and plans move to the new curator&apos;s device.</source>
        <translation>Карточка с историей, сделками и планами перейдёт на устройство нового куратора.</translation>
    </message>
</context>
<context>
    <name>ReferenceLabels</name>
    <message>
        <location filename="../../app/reference_labels.cpp" line="+28"/>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting</source>
        <translation>Встреча</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>Письмо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fax</source>
        <translation>Факс</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents sent</source>
        <translation>Отправлены документы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo version sent</source>
        <translation>Отправлена демоверсия</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demonstration</source>
        <translation>Демонстрация</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support call</source>
        <translation>Звонок в техподдержку</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Magazine article</source>
        <translation>Статья в журнале</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Advertisement</source>
        <translation>Реклама</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exhibition stand</source>
        <translation>Стенд на выставке</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colleague&apos;s recommendation</source>
        <translation>Рекомендация коллег</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web site</source>
        <translation>Сайт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our call</source>
        <translation>Наш звонок</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <location line="+11"/>
        <location line="+10"/>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Interest in a new product</source>
        <translation>Интерес к новому продукту</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replacing a current system</source>
        <translation>Замена текущей системы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Growing business</source>
        <translation>Рост бизнеса</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tender</source>
        <translation>Тендер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support request</source>
        <translation>Запрос в поддержку</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New budget year</source>
        <translation>Новый бюджетный год</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New management</source>
        <translation>Новое руководство</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expansion or new site</source>
        <translation>Расширение или новая площадка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regulation change</source>
        <translation>Изменение законодательства</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current system failed</source>
        <translation>Отказ текущей системы</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Price too high</source>
        <translation>Слишком высокая цена</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chose a competitor</source>
        <translation>Выбрали конкурента</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No budget</source>
        <translation>Нет бюджета</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No need</source>
        <translation>Нет потребности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postponed</source>
        <translation>Отложено</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No decision maker reached</source>
        <translation>Не вышли на лицо, принимающее решение</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Belgium</source>
        <translation>Бельгия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brazil</source>
        <translation>Бразилия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>China</source>
        <translation>Китай</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Germany</source>
        <translation>Германия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italy</source>
        <translation>Италия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Japan</source>
        <translation>Япония</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jordan</source>
        <translation>Иордания</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kenya</source>
        <translation>Кения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korea</source>
        <translation>Корея</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Norway</source>
        <translation>Норвегия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panama</source>
        <translation>Панама</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Philippines</source>
        <translation>Филиппины</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poland</source>
        <translation>Польша</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Romania</source>
        <translation>Румыния</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>United States</source>
        <translation>США</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employment</source>
        <translation>Кадровые услуги</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entertainment</source>
        <translation>Развлечения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finance</source>
        <translation>Финансы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marketing</source>
        <translation>Маркетинг</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medical</source>
        <translation>Медицина</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retail</source>
        <translation>Розничная торговля</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services</source>
        <translation>Услуги</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Software</source>
        <translation>Программное обеспечение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technology</source>
        <translation>Технологии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Telecommunications</source>
        <translation>Телекоммуникации</translation>
    </message>
</context>
<context>
    <name>ReportModel</name>
    <message>
        <location filename="../../app/report_model.cpp" line="+90"/>
        <source>offline: figures cover only what this device holds</source>
        <translation>офлайн: цифры только по данным этого устройства</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sign in to see the figures</source>
        <translation>Войдите, чтобы увидеть показатели</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The server answered %1</source>
        <translation>Сервер ответил %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server&apos;s answer is not a report</source>
        <translation>Ответ сервера — не отчёт</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This device&apos;s data cannot be opened</source>
        <translation>Не удаётся открыть данные этого устройства</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This device has not synced yet: connect to the server once, then the figures can be read offline too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You can read only your own figures</source>
        <translation>Вам доступны только ваши показатели</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The figures cannot be read from this device</source>
        <translation>Не удаётся прочитать показатели на этом устройстве</translation>
    </message>
</context>
<context>
    <name>ReportStatus</name>
    <message>
        <location filename="../components/ReportStatus.qml" line="+48"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
</context>
<context>
    <name>SendDocumentDialog</name>
    <message>
        <location filename="../dialogs/SendDocumentDialog.qml" line="+14"/>
        <source>Send a document to %1</source>
        <translation>Отправить документ: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Send by</source>
        <translation>Способ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E-mail to %1</source>
        <translation>E-mail на %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail (no address yet)</source>
        <translation>E-mail (адреса пока нет)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fax to %1</source>
        <translation>Факс на %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fax (no number yet)</source>
        <translation>Факс (номера пока нет)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The request waits on this device until it syncs; the server then sends it and its status shows under Mailings.</source>
        <translation>Запрос ждёт на устройстве до синхронизации; затем его отправит сервер, а статус появится в разделе «Рассылки».</translation>
    </message>
</context>
<context>
    <name>StageTimeline</name>
    <message>
        <location filename="../components/StageTimeline.qml" line="+17"/>
        <source>No stage recorded yet.</source>
        <translation>Этапов пока нет.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>since %1</source>
        <translation>с %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>over the norm</source>
        <translation>сверх нормы</translation>
    </message>
</context>
<context>
    <name>SyncFailureBanner</name>
    <message>
        <location filename="../components/SyncFailureBanner.qml" line="+33"/>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../components/SyncIndicator.qml" line="+18"/>
        <source>syncing…</source>
        <translation>синхронизация…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n pending</source>
        <translation>
            <numerusform>%n в очереди</numerusform>
            <numerusform>%n в очереди</numerusform>
            <numerusform>%n в очереди</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>offline · %n pending</source>
        <translation>
            <numerusform>нет связи · %n в очереди</numerusform>
            <numerusform>нет связи · %n в очереди</numerusform>
            <numerusform>нет связи · %n в очереди</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offline</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Tap to sync now</source>
        <translation>Нажмите, чтобы синхронизировать</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../app/today_model.cpp" line="+98"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tomorrow</source>
        <translation>Завтра</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../pages/TodayPage.qml" line="+40"/>
        <source>Previous day</source>
        <translation>Предыдущий день</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a day</source>
        <translation>Выберите день</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1 · %n overdue</source>
        <translation>
            <numerusform>%1 · %n просрочено</numerusform>
            <numerusform>%1 · %n просрочено</numerusform>
            <numerusform>%1 · %n просрочено</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next day</source>
        <translation>Следующий день</translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
            <numerusform>%n мин</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>overdue</source>
        <translation>просрочено</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing planned for this day.
Plan a visit from a client&apos;s card, or tap the date to see another day.</source>
        <translation>На этот день ничего не запланировано.
Запланируйте визит из карточки клиента или нажмите на дату, чтобы открыть другой день.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/app_options.cpp" line="+23"/>
        <source>Fieldbook, the offline-first sales CRM.</source>
        <translation>Fieldbook — CRM для продаж, работающая без сети.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the local replica in &lt;dir&gt;/replica.db.</source>
        <translation>Хранить локальную реплику в &lt;dir&gt;/replica.db.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in to the server at &lt;url&gt;.</source>
        <translation>Войти на сервер по адресу &lt;url&gt;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log in as &lt;login&gt;.</source>
        <translation>Войти как &lt;login&gt;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the password from &lt;file&gt; (else from FIELDBOOK_PASSWORD).</source>
        <translation>Прочитать пароль из &lt;file&gt; (иначе из FIELDBOOK_PASSWORD).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use the &lt;language&gt; (ru or en).</source>
        <translation>Язык интерфейса &lt;language&gt; (ru или en).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot read the password file %1: %2</source>
        <translation>Не удаётся прочитать файл пароля %1: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give --server and --user together.</source>
        <translation>Укажите --server и --user вместе.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No profile directory: pass --profile DIR.</source>
        <translation>Нет папки профиля: укажите --profile DIR.</translation>
    </message>
</context>
</TS>
