"""The Sparkplug B protobuf classes, built at import time from Eclipse Tahu's ``sparkplug_b.proto``.

Why not a generated ``sparkplug_b_pb2.py``: no code generator is available (grpcio-tools is not installed,
nor protoc), and a hand-written descriptor would copy the schema. So this module reads the .proto beside it
(EPL-2.0, its licence header kept) with a small parser of the proto2 subset that file uses — messages,
nested messages and enums, ``oneof``, optional/repeated/required fields, extension ranges, the ``packed``
and ``default`` field options — builds a ``FileDescriptorProto`` (``descriptor_pb2``), adds it to a private
``DescriptorPool`` and asks ``message_factory`` for the classes. The .proto stays the single source, the
wire format is protobuf's own, and parsing the 8 kB file costs about a millisecond once per process.
Anything outside that subset raises ``ProtoSyntaxError`` rather than being guessed at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from google.protobuf import (  # type: ignore[import-untyped]
    descriptor_pb2,
    descriptor_pool,
    message_factory,
)

PROTO = Path(__file__).with_name("sparkplug_b.proto")
MAX_FIELD = 536_870_911  # 2**29 - 1, what ``max`` means in an extension range
_FIELD = descriptor_pb2.FieldDescriptorProto
SCALARS: dict[str, int] = {
    "double": _FIELD.TYPE_DOUBLE,
    "float": _FIELD.TYPE_FLOAT,
    "int64": _FIELD.TYPE_INT64,
    "uint64": _FIELD.TYPE_UINT64,
    "int32": _FIELD.TYPE_INT32,
    "fixed64": _FIELD.TYPE_FIXED64,
    "fixed32": _FIELD.TYPE_FIXED32,
    "bool": _FIELD.TYPE_BOOL,
    "string": _FIELD.TYPE_STRING,
    "bytes": _FIELD.TYPE_BYTES,
    "uint32": _FIELD.TYPE_UINT32,
    "sfixed32": _FIELD.TYPE_SFIXED32,
    "sfixed64": _FIELD.TYPE_SFIXED64,
    "sint32": _FIELD.TYPE_SINT32,
    "sint64": _FIELD.TYPE_SINT64,
}
LABELS = {
    "optional": _FIELD.LABEL_OPTIONAL,
    "repeated": _FIELD.LABEL_REPEATED,
    "required": _FIELD.LABEL_REQUIRED,
}
_TOKEN = re.compile(
    r'\s+|//[^\n]*|/\*.*?\*/|(?P<tok>"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?|[{}=;\[\],<>()])', re.S
)


class ProtoSyntaxError(ValueError):
    """The .proto uses something this small parser does not know."""


def tokens(text: str) -> list[str]:
    """The tokens of a .proto, comments and white space dropped."""
    found: list[str] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ProtoSyntaxError(f"unexpected text at offset {pos}: {text[pos : pos + 20]!r}")
        if match["tok"]:
            found.append(match["tok"])
        pos = match.end()
    return found


class _Parser:
    def __init__(self, text: str) -> None:
        self._tokens = tokens(text)
        self._at = 0

    def _peek(self) -> str:
        return self._tokens[self._at] if self._at < len(self._tokens) else ""

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if not token or (expected is not None and token != expected):
            raise ProtoSyntaxError(f"expected {expected or 'more'} at token {self._at}, found {token!r}")
        self._at += 1
        return token

    def _skip_statement(self) -> None:
        while self._take() != ";":
            pass

    def file(self, name: str) -> Any:
        proto = descriptor_pb2.FileDescriptorProto(name=name)
        while self._peek():
            word = self._take()
            if word == "syntax":
                self._take("=")
                proto.syntax = self._take().strip('"')
                self._take(";")
            elif word == "package":
                proto.package = self._take()
                self._take(";")
            elif word == "option":
                self._skip_statement()
            elif word == "message":
                self._message(proto.message_type.add())
            elif word == "enum":
                self._enum(proto.enum_type.add())
            else:
                raise ProtoSyntaxError(f"unsupported top-level statement {word!r}")
        if proto.syntax != "proto2":
            raise ProtoSyntaxError(f"only proto2 is supported, not {proto.syntax!r}")
        _resolve(proto)
        return proto

    def _message(self, message: Any) -> None:
        message.name = self._take()
        self._take("{")
        while (word := self._take()) != "}":
            if word == "message":
                self._message(message.nested_type.add())
            elif word == "enum":
                self._enum(message.enum_type.add())
            elif word == "oneof":
                self._oneof(message)
            elif word == "extensions":
                self._extensions(message)
            elif word in ("option", "reserved"):
                self._skip_statement()
            elif word in LABELS:
                self._field(message.field.add(), LABELS[word], self._take())
            else:
                raise ProtoSyntaxError(f"unsupported statement {word!r} in message {message.name}")

    def _field(self, field: Any, label: int, type_name: str, oneof: int | None = None) -> None:
        field.name = self._take()
        self._take("=")
        field.number = int(self._take())
        field.label = label
        if type_name in SCALARS:
            field.type = SCALARS[type_name]
        else:
            field.type_name = type_name  # resolved once every name is known
        if oneof is not None:
            field.oneof_index = oneof
        if self._peek() == "[":
            self._field_options(field)
        self._take(";")

    def _field_options(self, field: Any) -> None:
        self._take("[")
        while True:
            key = self._take()
            self._take("=")
            value = self._take()
            if key == "packed":
                field.options.packed = value == "true"
            elif key == "default":
                field.default_value = value.strip('"')
            else:
                raise ProtoSyntaxError(f"unsupported field option {key!r}")
            if self._take() == "]":
                return

    def _oneof(self, message: Any) -> None:
        index = len(message.oneof_decl)
        message.oneof_decl.add(name=self._take())
        self._take("{")
        while self._peek() != "}":
            self._field(message.field.add(), _FIELD.LABEL_OPTIONAL, self._take(), index)
        self._take("}")

    def _extensions(self, message: Any) -> None:
        while True:
            start = end = int(self._take())
            if self._peek() == "to":
                self._take()
                last = self._take()
                end = MAX_FIELD if last == "max" else int(last)
            message.extension_range.add(start=start, end=end + 1)  # the end is exclusive
            if self._take() == ";":
                return

    def _enum(self, enum: Any) -> None:
        enum.name = self._take()
        self._take("{")
        while (word := self._take()) != "}":
            if word in ("option", "reserved"):
                self._skip_statement()
                continue
            self._take("=")
            enum.value.add(name=word, number=int(self._take()))
            self._take(";")


def _resolve(proto: Any) -> None:
    """Give every message- or enum-typed field its fully qualified type, by protobuf's scoping rules."""
    kinds: dict[str, int] = {}

    def collect(scope: str, messages: Any, enums: Any) -> None:
        for enum in enums:
            kinds[f"{scope}.{enum.name}"] = _FIELD.TYPE_ENUM
        for message in messages:
            kinds[f"{scope}.{message.name}"] = _FIELD.TYPE_MESSAGE
            collect(f"{scope}.{message.name}", message.nested_type, message.enum_type)

    def resolve(scope: str, messages: Any) -> None:
        for message in messages:
            inner = f"{scope}.{message.name}"
            for field in message.field:
                if field.type_name:
                    field.type_name = _lookup(kinds, inner, field.type_name)
                    field.type = kinds[field.type_name]
            resolve(inner, message.nested_type)

    root = f".{proto.package}" if proto.package else ""
    collect(root, proto.message_type, proto.enum_type)
    resolve(root, proto.message_type)


def _lookup(kinds: dict[str, int], scope: str, name: str) -> str:
    if name.startswith("."):
        if name in kinds:
            return name
        raise ProtoSyntaxError(f"unknown type {name}")
    while True:
        candidate = f"{scope}.{name}"
        if candidate in kinds:
            return candidate
        if not scope:
            raise ProtoSyntaxError(f"unknown type {name}")
        scope = scope.rpartition(".")[0]


def parse(text: str, name: str = "sparkplug_b.proto") -> Any:
    """The ``FileDescriptorProto`` of a proto2 file's text."""
    return _Parser(text).file(name)


def load(path: Path = PROTO) -> dict[str, Any]:
    """The top-level message classes and enum descriptors of a .proto, by name."""
    proto = parse(path.read_text("utf-8"), path.name)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    prefix = f"{proto.package}." if proto.package else ""
    found: dict[str, Any] = {}
    for message in proto.message_type:
        found[message.name] = message_factory.GetMessageClass(
            pool.FindMessageTypeByName(prefix + message.name)
        )
    for enum in proto.enum_type:
        found[enum.name] = pool.FindEnumTypeByName(prefix + enum.name)
    return found


_LOADED = load()
Payload: Any = _LOADED["Payload"]
DataTypeDescriptor: Any = _LOADED["DataType"]

__all__ = [
    "MAX_FIELD",
    "PROTO",
    "DataTypeDescriptor",
    "Payload",
    "ProtoSyntaxError",
    "load",
    "parse",
    "tokens",
]
