"""A simulated pump and meter on a free loopback port, without noise, stepped by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from longcheng.drivers.modbus.simulator import ModbusSimulator
from support import free_port


@pytest.fixture
async def sim() -> AsyncIterator[ModbusSimulator]:
    # an hour between timer steps: the tests move the physics with step() only
    async with ModbusSimulator(port=free_port(), noise=0.0, interval_s=3600.0) as running:
        yield running
