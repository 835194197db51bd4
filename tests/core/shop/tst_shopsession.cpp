#include "embedded_kafka.h"
#include "shop/session/shop_session.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// A shop session on the embedded broker, driven as the window and the headless runner drive
// it: one code path for scenarios, commands that answer, and the state it publishes.
class TestShopSession : public QObject
{
    Q_OBJECT

private:
    static constexpr int kShopMs = 20000;
    // The issue's promise: a command to a cluster that is gone is answered within this.
    static constexpr int kGoneAnswerMs = 10000;

    // Two short steps: the first opens with two partitions and times one action, the second
    // adds a preparer and a counter.
    static Scenario twoSteps()
    {
        QString error;
        const std::optional<Scenario> s = Scenario::fromJson(R"({"name": "two", "steps": [
            {"title": "One", "duration_s": 3, "model": 3, "tills": 2, "order_partitions": 2,
             "preparers": 2, "counters": 1, "rate": 10,
             "actions": [{"at_s": 1, "do": "add-preparer"}]},
            {"title": "Two", "duration_s": 3, "preparers": 4, "counters": 2}]})",
            &error);
        if (!s) {
            qFatal("%s", qPrintable(error));
        }
        return *s;
    }

    std::shared_ptr<app::EmbeddedKafka> m_cluster;
    std::unique_ptr<ShopSession> m_session;

    void open(const Scenario &scenario, int step = 0)
    {
        m_cluster = std::make_shared<app::EmbeddedKafka>();
        SessionSetup setup = SessionSetup::forLocal(m_cluster);
        setup.base.metadataRefreshMs = 1000;
        m_session = std::make_unique<ShopSession>(setup);
        const CommandResult r = m_session->open(scenario, step);
        QVERIFY2(r.ok, qPrintable(r.text));
    }

private slots:
    void init() { qRegisterMetaType<SessionState>(); }

    void cleanup()
    {
        m_session.reset();
        m_cluster.reset();
    }

    void aSessionOpensAStepSettledAndTimesItsActions()
    {
        open(twoSteps());
        const SessionState &s = m_session->state();
        QVERIFY(s.open);
        QVERIFY(s.restartable);
        QCOMPARE(s.step, 0);
        QCOMPARE(s.settings.preparers.value(), 2);
        QCOMPARE(s.settings.orderPartitions.value(), 2);
        QCOMPARE(s.settings.tills.value(), 2);
        // The step's action, one second in.
        QTRY_COMPARE_WITH_TIMEOUT(m_session->state().settings.preparers.value(), 3, kShopMs);
        QCOMPARE(m_session->actions().size(), 1);
        QVERIFY(m_session->actions().first().ok);
    }

    void aStepOpenedPartWayHasTheBackOfficeTheStepsBeforeItBroughtIn()
    {
        QString error;
        const std::optional<Scenario> s = Scenario::fromJson(R"({"name": "late", "steps": [
            {"title": "One", "duration_s": 3, "model": 2, "tills": 1, "order_partitions": 1,
             "preparers": 1, "counters": 1, "rate": 5,
             "actions": [{"at_s": 1, "do": "add-accountant"}, {"at_s": 1, "do": "add-partitions",
                          "count": 1}]},
            {"title": "Two", "duration_s": 3}]})",
            &error);
        QVERIFY2(s, qPrintable(error));
        open(*s, 1);
        QCOMPARE(m_session->state().step, 1);
        QCOMPARE(m_session->state().settings.orderPartitions.value(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_session->state().backOffice, QStringList {"accountant"}, kShopMs);
    }

    void playingEntersEachStepInTurnAndFinishes()
    {
        open(twoSteps());
        QSignalSpy steps(m_session.get(), &ShopSession::stepStarted);
        QSignalSpy finished(m_session.get(), &ShopSession::finished);
        m_session->play();
        QVERIFY(finished.wait(kShopMs));
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps.first().at(0).toInt(), 1);
        QCOMPARE(m_session->state().step, 1);
        QCOMPARE(m_session->state().settings.preparers.value(), 4);
        QCOMPARE(m_session->state().settings.counters.value(), 2);
        QVERIFY(m_session->stats()->counts().placed > 0);
    }

    void aPresenterEntersTheNextStepByHand()
    {
        open(twoSteps());
        QSignalSpy state(m_session.get(), &ShopSession::stateChanged);
        QVERIFY(m_session->enterStep(1).ok);
        QCOMPARE(m_session->state().step, 1);
        QCOMPARE(m_session->state().settings.preparers.value(), 4);
        QVERIFY(!state.isEmpty());
        QVERIFY(!m_session->enterStep(5).ok);
    }

    void aRefusedCommandLeavesTheStateWhereTheShopIs()
    {
        open(twoSteps());
        QSignalSpy state(m_session.get(), &ShopSession::stateChanged);
        const CommandResult r = m_session->setPartitions(1);
        QVERIFY(!r.ok);
        QVERIFY2(r.text.contains(QLatin1String("never take them away")), qPrintable(r.text));
        // The state is published all the same, so that a control moved by hand goes back.
        QVERIFY(!state.isEmpty());
        QCOMPARE(m_session->state().settings.orderPartitions.value(), 2);

        QVERIFY(!m_session->setTills(ShopSettings::kMaxParticipants + 1).ok);
        QCOMPARE(m_session->state().settings.tills.value(), 2);
        QVERIFY(m_session->setPartitions(3).ok);
        QCOMPARE(m_session->state().settings.orderPartitions.value(), 3);
    }

    void aCommandToAClusterThatIsGoneIsAnsweredInWordsWithinTenSeconds()
    {
        open(twoSteps());
        m_cluster->stop();
        QElapsedTimer clock;
        clock.start();
        const CommandResult r = m_session->setPartitions(4);
        qInfo("answered in %lld ms: %s", clock.elapsed(), qPrintable(r.text));
        QVERIFY(!r.ok);
        QVERIFY(!r.text.isEmpty());
        QVERIFY2(clock.elapsed() < kGoneAnswerMs, qPrintable(QString::number(clock.elapsed())));
        // The broker comes back on its address, so that everyone leaves the shop properly.
        QString error;
        QVERIFY2(m_cluster->start(&error), qPrintable(error));
    }

    void theObserverReadsOffsetsCommitsAndMembersFromTheCluster()
    {
        open(twoSteps());
        ClusterViewPtr latest;
        connect(m_session.get(), &ShopSession::clusterObserved, this,
            [&latest](const ClusterViewPtr &view) { latest = view; });
        const TopicNames names;
        const auto settled = [&] {
            if (!latest) {
                return false;
            }
            const ClusterView::Topic *order = latest->topic(names.order());
            const ClusterView::Group *group = latest->group(names.preparers());
            return order && order->partitions.size() == 2 && order->partitions[0].logEnd > 0
                && group && group->members.size() == 3 && !group->committed.isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), kShopMs);
        const ClusterView::Group *group = latest->group(names.preparers());
        QSet<int> owned;
        for (const ClusterView::Member &m : group->members) {
            QVERIFY(m.clientId.startsWith(QLatin1String("preparer-")));
            for (int p : m.assignment.value(names.order())) {
                owned.insert(p);
            }
        }
        QCOMPARE(owned, (QSet<int> {0, 1}));
        for (const ClusterView::Committed &c : group->committed) {
            QVERIFY(c.lag >= 0);
        }
    }

    void lateReadersAndRetentionAreTheSessions()
    {
        open(twoSteps());
        QVERIFY(m_session->addLateReader(kafka::StartPosition::earliest()).ok);
        QCOMPARE(m_session->state().lateReaders, 1);
        const CommandResult r = m_session->setRetention(2);
        QVERIFY2(r.ok, qPrintable(r.text));
        QCOMPARE(m_session->state().retentionS, 2);
        QVERIFY(!m_session->setRetention(-1).ok);
        QCOMPARE(m_session->state().retentionS, 2);
        // The observer reads it back from the cluster.
        ClusterViewPtr latest;
        connect(m_session.get(), &ShopSession::clusterObserved, this,
            [&latest](const ClusterViewPtr &view) { latest = view; });
        QTRY_VERIFY_WITH_TIMEOUT(latest && latest->topic(TopicNames().order())
                && latest->topic(TopicNames().order())->retentionMs == 2000,
            kShopMs);
        QCOMPARE(m_session->state().retentionS, 2);
        // Both said what they did where the window reads it.
        int said = 0;
        for (const ShopEvent &e : m_session->sessionEvents()->drain()) {
            said += e.kind == ShopEvent::Kind::Command;
        }
        QVERIFY(said >= 3);
    }

    void aClusterThatCannotBeReachedIsRefusedInWords()
    {
        SessionSetup setup = SessionSetup::forBootstrap(QStringLiteral("127.0.0.1:1"));
        ShopSession session(setup);
        QSignalSpy opened(&session, &ShopSession::opened);
        const CommandResult r = session.open(twoSteps());
        QVERIFY(!r.ok);
        QVERIFY(!r.text.isEmpty());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(0).toBool(), false);
        QVERIFY(!session.setTills(3).ok);
    }
};

QTEST_GUILESS_MAIN(TestShopSession)
#include "tst_shopsession.moc"
