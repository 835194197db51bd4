// chippy-image-check FILE...: says for each picture whether it shows something, and exits
// non-zero when one is blank or near-uniform (little spread of brightness, or one colour
// covering nearly all of it). Used by tests/screenshots.sh.
#include <QCoreApplication>
#include <QHash>
#include <QImage>
#include <QTextStream>

#include <cmath>

namespace {

constexpr int kStep = 2; // every other pixel is plenty
constexpr double kMinSpread = 12;
constexpr double kMaxDominant = 0.95;
constexpr int kMinColours = 50;

bool showsSomething(const QString &path, QTextStream &out)
{
    const QImage image = QImage(path).convertToFormat(QImage::Format_RGB32);
    if (image.isNull()) {
        out << path << ": cannot be read as an image\n";
        return false;
    }
    QHash<QRgb, int> counts;
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += kStep) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); x += kStep) {
            const QRgb px = line[x];
            ++counts[px];
            const double lum = 0.299 * qRed(px) + 0.587 * qGreen(px) + 0.114 * qBlue(px);
            sum += lum;
            sumSquares += lum * lum;
            ++n;
        }
    }
    const double mean = sum / n;
    const double spread = std::sqrt(std::max(0.0, sumSquares / n - mean * mean));
    int dominant = 0;
    for (int c : std::as_const(counts)) {
        dominant = std::max(dominant, c);
    }
    const double share = double(dominant) / n;
    const bool ok = spread >= kMinSpread && share <= kMaxDominant && counts.size() >= kMinColours;
    out << path << ": " << image.width() << 'x' << image.height() << ", " << counts.size()
        << " colours, brightness spread " << QString::number(spread, 'f', 1)
        << ", commonest colour " << qRound(share * 100) << '%'
        << (ok ? "" : " — blank or near-uniform") << '\n';
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    bool all = argc > 1;
    for (const QString &path : app.arguments().mid(1)) {
        all = showsSomething(path, out) && all;
    }
    return all ? 0 : 1;
}
