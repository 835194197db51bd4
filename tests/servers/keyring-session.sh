#!/usr/bin/env bash
# keyring-session.sh COMMAND [ARGS...]
# Runs COMMAND on a private D-Bus session bus with a real GNOME Keyring, unlocked, in a
# temporary home: keyring tests never see or change the keyring of the one who runs them.
set -euo pipefail

if [ "${1:-}" != "--inside" ]; then
    home="$(mktemp -d)"
    trap 'rm -rf "$home"' EXIT
    status=0
    env HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
        XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run" \
        dbus-run-session -- "$0" --inside "$@" || status=$?
    exit "$status"
fi
shift

mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# The daemon answers once its keyring is created and unlocked; it ends with the bus.
eval "$(printf 'keyring-for-tests' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
