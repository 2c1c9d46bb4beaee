"""A local API docs page built from the OpenAPI document (no CDN, no script)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return schema.get("format") or schema.get("type", "any")


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    result = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                 "type": _type(_resolve(spec, p.get("schema", {}))),
                 "description": p.get("description") or p.get("schema", {}).get("description")}
                for p in op.get("parameters", [])
            ]
            result.append({"id": op.get("operationId", path), "method": method.upper(),
                           "path": path, "summary": op.get("summary"),
                           "description": op.get("description"), "parameters": params})
    return result


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    def one(s: dict[str, Any]) -> dict[str, Any]:
        ref = s.get("$ref")
        if ref:
            node: Any = spec
            for part in ref.lstrip("#/").split("/"):
                node = node.get(part, {})
            return node
        return s

    if "anyOf" in schema:
        return {"anyOf": [one(s) for s in schema["anyOf"]]}
    return one(schema)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    spec = request.app.openapi()
    context = {"spec": spec, "operations": operations(spec)}
    return request.app.state.templates.TemplateResponse(request, "docs.html", context)
