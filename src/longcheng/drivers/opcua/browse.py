"""Browsing a server's address space for the variables a user turns into points.

One Browse request per level (following hierarchical references forwards to objects and variables, with
BrowseNext for continuation points), then one Read of the variables' data types and one of their access
levels. At most ``MAX_VARIABLES`` variables are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from asyncua import ua
from asyncua.client.client import Client
from asyncua.ua.attribute_ids import AttributeIds
from asyncua.ua.object_ids import ObjectIdNames, ObjectIds

from longcheng.drivers.base import PointRejected, RawType
from longcheng.drivers.opcua import codec

MAX_DEPTH = 10
MAX_VARIABLES = 10_000
_NODE_CLASSES = ua.NodeClass.Object | ua.NodeClass.Variable


@dataclass(frozen=True, slots=True)
class VariableInfo:
    """A variable below the browsed node: what a point's ``address`` and ``data_type`` would be.

    ``raw_type`` is the point data type that reads and writes it (None for OPC UA types without one);
    ``writable`` says whether this session's user may write it.
    """

    node_id: str
    browse_name: str
    data_type: str
    raw_type: RawType | None
    writable: bool


async def browse_variables(client: Client, start: ua.NodeId, depth: int) -> list[VariableInfo]:
    """The variables up to ``depth`` levels below ``start``; ``PointRejected`` if the server lacks it."""
    if not 1 <= depth <= MAX_DEPTH:
        raise PointRejected("depth", f"{depth} is not from 1 to {MAX_DEPTH}")
    seen = {start}
    frontier = [start]
    found: list[tuple[ua.NodeId, ua.QualifiedName]] = []
    for _ in range(depth):
        refs = await _browse_level(client, frontier, start)
        frontier = []
        for ref in refs:
            node = codec.node_id(ref.NodeId.Identifier, ref.NodeId.NamespaceIndex)
            if getattr(ref.NodeId, "ServerIndex", 0) or node in seen:  # skip nodes on other servers
                continue
            seen.add(node)
            frontier.append(node)
            if ref.NodeClass == ua.NodeClass.Variable:
                found.append((node, ref.BrowseName))
        if not frontier or len(found) >= MAX_VARIABLES:
            break
    return await _describe(client, found[:MAX_VARIABLES])


async def _browse_level(
    client: Client, nodes: list[ua.NodeId], start: ua.NodeId
) -> list[ua.ReferenceDescription]:
    parameters = ua.BrowseParameters()
    parameters.View = ua.ViewDescription()
    parameters.RequestedMaxReferencesPerNode = 0
    parameters.NodesToBrowse = [
        ua.BrowseDescription(
            NodeId=node,
            BrowseDirection=ua.BrowseDirection.Forward,
            ReferenceTypeId=codec.node_id(ObjectIds.HierarchicalReferences),
            IncludeSubtypes=True,
            NodeClassMask=_NODE_CLASSES,
            ResultMask=ua.BrowseResultMask.All,
        )
        for node in nodes
    ]
    refs: list[ua.ReferenceDescription] = []
    for node, result in zip(nodes, await client.uaclient.browse(parameters), strict=True):
        if not result.StatusCode.is_good():
            if node == start:
                raise PointRejected("node", f"the server has no node {node.to_string()!r}")
            continue
        refs.extend(result.References)
        point = result.ContinuationPoint
        while point:
            (more,) = await client.uaclient.browse_next(
                ua.BrowseNextParameters(ReleaseContinuationPoints=False, ContinuationPoints=[point])
            )
            refs.extend(more.References)
            point = more.ContinuationPoint if more.StatusCode.is_good() else None
    return refs


async def _describe(client: Client, found: list[tuple[ua.NodeId, ua.QualifiedName]]) -> list[VariableInfo]:
    if not found:
        return []
    nodes = [node for node, _ in found]
    types = await client.uaclient.read_attributes(nodes, AttributeIds.DataType)
    access = await client.uaclient.read_attributes(nodes, AttributeIds.UserAccessLevel)
    infos = []
    for (node, name), data_type, level in zip(found, types, access, strict=True):
        type_id = data_type.Value.Value if data_type.Value is not None else None
        type_id = type_id if isinstance(type_id, ua.NodeId) else codec.node_id(ObjectIds.BaseDataType)
        bits = level.Value.Value if level.Value is not None else 0
        infos.append(
            VariableInfo(
                node_id=node.to_string(),
                browse_name=name.to_string(),
                data_type=data_type_name(type_id),
                raw_type=raw_type_of(type_id),
                writable=bool((bits or 0) & (1 << ua.AccessLevel.CurrentWrite)),
            )
        )
    return infos


def data_type_name(data_type: ua.NodeId) -> str:
    """The name of a standard data type (``Double``), else the NodeId of the type."""
    if data_type.NamespaceIndex == 0 and isinstance(data_type.Identifier, int):
        name = ObjectIdNames.get(data_type.Identifier)
        if name:
            return name
    return str(data_type.to_string())


def raw_type_of(data_type: ua.NodeId) -> RawType | None:
    """The point data type that reads and writes a variable of this OPC UA data type, if there is one."""
    if data_type.NamespaceIndex != 0 or not isinstance(data_type.Identifier, int):
        return None
    try:
        return codec.RAW_TYPES.get(ua.VariantType(data_type.Identifier))
    except ValueError:
        return None


__all__ = ["MAX_DEPTH", "MAX_VARIABLES", "VariableInfo", "browse_variables", "data_type_name", "raw_type_of"]
