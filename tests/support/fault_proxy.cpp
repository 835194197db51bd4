#include "fault_proxy.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

#include <deque>
#include <vector>

namespace chippy::test {

namespace {

constexpr qsizetype kSizePrefix = 4;
constexpr qsizetype kApiKeyBytes = 2;

// Takes one whole size-prefixed frame off the front of buffer, if there is one.
bool takeFrame(QByteArray &buffer, QByteArray &frame)
{
    if (buffer.size() < kSizePrefix) {
        return false;
    }
    const auto size = qFromBigEndian<qint32>(buffer.constData());
    if (buffer.size() < kSizePrefix + size) {
        return false;
    }
    frame = buffer.left(kSizePrefix + size);
    buffer.remove(0, kSizePrefix + size);
    return true;
}

} // namespace

// Lives on the proxy's thread, with its server and sockets.
class FaultProxy::Relay : public QObject
{
public:
    explicit Relay(FaultProxy &proxy)
        : m_proxy(proxy)
        , m_server(new QTcpServer(this))
    {
        connect(m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }

    ~Relay() override
    {
        // The sockets go before the links their handlers point at.
        for (auto &link : m_links) {
            close(*link);
            delete link->client;
            delete link->upstream;
        }
    }

    std::uint16_t listen()
    {
        return m_server->listen(QHostAddress::LocalHost, 0) ? m_server->serverPort() : 0;
    }

private:
    struct Link
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *upstream = nullptr;
        QByteArray fromClient;
        QByteArray fromUpstream;
        // API key of each forwarded request still waiting for its response; a broker
        // answers in request order.
        std::deque<std::int16_t> pending;
        int chosenResponses = 0;
        bool closed = false;
    };

    void accept()
    {
        while (QTcpSocket *client = m_server->nextPendingConnection()) {
            auto link = std::make_unique<Link>();
            Link *l = link.get();
            l->client = client;
            l->upstream = new QTcpSocket(this);
            connect(client, &QTcpSocket::readyRead, this, [this, l] { forwardRequests(*l); });
            connect(l->upstream, &QTcpSocket::connected, this, [this, l] { forwardRequests(*l); });
            connect(l->upstream, &QTcpSocket::readyRead, this, [this, l] { forwardResponses(*l); });
            connect(client, &QTcpSocket::disconnected, this, [this, l] { close(*l); });
            connect(l->upstream, &QTcpSocket::disconnected, this, [this, l] { close(*l); });
            l->upstream->connectToHost(QHostAddress::LocalHost, m_proxy.m_upstreamPort);
            m_links.push_back(std::move(link));
        }
    }

    void forwardRequests(Link &link)
    {
        if (link.closed) {
            return;
        }
        link.fromClient += link.client->readAll();
        if (link.upstream->state() != QAbstractSocket::ConnectedState) {
            return;
        }
        QByteArray frame;
        while (takeFrame(link.fromClient, frame)) {
            if (frame.size() >= kSizePrefix + kApiKeyBytes) {
                link.pending.push_back(qFromBigEndian<qint16>(frame.constData() + kSizePrefix));
            }
            link.upstream->write(frame);
        }
    }

    void forwardResponses(Link &link)
    {
        if (link.closed) {
            return;
        }
        link.fromUpstream += link.upstream->readAll();
        QByteArray frame;
        while (takeFrame(link.fromUpstream, frame)) {
            const std::int16_t key = link.pending.empty() ? -1 : link.pending.front();
            if (!link.pending.empty()) {
                link.pending.pop_front();
            }
            if (key == m_proxy.m_apiKey && ++link.chosenResponses > m_proxy.m_responsesBeforeCut) {
                ++m_proxy.m_cuts;
                close(link);
                return;
            }
            link.client->write(frame);
        }
    }

    void close(Link &link)
    {
        if (link.closed) {
            return;
        }
        link.closed = true;
        link.client->abort();
        link.upstream->abort();
    }

    FaultProxy &m_proxy;
    QTcpServer *m_server; // a child, so that it moves to the proxy's thread with the relay
    std::vector<std::unique_ptr<Link>> m_links;
};

FaultProxy::FaultProxy(std::int16_t apiKey, int responsesBeforeCut)
    : m_apiKey(apiKey)
    , m_responsesBeforeCut(responsesBeforeCut)
{
    m_relay = new Relay(*this);
    m_relay->moveToThread(&m_thread);
    m_thread.start();
}

FaultProxy::~FaultProxy()
{
    QMetaObject::invokeMethod(
        m_relay, [this] { delete m_relay; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

std::uint16_t FaultProxy::listen()
{
    std::uint16_t port = 0;
    QMetaObject::invokeMethod(
        m_relay, [&] { port = m_relay->listen(); }, Qt::BlockingQueuedConnection);
    return port;
}

} // namespace chippy::test
