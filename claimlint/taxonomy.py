"""The 20 claim categories (../shared/claim-taxonomy.md): stable ids, titles, default severities."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("note", "warning", "error")


@dataclass(frozen=True)
class Category:
    """One claim category of the taxonomy."""

    id: str
    title: str
    default_severity: str


CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category("universal_efficacy", "Universal or unlimited efficacy", "warning"),
        Category("absolute_safety", "Absolute safety, no side effects, no downtime, no pain", "error"),
        Category("serious_disease_claim", "Serious disease treatment, cure or prevention", "error"),
        Category("medicinal_claim", "Cure or treatment of non-serious medical conditions", "warning"),
        Category("cellular_rejuvenation_claim", "Physiological or structure/function anti-ageing claim", "warning"),
        Category("guarantee_certainty", "Guarantee or certainty of outcome", "warning"),
        Category("unsubstantiated_statistic", "Unsupported number or speed claim", "warning"),
        Category("superlative_comparison", "Superlative or comparative superiority", "note"),
        Category("establishment_claim", 'Claim about the level of evidence ("clinically proven")', "warning"),
        Category("authority_appeal", "Vague expert, consensus or celebrity appeal", "note"),
        Category("testimonial", "Testimonial or personal result used to promote", "warning"),
        Category("permanence_longevity", "Permanent or unsupported long-lasting results", "warning"),
        Category("false_science", "False or misleading science", "error"),
        Category("regulatory_status_misrepresentation", "False or overstated approval status", "error"),
        Category("stem_cell_hype", "Stem-cell origin hype", "warning"),
        Category("vulnerable_group_safety", "Safety claim for pregnancy, children or vulnerable groups", "error"),
        Category("natural_equals_safe", '"Natural" or "your own blood" therefore safe', "warning"),
        Category("prescription_only_medicine_promotion", "Promotion of a prescription-only medicine", "error"),
        Category("miracle_hype", "Miracle, revolutionary or magic-bullet language", "note"),
        Category("discourages_conventional_treatment", "Replacing or discouraging proper medical care", "error"),
    )
}


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)
