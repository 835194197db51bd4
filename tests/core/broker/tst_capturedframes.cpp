#include "broker_fixture.h"
#include "process_runner.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace chippy::test;

namespace {

constexpr int kReplyTimeoutMs = 10000;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray readFrame(QTcpSocket &socket)
{
    QByteArray data;
    auto fill = [&](qsizetype n) {
        while (data.size() < n) {
            if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(kReplyTimeoutMs)) {
                return false;
            }
            data += socket.read(n - data.size());
        }
        return true;
    };
    if (!fill(4)) {
        return {};
    }
    const auto size = qFromBigEndian<qint32>(data.constData());
    data.clear();
    return fill(size) ? data : QByteArray();
}

} // namespace

// Replays the requests that real clients sent (recorded by tests/data/capture_sessions.sh)
// against a fresh broker and checks every response byte for byte.
class TestCapturedFrames : public QObject
{
    Q_OBJECT

private slots:
    void responsesMatchTheRecordedFrames_data()
    {
        QTest::addColumn<QString>("session");
        const QDir frames(testDataDir() + "/frames");
        QVERIFY2(frames.exists(), qPrintable(frames.path()));
        for (const auto &name : frames.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QTest::newRow(qPrintable(name)) << frames.filePath(name);
        }
    }

    void responsesMatchTheRecordedFrames()
    {
        QFETCH(QString, session);
        const auto advertised = readFile(session + "/advertised").trimmed().split(':');
        QCOMPARE(advertised.size(), 2);
        chippy::broker::BrokerConfig config;
        config.advertisedHost = advertised[0].toStdString();
        config.advertisedPort = static_cast<std::uint16_t>(advertised[1].toUInt());
        config.retentionMs = -1; // the recorded records carry timestamps from long ago
        BrokerFixture fixture(false, config);

        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), fixture.broker().port());
        QVERIFY(socket.waitForConnected(kReplyTimeoutMs));

        const QDir dir(session);
        int compared = 0;
        for (const auto &req : dir.entryList({"*.req"}, QDir::Files, QDir::Name)) {
            const auto request = readFile(dir.filePath(req));
            const auto respPath = dir.filePath(QString(req).replace(".req", ".resp"));
            if (!QFile::exists(respPath)) {
                continue; // the client left before this long poll was answered
            }
            QByteArray sizePrefix(4, 0);
            qToBigEndian<qint32>(request.size(), sizePrefix.data());
            socket.write(sizePrefix + request);
            const auto response = readFrame(socket);
            QVERIFY2(!response.isEmpty(), qPrintable("no response to " + req));
            QVERIFY2(response == readFile(respPath),
                qPrintable(
                    req + ": got " + response.toHex() + "\nwant " + readFile(respPath).toHex()));
            ++compared;
        }
        QVERIFY(compared > 0);
    }
};

QTEST_GUILESS_MAIN(TestCapturedFrames)
#include "tst_capturedframes.moc"
