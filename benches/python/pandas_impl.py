"""The two indices in idiomatic pandas, as an analyst would write them in a notebook:
read the CSV files, keep the valid rows, join, group and average (METHOD.md sections 2
and 3). Used as the baseline that desier is compared with, on the same files."""

from pathlib import Path

import numpy as np
import pandas as pd

from common import (COUNTS, MISSING, MUNICIPAL_KINDS, MUNICIPAL_SERVICES, PLATFORMS,
                    SERVICES, SIZE_CLASSES, TRUE, UNION_KINDS)

KEY = ["year", "entity_id"]


def read(path, **kw):
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kw)


def clean_ids(s):
    """Trimmed ids; ISTAT codes that lost their leading zeros get them back."""
    s = s.str.strip()
    return s.where(~s.str.fullmatch(r"\d{1,5}"), s.str.zfill(6))


def with_year(df):
    """Rows whose year is a year, with the year as an integer."""
    year = df["year"].str.strip()
    year = pd.to_numeric(year.where(year.str.len() == 4), errors="coerce")
    df = df.assign(year=year)
    df = df[df["year"].between(1900, 2100)]
    return df.assign(year=df["year"].astype(int))


def registry(d):
    e = read(d / "entities.csv")
    e["entity_id"] = e["entity_id"].str.strip()
    e["kind"] = e["kind"].str.strip().str.lower()
    e = e.drop_duplicates("entity_id")
    e["population"] = pd.to_numeric(e["population"], errors="coerce")
    bins = [c[1] for c in SIZE_CLASSES] + [np.inf]
    e["size_class"] = pd.cut(e["population"], bins, right=False,
                             labels=[c[0] for c in SIZE_CLASSES]).astype(object)
    e["territory"] = e["mountain"].str.strip().str.lower().map(
        lambda v: "mountain" if v in TRUE else "plain")
    unions = e.loc[e["kind"].isin(UNION_KINDS), "entity_id"]
    e["union_id"] = e["union_id"].str.strip().where(e["union_id"].str.strip().isin(unions))
    e["province"] = e["province"].str.strip().str.upper().replace("", None)
    return e


def facilities_absent(d):
    f = with_year(read(d / "facilities.csv"))
    f["entity_id"] = clean_ids(f["entity_id"])
    f = f.drop_duplicates(["year", "entity_id", "facility"])
    return f.loc[~f["present"].str.strip().str.lower().isin(TRUE),
                 ["year", "entity_id", "facility"]]


def aggregates(values, munis):
    """Means of the municipal values by region, size class, province, territory, union."""
    df = values.merge(munis[["entity_id", "size_class", "province", "territory", "union_id"]],
                      on="entity_id")
    df["region"] = "region"
    out = []
    for group, col in [("region", "region"), ("size_class", "size_class"),
                       ("province", "province"), ("territory", "territory"),
                       ("union", "union_id")]:
        g = df.dropna(subset=[col]).groupby(["year", col])["index"].agg(["mean", "count"])
        g = g.reset_index().rename(columns={col: "key", "mean": "index",
                                            "count": "municipalities"})
        g.insert(0, "group", group)
        out.append(g)
    return pd.concat(out, ignore_index=True)


def interactivity(d):
    d = Path(d)
    reg = registry(d)
    munis = reg[reg["kind"].isin(MUNICIPAL_KINDS)]
    procs = read(d / "procedures.csv").drop_duplicates("procedure_id")
    applicable = (procs.assign(phase=procs["phases"].str.split("|"))
                  .explode("phase")[["procedure_id", "phase"]])
    applicable["phase"] = applicable["phase"].str.strip()
    applicable = applicable[applicable["phase"] != ""].drop_duplicates()
    n_phases = applicable.groupby("procedure_id").size().rename("n_phases")
    areas = sorted(procs["area_id"].unique())
    per_area = procs.groupby("area_id").size()

    offer = read(d / "offer.csv", usecols=["year", "entity_id", "procedure_id", "online_phases"])
    offer = with_year(offer)
    offer["entity_id"] = clean_ids(offer["entity_id"])
    offer = offer.merge(reg[["entity_id", "kind"]], on="entity_id")
    offer = offer[offer["kind"].isin(MUNICIPAL_KINDS + UNION_KINDS)
                  & offer["procedure_id"].isin(procs["procedure_id"])]
    offer = offer.drop_duplicates(["year", "entity_id", "procedure_id"])
    years = sorted(offer["year"].unique())

    # One row per applicable phase delivered online.
    ph = offer.assign(phase=offer["online_phases"].str.split("|")).explode("phase")
    ph["phase"] = ph["phase"].str.strip()
    ph = ph.merge(applicable, on=["procedure_id", "phase"])
    cols = ["year", "entity_id", "procedure_id", "phase"]
    # A union's rows apply to its members.
    members = munis.loc[munis["union_id"].notna(), ["entity_id", "union_id"]]
    from_union = (ph[ph["kind"].isin(UNION_KINDS)][cols]
                  .rename(columns={"entity_id": "union_id"})
                  .merge(members, on="union_id")[cols])
    own = ph[ph["kind"].isin(MUNICIPAL_KINDS)][cols]
    delivered = (pd.concat([own, from_union]).drop_duplicates()
                 .groupby(["year", "entity_id", "procedure_id"]).size()
                 .rename("delivered").reset_index()
                 .join(n_phases, on="procedure_id"))
    delivered["score"] = np.where(delivered["delivered"] >= delivered["n_phases"], 100.0, 50.0)

    # Procedures whose facility the municipality lacks are not applicable (na).
    needs = procs.loc[procs["requires_facility"].str.strip() != "",
                      ["procedure_id", "area_id", "requires_facility"]]
    na = facilities_absent(d).merge(needs, left_on="facility", right_on="requires_facility")
    na = na[["year", "entity_id", "procedure_id", "area_id"]]
    delivered["area_id"] = delivered["procedure_id"].map(procs.set_index("procedure_id")["area_id"])
    delivered = delivered.merge(na, how="left", indicator=True)
    delivered = delivered[delivered["_merge"] == "left_only"]

    grid = pd.MultiIndex.from_product([years, munis["entity_id"], areas],
                                      names=["year", "entity_id", "area_id"]).to_frame(index=False)
    keys = ["year", "entity_id", "area_id"]
    grid = grid.join(delivered.groupby(keys)["score"].sum(), on=keys)
    grid = grid.join(na.groupby(keys).size().rename("na"), on=keys)
    grid = grid.fillna({"score": 0.0, "na": 0})
    grid["scored"] = grid["area_id"].map(per_area) - grid["na"]
    grid["area_index"] = grid["score"] / grid["scored"].replace(0, np.nan)

    totals = grid.groupby(KEY)[["score", "scored", "na"]].sum()
    result = pd.DataFrame({
        "index": totals["score"] / totals["scored"].replace(0, np.nan),
        "procedures_scored": totals["scored"].astype(int),
        "procedures_na": totals["na"].astype(int),
    })
    by_area = grid.pivot_table(index=KEY, columns="area_id", values="area_index", dropna=False)
    by_area.columns = [f"by_area.{a}" for a in by_area.columns]
    result = result.join(by_area).reset_index().sort_values(KEY, ignore_index=True)
    return result, aggregates(result, munis)


def usage(d):
    d = Path(d)
    reg = registry(d)
    munis = reg[reg["kind"].isin(MUNICIPAL_KINDS)]
    r = with_year(read(d / "returns.csv"))
    r["entity_id"] = clean_ids(r["entity_id"])
    r = r.merge(reg[["entity_id", "kind"]], on="entity_id")
    r = r[r["service_id"].str.strip().isin(list(SERVICES))]
    ok = pd.Series(True, index=r.index)
    for c in COUNTS:
        s = r[c].str.strip()
        missing = s.str.lower().isin(MISSING)
        v = pd.to_numeric(s.str.replace(".", "", regex=False), errors="coerce")
        ok &= missing | ((v >= 0) & (v == np.floor(v)))
        r[c] = v.where(~missing)
    r["online"] = r[PLATFORMS + ["extra_platform"]].fillna(0).sum(axis=1)
    ok &= ~(r["total"].notna() & (r["online"] > r["total"]))
    r = r[ok].drop_duplicates(["year", "entity_id", "service_id"])
    years = sorted(r["year"].unique())

    # A union's return applies to its members that filed none of their own.
    cols = ["year", "entity_id", "service_id", "active", "online", "total"] + PLATFORMS
    own = r[r["kind"].isin(MUNICIPAL_KINDS)][cols]
    members = munis.loc[munis["union_id"].notna(), ["entity_id", "union_id"]]
    from_union = (r[r["kind"].isin(UNION_KINDS)][cols]
                  .rename(columns={"entity_id": "union_id"})
                  .merge(members, on="union_id")[cols])
    from_union = from_union.merge(own[["year", "entity_id", "service_id"]], how="left",
                                  indicator=True)
    from_union = from_union[from_union["_merge"] == "left_only"][cols]
    m = pd.concat([own, from_union])
    m = m[m["service_id"].isin(MUNICIPAL_SERVICES)]

    # Useful datum: active, some platform count, a total above zero.
    useful = (m["active"].str.strip().str.lower().isin(TRUE)
              & m[PLATFORMS].notna().any(axis=1) & (m["total"] > 0))
    m = m[useful].assign(share=lambda x: x["online"] / x["total"])

    # Potentially activatable services: those whose facility the municipality has.
    needs = pd.DataFrame([(s, f) for s, (c, f) in SERVICES.items() if c == "municipal" and f],
                         columns=["service_id", "facility"])
    absent = facilities_absent(d).merge(needs, on="facility")
    absent = absent.drop_duplicates(["year", "entity_id", "service_id"])
    m = m.merge(absent[["year", "entity_id", "service_id"]], how="left", indicator=True)
    m = m[m["_merge"] == "left_only"]
    lacking = absent.groupby(KEY).size().rename("lacking")

    grid = pd.MultiIndex.from_product([years, munis["entity_id"]], names=KEY).to_frame(index=False)
    grid = grid.join(m.groupby(KEY)["share"].agg(["sum", "count"]), on=KEY)
    grid = grid.join(lacking, on=KEY).fillna({"lacking": 0, "count": 0, "sum": 0.0})
    grid["potential_services"] = len(MUNICIPAL_SERVICES) - grid["lacking"].astype(int)
    grid["useful_services"] = grid["count"].astype(int)
    grid["index"] = (100 * grid["sum"] / grid["potential_services"]).where(grid["count"] > 0)
    result = grid[KEY + ["index", "useful_services", "potential_services"]]
    result = result.sort_values(KEY, ignore_index=True)
    return result, aggregates(result, munis)


def write_csv(df, path):
    df.to_csv(path, index=False)
