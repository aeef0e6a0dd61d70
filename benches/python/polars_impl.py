"""The two indices in idiomatic polars (lazy frames, every core), the same steps as the
pandas baseline: read the CSV files, keep the valid rows, join, group and average
(METHOD.md sections 2 and 3)."""

from pathlib import Path

import polars as pl

from common import (COUNTS, MISSING, MUNICIPAL_KINDS, MUNICIPAL_SERVICES, PLATFORMS,
                    SERVICES, SIZE_CLASSES, TRUE, UNION_KINDS)

KEY = ["year", "entity_id"]


def scan(path, **kw):
    return pl.scan_csv(path, infer_schema=False, empty_string_is_null=False, **kw)


def clean_ids(col="entity_id"):
    """Trimmed ids; ISTAT codes that lost their leading zeros get them back."""
    s = pl.col(col).str.strip_chars()
    short = (s.str.len_bytes() < 6) & s.str.contains(r"^\d+$")
    return pl.when(short).then(s.str.zfill(6)).otherwise(s).alias(col)


def with_year(lf):
    """Rows whose year is a year, with the year as an integer."""
    y = pl.col("year").str.strip_chars()
    return (lf.with_columns(pl.when(y.str.len_bytes() == 4).then(y.cast(pl.Int32, strict=False))
                            .alias("year"))
            .filter(pl.col("year").is_between(1900, 2100)))


def registry(d):
    e = (scan(d / "entities.csv")
         .with_columns(pl.col("entity_id").str.strip_chars(),
                       pl.col("kind").str.strip_chars().str.to_lowercase(),
                       pl.col("union_id").str.strip_chars(),
                       pl.col("province").str.strip_chars().str.to_uppercase())
         .unique("entity_id", keep="first")
         .with_columns(pl.col("population").cast(pl.Int64, strict=False))
         .collect())
    size = pl.lit(None, dtype=pl.Utf8)
    for key, low in SIZE_CLASSES:
        size = pl.when(pl.col("population") >= low).then(pl.lit(key)).otherwise(size)
    unions = e.filter(pl.col("kind").is_in(UNION_KINDS))["entity_id"]
    return e.with_columns(
        size.alias("size_class"),
        pl.when(pl.col("mountain").str.strip_chars().str.to_lowercase().is_in(TRUE))
        .then(pl.lit("mountain")).otherwise(pl.lit("plain")).alias("territory"),
        pl.when(pl.col("union_id").is_in(unions.implode())).then(pl.col("union_id")).alias("union_id"),
        pl.when(pl.col("province") != "").then(pl.col("province")).alias("province"),
    )


def facilities_absent(d):
    return (with_year(scan(d / "facilities.csv"))
            .with_columns(clean_ids())
            .unique(["year", "entity_id", "facility"], keep="first")
            .filter(~pl.col("present").str.strip_chars().str.to_lowercase().is_in(TRUE))
            .select("year", "entity_id", "facility"))


def aggregates(values, munis):
    """Means of the municipal values by region, size class, province, territory, union."""
    df = values.join(munis.select("entity_id", "size_class", "province", "territory",
                                  "union_id").lazy(), on="entity_id")
    df = df.with_columns(pl.lit("region").alias("region"))
    parts = []
    for group, col in [("region", "region"), ("size_class", "size_class"),
                       ("province", "province"), ("territory", "territory"),
                       ("union", "union_id")]:
        parts.append(df.filter(pl.col(col).is_not_null())
                     .group_by("year", col)
                     .agg(pl.col("index").mean(), pl.col("index").count().alias("municipalities"))
                     .select(pl.lit(group).alias("group"), pl.col("year"),
                             pl.col(col).alias("key"), "index", "municipalities"))
    return pl.concat(parts).sort("group", "year", "key")


def interactivity(d):
    d = Path(d)
    reg = registry(d)
    munis = reg.filter(pl.col("kind").is_in(MUNICIPAL_KINDS))
    procs = scan(d / "procedures.csv").unique("procedure_id", keep="first",
                                              maintain_order=True).collect()
    applicable = (procs.lazy().select("procedure_id", pl.col("phases").str.split("|").alias("phase"))
                  .explode("phase").with_columns(pl.col("phase").str.strip_chars())
                  .filter(pl.col("phase") != "").unique())
    n_phases = applicable.group_by("procedure_id").agg(pl.len().alias("n_phases"))
    areas = sorted(procs["area_id"].unique().to_list())
    per_area = procs.group_by("area_id").agg(pl.len().alias("n_area"))

    offer = (with_year(scan(d / "offer.csv").select("year", "entity_id", "procedure_id",
                                                    "online_phases"))
             .with_columns(clean_ids())
             .join(reg.lazy().select("entity_id", "kind"), on="entity_id")
             .filter(pl.col("kind").is_in(MUNICIPAL_KINDS + UNION_KINDS)
                     & pl.col("procedure_id").is_in(procs["procedure_id"].implode()))
             .unique(["year", "entity_id", "procedure_id"], keep="first"))
    cols = ["year", "entity_id", "procedure_id", "phase"]
    ph = (offer.with_columns(pl.col("online_phases").str.split("|").alias("phase"))
          .explode("phase").with_columns(pl.col("phase").str.strip_chars())
          .join(applicable, on=["procedure_id", "phase"]))
    members = munis.lazy().filter(pl.col("union_id").is_not_null()).select("entity_id", "union_id")
    from_union = (ph.filter(pl.col("kind").is_in(UNION_KINDS)).select(cols)
                  .rename({"entity_id": "union_id"}).join(members, on="union_id").select(cols))
    own = ph.filter(pl.col("kind").is_in(MUNICIPAL_KINDS)).select(cols)
    delivered = (pl.concat([own, from_union]).unique()
                 .group_by("year", "entity_id", "procedure_id").agg(pl.len().alias("delivered"))
                 .join(n_phases, on="procedure_id")
                 .join(procs.lazy().select("procedure_id", "area_id"), on="procedure_id")
                 .with_columns(pl.when(pl.col("delivered") >= pl.col("n_phases"))
                               .then(100.0).otherwise(50.0).alias("score")))
    needs = procs.lazy().filter(pl.col("requires_facility").str.strip_chars() != "").select(
        "procedure_id", "area_id", pl.col("requires_facility").alias("facility"))
    na = facilities_absent(d).join(needs, on="facility").select(
        "year", "entity_id", "procedure_id", "area_id")
    delivered = delivered.join(na, on=["year", "entity_id", "procedure_id"], how="anti")

    years = offer.select(pl.col("year").unique()).collect()
    keys = ["year", "entity_id", "area_id"]
    grid = (years.lazy().join(munis.lazy().select("entity_id"), how="cross")
            .join(pl.LazyFrame({"area_id": areas}), how="cross")
            .join(delivered.group_by(keys).agg(pl.col("score").sum()), on=keys, how="left")
            .join(na.group_by(keys).agg(pl.len().alias("na")), on=keys, how="left")
            .join(per_area.lazy(), on="area_id", how="left")
            .with_columns(pl.col("score").fill_null(0.0), pl.col("na").fill_null(0))
            .with_columns((pl.col("n_area") - pl.col("na")).alias("scored"))
            .with_columns((pl.col("score") / pl.when(pl.col("scored") > 0).then(pl.col("scored")))
                          .alias("area_index"))
            .collect())
    totals = grid.group_by(KEY).agg(pl.col("score").sum(), pl.col("scored").sum(),
                                    pl.col("na").sum())
    by_area = grid.pivot(on="area_id", index=KEY, values="area_index")
    by_area = by_area.rename({a: f"by_area.{a}" for a in areas}).select(
        KEY + [f"by_area.{a}" for a in areas])
    result = (totals.select(
        *KEY,
        (pl.col("score") / pl.when(pl.col("scored") > 0).then(pl.col("scored"))).alias("index"),
        pl.col("scored").cast(pl.Int64).alias("procedures_scored"),
        pl.col("na").cast(pl.Int64).alias("procedures_na"))
        .join(by_area, on=KEY).sort(KEY))
    return result, aggregates(result.lazy(), munis).collect()


def usage(d):
    d = Path(d)
    reg = registry(d)
    munis = reg.filter(pl.col("kind").is_in(MUNICIPAL_KINDS))
    r = (with_year(scan(d / "returns.csv")).with_columns(clean_ids())
         .join(reg.lazy().select("entity_id", "kind"), on="entity_id")
         .filter(pl.col("service_id").str.strip_chars().is_in(list(SERVICES))))
    ok = pl.lit(True)
    parsed = []
    for c in COUNTS:
        s = pl.col(c).str.strip_chars()
        missing = s.str.to_lowercase().is_in(MISSING)
        v = s.str.replace_all(".", "", literal=True).cast(pl.Float64, strict=False)
        ok = ok & (missing | ((v >= 0) & (v == v.floor())).fill_null(False))
        parsed.append(pl.when(~missing).then(v).alias(c))
    r = r.with_columns(ok.alias("ok"), *parsed)
    online = pl.sum_horizontal([pl.col(c).fill_null(0) for c in PLATFORMS + ["extra_platform"]])
    r = (r.with_columns(online.alias("online"))
         .filter(pl.col("ok") & ~(pl.col("total").is_not_null()
                                  & (pl.col("online") > pl.col("total"))))
         .unique(["year", "entity_id", "service_id"], keep="first")
         .collect())
    years = sorted(r["year"].unique().to_list())

    cols = ["year", "entity_id", "service_id", "active", "online", "total"] + PLATFORMS
    own = r.lazy().filter(pl.col("kind").is_in(MUNICIPAL_KINDS)).select(cols)
    members = munis.lazy().filter(pl.col("union_id").is_not_null()).select("entity_id", "union_id")
    from_union = (r.lazy().filter(pl.col("kind").is_in(UNION_KINDS)).select(cols)
                  .rename({"entity_id": "union_id"}).join(members, on="union_id").select(cols)
                  .join(own, on=["year", "entity_id", "service_id"], how="anti"))
    m = pl.concat([own, from_union]).filter(pl.col("service_id").is_in(MUNICIPAL_SERVICES))
    useful = (pl.col("active").str.strip_chars().str.to_lowercase().is_in(TRUE)
              & pl.any_horizontal([pl.col(c).is_not_null() for c in PLATFORMS])
              & (pl.col("total") > 0))
    m = m.filter(useful).with_columns((pl.col("online") / pl.col("total")).alias("share"))
    needs = pl.LazyFrame([(s, f) for s, (c, f) in SERVICES.items() if c == "municipal" and f],
                         schema=["service_id", "facility"], orient="row")
    absent = (facilities_absent(d).join(needs, on="facility")
              .unique(["year", "entity_id", "service_id"]))
    m = m.join(absent.select("year", "entity_id", "service_id"),
               on=["year", "entity_id", "service_id"], how="anti")
    lacking = absent.group_by(KEY).agg(pl.len().alias("lacking"))
    result = (pl.LazyFrame({"year": years}, schema={"year": pl.Int32})
              .join(munis.lazy().select("entity_id"), how="cross")
              .join(m.group_by(KEY).agg(pl.col("share").sum().alias("sum"),
                                        pl.len().alias("count")), on=KEY, how="left")
              .join(lacking, on=KEY, how="left")
              .with_columns(pl.col("lacking").fill_null(0), pl.col("count").fill_null(0),
                            pl.col("sum").fill_null(0.0))
              .select(*KEY,
                      pl.when(pl.col("count") > 0).then(
                          100 * pl.col("sum") / (len(MUNICIPAL_SERVICES) - pl.col("lacking")))
                      .alias("index"),
                      pl.col("count").cast(pl.Int64).alias("useful_services"),
                      (len(MUNICIPAL_SERVICES) - pl.col("lacking")).cast(pl.Int64)
                      .alias("potential_services"))
              .sort(KEY).collect())
    return result, aggregates(result.lazy(), munis).collect()


def write_csv(df, path):
    df.write_csv(path)
