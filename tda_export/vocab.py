"""Controlled vocabularies of the fact schema (no heavy imports: the CLI uses them)."""

from typing import Literal

SourceKind = Literal["news-report", "profile", "derived-summary", "report", "book", "other"]
PlaceKind = Literal[
    "prison",
    "neighbourhood",
    "town",
    "city",
    "municipality",
    "state",
    "department",
    "country",
    "region",
    "border-crossing",
    "military-base",
    "site",
]
GeoPrecision = Literal["exact", "locality", "admin2", "admin1", "country", "region"]
ActorKind = Literal["person", "gang", "armed-group", "state-body", "organization"]
Relation = Literal[
    "leader", "lieutenant", "member", "ally", "rival", "satellite", "state-actor", "other"
]
ClaimStatus = Literal["reported", "alleged", "disputed", "outdated"]
EventCategory = Literal[
    "founding",
    "imprisonment",
    "escape",
    "expansion",
    "alliance",
    "clash",
    "killing",
    "kidnapping",
    "extortion",
    "security-operation",
    "sanction",
    "designation",
    "arrest",
    "deportation",
    "policy",
    "report",
]
Activity = Literal[
    "headquarters",
    "operations-centre",
    "prison-control",
    "recruitment",
    "extortion",
    "kidnapping",
    "homicide",
    "contract-killing",
    "drug-trafficking",
    "arms-trafficking",
    "human-trafficking",
    "sexual-exploitation",
    "migrant-smuggling",
    "border-crossing-control",
    "illegal-mining",
    "vehicle-theft",
    "highway-piracy",
    "contraband",
    "armed-conflict",
    "settlement",
    "alliance",
]
FigureMeasure = Literal[
    "members",
    "revenue",
    "profit",
    "fee",
    "reward",
    "troops",
    "migrants",
    "states",
    "countries",
    "victims",
    "other",
]
FigureQualifier = Literal[
    "exact", "about", "at-least", "up-to", "more-than", "less-than", "from", "estimate"
]
ClaimantKind = Literal["official", "person", "organization", "media", "anonymous", "unspecified"]
"""Who a source says makes a claim (see docs/attribution.md)."""
Hedge = Literal[
    "asserted", "alleged", "suspected", "attempted", "reportedly", "possible", "estimated"
]
"""How a source hedges a claim; ``asserted`` when it does not (see docs/attribution.md)."""
CoverageReason = Literal[
    "heading",
    "page-furniture",
    "lead-in",
    "teaser-of-other-article",
    "comparison-with-other-group",
    "restates-cited-sentence",
    "restates-original",
    "opinion-without-checkable-claim",
    "general-background",
]
"""Why a sentence of a source is not a fact of this base (see docs/coverage.md)."""
