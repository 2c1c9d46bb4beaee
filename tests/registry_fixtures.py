"""A small, made-up registry for testing the rules without the real data.

Three instruments bring the fixture treaty into force (the real pack says 40): CAN, IRL and
BFA/MEX (same day) are "among the first"; the rest are later joiners. ARM's and RUS's
withdrawals and their armed conflicts are constructed cases for Art. 20(3). MNE's and IRL's
Art. 5 rows are constructed cases of deadlines that passed after the last dated source.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from treatywatch.model import Treaty
from treatywatch.treaties import Registry, load_registry

MEMBERSHIP = """\
iso3,name,signature_date,consent_date,consent_type,eif_date,withdrawal_notified_date,withdrawal_effective_date,source,source_date,notes
CAN,Canada,1997-12-03,1997-12-03,ratification,1999-03-01,,,fixture,,
IRL,Ireland,1997-12-03,1997-12-03,ratification,,,,fixture,,
BFA,Burkina Faso,1997-12-03,1998-09-16,ratification,,,,fixture,,
MEX,Mexico,1997-12-03,1998-09-16,ratification,,,,fixture,,
ZAF,South Africa,1997-12-03,1998-10-26,ratification,1999-04-01,,,fixture,,
UKR,Ukraine,1999-02-24,2005-12-27,ratification,2006-06-01,,,fixture,,
MNE,Montenegro,,2006-10-23,succession,2006-06-03,,,fixture,,
FIN,Finland,,2012-01-09,accession,2012-07-01,2025-07-10,2026-01-10,fixture,,
ARM,Armenia,,2000-01-15,accession,,2020-03-10,,fixture,,constructed case
RUS,Russia,,2001-02-10,accession,,2026-01-15,,fixture,,constructed case
POL,Poland,1997-12-04,,,,,,fixture,,
GEO,Georgia,,2001-01-10,accession,,2018-09-15,,fixture,,constructed case
MHL,Marshall Islands,1997-12-04,2025-03-12,ratification,2025-09-01,,,fixture,,
"""

OBLIGATIONS = """\
iso3,article,stated_original_deadline,completed_date,source,source_date,notes
UKR,4,,,fixture,2025-12-02,
UKR,5,2016-06-01,,fixture;fixture 2,2017-12-13;,
ZAF,5,,2019-06-01,fixture,,
FIN,4,2016-07-01,2015-08-15,fixture,,
MNE,5,,,fixture,2012-01-01,constructed: every source older than the deadline (2016-06-03)
IRL,5,,,fixture,,constructed: no source dated
"""

EXTENSIONS = """\
iso3,article,new_deadline,granted_by,granted_date,source,source_date
ZAF,5,2020-04-01,12MSP,,fixture ext 2,
ZAF,5,2014-04-01,9MSP,2008-11-28,fixture ext 1,
"""

CONFLICTS = """\
iso3,start_date,end_date,description,source,source_date
ARM,2020-09-01,2020-11-10,constructed conflict,fixture,
GEO,2019-01-01,2019-05-01,first constructed conflict,fixture,
GEO,2019-04-01,2019-08-15,second constructed conflict overlapping the first,fixture,
RUS,2022-02-24,,constructed ongoing conflict,fixture,
"""

COUNTS = """\
treaty,date,count,source,source_date
apmbc,2000-01-01,5,fixture,
"""

DECLARATIONS = """\
iso3,date,kind,summary,source,source_date
UKR,2025-07-18,suspension_notification,declares it suspends the Convention,fixture,
UKR,,objection,a state objects to the suspension,fixture,2025-12-05
"""

FILES = {
    "apmbc_membership.csv": MEMBERSHIP,
    "apmbc_obligations.csv": OBLIGATIONS,
    "apmbc_extensions.csv": EXTENSIONS,
    "apmbc_declarations.csv": DECLARATIONS,
    "armed_conflicts.csv": CONFLICTS,
    "state_party_counts.csv": COUNTS,
}


def write_fixture(directory: Path, **overrides: str) -> Path:
    """Write the fixture files (or replacements given by file stem) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        text = overrides.get(name.removesuffix(".csv"), text)
        (directory / name).write_text(text, encoding="utf-8")
    for stem, text in overrides.items():  # files the fixture does not have (e.g. ccm_*)
        if f"{stem}.csv" not in FILES:
            (directory / f"{stem}.csv").write_text(text, encoding="utf-8")
    return directory


def fixture_registry(directory: Path, **overrides: str) -> Registry:
    registry = load_registry(write_fixture(directory, **overrides))
    apmbc = registry.packs[Treaty.APMBC]
    rule = dataclasses.replace(apmbc.entry_into_force_rule, instruments=3)
    registry.packs = {**registry.packs, Treaty.APMBC: dataclasses.replace(
        apmbc, entry_into_force_rule=rule)}
    return registry
