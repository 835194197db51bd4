#include "json_file.h"
#include "postgres_database.h"
#include "process_runner.h"
#include "real_servers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy::test;

// `chippy --headless` with model 5: the back office joins late, and the report's analytics and
// ledger totals equal its own order counts. CHIPPY_BACKOFFICE_STORES=real sends them to the
// fixtures' OpenSearch and PostgreSQL instead of the embedded SQLite stores.
class TestBackOfficeRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static bool onRealStores()
    {
        return qEnvironmentVariable("CHIPPY_BACKOFFICE_STORES") == QLatin1String("real");
    }

    static QString unique(const QString &stem)
    {
        return stem + QString::number(QRandomGenerator::global()->generate(), 36);
    }

    // model-5 with short steps, so that the back office joins within seconds.
    QString quickModelFive()
    {
        const QJsonObject original
            = readJsonObject(QStringLiteral(CHIPPY_RESOURCES_DIR "/scenarios/model-5.json"));
        QJsonArray steps = original.value(QStringLiteral("steps")).toArray();
        for (qsizetype i = 0; i < steps.size(); ++i) {
            QJsonObject step = steps.at(i).toObject();
            step.insert(QStringLiteral("duration_s"), i == 0 ? 4 : 2);
            steps.replace(i, step);
        }
        QJsonObject quick = original;
        quick.insert(QStringLiteral("steps"), steps);
        const QString path = m_dir.filePath(QStringLiteral("quick-model-5.json"));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(QJsonDocument(quick).toJson());
        }
        return path;
    }

    // A database of this run's own on the fixture's PostgreSQL, its DSN without the password.
    static QString createDatabase(const RealPostgres &postgres)
    {
        QString error;
        const auto name = createPostgresDatabase(postgres, &error);
        if (!name) {
            qWarning() << "cannot create a database:" << error;
        }
        return QStringLiteral("postgresql://%1@%2:%3/%4")
            .arg(postgres.user, postgres.host)
            .arg(postgres.port)
            .arg(name.value_or(QString()));
    }

private slots:
    void theBackOfficeCountsWhatTheShopReports()
    {
        QVERIFY(m_dir.isValid());
        const QString report = m_dir.filePath(QStringLiteral("model-5.json"));
        QStringList args {QStringLiteral("--headless"), QStringLiteral("--scenario"),
            quickModelFive(), QStringLiteral("--rate"), QStringLiteral("12"),
            QStringLiteral("--report"), report};
        QString secret;
        if (onRealStores()) {
            const RealOpenSearch search = realOpenSearch();
            QVERIFY2(search.running(), qPrintable(search.error));
            const RealPostgres postgres = realPostgres();
            QVERIFY2(postgres.running(), qPrintable(postgres.error));
            args << QStringLiteral("--analytics") << search.url << QStringLiteral("--ledger")
                 << createDatabase(postgres);
            // The program inherits it: the password never appears on its command line.
            qputenv("CHIPPY_LEDGER_PASSWORD", postgres.password.toUtf8());
            secret = postgres.password;
        }
        const ProcessResult r = runProcess(QStringLiteral(CHIPPY_BIN), args, {}, 180000);
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QJsonObject json = readJsonObject(report);
        const QJsonObject orders = json.value(QStringLiteral("orders")).toObject();
        const QJsonObject analytics = json.value(QStringLiteral("analytics")).toObject();
        const QJsonObject ledger = json.value(QStringLiteral("ledger")).toObject();
        const qint64 placed = orders.value(QStringLiteral("placed")).toInteger();
        QVERIFY(placed > 30);
        QCOMPARE(orders.value(QStringLiteral("lost")).toInteger(), 0);

        QCOMPARE(analytics.value(QStringLiteral("orders_counted")).toInteger(), placed);
        QCOMPARE(ledger.value(QStringLiteral("orders")).toInteger(), placed);
        const qint64 money = ledger.value(QStringLiteral("money_taken_pence")).toInteger();
        QVERIFY(money > 0);
        QCOMPARE(analytics.value(QStringLiteral("money_taken_pence")).toInteger(), money);
        QVERIFY(analytics.value(QStringLiteral("orders_cooked")).toInteger()
            >= orders.value(QStringLiteral("sent_to_cook")).toInteger());
        QCOMPARE(analytics.value(QStringLiteral("orders_ready")).toInteger(), placed);
        const QJsonObject portions = ledger.value(QStringLiteral("portions_ordered")).toObject();
        QVERIFY(portions.value(QStringLiteral("chips")).toInteger() >= placed);
        QVERIFY(ledger.value(QStringLiteral("portions_cooked"))
                    .toObject()
                    .value(QStringLiteral("plaice"))
                    .toInteger()
            > 0);

        const QString analyticsStore = analytics.value(QStringLiteral("store")).toString();
        const QString ledgerStore = ledger.value(QStringLiteral("store")).toString();
        if (onRealStores()) {
            QVERIFY2(analyticsStore.startsWith(QStringLiteral("OpenSearch at http://127.0.0.1")),
                qPrintable(analyticsStore));
            QVERIFY2(ledgerStore.startsWith(QStringLiteral("PostgreSQL at 127.0.0.1")),
                qPrintable(ledgerStore));
            QFile written(report);
            QVERIFY(written.open(QIODevice::ReadOnly));
            const QByteArray everything = r.out + r.err + written.readAll();
            QVERIFY2(!everything.contains(secret.toUtf8()), "the ledger's password was shown");
        } else {
            QVERIFY2(analyticsStore.startsWith(QStringLiteral("embedded SQLite")),
                qPrintable(analyticsStore));
            QVERIFY2(
                ledgerStore.startsWith(QStringLiteral("embedded SQLite")), qPrintable(ledgerStore));
        }
    }
};

QTEST_GUILESS_MAIN(TestBackOfficeRun)
#include "tst_backofficerun.moc"
