"""What a tooltip says about a node or a link: plain text, one fact a line, name first.

Tooltips are plain text on purpose. vis-network shows a string title with ``innerText`` and the
page builds its richer tooltips with ``textContent``, so a label such as ``<img onerror=...>``
is shown, never run, without any escaping scheme to get wrong.
"""

from collections.abc import Mapping, Sequence

from .style import edge_kind_label, fact, kind_label, status_label, telling_kinds


def node_tooltip(attrs: Mapping, lang: str, extra: Sequence[str] = ()) -> str:
    """Name, kinds, then the facts an ESS officer asks first: legal form, place, figures, contact, source."""
    kinds = telling_kinds(attrs.get("kind") or "other", attrs.get("kinds"))
    lines = [attrs.get("label") or attrs.get("iri", ""), " · ".join(kind_label(k, lang) for k in kinds)]
    lines += _facts(lang, [
        ("legal_form", attrs.get("legal_form")),
        ("structure_kind", attrs.get("structure_kind")),
        ("commune", attrs.get("commune")),
        ("address", attrs.get("address")),
        ("sectors", attrs.get("sector_labels")),
        ("themes", attrs.get("theme_labels")),
        ("jobs", attrs.get("jobs")),
        ("key_figures", " ; ".join(attrs.get("key_figures") or ())),
        ("contact", attrs.get("contact")),
        ("status", status_label(attrs["status"], lang) if attrs.get("status") else ""),
    ])
    if attrs.get("description"):
        lines.append(attrs["description"])
    lines += [fact("source", source, lang) for source in attrs.get("sources") or ()]
    return "\n".join([*lines, *extra])


def edge_tooltip(attrs: Mapping, source_label: str, target_label: str, lang: str) -> str:
    """The kind of link and its status, who to whom, then amount, programme, purpose, year and source."""
    head = edge_kind_label(attrs["kind"], lang)
    status = attrs.get("status") or "done"
    if status != "done":
        head += f" ({status_label(status, lang)})"
    arrow = "→" if attrs.get("directed", True) else "↔"
    lines = [head, f"{source_label} {arrow} {target_label}"]
    if attrs.get("label"):
        lines.append(attrs["label"])
    lines += _facts(lang, [("purpose", attrs.get("purpose")), ("year", attrs.get("year"))])
    lines += [fact("source", source, lang) for source in attrs.get("sources") or ()]
    return "\n".join(lines)


def _facts(lang: str, pairs: Sequence[tuple[str, object]]) -> list[str]:
    return [fact(key, value, lang) for key, value in pairs if value not in (None, "", [])]
