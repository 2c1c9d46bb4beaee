"""Query and path parameters shared by the pages and their JSON twins (declared once)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator

from treatywatch.errors import InvalidDate
from treatywatch.model import Act, FindingKind, FindingStatus, Modality, Treaty, Weapon

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)  # far enough for any deadline, short of date arithmetic's end


def _day(name: str):
    """A YYYY-MM-DD query value within the range date arithmetic can carry."""
    def in_range(value: date | None) -> date | None:
        # InvalidDate is not a ValueError: it reaches the app's handler as a 400, one shape.
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise InvalidDate(f"{name}={value.isoformat()} is out of range: give a day between "
                              f"{FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}")
        return value
    return Annotated[date | None, AfterValidator(in_range)]


TreatyQ = Annotated[Treaty | None, Query(description="Treaty: apmbc (default) or ccm")]
OnQ = Annotated[_day("on"), Query(description="The day to show (YYYY-MM-DD); default today")]
StateQ = Annotated[str | None, Query(max_length=80, description="State: ISO3 code or name")]
KindQ = Annotated[FindingKind | None, Query(description="Finding kind")]
ModalityQ = Annotated[Modality | None, Query(description="Event modality")]
ActQ = Annotated[Act | None, Query(description="Event act: use, transfer, casualty, ...")]
WeaponQ = Annotated[Weapon | None, Query(description="Weapon: ap_mine, cluster_munition, ...")]
ReviewQ = Annotated[
    FindingStatus | None,
    Query(description="asserted, or needs_review (a prohibited act on weak support)"),
]
SinceQ = Annotated[_day("since"), Query(description="First day (inclusive), YYYY-MM-DD")]
UntilQ = Annotated[_day("until"), Query(description="Last day (inclusive), YYYY-MM-DD")]
PageQ = Annotated[int, Query(ge=1, le=10000, description="Page number, from 1")]
PerPageQ = Annotated[int, Query(ge=1, le=200, description="Rows per page")]
SearchQ = Annotated[str, Query(max_length=200, description="Words to find; \"quoted phrases\"")]
StateP = Annotated[str, Path(max_length=80, description="State: ISO3 code or name")]
ArticleP = Annotated[int, Path(ge=1, le=2**62, description="Article id")]
TreatyP = Annotated[str, Path(max_length=20, description="Treaty id: apmbc or ccm")]
