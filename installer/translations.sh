#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them for the app.
#   installer/translations.sh      (after changing any user-visible string)
# Translate new strings in Qt Linguist (pyside6-linguist vms_desktop/i18n/vms_desktop_pt_BR.ts), then run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for ts in vms_desktop/i18n/*.ts; do
  pyside6-lupdate vms_desktop/*.py vms_desktop/*/*.py -ts "$ts" -no-obsolete
  pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
