"""Every code the recorder can send reaches the guard in Portuguese, with its params."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from vms_api.errors import PARAMS, ErrorCode
from vms_desktop.messages import CONTEXT, MESSAGES, message, placeholders

CODES = sorted(str(c) for c in ErrorCode) + ["recorder_not_running", "recorder_not_started", "recorder_stop_timeout"]


@pytest.fixture(scope="module")
def portuguese(qapp):
    from vms_desktop.settings import install_language

    install_language(qapp, "pt_BR")
    yield
    install_language(qapp, "en")


@pytest.mark.parametrize("code", CODES)
def test_every_error_code_has_a_portuguese_message_with_its_params(code, portuguese):
    assert code in MESSAGES, f"no message for the error code {code!r} in vms_desktop/messages.py"
    english = MESSAGES[code]
    pt = QCoreApplication.translate(CONTEXT, english)
    assert pt != english, f"{code!r} is not translated in the pt-BR .ts (run installer/translations.sh)"
    assert placeholders(pt) == placeholders(english), f"{code!r}: the translation lost or added a {{param}}"
    if code in PARAMS:  # the recorder's code: only the params it sends (and its own words, detail)
        assert placeholders(english) <= PARAMS[ErrorCode(code)] | {"detail"}, f"{code!r} uses a param it is not sent"
    params = {name: f"<{name}>" for name in placeholders(english)}
    shown = message(code, params, "fallback")
    assert shown != "fallback" and all(v in shown for v in params.values())


def test_a_code_without_its_params_falls_back_to_the_recorders_words(portuguese):
    assert message("camera_timeout", {}, "no answer from 10.0.0.5") == "no answer from 10.0.0.5"
    assert message(None, None, "") == ""
