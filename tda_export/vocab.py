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
CLAIMANT_KINDS = (
    "official: a government body or office-holder (the US State Department, ICE, a "
    "prosecutor, President Trump, court records); person: a named non-official (a "
    "journalist, a professor); organization: a named NGO, observatory or institute; media: "
    "news outlets, journalistic investigations, local media reports; anonymous: sources "
    "speaking on condition of anonymity, a person who asked not to be named; unspecified: "
    "'some', 'others', 'by most accounts', 'multiple sources'."
)
"""Who a source says makes a claim, each kind (the JSON Schema's words; docs/attribution.md)."""
Hedge = Literal[
    "asserted", "alleged", "suspected", "attempted", "reportedly", "possible", "estimated"
]
HEDGES = (
    "How the source hedges the claim. asserted: stated as fact; alleged: alleged, accused, "
    "allegations, charged; suspected: suspected, believed, presumed, linked, indications; "
    "attempted: sought to, tried, attempts, seeking to; reportedly: reportedly, reported, "
    "news outlets reported; possible: may, might, possibly; estimated: an estimate of a "
    "quantity."
)
"""How a source hedges a claim, each value (the JSON Schema's words; docs/attribution.md)."""
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
