<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AppSession</name>
    <message>
        <location filename="../../app/app_session.cpp" line="+31"/>
        <source>Cannot create the profile folder %1. Start Fieldbook with --profile and a folder you can write to.</source>
        <translation>Не удаётся создать папку профиля %1. Запустите Fieldbook с --profile и папкой, в которую можно писать.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot open the local data in %1 (%2). Update Fieldbook or start it with another --profile folder.</source>
        <translation>Не удаётся открыть локальные данные в %1 (%2). Обновите Fieldbook или запустите его с другой папкой --profile.</translation>
    </message>
    <message>
        <location line="+90"/>
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
        <location line="+112"/>
        <source>Enter the server address, your login and your password.</source>
        <translation>Введите адрес сервера, логин и пароль.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fieldbook app on %1</source>
        <translation>Приложение Fieldbook на %1</translation>
    </message>
    <message>
        <location line="+115"/>
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
        <location line="+11"/>
        <source>Write what was discussed and agreed before saving.</source>
        <translation>Перед сохранением напишите, что обсудили и о чём договорились.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This client is no longer on your device. Sync and open it again.</source>
        <translation>Этого клиента больше нет на устройстве. Синхронизируйте и откройте снова.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chosen deal is not a deal of this client. Choose another deal or none.</source>
        <translation>Выбранная сделка не относится к этому клиенту. Выберите другую или «Без сделки».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nobody with that login is in the user directory. Check the login.</source>
        <translation>Пользователя с таким логином нет в справочнике. Проверьте логин.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The duration must be between 1 and 1440 minutes.</source>
        <translation>Длительность должна быть от 1 до 1440 минут.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in first.</source>
        <translation>Сначала войдите.</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+50"/>
        <source>Could not save (%1). Try again.</source>
        <translation>Не удалось сохранить (%1). Попробуйте снова.</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Write the date as YYYY-MM-DD, e.g. %1.</source>
        <translation>Укажите дату в виде ГГГГ-ММ-ДД, например %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the time as HH:MM, e.g. 14:30.</source>
        <translation>Укажите время в виде ЧЧ:ММ, например 14:30.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nobody with the login %1 is in the user directory. Check the login.</source>
        <translation>Пользователя с логином %1 нет в справочнике. Проверьте логин.</translation>
    </message>
</context>
<context>
    <name>ClientCard</name>
    <message>
        <location filename="../../app/client_card.cpp" line="+84"/>
        <source>%1, %2 (%3)</source>
        <translation>%1, %2 (%3)</translation>
    </message>
</context>
<context>
    <name>ClientCardPage</name>
    <message>
        <location filename="../pages/ClientCardPage.qml" line="+13"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This client is not on your device any more.</source>
        <translation>Этого клиента больше нет на устройстве.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Log meeting</source>
        <translation>Записать встречу</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Plan visit</source>
        <translation>Запланировать визит</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+18"/>
        <source>History (%1)</source>
        <translation>История (%1)</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+36"/>
        <source>Deals (%1)</source>
        <translation>Сделки (%1)</translation>
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
        <location line="+27"/>
        <source>Search by name, industry or region</source>
        <translation>Поиск по названию, отрасли или региону</translation>
    </message>
    <message numerus="yes">
        <location line="+65"/>
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
    <name>ClientSummary</name>
    <message>
        <location filename="../components/ClientSummary.qml" line="+36"/>
        <source>Curator</source>
        <translation>Куратор</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Employees</source>
        <translation>Сотрудников</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Founded</source>
        <translation>Основан</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open deals</source>
        <translation>Открытые сделки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next visit</source>
        <translation>Следующий визит</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none planned</source>
        <translation>не запланирован</translation>
    </message>
</context>
<context>
    <name>DealList</name>
    <message>
        <location filename="../components/DealList.qml" line="+17"/>
        <source>No deals with this client yet.</source>
        <translation>С этим клиентом пока нет сделок.</translation>
    </message>
    <message>
        <location line="+58"/>
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
    <name>HistoryTimeline</name>
    <message>
        <location filename="../components/HistoryTimeline.qml" line="+19"/>
        <source>No history yet. Log the first contact.</source>
        <translation>Истории пока нет. Запишите первый контакт.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>not synced yet</source>
        <translation>ещё не синхронизировано</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · deal: %2</source>
        <translation>%1 · сделка: %2</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../pages/HomePage.qml" line="+41"/>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/labels.cpp" line="+19"/>
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
        <location line="+29"/>
        <source>Demonstration</source>
        <translation>Демонстрация</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
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
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+5"/>
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
        <location line="+22"/>
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
        <location line="+53"/>
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
    <name>PlanVisitPage</name>
    <message>
        <location filename="../pages/PlanVisitPage.qml" line="+13"/>
        <source>Plan visit</source>
        <translation>Запланировать визит</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>YYYY-MM-DD</source>
        <translation>ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>HH:MM</source>
        <translation>ЧЧ:ММ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Duration, minutes</source>
        <translation>Длительность, минут</translation>
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
        <location line="+4"/>
        <source>Who visits</source>
        <translation>Кто едет</translation>
    </message>
    <message>
        <location line="+19"/>
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
        <location filename="../../app/today_model.cpp" line="+113"/>
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
    <message numerus="yes">
        <location line="+5"/>
        <source>%1 · %n overdue</source>
        <translation>
            <numerusform>%1 · %n просрочено</numerusform>
            <numerusform>%1 · %n просрочено</numerusform>
            <numerusform>%1 · %n просрочено</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next day</source>
        <translation>Следующий день</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
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
Plan a visit from a client&apos;s card.</source>
        <translation>На этот день ничего не запланировано.
Запланируйте визит из карточки клиента.</translation>
    </message>
</context>
<context>
    <name>UserListModel</name>
    <message>
        <location filename="../../app/user_list_model.cpp" line="+27"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
