#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package Fieldbook needs to build, run and test.
# Idempotent; needs root (or sudo). Set FIELDBOOK_SKIP_DEPS=1 to skip.
set -euo pipefail

if [[ "${FIELDBOOK_SKIP_DEPS:-0}" == "1" ]]; then
  exit 0
fi

packages=(
  # toolchain
  build-essential cmake ninja-build ccache clang-format pkg-config git
  # shared/ and sync-server/
  libsqlite3-dev sqlite3 libboost1.81-dev libboost-program-options1.81-dev nlohmann-json3-dev libsodium-dev
  libssl-dev libcsv-dev
  libspdlog-dev  # the server log's writer thread (sync-server/http/request_log.cpp)
  libsimdjson-dev  # the device's pull page reader (shared/sync/pulled_page.cpp)
  # app/ and qml/ (Qt 6.4)
  qt6-base-dev qt6-declarative-dev qt6-websockets-dev qt6-l10n-tools
  qt6-tools-dev-tools
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-templates qml6-module-qtquick-window
  qml6-module-qtqml-workerscript qml6-module-qttest qml6-module-qtquick-dialogs
  qml6-module-qtqml-models qml6-module-qt-labs-settings
  qml6-module-qtcharts  # the dashboard's charts (needs QApplication: qt6-base-dev's Widgets)
  libgl-dev libxkbcommon-dev fonts-dejavu-core
  # demo with a display, tests helpers
  xvfb xauth python3 curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
