"""Motion settings on the client: the mask editor turns real mouse drags into fractions of the
picture, and the camera dialog sends the settings to a real recorder, which keeps them; the
live tile shows when the recorder sees motion."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtTest import QTest

from recorder.paths import DataDir
from tests.harness import cli, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while

SHOTS = os.environ.get("VMS_SCREENSHOTS")
PX = 0.004  # a pixel or so of the editor's picture, as a fraction


@pytest.fixture(autouse=True)
def themed(qapp):
    if SHOTS:
        from vms_desktop.theme import apply_dark_theme

        apply_dark_theme(qapp)


def at(canvas, fx: float, fy: float) -> QPoint:
    """The pixel of the canvas over that fraction of the picture."""
    r = canvas.picture_rect()
    return QPoint(round(r.left() + fx * r.width()), round(r.top() + fy * r.height()))


def drag(qtbot, canvas, a: QPoint, b: QPoint, steps: int = 6) -> None:
    qtbot.mousePress(canvas, Qt.LeftButton, pos=a)
    for i in range(1, steps + 1):
        qtbot.mouseMove(canvas, QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps))
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=b)


def close_to(area: list[float], expected: list[float], tol: float = PX) -> bool:
    return all(abs(a - e) <= tol for a, e in zip(area, expected, strict=True))


@pytest.fixture
def offline_api(tmp_path):
    from vms_desktop.recorder_link import RecorderApi

    return RecorderApi(DataDir(tmp_path / "no-recorder"))


def test_mask_editor_turns_drags_into_fractions_of_the_picture(qtbot, offline_api):
    from vms_desktop.cameras.motion_mask import MAX_AREAS, MaskEditor

    editor = MaskEditor(offline_api, None, [[0.6, 0.6, 0.2, 0.2]], "Gate")
    qtbot.addWidget(editor)
    with qtbot.waitExposed(editor):
        editor.show()
    canvas = editor.canvas
    assert canvas.picture is None and editor.count.text() == "Areas ignored: 1"  # no picture: grey, 16:9
    r = canvas.picture_rect()
    assert abs(r.width() / r.height() - 16 / 9) < 0.01
    # a 4:3 picture: letterboxed, and the fractions are of the picture, not of the widget
    pix = QPixmap(400, 300)
    pix.fill(QColor("#405060"))
    canvas.set_picture(pix)
    r = canvas.picture_rect()
    assert abs(r.width() / r.height() - 4 / 3) < 0.01 and r.left() > 50

    drag(qtbot, canvas, at(canvas, 0.1, 0.2), at(canvas, 0.3, 0.5))
    assert close_to(canvas.areas[-1], [0.1, 0.2, 0.2, 0.3]) and canvas.selected == 1
    # dragged up and to the left: the same kind of area, corners put in order
    drag(qtbot, canvas, at(canvas, 0.9, 0.4), at(canvas, 0.7, 0.1))
    assert close_to(canvas.areas[-1], [0.7, 0.1, 0.2, 0.3])
    # dragged past the picture's edge (into the black border and beyond): kept inside it
    drag(qtbot, canvas, at(canvas, 0.5, 0.8), QPoint(canvas.width() + 40, canvas.height() + 40))
    x, y, w, h = canvas.areas[-1]
    assert close_to([x, y], [0.5, 0.8]) and x + w == 1.0 and y + h == 1.0
    assert all(len(str(v).split(".")[-1]) <= 4 for a in canvas.areas for v in a)  # as the recorder keeps them
    assert editor.count.text() == "Areas ignored: 4"

    # a click selects the area under it; Delete removes it
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=at(canvas, 0.2, 0.3))
    assert canvas.selected == 1 and editor.delete_button.isEnabled()
    QTest.keyClick(canvas, Qt.Key_Delete)
    assert len(canvas.areas) == 3 and not any(close_to(a, [0.1, 0.2, 0.2, 0.3]) for a in canvas.areas)
    assert not editor.delete_button.isEnabled()
    # a right-click removes the area under the pointer at once; elsewhere it does nothing
    qtbot.mouseClick(canvas, Qt.RightButton, pos=at(canvas, 0.05, 0.05))
    assert len(canvas.areas) == 3
    qtbot.mouseClick(canvas, Qt.RightButton, pos=at(canvas, 0.65, 0.65))
    assert len(canvas.areas) == 2 and [0.6, 0.6, 0.2, 0.2] not in canvas.areas
    # a click too short to be a drag adds nothing
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=at(canvas, 0.4, 0.4))
    assert len(canvas.areas) == 2 and canvas.selected is None

    if SHOTS:
        editor.grab().save(str(Path(SHOTS) / "motion_mask.png"))
    # the recorder's limit, said before it would refuse
    canvas.set_areas([[0.01 * i, 0.0, 0.01, 0.01] for i in range(MAX_AREAS)])
    drag(qtbot, canvas, at(canvas, 0.5, 0.5), at(canvas, 0.6, 0.6))
    assert len(canvas.areas) == MAX_AREAS and editor.count.text() == f"At most {MAX_AREAS} areas: remove one first"
    editor.clear_button.click()
    assert canvas.areas == [] and editor.areas() == []
    assert editor.count.text() == "No area ignored: motion anywhere counts"


def test_new_camera_dialog_has_motion_defaults(qtbot, offline_api):
    from vms_desktop.cameras.camera_dialog import CameraDialog

    dialog = CameraDialog(offline_api, None, 7)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.motion_enabled.isChecked() and dialog.sensitivity.value() == 50
    assert dialog.sensitivity_value.text() == "50" and dialog.mask == []
    dialog.name.setText("Gate")
    dialog.url.setText("rtsp://10.0.0.5/stream")
    fields = dialog.fields()
    assert (fields["motion_enabled"], fields["motion_sensitivity"], fields["motion_mask"]) == (True, 50, [])
    dialog.edit_mask()  # a camera not saved yet has no picture: the grey placeholder
    assert dialog.mask_editor.canvas.picture is None
    dialog.mask_editor.reject()


def test_motion_settings_reach_the_recorder_and_come_back(qtbot, tmp_path, camera_factory, recorder_factory):
    from vms_desktop.cameras.camera_dialog import CameraDialog
    from vms_desktop.live.tile import LiveTile

    cam = camera_factory(motion_period=8, motion_on=4)  # a still scene, a box crossing it now and then
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Gate", "--url", cam.url)
    rec = recorder_factory(data, segment_seconds=4).start()
    api = rec.desktop_api()
    wait_for(lambda: api.snapshot(1), 60, 0.5, "the camera's first picture")
    saved = api.camera(1)
    assert (saved.motion_enabled, saved.motion_sensitivity, saved.motion_mask) == (True, 50, [])

    dialog = CameraDialog(api, saved, 7)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.motion_enabled.isChecked() and dialog.sensitivity.value() == 50
    assert dialog.mask_label.text() == "none: motion anywhere in the picture counts"
    dialog.sensitivity.setFocus()
    for _ in range(3):
        QTest.keyClick(dialog.sensitivity, Qt.Key_PageUp)
    assert dialog.sensitivity.value() == 80 and dialog.sensitivity_value.text() == "80"

    # the mask over the camera's own picture
    dialog.edit_mask()
    editor = dialog.mask_editor
    qtbot.waitUntil(lambda: editor.canvas.picture is not None, timeout=10_000)
    assert (editor.canvas.picture.width(), editor.canvas.picture.height()) == (640, 360)
    drag(qtbot, editor.canvas, at(editor.canvas, 0.0, 0.0), at(editor.canvas, 0.25, 0.1))
    drag(qtbot, editor.canvas, at(editor.canvas, 0.5, 0.5), at(editor.canvas, 0.75, 0.9))
    drawn = editor.areas()
    if SHOTS:
        editor.grab().save(str(Path(SHOTS) / "motion_mask_camera.png"))
    editor.accept()
    assert dialog.mask == drawn and dialog.mask_label.text() == "2 in the mask"
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()
    back = api.camera(1)
    assert (back.motion_sensitivity, back.motion_mask, back.motion_enabled) == (80, drawn, True)
    assert close_to(back.motion_mask[0], [0.0, 0.0, 0.25, 0.1]) and close_to(back.motion_mask[1],
                                                                                   [0.5, 0.5, 0.25, 0.4])

    # opened again: what the recorder keeps; switched off, one area removed
    again = CameraDialog(api, back, 7)
    qtbot.addWidget(again)
    again.show()
    assert again.sensitivity.value() == 80 and again.mask == drawn
    again.motion_enabled.click()
    assert not again.sensitivity.isEnabled()
    again.edit_mask()
    canvas = again.mask_editor.canvas
    assert canvas.areas == drawn
    qtbot.mouseClick(canvas, Qt.RightButton, pos=at(canvas, 0.1, 0.05))
    again.mask_editor.accept()
    with qtbot.waitSignal(again.accepted, timeout=10_000):
        again.save()
    back = api.camera(1)
    assert (back.motion_enabled, back.motion_sensitivity, back.motion_mask) == (False, 80, drawn[1:])

    # what the recorder refuses is said in the dialog, and nothing is saved
    third = CameraDialog(api, back, 7)
    qtbot.addWidget(third)
    third._set_mask([[0.9, 0.9, 0.5, 0.5]])  # not one the editor makes: from an older or foreign client
    third.save()
    qtbot.waitUntil(lambda: third.buttons.isEnabled() and third.error.text() != "", timeout=10_000)
    assert third.error.text().startswith("Not saved: mask area 1 must lie inside the picture")
    assert api.camera(1).motion_mask == drawn[1:]

    # the live tile: the recorder's status says when motion is seen; the tile shows it by the REC dot
    api.update_camera(1, {"motion_enabled": True})
    tile = LiveTile(1, lambda *_: "http://127.0.0.1:9/none")
    qtbot.addWidget(tile)
    tile.resize(480, 300)
    tile.show()
    row = wait_for(lambda: next((c for c in api.status().cameras if c.motion_active
                                 and c.state == "recording"), None), 30, 0.5, "motion seen by the recorder")
    tile.update_state(row)
    assert tile.motion.isVisible() and tile.motion.text() == "motion"
    assert tile.motion.geometry().left() >= tile.rec.geometry().right()
    if SHOTS:
        tile.grab().save(str(Path(SHOTS) / "tile_motion.png"))
    tile.update_state(row.model_copy(update={"motion_active": False}))
    assert not tile.motion.isVisible()
    tile.update_state(row.model_copy(update={"state": "retrying"}))  # not recording: no claim of motion
    assert not tile.motion.isVisible()
    tile.close_player()
