#include "bench_broker_processes.h"

#include <arpa/inet.h>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

// How long a broker may take to answer its first request.
constexpr auto kChippyStartLimit = std::chrono::seconds(30);
constexpr auto kKafkaStartLimit = std::chrono::seconds(180);
// Between two attempts to reach a starting broker, and to see Kafka's JVM appear.
constexpr auto kProbeInterval = std::chrono::milliseconds(1);
// A started broker that takes longer than this to answer one request is asked again.
constexpr int kProbeReplySeconds = 5;
constexpr std::uint32_t kMaxProbeReplyBytes = 1 << 20;

std::atomic<pid_t> g_chippyPid {-1};
std::atomic<pid_t> g_kafkaGroup {-1};

double msSince(Clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

bool sendAll(int fd, const std::uint8_t *data, std::size_t size)
{
    while (size > 0) {
        const auto n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool receiveAll(int fd, std::uint8_t *data, std::size_t size)
{
    while (size > 0) {
        const auto n = ::recv(fd, data, size, 0);
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// One ApiVersions v0 round trip on a new connection.
bool answersApiVersions(const std::string &host, int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    const timeval timeout {kProbeReplySeconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    bool answered = false;
    // size 10; api key 18 (ApiVersions), version 0, correlation id 1, null client id
    const std::uint8_t request[] = {0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 1, 0xff, 0xff};
    std::uint8_t size[4];
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) == 0
        && sendAll(fd, request, sizeof request) && receiveAll(fd, size, sizeof size)) {
        const std::uint32_t n = (std::uint32_t(size[0]) << 24) | (std::uint32_t(size[1]) << 16)
            | (std::uint32_t(size[2]) << 8) | std::uint32_t(size[3]);
        std::vector<std::uint8_t> body(n);
        // correlation id, then the error code
        answered = n >= 6 && n <= kMaxProbeReplyBytes && receiveAll(fd, body.data(), n)
            && body[3] == 1 && body[4] == 0 && body[5] == 0;
    }
    ::close(fd);
    return answered;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The value of "key=" in a properties or env file, or empty.
std::string valueOf(const std::string &text, const std::string &key)
{
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind(key + "=", 0) == 0) {
            return line.substr(key.size() + 1);
        }
    }
    return {};
}

std::string lastLines(const std::string &text, int count)
{
    auto at = text.size();
    while (count-- > 0 && at > 0) {
        at = text.rfind('\n', at - 1);
        if (at == std::string::npos) {
            return text;
        }
    }
    return text.substr(at + 1);
}

// Runs bash script args... with its output in logFile; returns the child's pid.
pid_t spawnScript(const std::string &script, const char *command, const std::string &dir,
    const std::string &logFile)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int log = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        ::execlp(
            "bash", "bash", script.c_str(), command, dir.c_str(), static_cast<char *>(nullptr));
        ::_exit(127);
    }
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    return pid;
}

void onSignal(int sig)
{
    if (const pid_t chippy = g_chippyPid.load(); chippy > 0) {
        ::kill(chippy, SIGTERM);
    }
    if (const pid_t kafka = g_kafkaGroup.load(); kafka > 0) {
        ::kill(-kafka, SIGTERM);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

} // namespace

long peakRssKb(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            long kb = 0;
            status >> kb;
            return kb;
        }
    }
    return -1;
}

long long threadsCpuNs(const std::string &taskDir, const std::string &prefix)
{
    long long total = 0;
    std::error_code ec;
    for (const auto &task : std::filesystem::directory_iterator(taskDir, ec)) {
        std::string comm;
        std::getline(std::ifstream(task.path() / "comm"), comm);
        long long ns = 0;
        if (comm.rfind(prefix, 0) == 0 && std::ifstream(task.path() / "schedstat") >> ns) {
            total += ns;
        }
    }
    return total;
}

long long processCpuNs(pid_t pid)
{
    return threadsCpuNs("/proc/" + std::to_string(pid) + "/task");
}

bool waitForApiVersions(const std::string &host, int port, Clock::time_point deadline)
{
    while (Clock::now() < deadline) {
        if (answersApiVersions(host, port)) {
            return true;
        }
        std::this_thread::sleep_for(kProbeInterval);
    }
    return false;
}

ChippyProcess::ChippyProcess(const std::string &path, const std::string &dataDir)
{
    int fds[2];
    if (::pipe(fds) != 0) {
        throw std::runtime_error("pipe failed");
    }
    std::vector<std::string> args {path, "--listen", "127.0.0.1:0", "--log-level", "warn",
        // as kafka-server.sh configures Kafka: a lone consumer's group forms at once
        "--group-initial-rebalance-delay-ms", "0"};
    if (dataDir.empty()) {
        args.push_back("--in-memory");
    } else {
        args.insert(args.end(), {"--data-dir", dataDir});
    }
    std::vector<char *> argv;
    for (auto &a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    const auto start = Clock::now();
    m_pid = ::fork();
    if (m_pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::execv(path.c_str(), argv.data());
        ::_exit(127);
    }
    g_chippyPid = m_pid;
    const auto fail = [this](const std::string &why) {
        ::kill(m_pid, SIGTERM);
        ::waitpid(m_pid, nullptr, 0);
        g_chippyPid = -1;
        return std::runtime_error(why);
    };
    ::close(fds[1]);
    std::string line;
    char c;
    while (::read(fds[0], &c, 1) == 1 && c != '\n') {
        line += c;
    }
    ::close(fds[0]);
    const std::string prefix = "listening on ";
    if (line.rfind(prefix, 0) != 0) {
        throw fail("chippy-broker did not start (" + path + ")");
    }
    m_bootstrap = line.substr(prefix.size());
    const auto colon = m_bootstrap.rfind(':');
    if (!waitForApiVersions(m_bootstrap.substr(0, colon), std::stoi(m_bootstrap.substr(colon + 1)),
            start + kChippyStartLimit)) {
        throw fail("chippy-broker does not answer ApiVersions");
    }
    m_startMs = msSince(start);
}

ChippyProcess::~ChippyProcess()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        ::waitpid(m_pid, nullptr, 0);
        g_chippyPid = -1;
    }
}

std::string kafkaJarsDir(const std::string &serversDir)
{
    const char *root = std::getenv("CHIPPY_SERVER_JARS");
    return (root && *root ? std::string(root) : serversDir + "/jars") + "/kafka";
}

std::optional<std::string> kafkaMissing(const std::string &serversDir)
{
    if (std::system("command -v java >/dev/null 2>&1") != 0) {
        return "no java on PATH (bash packaging/install-deps.sh installs it)";
    }
    const auto jars = kafkaJarsDir(serversDir);
    if (!std::filesystem::exists(jars + "/.complete")) {
        return "no Kafka jars in " + jars + " (bash packaging/install-deps.sh fetches them)";
    }
    return std::nullopt;
}

KafkaProcess::KafkaProcess(const std::string &serversDir, const std::string &runDir)
    : m_script(serversDir + "/kafka-server.sh")
    , m_dir(runDir)
{
    const std::string log = runDir + ".start.log";
    const pid_t script = spawnScript(m_script, "start", m_dir, log);
    const auto fail = [&](const std::string &why) {
        stop();
        return std::runtime_error(why + "\n" + lastLines(readFile(log), 15));
    };
    // The script formats the storage first (a JVM of its own), then starts the node and
    // writes its pid: that moment is the node's exec.
    const auto giveUp = Clock::now() + kKafkaStartLimit;
    int status = 0;
    bool scriptDone = false;
    Clock::time_point started;
    while (m_pid <= 0) {
        if (::waitpid(script, &status, WNOHANG) == script) {
            scriptDone = true;
            break;
        }
        const auto text = readFile(m_dir + "/pid");
        if (!text.empty() && text.back() == '\n') {
            started = Clock::now();
            m_pid = std::stoi(text);
            g_kafkaGroup = m_pid;
            break;
        }
        if (Clock::now() > giveUp) {
            ::kill(script, SIGTERM);
            ::waitpid(script, &status, 0);
            throw fail("kafka-server.sh did not start Kafka in time");
        }
        std::this_thread::sleep_for(kProbeInterval);
    }
    if (m_pid <= 0) {
        throw fail(
            "kafka-server.sh start failed (exit " + std::to_string(WEXITSTATUS(status)) + ")");
    }
    // listeners=PLAINTEXT://127.0.0.1:PORT,...
    const auto listeners = valueOf(readFile(m_dir + "/server.properties"), "listeners");
    const auto hostStart = listeners.find("//") + 2;
    const auto colon = listeners.find(':', hostStart);
    const auto host = listeners.substr(hostStart, colon - hostStart);
    const int port = std::atoi(listeners.c_str() + colon + 1);
    if (!waitForApiVersions(host, port, started + kKafkaStartLimit)) {
        throw fail("Kafka does not answer ApiVersions");
    }
    m_startMs = msSince(started);
    if (!scriptDone) {
        ::waitpid(script, &status, 0);
    }
    m_bootstrap = valueOf(readFile(m_dir + "/server.env"), "BOOTSTRAP");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || m_bootstrap.empty()) {
        throw fail("kafka-server.sh start failed");
    }
}

KafkaProcess::~KafkaProcess()
{
    stop();
}

void KafkaProcess::stop()
{
    if (m_dir.empty()) {
        return;
    }
    const pid_t script = spawnScript(m_script, "stop", m_dir, m_dir + ".stop.log");
    ::waitpid(script, nullptr, 0);
    g_kafkaGroup = -1;
    m_dir.clear();
}

void stopBrokersOnSignal()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

} // namespace bench
