"""``longcheng`` — argument parsing. Bad arguments exit 2 with a message that names the flag."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from longcheng.cli import commands
from longcheng.cli.output import fail, locale
from longcheng.core import logging as lc_logging
from longcheng.core.errors import ConfigError, InvalidInput, LongchengError, PortInUse
from longcheng.core.i18n import t
from longcheng.core.settings import Settings
from longcheng.registry.principals import Role

log = logging.getLogger(__name__)

Command = Callable[[Settings, argparse.Namespace], int]

# CLI flag -> Settings field
_FLAGS = {
    "host": "host",
    "port": "port",
    "mqtt_port": "mqtt_port",
    "mqtt_url": "mqtt_url",
    "data_dir": "data_dir",
    "database_url": "database_url",
    "timeseries_url": "timeseries_url",
    "simulate": "simulate",
    "simulate_interval": "simulate_interval_s",
    "ingest": "ingest",
}


def _storage_flags(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("--data-dir", type=Path, help=t("cli.help.data_dir", lang))
    parser.add_argument("--database-url", help=t("cli.help.database_url", lang))
    parser.add_argument("--timeseries-url", help=t("cli.help.timeseries_url", lang))


def build_parser() -> argparse.ArgumentParser:
    lang = locale()
    parser = argparse.ArgumentParser(prog="longcheng", description=t("cli.description", lang))
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help=t("cli.help.run", lang))
    run.add_argument("--host", help=t("cli.help.host", lang))
    run.add_argument("--port", type=int, help=t("cli.help.port", lang))
    run.add_argument("--mqtt-port", type=int, help=t("cli.help.mqtt_port", lang))
    run.add_argument("--mqtt-url", help=t("cli.help.mqtt_url", lang))
    run.add_argument("--simulate", type=int, metavar="N", help=t("cli.help.simulate", lang))
    run.add_argument(
        "--no-ingest", dest="ingest", action="store_false", default=None, help=t("cli.help.no_ingest", lang)
    )
    run.add_argument(
        "--simulate-interval", type=float, metavar="S", help=t("cli.help.simulate_interval", lang)
    )
    _storage_flags(run, lang)
    run.set_defaults(func=commands.run)

    migrate = sub.add_parser("migrate", help=t("cli.help.migrate", lang))
    _storage_flags(migrate, lang)
    migrate.set_defaults(func=commands.migrate)

    user = sub.add_parser("user", help=t("cli.help.user", lang)).add_subparsers(
        dest="user_command", required=True, metavar="ACTION"
    )
    create = user.add_parser("create", help=t("cli.help.user_create", lang))
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--tenant", metavar="CODE", help=t("cli.help.tenant", lang))
    create.add_argument("--password-stdin", action="store_true", help=t("cli.help.password_stdin", lang))
    _storage_flags(create, lang)
    create.set_defaults(func=commands.user_create)

    edge = sub.add_parser("edge", help=t("cli.help.edge", lang))
    edge.add_argument("--config", required=True, type=Path, help=t("cli.help.edge_config", lang))
    edge.set_defaults(func=commands.edge)

    sub.add_parser("plugins", help=t("cli.help.plugins", lang)).set_defaults(func=commands.plugins)
    sub.add_parser("version", help=t("cli.help.version", lang)).set_defaults(func=commands.version)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {
        field: getattr(args, flag) for flag, field in _FLAGS.items() if getattr(args, flag, None) is not None
    }
    try:
        return Settings(**overrides)
    except ValidationError as err:
        name, reason = _first_error(err)
        flag = next((f"--{f.replace('_', '-')}" for f, s in _FLAGS.items() if s == name), name)
        raise InvalidInput(flag, reason) from err


def _first_error(err: ValidationError) -> tuple[str, str]:
    first = err.errors()[0]
    return ".".join(str(part) for part in first["loc"]) or "input", first["msg"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lc_logging.configure(args.log_level)
    func: Command = args.func
    try:
        return func(settings_from(args), args)
    except KeyboardInterrupt:
        return 130
    except (LongchengError, ValidationError) as err:
        key, params, code = _message_of(err)
        return fail(key, code, **params)


def _message_of(err: LongchengError | ValidationError) -> tuple[str, dict[str, Any], int]:
    """The catalogue key, its parameters and the exit code for an error (2: the user's input)."""
    if isinstance(err, ValidationError):
        field, reason = _first_error(err)
        return "cli.error.invalid", {"field": field, "reason": reason}, 2
    if isinstance(err, PortInUse):
        return "cli.error.port_in_use", {"port": err.port, "flag": err.flag}, 2
    if isinstance(err, InvalidInput):
        return "cli.error.invalid", {"field": err.field, "reason": err.reason}, 2
    if isinstance(err, ConfigError):
        return "cli.error.config", {"message": err.message}, 2
    return "cli.error.other", {"message": err.message}, 1


if __name__ == "__main__":
    sys.exit(main())
