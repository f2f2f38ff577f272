"""`colibri feeds publish` without the official account's credentials fails before any network call."""

from __future__ import annotations

from typing import Any

from colibri.cli import main


def test_it_refuses_to_publish_without_the_official_account(
    settings: Any, capsys: Any, monkeypatch: Any
) -> None:
    settings.BLUESKY_HANDLE = ""
    settings.BLUESKY_APP_PASSWORD = ""
    built: list[Any] = []
    monkeypatch.setattr("colibri.networks.registry.bluesky_from_settings", lambda *a: built.append(a))
    assert main(["feeds", "publish"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("colibri feeds: ") and "BLUESKY_HANDLE" in err
    assert built == []
