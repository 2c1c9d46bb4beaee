"""The loader reads the registry's CSV files and names file, line and value of any bad row."""

from __future__ import annotations

import pytest

from tests.registry_fixtures import MEMBERSHIP, write_fixture
from treatywatch.treaties import RegistryDataError, load_registry

HEADER = MEMBERSHIP.splitlines()[0]


def load_with_membership(tmp_path, *rows: str):
    write_fixture(tmp_path, apmbc_membership="\n".join([HEADER, *rows]) + "\n")
    return load_registry(tmp_path)


def test_fixture_loads_with_every_file(tmp_path):
    reg = load_registry(write_fixture(tmp_path))
    assert len(reg.memberships["apmbc"]) == 13
    assert reg.memberships["ccm"] == {}  # absent files read as empty
    assert reg.conflicts[-1].end_date is None  # RUS: still going on


def test_impossible_date_names_file_line_column_and_value(tmp_path):
    with pytest.raises(RegistryDataError) as err:
        load_with_membership(
            tmp_path,
            "CAN,Canada,1997-12-03,1997-12-03,ratification,,,,src,,",
            "UKR,Ukraine,1999-02-24,2005-02-30,ratification,,,,src,,",
        )
    message = str(err.value)
    assert "apmbc_membership.csv line 3 (UKR)" in message
    assert "consent_date '2005-02-30'" in message


def test_unknown_iso3_is_an_error(tmp_path):
    with pytest.raises(RegistryDataError, match=r"line 2.*iso3 'XYZ' is not a known"):
        load_with_membership(tmp_path, "XYZ,Nowhere,1997-12-03,,,,,,src,,")


def test_unknown_consent_type_is_an_error(tmp_path):
    with pytest.raises(RegistryDataError, match="'adhesion' is not one of ratification"):
        load_with_membership(tmp_path, "CAN,Canada,,1997-12-03,adhesion,,,,src,,")


def test_consent_date_without_type_is_an_error(tmp_path):
    with pytest.raises(RegistryDataError, match="consent_type is empty"):
        load_with_membership(tmp_path, "CAN,Canada,,1997-12-03,,,,,src,,")


def test_duplicate_state_is_an_error(tmp_path):
    row = "CAN,Canada,1997-12-03,,,,,,src,,"
    with pytest.raises(RegistryDataError, match="appears twice"):
        load_with_membership(tmp_path, row, row)


def test_missing_column_is_an_error(tmp_path):
    write_fixture(tmp_path, armed_conflicts="iso3,start_date\nUKR,2014-02-20\n")
    with pytest.raises(RegistryDataError, match="missing column.*end_date"):
        load_registry(tmp_path)


def test_date_written_another_way_is_rejected(tmp_path):
    with pytest.raises(RegistryDataError, match="'03/12/1997'"):
        load_with_membership(tmp_path, "CAN,Canada,03/12/1997,,,,,,src,,")


def test_empty_name_takes_the_preferred_name(tmp_path):
    reg = load_with_membership(tmp_path, "TUR,,,2003-09-25,accession,,,,src,,")
    assert reg.memberships["apmbc"]["TUR"].name == "Türkiye"


def test_completion_given_as_month_or_year_counts_from_the_periods_last_day(tmp_path):
    obligations = (
        "iso3,article,stated_original_deadline,completed_date,source,source_date,notes\n"
        "UKR,4,,2009-02,src,,\nUKR,5,,2015,src,,\nFIN,4,,2015-13,src,,\n"
    )
    write_fixture(tmp_path, apmbc_obligations=obligations)
    with pytest.raises(RegistryDataError, match="'2015-13'"):
        load_registry(tmp_path)
    write_fixture(tmp_path, apmbc_obligations=obligations.rsplit("FIN", 1)[0])
    done = [o.completed_date for o in load_registry(tmp_path).obligations["apmbc"]]
    assert [d.isoformat() for d in done] == ["2009-02-28", "2015-12-31"]


def test_source_date_may_list_one_date_per_source(tmp_path):
    reg = load_with_membership(tmp_path, 'CAN,Canada,,1997-12-03,ratification,,,,"a ; b",'
                               '"2001-01-01 ; 2003-05-06 ; ",')
    assert reg.memberships["apmbc"]["CAN"].source_date.isoformat() == "2003-05-06"
