#include "server/sasl_users.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace chippy::broker;

class TestSaslUsers : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    std::filesystem::path usersFile(const std::string &text, std::filesystem::perms perms)
    {
        const std::filesystem::path path = m_dir->filePath(QStringLiteral("users")).toStdString();
        std::ofstream(path) << text;
        std::filesystem::permissions(path, perms);
        return path;
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void eachLineIsANameAndAPasswordWhichMayHoldColons()
    {
        std::map<std::string, std::string> users;
        QVERIFY(!parseSaslUsers("# the tills\nfryer:hot:oil\r\n\ntill:cash\n", users));
        QCOMPARE(users.size(), std::size_t {2});
        QCOMPARE(users["fryer"], std::string("hot:oil"));
        QCOMPARE(users["till"], std::string("cash"));
    }

    void aLineWithoutANameOrAColonIsRefusedByItsNumber()
    {
        std::map<std::string, std::string> users;
        const auto problem = parseSaslUsers("fryer:oil\njust-a-name\n", users);
        QVERIFY(problem);
        QCOMPARE(*problem, std::string("line 2 is not NAME:PASSWORD"));
        QVERIFY(parseSaslUsers(":nameless\n", users));
    }

    void aFileOnlyItsOwnerMayReadIsRead()
    {
        using std::filesystem::perms;
        std::map<std::string, std::string> users;
        QVERIFY(!loadSaslUsersFile(
            usersFile("fryer:hot oil\n", perms::owner_read | perms::owner_write), users));
        QCOMPARE(users["fryer"], std::string("hot oil"));
    }

    void aFileOthersMayReadIsRefused()
    {
        using std::filesystem::perms;
        std::map<std::string, std::string> users;
        const auto problem = loadSaslUsersFile(
            usersFile("fryer:oil\n", perms::owner_read | perms::owner_write | perms::others_read),
            users);
        QVERIFY(problem);
        QVERIFY2(problem->find("chmod 600") != std::string::npos, problem->c_str());
        QVERIFY(loadSaslUsersFile(
            usersFile("fryer:oil\n", perms::owner_read | perms::group_read), users));
        QVERIFY(users.empty());
    }

    void aMissingFileIsRefused()
    {
        std::map<std::string, std::string> users;
        QVERIFY(loadSaslUsersFile(m_dir->filePath(QStringLiteral("none")).toStdString(), users));
    }
};

QTEST_GUILESS_MAIN(TestSaslUsers)
#include "tst_saslusers.moc"
