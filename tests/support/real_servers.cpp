#include "real_servers.h"

#include <QFile>
#include <QProcessEnvironment>

namespace chippy::test {

namespace {

// The KEY=VALUE lines a server script wrote, or an error that says how to get them.
QHash<QString, QString> readServerEnv(const char *variable, QString &error)
{
    QHash<QString, QString> values;
    const auto path = QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(variable));
    if (path.isEmpty()) {
        error
            = QStringLiteral("%1 is not set: run this test through ctest, which starts the server")
                  .arg(QString::fromLatin1(variable));
        return values;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        error = QStringLiteral("no server description at %1: the fixture did not start the server "
                               "(see its log beside that file)")
                    .arg(path);
        return values;
    }
    while (!file.atEnd()) {
        const auto line = QString::fromUtf8(file.readLine()).trimmed();
        const auto eq = line.indexOf(QLatin1Char('='));
        if (eq > 0) {
            values.insert(line.left(eq), line.mid(eq + 1));
        }
    }
    return values;
}

} // namespace

RealKafka realKafka()
{
    RealKafka kafka;
    const auto env = readServerEnv("CHIPPY_KAFKA_ENV", kafka.error);
    kafka.bootstrap = env.value(QStringLiteral("BOOTSTRAP"));
    kafka.saslBootstrap = env.value(QStringLiteral("SASL_BOOTSTRAP"));
    kafka.saslUser = env.value(QStringLiteral("SASL_USER"));
    kafka.saslPassword = env.value(QStringLiteral("SASL_PASSWORD"));
    kafka.jars = env.value(QStringLiteral("JARS"));
    if (kafka.error.isEmpty() && kafka.bootstrap.isEmpty()) {
        kafka.error = QStringLiteral("the Kafka server description names no bootstrap address");
    }
    return kafka;
}

RealOpenSearch realOpenSearch()
{
    RealOpenSearch search;
    const auto env = readServerEnv("CHIPPY_OPENSEARCH_ENV", search.error);
    search.url = env.value(QStringLiteral("URL"));
    if (search.error.isEmpty() && search.url.isEmpty()) {
        search.error = QStringLiteral("the OpenSearch server description names no URL");
    }
    return search;
}

RealRedis realRedis()
{
    RealRedis redis;
    const auto env = readServerEnv("CHIPPY_REDIS_ENV", redis.error);
    redis.url = env.value(QStringLiteral("URL"));
    redis.host = env.value(QStringLiteral("HOST"));
    redis.port = env.value(QStringLiteral("PORT")).toInt();
    redis.password = env.value(QStringLiteral("PASSWORD"));
    if (redis.error.isEmpty() && redis.port == 0) {
        redis.error = QStringLiteral("the Redis server description names no port");
    }
    return redis;
}

RealPostgres realPostgres()
{
    RealPostgres postgres;
    const auto env = readServerEnv("CHIPPY_POSTGRES_ENV", postgres.error);
    postgres.host = env.value(QStringLiteral("HOST"));
    postgres.port = env.value(QStringLiteral("PORT")).toInt();
    postgres.user = env.value(QStringLiteral("USER"));
    postgres.password = env.value(QStringLiteral("PASSWORD"));
    postgres.database = env.value(QStringLiteral("DATABASE"));
    if (postgres.error.isEmpty() && postgres.port == 0) {
        postgres.error = QStringLiteral("the PostgreSQL server description names no port");
    }
    return postgres;
}

QString RealPostgres::dsn(const QString &databaseName) const
{
    return QStringLiteral("postgresql://%1:%2@%3:%4/%5")
        .arg(user, password, host)
        .arg(port)
        .arg(databaseName);
}

ProcessResult runKafkaTool(const RealKafka &kafka, const QString &mainClass,
    const QStringList &args, const QByteArray &input, int timeoutMs)
{
    const auto servers
        = QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_SERVERS_DIR"));
    // Each tool is a short-lived JVM: the first JIT tier and the serial collector start fastest.
    QStringList javaArgs {QStringLiteral("-Xmx256m"), QStringLiteral("-XX:TieredStopAtLevel=1"),
        QStringLiteral("-XX:+UseSerialGC"),
        QStringLiteral("-Dlog4j2.configurationFile=%1/tools-log4j2.properties").arg(servers),
        QStringLiteral("-cp"), kafka.jars + QStringLiteral("/*"), mainClass};
    return runProcess(QStringLiteral("java"), javaArgs + args, input, timeoutMs);
}

} // namespace chippy::test
