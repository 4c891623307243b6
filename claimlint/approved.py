"""Approved claims: exact phrasings a compliance team has substantiated, each with its reference.
A finding inside an approved phrasing is suppressed and the reference is recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from claimlint.documents import Document
from claimlint.findings import Finding, Suppressed
from claimlint.textmap import fold
from claimlint.yamlsource import ConfigError, check_keys, line_of, load_yaml_file


@dataclass(frozen=True)
class ApprovedClaim:
    """A claim the team has evidence for, and the rules or categories it answers."""

    text: str
    reference: str
    codes: frozenset[str]  # rule or category ids it covers; empty: any
    pattern: re.Pattern[str]


def _pattern(text: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in re.split(r"[\s-]+", fold(text).strip()) if word]
    return re.compile(r"(?<!\w)" + r"[- ]?".join(words) + r"(?!\w)", re.IGNORECASE)


def load_approved(path: Path) -> tuple[ApprovedClaim, ...]:
    raw = load_yaml_file(path)
    check_keys(raw, {"approved"}, path, "the approved claims file")
    entries = raw.get("approved")
    if not isinstance(entries, list):
        raise ConfigError(path, line_of(raw, "approved"), "'approved' must be a list of claims with text and reference")
    claims = []
    for entry in entries:
        check_keys(entry, {"text", "reference", "rules"}, path, "an approved claim")
        text, reference = entry.get("text"), entry.get("reference")
        if not isinstance(text, str) or not text.strip() or not isinstance(reference, str) or not reference.strip():
            raise ConfigError(path, getattr(entry, "line", None), "an approved claim needs 'text' and 'reference'")
        codes = entry.get("rules", [])
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(path, line_of(entry, "rules"), "'rules' must be a list of rule or category ids")
        claims.append(ApprovedClaim(text.strip(), reference.strip(), frozenset(codes), _pattern(text)))
    return tuple(claims)


def apply_approved(
    document: Document, findings: list[Finding], claims: tuple[ApprovedClaim, ...]
) -> tuple[list[Finding], list[Suppressed]]:
    if not claims or not findings:
        return findings, []
    spans: list[tuple[int, int, ApprovedClaim]] = []
    for approved_claim in claims:
        for match in approved_claim.pattern.finditer(document.text):
            start, end = document.offsets.source_span(match.start(), match.end())
            spans.append((start, end, approved_claim))
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        claim: ApprovedClaim | None = next(
            (
                c
                for start, end, c in spans
                if start <= finding.source_start
                and finding.source_end <= end
                and (not c.codes or finding.rule_id in c.codes or finding.category in c.codes)
            ),
            None,
        )
        if claim is None:
            kept.append(finding)
        else:
            suppressed.append(Suppressed(finding, "external", f"approved claim: {claim.reference}", claim.text))
    return kept, suppressed
