#include "analytics/opensearch_client.h"
#include "analytics/analytics_log.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QUrl>

namespace chippy::analytics {

namespace {

QString reasonInWords(QNetworkReply::NetworkError error, const QNetworkReply &reply, int timeoutMs)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the connection was closed before an answer");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed (%1)").arg(reply.errorString());
    default:
        return reply.errorString();
    }
}

QString reasonOf(const OpenSearchReply &reply)
{
    const auto error = reply.json().value(QStringLiteral("error"));
    const QString reason = error.isObject()
        ? error.toObject().value(QStringLiteral("reason")).toString()
        : error.toString();
    return reason.isEmpty() ? QString::fromUtf8(reply.body.left(200)) : reason;
}

} // namespace

QJsonObject OpenSearchReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

OpenSearchClient::OpenSearchClient(const AnalyticsSettings &settings)
    : m_settings(settings)
    , m_displayUrl(
          QUrl(settings.url).adjusted(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash).toString())
    , m_network(new QNetworkAccessManager)
{
    m_thread.setObjectName(QStringLiteral("opensearch"));
    m_network->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_network, &QObject::deleteLater);
    m_thread.start();
}

OpenSearchClient::~OpenSearchClient()
{
    m_thread.quit();
    m_thread.wait();
}

std::optional<QString> OpenSearchClient::prepareTls()
{
    if (m_tls || m_settings.caFile.isEmpty()) {
        return std::nullopt;
    }
    QFile file(m_settings.caFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("cannot read the CA file %1: %2")
            .arg(m_settings.caFile, file.errorString());
    }
    const auto certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        return QStringLiteral("no PEM certificate in the CA file %1").arg(m_settings.caFile);
    }
    auto tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(certificates);
    m_tls = tls;
    return std::nullopt;
}

OpenSearchReply OpenSearchClient::send(const QByteArray &verb, const QString &path,
    const QByteArray &body, const QByteArray &contentType)
{
    OpenSearchReply answer;
    if (const auto tlsProblem = prepareTls()) {
        answer.failure = *tlsProblem;
        return answer;
    }
    QNetworkRequest request(QUrl(m_displayUrl + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setTransferTimeout(m_settings.requestTimeoutMs);
    if (!m_settings.user.isEmpty()) {
        const auto credentials
            = (m_settings.user + QLatin1Char(':') + m_settings.password).toUtf8();
        request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    }
    if (m_tls) {
        request.setSslConfiguration(*m_tls);
    }
    const OpenSearchReply exchanged = exchange(request, verb, body);
    answer.status = exchanged.status;
    answer.body = exchanged.body;
    if (answer.status == 0) {
        answer.failure = QStringLiteral("OpenSearch unreachable at %1: %2")
                             .arg(m_displayUrl, exchanged.failure);
    } else if (!answer.ok()) {
        answer.failure = QStringLiteral("OpenSearch at %1 answered %2 (%3)")
                             .arg(m_displayUrl)
                             .arg(answer.status)
                             .arg(reasonOf(answer));
    }
    qCDebug(lcAnalytics) << verb << path << "->" << answer.status;
    return answer;
}

OpenSearchReply OpenSearchClient::exchange(
    const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body)
{
    OpenSearchReply answer;
    const int timeoutMs = m_settings.requestTimeoutMs;
    QMetaObject::invokeMethod(
        m_network,
        [&] {
            QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            if (!reply->isFinished()) {
                loop.exec(QEventLoop::ExcludeUserInputEvents);
            }
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.body = reply->readAll();
            if (answer.status == 0) {
                answer.failure = reasonInWords(reply->error(), *reply, timeoutMs);
            }
            delete reply;
        },
        Qt::BlockingQueuedConnection);
    return answer;
}

} // namespace chippy::analytics
