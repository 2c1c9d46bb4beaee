"""The world map: Natural Earth countries (npm `world-atlas`, vendored) as SVG paths.

The TopoJSON file is decoded here once (quantised, delta-encoded arcs stitched into rings),
projected with the Equal Earth projection and written as one SVG path per country, keyed by
ISO 3166-1 alpha-3. The page colours the paths by status with CSS classes, so the map needs no
script to draw and every country is a plain link.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

ATLAS = ("vendor", "world-atlas", "countries-110m.json")

# Natural Earth features without an ISO numeric code in world-atlas, and the codes we use.
_UNNUMBERED = {"Kosovo": "XKX"}
_SKIP = {"010"}  # Antarctica: no state, and a third of the map's height

# Equal Earth projection constants (Šavrič, Patterson & Jenny, 2018).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


@dataclass(frozen=True)
class Shape:
    iso3: str | None
    name: str
    path: str  # SVG path data in the map's viewBox


def _project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs as (longitude, latitude) lists, undoing quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One projected ring. A ring that crosses the antimeridian (Fiji, Chukotka) is unwrapped
    to run on continuously, then clamped to ±180° so the part beyond lies along the edge."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    if any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:], strict=False)):
        unwrapped, shift = [points[0]], 0.0
        for (lon0, _), (lon1, lat1) in zip(points, points[1:], strict=False):
            if lon1 - lon0 > 180:
                shift -= 360
            elif lon0 - lon1 > 180:
                shift += 360
            unwrapped.append((lon1 + shift, lat1))
        mean = sum(lon for lon, _ in unwrapped) / len(unwrapped)
        offset = -360 if mean > 180 else 360 if mean < -180 else 0
        points = [(max(-180.0, min(180.0, lon + offset)), lat) for lon, lat in unwrapped]
    return [_project(lon, lat) for lon, lat in points]


# Equal Earth spans about ±2.7 by ±1.32; the viewBox below maps that onto 1000 × 500 units
# (the southern edge is cut at about 58°S, Antarctica being left out).
WIDTH, HEIGHT = 1000, 440
_SCALE = WIDTH / (2 * 2.7066)
_TOP = 1.3173 * _SCALE


def _path(polygons: list[list[list[int]]], arcs) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = _ring(ring, arcs)
            coords = " ".join(
                f"{WIDTH / 2 + x * _SCALE:.1f},{_TOP - y * _SCALE:.1f}" for x, y in points
            )
            parts.append(f"M{coords}Z")
    return "".join(parts)


def _iso3(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    number = geometry.get("id")
    if number is None:
        return _UNNUMBERED.get(name)
    country = pycountry.countries.get(numeric=number)
    return country.alpha_3 if country else None


def atlas_text() -> str:
    return resources.files("treatywatch.web").joinpath("static", *ATLAS).read_text("utf-8")


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    """Every country of the vendored atlas as an SVG path (computed once per process)."""
    topology = json.loads(atlas_text())
    arcs = _decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in _SKIP or geometry.get("type") is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        name = geometry.get("properties", {}).get("name", "")
        result.append(Shape(_iso3(geometry), name, _path(polygons, arcs)))
    return tuple(result)


def point(lon: float, lat: float) -> tuple[float, float]:
    """A longitude and latitude as a point in the map's viewBox."""
    x, y = _project(lon, lat)
    return WIDTH / 2 + x * _SCALE, _TOP - y * _SCALE


@lru_cache(maxsize=1)
def anchors() -> dict[str, tuple[float, float]]:
    """Where to place a country's marker: the middle of its largest ring's bounding box."""
    result: dict[str, tuple[float, float]] = {}
    for shape in shapes():
        if not shape.iso3:
            continue
        best, best_area = None, -1.0
        for ring in shape.path.split("M")[1:]:
            pts = [tuple(map(float, p.split(","))) for p in ring.rstrip("Z").split()]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            area = (max(xs) - min(xs)) * (max(ys) - min(ys))
            if area > best_area:
                best, best_area = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2), area
        if best:
            result[shape.iso3] = best
    return result
