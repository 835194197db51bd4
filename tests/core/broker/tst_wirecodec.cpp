#include "protocol/reader.h"
#include "protocol/writer.h"

#include <QTest>

using namespace chippy::broker;

class TestWireCodec : public QObject
{
    Q_OBJECT

private slots:
    void integersRoundTripBigEndian()
    {
        Writer w;
        w.i8(-2);
        w.i16(0x1234);
        w.i32(-5);
        w.i64(0x0102030405060708LL);
        const auto &b = w.buffer();
        QCOMPARE(b.size(), std::size_t(15));
        QCOMPARE(b[1], std::uint8_t(0x12));
        QCOMPARE(b[2], std::uint8_t(0x34));
        QCOMPARE(b[7], std::uint8_t(0x01));
        Reader r(b);
        QCOMPARE(r.i8(), std::int8_t(-2));
        QCOMPARE(r.i16(), std::int16_t(0x1234));
        QCOMPARE(r.i32(), -5);
        QCOMPARE(r.i64(), 0x0102030405060708LL);
        QVERIFY(r.atEnd());
    }

    void varintsUseZigZagAndSevenBitGroups_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("zero") << qint64(0) << QByteArray::fromHex("00");
        QTest::newRow("minus one") << qint64(-1) << QByteArray::fromHex("01");
        QTest::newRow("one") << qint64(1) << QByteArray::fromHex("02");
        QTest::newRow("150") << qint64(150) << QByteArray::fromHex("ac02");
        QTest::newRow("min int32") << qint64(INT32_MIN) << QByteArray::fromHex("ffffffff0f");
    }

    void varintsUseZigZagAndSevenBitGroups()
    {
        QFETCH(qint64, value);
        QFETCH(QByteArray, wire);
        Writer w;
        w.varint(static_cast<std::int32_t>(value));
        QCOMPARE(QByteArray(
                     reinterpret_cast<const char *>(w.buffer().data()), static_cast<int>(w.size())),
            wire);
        Reader r(w.buffer());
        QCOMPARE(r.varint(), static_cast<std::int32_t>(value));
        Writer wl;
        wl.varlong(value);
        Reader rl(wl.buffer());
        QCOMPARE(rl.varlong(), value);
    }

    void flexibleStringsUseCompactLengths()
    {
        Writer w(true);
        w.string("abc");
        w.nullString();
        w.arrayLength(2);
        w.i8(7);
        w.i8(8);
        w.tags();
        QCOMPARE(w.buffer(), (std::vector<std::uint8_t> {4, 'a', 'b', 'c', 0, 3, 7, 8, 0}));
        Reader r(w.buffer(), true);
        QCOMPARE(r.string(), std::string("abc"));
        QVERIFY(!r.nullableString().has_value());
        QCOMPARE(r.arrayLength(), 2);
        QCOMPARE(r.i8(), std::int8_t(7));
        QCOMPARE(r.i8(), std::int8_t(8));
        r.skipTags();
        QVERIFY(r.atEnd());
    }

    void classicStringsUseInt16Lengths()
    {
        Writer w;
        w.string("hi");
        w.nullString();
        QCOMPARE(w.buffer(), (std::vector<std::uint8_t> {0, 2, 'h', 'i', 0xff, 0xff}));
    }

    void taggedFieldsAreSkipped()
    {
        // two tagged fields: tag 0 with 2 bytes, tag 5 with 1 byte, then an int8
        const std::vector<std::uint8_t> wire {2, 0, 2, 0xaa, 0xbb, 5, 1, 0xcc, 7};
        Reader r(wire, true);
        r.skipTags();
        QCOMPARE(r.i8(), std::int8_t(7));
    }

    void truncatedInputThrows()
    {
        const std::vector<std::uint8_t> wire {0, 10, 'a'};
        Reader r(wire);
        QVERIFY_THROWS_EXCEPTION(DecodeError, r.string());
    }

    void hostileArrayLengthIsRefusedBeforeAllocation()
    {
        Writer w;
        w.i32(0x7fffffff);
        Reader r(w.buffer());
        QVERIFY_THROWS_EXCEPTION(DecodeError, r.arrayLength());
    }

    void overlongVarintThrows()
    {
        const std::vector<std::uint8_t> wire(6, 0xff);
        Reader r(wire);
        QVERIFY_THROWS_EXCEPTION(DecodeError, r.uvarint());
    }
};

QTEST_GUILESS_MAIN(TestWireCodec)
#include "tst_wirecodec.moc"
