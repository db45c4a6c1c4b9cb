"""The human-readable API page, made from the OpenAPI description itself so the
two cannot disagree. Pure: an OpenAPI dict in, plain sections out."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Resource:
    slug: str  # for in-page links
    list_path: str
    detail_path: str | None
    summary: str
    identifier: Parameter | None
    parameters: tuple[Parameter, ...]
    fields: tuple[Field, ...]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_text(schema: dict[str, Any], schemas: dict[str, Any]) -> str:
    """A schema as a short type: "integer", "string (date)", "list of Period"."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        inner = type_text(schema["allOf"][0], schemas)
        return f"{inner} | null" if schema.get("nullable") else inner
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(type_text(option, schemas) for option in schema[key])
    kind = schema.get("type", "object")
    if kind == "array":
        text = f"[{type_text(schema.get('items', {}), schemas)}]"
    elif "format" in schema:
        text = f"{kind} ({schema['format']})"
    elif "enum" in schema:
        text = " | ".join(str(value) for value in schema["enum"] if value is not None)
    elif "pattern" in schema:
        text = f"{kind} ({schema['pattern']})"
    elif "minimum" in schema and "maximum" in schema and schema["maximum"] < 10**6:
        text = f"{kind} ({schema['minimum']}–{schema['maximum']})"
    else:
        text = kind
    if schema.get("nullable"):
        text += " | null"
    return text


def _parameter(raw: dict[str, Any], schemas) -> Parameter:
    return Parameter(
        name=raw["name"],
        type=type_text(raw.get("schema", {}), schemas),
        description=raw.get("description", "")
        or raw.get("schema", {}).get("description", ""),
    )


def _item_schema(operation: dict[str, Any], schemas) -> dict[str, Any] | None:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = schemas.get(_ref_name(schema["$ref"]), {})
    results = schema.get("properties", {}).get("results")
    if results is not None:
        schema = results.get("items", {})
    if "$ref" in schema:
        return schemas.get(_ref_name(schema["$ref"]))
    return schema or None


def resources(openapi: dict[str, Any]) -> list[Resource]:
    """One entry per resource (a list address and its item address)."""
    schemas = openapi.get("components", {}).get("schemas", {})
    paths = openapi.get("paths", {})
    found = []
    for path, item in paths.items():
        operation = item.get("get")
        if operation is None or "{" in path:
            continue
        detail = next(
            (
                other
                for other in paths
                if other.startswith(path) and other != path and "{" in other
            ),
            None,
        )
        identifier = None
        if detail is not None:
            detail_params = paths[detail]["get"].get("parameters", [])
            identifier = next(
                (_parameter(p, schemas) for p in detail_params if p["in"] == "path"),
                None,
            )
        item_schema = _item_schema(operation, schemas) or {}
        fields = tuple(
            Field(name, type_text(schema, schemas), schema.get("description", ""))
            for name, schema in item_schema.get("properties", {}).items()
        )
        found.append(
            Resource(
                slug=path.strip("/").rsplit("/", 1)[-1],
                list_path=path,
                detail_path=detail,
                summary=operation.get("description", ""),
                identifier=identifier,
                parameters=tuple(
                    _parameter(p, schemas)
                    for p in operation.get("parameters", [])
                    if p["in"] == "query"
                ),
                fields=fields,
            )
        )
    return found


def components(openapi: dict[str, Any], names: set[str]) -> list[tuple[str, tuple]]:
    """The nested object types named in fields, with their own fields."""
    schemas = openapi.get("components", {}).get("schemas", {})
    result = []
    for name in sorted(names):
        schema = schemas.get(name)
        if not schema or "properties" not in schema:
            continue
        result.append(
            (
                name,
                tuple(
                    Field(field, type_text(s, schemas), s.get("description", ""))
                    for field, s in schema["properties"].items()
                ),
            )
        )
    return result
