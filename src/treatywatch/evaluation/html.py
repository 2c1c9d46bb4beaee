"""The evaluation report as one self-contained HTML page: figures, then each error beside the
evidence sentence the reader gave for it. Every text from an article or a gold file is escaped
(Jinja's autoescape); links are kept only when they are http(s).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from treatywatch.errors import BadInput
from treatywatch.evaluation.report import MODALITIES, report_line

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>treatywatch evaluation — {{ line }}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;padding:.25rem .5rem}
td.n{text-align:right}.what{font-weight:bold;white-space:nowrap}.ev{font-style:italic}
.label{background:#fff4d6;padding:.5rem;border-left:4px solid #d9a400}
.invented{color:#9b1c1c}
</style></head><body>
<h1>treatywatch evaluation</h1>
<p class="label">{{ line }} · {{ r.articles_scored }} articles scored</p>
{% macro prf(title, rows) %}
<h2>{{ title }}</h2>
<table><tr><th></th><th>P</th><th>R</th><th>F1 (family)</th><th>F1 strict</th><th>hits</th>
<th>read</th><th>gold</th></tr>
{% for name, f in rows.items() %}<tr><td>{{ name }}</td><td class="n">{{ "%.3f"|format(f.p) }}</td>
<td class="n">{{ "%.3f"|format(f.r) }}</td><td class="n">{{ "%.3f"|format(f.f1) }}</td>
<td class="n">{{ "%.3f"|format(f.f1_strict) if f.f1_strict is defined else "" }}</td>
<td class="n">{{ f.tp }}</td><td class="n">{{ f.predicted }}</td>
<td class="n">{{ f.gold }}</td></tr>
{% endfor %}</table>
{% endmacro %}
{{ prf("Overall", overall) }}
{{ prf("Events per act", r.per_act) }}
{{ prf("Events per treaty", r.per_treaty) }}
{{ prf("Findings per kind", r.findings_per_kind) }}
<h2>Modality</h2>
<p>Accuracy {{ "n/a" if r.modality.accuracy is none else "%.3f"|format(r.modality.accuracy) }}
over {{ r.modality.matched }} matched events (rows gold, columns read).</p>
<table><tr><th>gold \\ read</th>{% for p in read %}<th>{{ p }}</th>{% endfor %}</tr>
{% for g in golds %}<tr><td>{{ g }}</td>{% for p in read %}
<td class="n">{{ r.modality.confusion[g].get(p, "") }}</td>{% endfor %}</tr>{% endfor %}</table>
<h2>Negatives with output: {{ r.negatives.with_output }}/{{ r.negatives.total }}</h2>
{% if r.negatives.ids %}<p>{{ r.negatives.ids|join(", ") }}</p>{% endif %}
<h2 class="invented">Invented violations: {{ r.invented_violations.count }}</h2>
{% if r.invented_violations["items"] %}<table><tr><th>article</th><th>state</th><th>treaty</th>
<th>article of the treaty</th><th>status</th><th>evidence</th></tr>
{% for v in r.invented_violations["items"] %}<tr><td>{{ v.id }}</td><td>{{ v.state }}</td>
<td>{{ v.treaty }}</td><td>{{ v.article }}</td><td>{{ v.status or "" }}</td>
<td class="ev">{% for s in v.evidence %}<p>“{{ s }}”</p>{% endfor %}</td></tr>{% endfor %}
</table>{% endif %}
{% if r.errors_withheld %}
<p>Per-article errors withheld: this is the sealed split. Reading them would make it a
development split (docs/evaluation.md).</p>
{% else %}
<h2>Errors per article</h2>
{% for a in r.articles %}
<h3>{{ a.id }}{% if a.title %} — {{ a.title }}{% endif %}</h3>
{% if a.url and safe_url(a.url) %}<p><a href="{{ a.url }}" rel="noreferrer">{{ a.url }}</a></p>
{% elif a.url %}<p>{{ a.url }}</p>{% endif %}
{% if a.missing %}<p>No output: the article was not read.</p>{% endif %}
<table><tr><th>error</th><th>item</th><th>evidence sentence</th></tr>
{% for d in a.differences %}<tr><td class="what">{{ d.what.replace("_", " ") }}</td>
<td>{{ d["item"]|map("string")|join(" · ") }}
{% if d.note %}<br><small>{{ d.note }}</small>{% endif %}</td>
<td class="ev">{% for s in d.evidence %}<p>“{{ s }}”</p>{% else %}<span>(none: the reader gave
no evidence{{ " — a missed gold item" if d.what.startswith("missed") else "" }})</span>
{% endfor %}</td></tr>
{% endfor %}</table>
{% endfor %}
{% endif %}
</body></html>
"""


def _safe_url(url: str) -> bool:
    return str(url).lower().startswith(("http://", "https://"))


def _order(name: str) -> tuple[int, str]:
    return (MODALITIES.index(name) if name in MODALITIES else len(MODALITIES), name)


def render_html(report: dict[str, Any]) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(PAGE)
    confusion = report["modality"]["confusion"]
    read = sorted({p for row in confusion.values() for p in row}, key=_order)
    overall = {
        "events": {**report["events"], "f1_strict": report["events_strict"]["f1"]},
        "findings": report["findings"],
    }
    return template.render(
        r=report,
        line=report_line(report),
        overall=overall,
        read=read,
        golds=sorted(confusion, key=_order),
        safe_url=_safe_url,
    )


def write_html(report: dict[str, Any], path: str | Path) -> Path:
    path = Path(path)
    try:
        path.write_text(render_html(report), encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{path}: cannot write the HTML report ({exc.strerror or exc})") from exc
    return path
