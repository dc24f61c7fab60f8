"""The ``longcheng`` command: exit codes, messages that name the flag, and each sub-command's effect."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest

from longcheng import __version__
from longcheng.cli.main import main
from longcheng.registry.auth import login
from longcheng.storage.metadata.engine import make_engine, make_sessionmaker
from support import free_port


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == f"longcheng {__version__}"


def test_unparseable_argument_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--port", "abc"])
    assert exit_info.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_out_of_range_port_exits_2_naming_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--port", "70000"]) == 2
    err = capsys.readouterr().err
    assert "--port" in err
    assert "65535" in err


def test_unknown_command_exits_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["fly"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("flag", ["--port", "--mqtt-port"])
def test_port_in_use_names_the_flag(flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        ports = {"--port": free_port(), "--mqtt-port": free_port()} | {flag: busy}
        code = main(
            ["run", "--data-dir", str(tmp_path), *(x for kv in ports.items() for x in (kv[0], str(kv[1])))]
        )
    assert code == 2
    err = capsys.readouterr().err
    assert f"port {busy} is already in use" in err
    assert flag in err


def test_port_in_use_message_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LONGCHENG_LANG", "zh_CN.UTF-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        code = main(
            ["run", "--data-dir", str(tmp_path), "--port", str(busy), "--mqtt-port", str(free_port())]
        )
    assert code == 2
    assert f"端口 {busy} 已被占用" in capsys.readouterr().err


def test_migrate_creates_both_databases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--data-dir", str(tmp_path)]) == 0
    assert (tmp_path / "longcheng.db").is_file()
    assert (tmp_path / "telemetry.db").is_file()
    assert main(["migrate", "--data-dir", str(tmp_path)]) == 0  # idempotent
    assert "up to date" in capsys.readouterr().out


def test_plugins_lists_the_built_in_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    for name in ("simulated", "sqlite", "memory"):
        assert f"✓ {name}" in out


def _create_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, password: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["user", "create", *args, "--password-stdin", "--data-dir", str(tmp_path)])


def test_user_create_then_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        _create_user(tmp_path, monkeypatch, "a-long-password", "ops-admin", "--role", "platform_admin") == 0
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'longcheng.db'}")
    with make_sessionmaker(engine)() as db:
        principal = login(db, "ops-admin", "a-long-password")
    engine.dispose()
    assert principal.role.value == "platform_admin"
    assert principal.tenant_id is None


def test_user_create_refuses_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        _create_user(tmp_path, monkeypatch, "a-long-password", "bob", "--role", "viewer", "--tenant", "nope")
        == 2
    )
    assert "--tenant" in capsys.readouterr().err
    assert _create_user(tmp_path, monkeypatch, "short", "bob", "--role", "platform_admin") == 2
    assert "password" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        _create_user(tmp_path, monkeypatch, "a-long-password", "bob", "--role", "emperor")
    assert exit_info.value.code == 2
