"""SARIF 2.1.0, built with sarif-om and serialised by hand so explicit values (level: warning)
are never dropped as schema defaults."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from typing import Any
from urllib.parse import quote

import attr
import sarif_om as om

from claimlint import INFORMATION_URI, __version__
from claimlint.findings import Finding, Suppressed, fingerprints
from claimlint.lint import Report
from claimlint.rulesets import Rule
from claimlint.taxonomy import CATEGORIES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimlintMatch/v1"
MAX_RESULTS = 25_000  # GitHub rejects runs with more
MAX_GZIP_BYTES = 10 * 1024 * 1024  # GitHub's limit for an uploaded SARIF file, gzip-compressed
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
_KEEP_DEFAULTS = frozenset({"level"})


def to_json(value: Any) -> Any:
    """sarif-om objects to JSON values: None dropped, schema defaults dropped except `level`."""
    if attr.has(type(value)):
        out = {}
        for field in attr.fields(type(value)):
            item = getattr(value, field.name)
            if item is None:
                continue
            default = field.default
            factory = getattr(default, "factory", None)  # attrs Factory defaults
            if callable(factory):
                default = factory()
            if item == default and field.name not in _KEEP_DEFAULTS:
                continue
            out[field.metadata["schema_property_name"]] = to_json(item)
        return out
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def pascal_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _descriptor(rule: Rule) -> om.ReportingDescriptor:
    category = CATEGORIES[rule.category]
    references_text = "\n".join(f"- {r}" for r in rule.references)
    help_text = f"{rule.rationale}\n\nCompliant rewrite: {rule.rewrite}\n\nReferences:\n{references_text}"
    help_markdown = (
        f"**{category.title}** (`{rule.category}`)\n\n{rule.rationale}\n\n"
        f"**Compliant rewrite:** {rule.rewrite}\n\n**References:**\n\n{references_text}"
    )
    urls = [r.split()[-1].strip("()<>") for r in rule.references if "http" in r]
    return om.ReportingDescriptor(
        id=rule.id,
        name=pascal_name(rule.id),
        short_description=om.MultiformatMessageString(text=_sentence(rule.message)[:1024]),
        full_description=om.MultiformatMessageString(text=rule.rationale[:1024]),
        help=om.MultiformatMessageString(text=help_text, markdown=help_markdown),
        help_uri=urls[0] if urls else INFORMATION_URI,
        default_configuration=om.ReportingConfiguration(level=rule.severity),
        properties={
            "tags": ["claimlint", rule.category, rule.ruleset],
            "precision": "high" if rule.kind == "phrase" else "medium",
            "problem.severity": _PROBLEM_SEVERITY[rule.severity],
            "category": rule.category,
        },
    )


def artifact_uri(path: str) -> str:
    return quote(path.replace("\\", "/").removeprefix("./"), safe="/")


def _result(finding: Finding, rule_index: int, fingerprint: str, suppressed: Suppressed | None = None) -> om.Result:
    region = om.Region(
        start_line=finding.start.line,
        start_column=finding.start.column_utf16,
        end_line=finding.end.line,
        end_column=finding.end.column_utf16,
        snippet=om.ArtifactContent(text=finding.matched),
    )
    location = om.Location(
        physical_location=om.PhysicalLocation(
            artifact_location=om.ArtifactLocation(uri=artifact_uri(finding.path), uri_base_id="%SRCROOT%"),
            region=region,
        )
    )
    return om.Result(
        rule_id=finding.rule_id,
        rule_index=rule_index,
        level=finding.severity,
        message=om.Message(text=f'{_sentence(finding.message)} Matched: "{finding.normalised}".'),
        locations=[location],
        partial_fingerprints={FINGERPRINT_KEY: fingerprint},
        properties={"category": finding.category},
        suppressions=[om.Suppression(kind=suppressed.kind, justification=suppressed.justification)]
        if suppressed
        else None,
    )


def format_sarif(
    report: Report, show_suppressed: bool = False, category: str | None = None, root_uri: str | None = None
) -> str:
    rules = list(report.rules)
    index = {rule.id: i for i, rule in enumerate(rules)}
    # Fingerprints number identical claims in file order, counting suppressed ones, so showing or
    # hiding suppressions never changes another result's fingerprint.
    results = []
    for file_result in report.results:
        prints = fingerprints(file_result)
        entries: list[tuple[Finding, Suppressed | None]] = sorted(
            [(f, None) for f in file_result.findings] + [(s.finding, s) for s in file_result.suppressed],
            key=lambda entry: entry[0].sort_key(),
        )
        results += [
            _result(finding, index[finding.rule_id], prints[finding], silenced)
            for finding, silenced in entries
            if silenced is None or show_suppressed
        ]
    notifications = [
        om.Notification(
            level=problem.severity,
            message=om.Message(text=_sentence(problem.message)),
            locations=[
                om.Location(
                    physical_location=om.PhysicalLocation(
                        artifact_location=om.ArtifactLocation(uri=artifact_uri(problem.path), uri_base_id="%SRCROOT%"),
                        region=om.Region(start_line=problem.line) if problem.line else None,
                    )
                )
            ],
            associated_rule=om.ReportingDescriptorReference(id=problem.rule_id) if problem.rule_id else None,
        )
        for result in report.results
        for problem in result.problems
    ]
    if len(results) > MAX_RESULTS:
        notifications.append(
            om.Notification(
                level="warning",
                message=om.Message(
                    text=f"{len(results)} results; only the first {MAX_RESULTS} are included (GitHub's limit per run)."
                ),
            )
        )
        results = results[:MAX_RESULTS]
    approved = Counter(
        (s.approved_text, s.justification) for r in report.results for s in r.suppressed if s.approved_text
    )
    run = om.Run(
        tool=om.Tool(
            driver=om.ToolComponent(
                name="claimlint",
                version=__version__,
                semantic_version=__version__,
                information_uri=INFORMATION_URI,
                rules=[_descriptor(rule) for rule in rules],
            )
        ),
        invocations=[om.Invocation(execution_successful=True, tool_execution_notifications=notifications or None)],
        original_uri_base_ids={
            "%SRCROOT%": om.ArtifactLocation(
                uri=root_uri,
                description=om.Message(text="The directory claimlint was run from; result paths are relative to it."),
            )
        },
        column_kind="utf16CodeUnits",
        results=results,
        automation_details=om.RunAutomationDetails(id=f"{category.rstrip('/')}/") if category else None,
        properties={
            "approvedClaims": [
                {"text": text, "justification": justification, "suppressedFindings": count}
                for (text, justification), count in sorted(approved.items())
            ]
        }
        if approved
        else None,
    )
    log = om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])
    document = to_json(log)
    document["runs"][0]["results"] = to_json(results)  # always present, [] when clean
    document = {"$schema": document.pop("$schema"), "version": document.pop("version"), **document}
    return _within_upload_limit(document)


def _within_upload_limit(document: dict[str, Any]) -> str:
    """The serialised log, its results cut (with a notification) if GitHub's gzip limit is passed."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    run = document["runs"][0]
    total = len(run["results"])
    while run["results"] and len(text) > MAX_GZIP_BYTES and len(gzip.compress(text.encode("utf-8"))) > MAX_GZIP_BYTES:
        run["results"] = run["results"][: len(run["results"]) // 2]
        notices = run["invocations"][0].setdefault("toolExecutionNotifications", [])
        notices[:] = [n for n in notices if n.get("descriptor", {}).get("id") != "upload-limit"]
        notices.append(
            {
                "level": "warning",
                "descriptor": {"id": "upload-limit"},
                "message": {"text": f"{total} results; only the first {len(run['results'])} fit GitHub's 10 MB limit."},
            }
        )
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return text
