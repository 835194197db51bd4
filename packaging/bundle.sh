#!/usr/bin/env bash
# The portable Linux bundle: chippy and chippy-broker with the Qt libraries, Qt plugins and QML
# modules the app uses, librdkafka and every other library they load except the base system's,
# in one .tar.gz that runs on a Linux with glibc 2.36 or newer and no Qt installed.
#
#   bash packaging/bundle.sh [BUILD_DIR [OUTPUT_DIR]]      (defaults: build, BUILD_DIR/packages)
#
# Layout of chippy-VERSION-linux-ARCH/:
#   chippy              the script that starts the app (arguments go to it)
#   bin/                chippy, chippy-broker and qt.conf (rpath $ORIGIN/../lib)
#   lib/                the libraries (rpath $ORIGIN), plugins/ (Qt plugins), qml/ (QML modules)
#   fonts/              DejaVu Sans with a fonts.conf that also reads the system's fonts
#   share/              the desktop entry, the icons, and licences/ for everything bundled
#
# Left out, because the target's own must be used: glibc, libstdc++ and libgcc_s (the C and
# C++ runtimes of every Linux with glibc >= 2.36 carry the versions these binaries need) and the
# GL dispatch libraries libGL, libGLX and libGLdispatch, which load the target's graphics
# driver (every X server, Xvfb too, comes with them).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$here/build}" && pwd)"
out="${2:-$build/packages}"
version=$(sed -n 's/^project(Chippy VERSION \([0-9.]*\).*/\1/p' "$here/CMakeLists.txt")
arch=$(uname -m)
name="chippy-$version-linux-$arch"
qt_lib=$(dirname "$(ldd "$build/app/chippy" | awk '/libQt6Core\.so/ { print $3 }')")
qt_plugins="$qt_lib/qt6/plugins"
qt_qml="$qt_lib/qt6/qml"

for tool in patchelf ldd strip; do
    command -v "$tool" >/dev/null || { echo "bundle: $tool is missing" >&2; exit 1; }
done
for bin in "$build/app/chippy" "$build/core/broker/chippy-broker"; do
    [ -x "$bin" ] || { echo "bundle: $bin is missing (build it first)" >&2; exit 1; }
done

stage="$out/$name"
rm -rf "$stage"
mkdir -p "$stage"/{bin,lib/plugins,lib/qml,fonts,share/licences}

install -m 755 "$build/app/chippy" "$build/core/broker/chippy-broker" "$stage/bin/"

# Qt plugins: the X11 and offscreen platforms with X11's GL integrations, the SQLite driver
# of the default stores, and TLS for https analytics stores.
plugins=(
    platforms/libqxcb.so platforms/libqoffscreen.so
    xcbglintegrations/libqxcb-glx-integration.so xcbglintegrations/libqxcb-egl-integration.so
    sqldrivers/libqsqlite.so
    tls/libqopensslbackend.so tls/libqcertonlybackend.so
)
for p in "${plugins[@]}"; do
    mkdir -p "$stage/lib/plugins/$(dirname "$p")"
    install -m 644 "$qt_plugins/$p" "$stage/lib/plugins/$p"
done

# The QML modules qml/ imports (QtQuick, QtQuick.Controls in its Basic style with the
# Templates, Layouts, Shapes, Window, QtCharts, QtQml.WorkerScript): each module's own files,
# not the other modules below it (QtQuick.Controls' other styles stay out).
qml_modules=(QtQuick QtQuick/Controls QtQuick/Controls/Basic QtQuick/Controls/Basic/impl
    QtQuick/Controls/impl QtQuick/Templates QtQuick/Layouts QtQuick/Shapes QtQuick/Window
    QtCharts QtQml/WorkerScript)
for m in "${qml_modules[@]}"; do
    [ -d "$qt_qml/$m" ] || continue
    mkdir -p "$stage/lib/qml/$m"
    find "$qt_qml/$m" -maxdepth 1 -type f -exec install -m 644 {} "$stage/lib/qml/$m/" \;
done

# The libraries: the ldd closure of the binaries, plugins and QML plugins, minus the base
# system's.
excluded='^(ld-linux.*|libc|libm|libdl|libpthread|librt|libresolv|libutil|libanl|libmvec|libBrokenLocale|libnss_.*|libstdc\+\+|libgcc_s|libGL|libGLX|libGLdispatch)\.so'
mapfile -t objects < <(find "$stage/bin" "$stage/lib/plugins" "$stage/lib/qml" -type f \
    \( -name '*.so' -o -perm -u+x \))
declare -A copied=()
for obj in "${objects[@]}"; do
    while read -r soname path; do
        [ -n "$path" ] || continue
        if [[ "$soname" =~ $excluded ]] || [ -n "${copied[$soname]:-}" ]; then
            continue
        fi
        if [ ! -e "$path" ]; then
            echo "bundle: $obj needs $soname, which is not found" >&2
            exit 1
        fi
        install -m 644 "$(readlink -f "$path")" "$stage/lib/$soname"
        copied[$soname]=$path
    done < <(ldd "$obj" | awk '/=>/ { print $1, $3 }')
done
# OpenSSL's libssl is loaded by the TLS plugin at run time; librdkafka already brings it.
[ -n "${copied[libssl.so.3]:-}" ] || { echo "bundle: libssl.so.3 is not in the bundle" >&2; exit 1; }

# rpaths: the binaries look in ../lib, the libraries beside themselves, the plugins and QML
# plugins in the lib/ above them.
for f in "$stage"/bin/chippy "$stage"/bin/chippy-broker; do
    patchelf --set-rpath '$ORIGIN/../lib' "$f"
done
for f in "$stage"/lib/*.so*; do
    patchelf --set-rpath '$ORIGIN' "$f"
done
while IFS= read -r f; do
    rel=$(realpath --relative-to="$(dirname "$f")" "$stage/lib")
    patchelf --set-rpath "\$ORIGIN/$rel" "$f"
done < <(find "$stage/lib/plugins" "$stage/lib/qml" -name '*.so')
find "$stage" -type f \( -name '*.so*' -o -path '*/bin/*' \) -exec strip --strip-unneeded {} \;

cat >"$stage/bin/qt.conf" <<'EOF'
[Paths]
Prefix = ..
Libraries = lib
Plugins = lib/plugins
QmlImports = lib/qml
EOF

# Fonts: DejaVu Sans, the window's font, and the system's fonts when it has any.
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
    /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf "$stage/fonts/"
cat >"$stage/fonts/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir prefix="relative">.</dir>
  <dir>/usr/share/fonts</dir>
  <dir>/usr/local/share/fonts</dir>
  <dir prefix="xdg">fonts</dir>
  <cachedir prefix="xdg">fontconfig</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
EOF

cat >"$stage/chippy" <<'EOF'
#!/bin/sh
# Starts Chippy from this bundle: the Qt in lib/ (bin/qt.conf), the fonts in fonts/.
here=$(dirname "$(readlink -f "$0")")
FONTCONFIG_FILE="$here/fonts/fonts.conf"
export FONTCONFIG_FILE
exec "$here/bin/chippy" "$@"
EOF
chmod 755 "$stage/chippy"

mkdir -p "$stage/share/applications" "$stage/share/icons"
install -m 644 "$here/packaging/linux/org.chippy.Chippy.desktop" "$stage/share/applications/"
install -m 644 "$here/packaging/linux/chippy.svg" "$stage/share/icons/"

# Licences: Chippy's, and the Debian copyright file of each package a bundled file comes from.
install -m 644 "$here/packaging/linux/copyright-chippy" "$stage/share/licences/chippy"
install -m 644 "$here/packaging/linux/copyright-chippy-broker" "$stage/share/licences/chippy-broker"
declare -A packages=()
# dpkg knows a library by the path its package installs it at, /lib or /usr/lib.
package_of() {
    local path="$1" pkg
    for candidate in "$path" "$(readlink -f "$path")" "/usr${path#/usr}" "${path#/usr}"; do
        pkg=$(dpkg -S "$candidate" 2>/dev/null | cut -d: -f1 | head -n 1) && [ -n "$pkg" ] \
            && { echo "$pkg"; return; }
    done
}
for f in "${!copied[@]}"; do
    pkg=$(package_of "${copied[$f]}")
    [ -n "$pkg" ] && packages[$pkg]=1
done
for p in "${plugins[@]}"; do
    pkg=$(dpkg -S "$qt_plugins/$p" 2>/dev/null | cut -d: -f1 | head -n 1 || true)
    [ -n "$pkg" ] && packages[$pkg]=1
done
for m in "${qml_modules[@]}"; do
    pkg=$(dpkg -S "$qt_qml/$m/qmldir" 2>/dev/null | cut -d: -f1 | head -n 1 || true)
    [ -n "$pkg" ] && packages[$pkg]=1
done
packages[fonts-dejavu-core]=1
for pkg in "${!packages[@]}"; do
    [ -f "/usr/share/doc/$pkg/copyright" ] && install -m 644 "/usr/share/doc/$pkg/copyright" \
        "$stage/share/licences/$pkg"
done

tar -C "$out" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"
rm -rf "$stage"
echo "bundle: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1))"
