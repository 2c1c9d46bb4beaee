"""What the treaties say (packs), who is in them when (data), and the rules that read both.

    >>> from datetime import date
    >>> from treatywatch.treaties import status_on
    >>> status_on("UKR", "apmbc", date(2024, 11, 28)).label
    'party'
"""

from treatywatch.treaties.loader import Registry, RegistryDataError, default_registry, load_registry
from treatywatch.treaties.pack import TreatyPack, parse_treaty
from treatywatch.treaties.rules import (
    RULES,
    Counts,
    Timeline,
    counts_on,
    currency_warnings,
    deadlines_on,
    entry_into_force,
    known_through,
    memberships,
    pack,
    parties,
    registry_known_through,
    status_on,
    statuses_on,
    threshold_deposit,
    timeline,
)

__all__ = [
    "RULES",
    "Counts",
    "Registry",
    "RegistryDataError",
    "Timeline",
    "TreatyPack",
    "counts_on",
    "currency_warnings",
    "deadlines_on",
    "default_registry",
    "entry_into_force",
    "known_through",
    "load_registry",
    "memberships",
    "pack",
    "parse_treaty",
    "parties",
    "registry_known_through",
    "status_on",
    "statuses_on",
    "threshold_deposit",
    "timeline",
]
