"""Platform settings: defaults, then ``LONGCHENG_*`` environment variables, then CLI flags.

Every default runs on one machine with nothing installed: SQLite files under ``data_dir`` and an MQTT
broker embedded in the platform process.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LONGCHENG_", extra="ignore")

    # where the platform listens
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65_535)
    data_dir: Path = Path("data")

    # storage seams (see docs/architecture.md); empty means "SQLite file under data_dir"
    database_url: str = ""
    timeseries_url: str = ""

    # MQTT: the embedded broker, or an external one when mqtt_url is set (mqtt://user:pass@host:port)
    mqtt_host: str = "127.0.0.1"
    mqtt_port: int = Field(default=1883, ge=0, le=65_535)
    mqtt_url: str = ""
    mqtt_client_id: str = "longcheng-ingest"  # the platform's session on an external broker

    # the web console on the same port as the API (off: API only, e.g. for API worker processes)
    console: bool = True
    # this process ingests (runs the broker or subscribes to the external one, and writes telemetry); off
    # for extra console/API processes beside a platform process on the same databases
    ingest: bool = True

    # security
    admin_password: str = ""
    jwt_secret: str = ""
    token_ttl_s: int = Field(default=8 * 3600, ge=60)

    # ingest limits: what counts as bad input
    max_payload_bytes: int = Field(default=64 * 1024, ge=256)
    max_future_skew_s: int = Field(default=300, ge=0)
    max_past_age_s: int = Field(default=7 * 24 * 3600, ge=60)
    offline_after_s: int = Field(default=60, ge=1)
    command_timeout_s: float = Field(default=30.0, gt=0, description="an unanswered command times out")
    flush_interval_ms: int = Field(default=200, ge=1)
    flush_max_samples: int = Field(default=20_000, ge=1)

    # the simulated factory started with the platform (0 = none)
    simulate: int = Field(default=0, ge=0, le=100_000)
    simulate_interval_s: float = Field(default=1.0, gt=0)

    @model_validator(mode="after")
    def _default_urls(self) -> Settings:
        if self.jwt_secret and len(self.jwt_secret.encode()) < 32:
            raise ValueError(
                "jwt_secret must be at least 32 bytes (RFC 7518 §3.2); leave it empty to generate one"
            )
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'longcheng.db'}"
        if not self.timeseries_url:
            self.timeseries_url = f"sqlite:///{self.data_dir / 'telemetry.db'}"
        return self

    @property
    def embedded_broker(self) -> bool:
        return not self.mqtt_url


__all__ = ["Settings"]
