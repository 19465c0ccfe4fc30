"""The extraction record: what `delib extract --format json` prints, and the gold format.

These models mirror ``shared/spec/extraction.schema.json``. They are the contract between the
nlp stage (which fills them) and the store, the JSON output and the scorer (which read them).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Evidence(BaseModel):
    """Where a value was read: 1-based page and character offsets in that page's text."""

    model_config = ConfigDict(frozen=True)

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    # on an OCR'd page: the region read ([x0, top, x1, bottom] in PDF points from the page's
    # top-left corner) and the lowest word confidence over the span (0..1); left out of the
    # JSON on text-layer pages
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, exclude_if=lambda v: v is None
    )
    confidence: float | None = Field(default=None, ge=0, le=1, exclude_if=lambda v: v is None)
    # for a sum or an imputation: how sure the rules are that it is one of the deliberation's (0..1,
    # nlp/money.py); only those whose score reaches the threshold are in the record
    score: float | None = Field(default=None, ge=0, le=1, exclude_if=lambda v: v is None)


class Vote(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    result: Literal["adopted", "rejected"] | None = None
    unanimous: bool | None = None
    for_: int | None = Field(default=None, alias="for", ge=0)
    against: int | None = Field(default=None, ge=0)
    abstentions: int | None = Field(default=None, ge=0)
    against_names: list[str] = Field(default_factory=list)
    abstention_names: list[str] = Field(default_factory=list)
    # stored in the database, not printed: pour + contre + abstentions = votants when printed,
    # and whether a stated unanimity contradicts printed counts or names
    counts_consistent: bool | None = Field(default=None, exclude=True)
    unanimity_contradicted: bool = Field(default=False, exclude=True)


class Amount(BaseModel):
    value: float
    currency: str = "EUR"
    text: str


class Imputation(BaseModel):
    chapitre: str | None = Field(default=None, pattern=r"^[0-9A-Z]+$")
    article: str | None = Field(default=None, pattern=r"^[0-9]+$")
    fonction: str | None = Field(default=None, pattern=r"^[0-9]+$")
    operation: str | None = None
    text: str


class Beneficiary(BaseModel):
    name: str
    amount: float | None = None
    # read from a table whose rows do not add up to its printed total: the check in words
    # ("rows sum to 136 500 €, the table says 137 000 €") and a lower score (0..1); both left
    # out of the JSON when the grant is sure
    check: str | None = Field(default=None, exclude_if=lambda v: v is None)
    score: float | None = Field(default=None, ge=0, le=1, exclude_if=lambda v: v is None)
    # the imputation the document ties the grant to, its code as labelled ("article 6574",
    # "nature 6574, chapitre 65, fonction 40": as an Imputation's text), read in the sentence
    # after its table section's total or the deliberation's one imputation; left out of the
    # JSON when none is tied
    imputation: str | None = Field(default=None, exclude_if=lambda v: v is None)


class Deliberation(BaseModel):
    authority: str | None = None
    body: str | None = None
    session_date: str | None = None  # ISO date
    number: str | None = None
    act_id: str | None = None
    matter_code: str | None = Field(default=None, pattern=r"^[1-9](\.[0-9]{1,2})*$")
    subject: str | None = None
    rapporteur: str | None = None
    president: str | None = None
    secretary: str | None = Field(default=None, exclude=True)  # stored in the database only
    vote: Vote | None = None
    amounts: list[Amount] = Field(default_factory=list)
    imputations: list[Imputation] = Field(default_factory=list)
    beneficiaries: list[Beneficiary] = Field(default_factory=list)
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)


#: a deliberation's header fields: one value each, printed in the record and scored one family
#: each (scoring.py); the store keeps them as columns, with the secretary (stored only)
HEADER_FIELDS: tuple[str, ...] = (
    "authority",
    "body",
    "session_date",
    "number",
    "act_id",
    "matter_code",
    "subject",
    "rapporteur",
    "president",
)
STORED_HEADER_FIELDS: tuple[str, ...] = (*HEADER_FIELDS, "secretary")


class Source(BaseModel):
    file: str
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    pages: int | None = Field(default=None, ge=0)
    ocr_pages: list[int] = Field(default_factory=list)


class DocumentError(BaseModel):
    """A failure recorded for one document: which stage, which error class, what to do."""

    stage: str
    error_class: str
    message: str


class Absence(BaseModel):
    name: str
    proxy_to: str | None = None  # "donne pouvoir à", "ayant donné procuration à"


class Seance(BaseModel):
    """The sitting: stored in the database (not part of the spec's JSON record)."""

    session_date: str | None = None
    authority: str | None = None
    body: str | None = None
    president: str | None = None
    secretary: str | None = None
    present: list[str] = Field(default_factory=list)
    excused: list[Absence] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    members_in_office: int | None = None
    quorum_reached: bool | None = None


class ExtractionRecord(BaseModel):
    source: Source
    kind: Literal["deliberation", "other"]
    errors: list[DocumentError] = Field(default_factory=list)
    deliberations: list[Deliberation] = Field(default_factory=list)
    seance: Seance | None = Field(default=None, exclude=True)

    def to_json_dict(self) -> dict:
        """The record as the spec prints it (``for`` spelled as in the spec)."""
        return self.model_dump(mode="json", by_alias=True)
