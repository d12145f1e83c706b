"""Under `mkdocs serve`, journeybook watches its data folder itself (serve_watch.py).

A saved YAML file must make MkDocs' live-reload server rebuild, as MkDocs'
own watcher would; a server without the means to be asked (another MkDocs)
must still watch the folder, through its public watch(); and the watcher
must end with serve. The end-to-end path (a real `mkdocs serve`, a browser
reloading with the edit) is tests/test_serve_quick_rebuild.py.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.livereload import LiveReloadServer

from journeybook import serve_watch
from journeybook.serve_watch import DATA_POLL_MAX_SECONDS, DATA_POLL_SECONDS, DataWatchError, poll_interval, watch_data


def _server(site: Path) -> LiveReloadServer:
    # Made, not served: no port is bound until serve().
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))


def _asked(server: LiveReloadServer, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                return True
        time.sleep(0.02)
    return False


def test_a_saved_yaml_file_asks_the_server_for_a_rebuild(tmp_path: Path) -> None:
    data = tmp_path / "journeys"
    (data / "sub").mkdir(parents=True)
    journey = data / "sub" / "a.yml"
    journey.write_text("id: a\n", encoding="utf-8")
    server = _server(tmp_path / "site")
    observer = watch_data(server, data)
    try:
        assert observer is not None
        assert observer.timeout == DATA_POLL_SECONDS  # a small folder is looked at every tenth of a second
        time.sleep(0.3)  # the first look at the folder is its starting point
        assert not _asked(server, within=0.3)
        journey.write_text("id: b\n", encoding="utf-8")
        assert _asked(server)
    finally:
        if observer is not None:
            observer.stop()
            observer.join(5)
    assert observer is not None and not observer.is_alive()


def test_a_folder_costly_to_look_at_is_looked_at_less_often(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each look holds the interpreter lock that serve's rebuild needs; a thousand-journey folder costs ~15 ms."""
    for n in range(20):
        (tmp_path / f"j{n}.yml").write_text("id: x\n", encoding="utf-8")
    assert poll_interval(tmp_path) == DATA_POLL_SECONDS
    monkeypatch.setattr(serve_watch, "DATA_POLL_SHARE", 1e-9)  # as if one look took a long time
    assert poll_interval(tmp_path) == DATA_POLL_MAX_SECONDS
    monkeypatch.setattr(serve_watch, "DATA_POLL_SHARE", 1.0)
    server = _server(tmp_path / "site")
    observer = watch_data(server, tmp_path, interval=0.3)
    assert observer is not None
    observer.stop()
    observer.join(5)
    assert observer.timeout == 0.3


class _PublicOnly:
    """A live-reload server that offers only its public watch()."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_a_server_without_the_rebuild_flag_watches_the_folder_itself(tmp_path: Path) -> None:
    server: Any = _PublicOnly()
    assert watch_data(server, tmp_path) is None
    assert server.watched == [str(tmp_path)]


def _serving_plugin(data: Path, tmp_path: Path) -> tuple[Any, Any, LiveReloadServer]:
    """A journeybook plugin started for `mkdocs serve` of the data folder, its config and a server (not bound)."""
    from mkdocs.config.defaults import MkDocsConfig

    from journeybook.mkdocs_plugin import JourneybookPlugin

    plugin = JourneybookPlugin()
    plugin.load_config({"data_dir": str(data)})
    plugin.on_startup(command="serve", dirty=False)
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path)})
    return plugin, config, _server(tmp_path / "site")


def test_the_plugin_stops_its_watcher_when_serve_ends(tmp_path: Path) -> None:
    plugin, config, server = _serving_plugin(tmp_path, tmp_path)
    plugin.on_serve(server, config=config, builder=lambda: None)
    observer = plugin.data_watch
    assert observer is not None and observer.is_alive()
    plugin.on_shutdown()
    observer.join(5)
    assert not observer.is_alive() and plugin.data_watch is None


def test_a_missing_data_folder_is_said_once_and_serve_goes_on(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs' own watcher stops serve with a traceback on a missing folder; the page already names the mistake."""
    missing = tmp_path / "journeys"
    with pytest.raises(DataWatchError, match="does not exist"):
        watch_data(_server(tmp_path / "site"), missing)
    plugin, config, server = _serving_plugin(missing, tmp_path)
    with caplog.at_level(logging.WARNING):
        assert plugin.on_serve(server, config=config, builder=lambda: None) is server
    assert plugin.data_watch is None
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and str(missing) in warned[0] and "start serve again" in warned[0]
