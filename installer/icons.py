"""Render resources/vms-desktop.svg to the PNG (Linux desktop entry) and ICO (Windows
executables and setup) the packages need, so only the SVG is kept in the source.

    python installer/icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "vms-desktop.svg"


def render(out_dir: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a build machine has no display
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - image plugins need it
    out_dir.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(SVG))
    image = QImage(256, 256, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    for name in ("vms-desktop.png", "vms-desktop.ico"):
        if not image.save(str(out_dir / name)):
            raise SystemExit(f"could not write {out_dir / name}")


if __name__ == "__main__":
    render(Path(sys.argv[1]))
