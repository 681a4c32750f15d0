"""Maps from event data: GDELT 2.0 and ACLED files in their exact layouts, made here, with awkward rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import sqlglot
import yaml

import stakeholders
from stakeholders.cli import cli
from stakeholders.errors import DataError, InvalidDateError, UsageError, ValidationError
from stakeholders.events import AGGREGATE_COLUMNS, aggregate_events, events_map, events_sql, import_events, read_aggregate
from stakeholders.events.build import LISTED_IDS
from stakeholders.events.cameo import ROOT_KINDS, code_kinds, describe, kind_of
from stakeholders.events.feeds import GDELT_COLUMNS
from stakeholders.vocabulary import DEFAULT_KINDS

from .conftest import ROOT

CODE_KINDS = code_kinds(DEFAULT_KINDS.values())
NAMES = [name for name, _ in GDELT_COLUMNS]


def gdelt_line(event_id: int, day: str, actor1: str, actor2: str, code: str, place: str = "Idlib, Idlib, Syria",
               url: str = "", goldstein: float | None = None, lat: str = "35.9", long: str = "36.6") -> str:  # fmt: skip
    """One row of a GDELT 2.0 export file: 61 tab-separated fields."""
    fields = dict.fromkeys(NAMES, "")
    country = lambda code: code[:3] if describe(code[:3]).country else ""  # noqa: E731
    fields.update(
        GLOBALEVENTID=str(event_id), SQLDATE=day, MonthYear=day[:6], Year=day[:4], FractionDate=f"{day[:4]}.0027",
        Actor1Code=actor1, Actor1Name=actor1, Actor1CountryCode=country(actor1) if actor1 else "",
        Actor2Code=actor2, Actor2Name=actor2, Actor2CountryCode=country(actor2) if actor2 else "",
        IsRootEvent="1", EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass="4",
        GoldsteinScale=str(goldstein if goldstein is not None else -2.0), NumMentions="3", NumSources="1", NumArticles="3", AvgTone="-4.2",
        ActionGeo_Type="4", ActionGeo_FullName=place, ActionGeo_CountryCode="SY", ActionGeo_Lat=lat, ActionGeo_Long=long,
        DATEADDED=f"{day}120000", SOURCEURL=url or f"https://news.example/{event_id}",
    )  # fmt: skip
    return "\t".join(fields[name] for name in NAMES) + "\n"


# The awkward rows, each with what it should give.
SPECIAL = [
    # An airstrike (1951, via 195) reported four times: three at one place and day (one event), one elsewhere.
    gdelt_line(101, "20250103", "SYRGOV", "SYRREB", "1951", goldstein=-10.0),
    gdelt_line(102, "20250103", "SYRGOV", "SYRREB", "1951", goldstein=-10.0),
    gdelt_line(103, "20250103", "SYRGOV", "SYRREB", "1951", goldstein=-10.0),
    gdelt_line(104, "20250103", "SYRGOV", "SYRREB", "1951", place="", lat="36.2", long="37.1", goldstein=-10.0),
    # A ceasefire (0871: the leading zero matters) declared from both sides: one undirected relation.
    gdelt_line(111, "20250120", "SYRREB", "SYRGOV", "0871", goldstein=9.0),
    gdelt_line(112, "20250125", "SYRGOV", "SYRREB", "0871", goldstein=9.0),
    # The UN visits, in February.
    gdelt_line(121, "20250202", "IGOUNO", "SYRGOV", "042", goldstein=1.9),
    # A code outside the CAMEO tables: kept under its code, reported.
    gdelt_line(131, "20250105", "XYZ", "USAGOV", "111"),
    # Left out: no second actor, one actor on both ends, a statement (no kind).
    *(gdelt_line(140 + n, "20250106", "USAGOV", "", "042") for n in range(5)),
    gdelt_line(150, "20250106", "", "USAGOV", "042"),
    gdelt_line(151, "20250106", "USAGOV", "USAGOV", "042"),
    *(gdelt_line(160 + n, "20250107", "USAGOV", "RUSGOV", "010") for n in range(4)),
]
_FILLER_ACTORS = ["ISR", "ISRMIL", "PSE", "PSEHMS", "USA", "USAGOV", "RUS", "IRN", "LBN", "IGOUNO", "TUR", "TURMIL"]
_FILLER_CODES = ["042", "043", "046", "0871", "0874", "111", "112", "190", "193", "195", "1951", "173", "051", "036", "163", "020", "010"]


def filler(count: int = 300, seed: int = 7) -> list[str]:
    """Rows drawn at random among a few actors, codes, places and days, duplicates included."""
    rng = random.Random(seed)
    lines = []
    for n in range(count):
        day = f"202501{rng.randint(1, 31):02d}" if rng.random() < 0.7 else f"202502{rng.randint(1, 28):02d}"
        a1, a2 = rng.choice(_FILLER_ACTORS), rng.choice(_FILLER_ACTORS + [""])
        lines.append(gdelt_line(1000 + n, day, a1, a2, rng.choice(_FILLER_CODES), place=rng.choice(["Gaza", "Beirut", "Tehran"]),
                                url=f"https://outlet{rng.randint(1, 4)}.example/{n}", goldstein=rng.choice([-10.0, -2.0, 1.9, 7.0])))  # fmt: skip
    return lines


def write_gdelt(folder: Path, lines: list[str], zipped: bool = True) -> list[Path]:
    """GDELT files as GDELT ships them: NAME.export.CSV.zip holding NAME.export.CSV, or the plain CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, start in enumerate(range(0, len(lines), 150)):
        name = f"2025010{number}000000.export.CSV"
        text = "".join(lines[start : start + 150])
        if zipped:
            path = folder / f"{name}.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(name, text)
        else:
            path = folder / name
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def reference(lines: list[str]) -> dict[tuple[str, str, str, str], dict]:
    """The aggregation done plainly in Python, row by row: what DuckDB must give."""
    undirected = {k.id for k in DEFAULT_KINDS.values() if not k.directed}
    collapsed: dict[tuple, list[dict]] = defaultdict(list)
    for line in lines:
        f = dict(zip(NAMES, line.rstrip("\n").split("\t"), strict=True))
        a1, a2, code = f["Actor1Code"], f["Actor2Code"], f["EventCode"]
        kind = kind_of(code, CODE_KINDS)
        if not a1 or not a2 or a1 == a2 or kind is None:
            continue
        if kind in undirected and a2 < a1:
            a1, a2 = a2, a1
        place = f["ActionGeo_FullName"] or f"{float(f['ActionGeo_Lat'])},{float(f['ActionGeo_Long'])}"
        collapsed[(a1, a2, kind, code, place, f["SQLDATE"])].append(f)
    groups: dict[tuple, list] = defaultdict(list)
    for (a1, a2, kind, _, _, day), rows in collapsed.items():
        groups[(a1, a2, kind, day[:6])].append((day, min(int(r["GLOBALEVENTID"]) for r in rows), rows))
    found = {}
    for (a1, a2, kind, month), events in groups.items():
        events.sort()
        found[(a1, a2, kind, f"{month[:4]}-{month[4:]}-01")] = {
            "events": len(events),
            "records": sum(len(rows) for _, _, rows in events),
            "first_date": min(d for d, _, _ in events),
            "last_date": max(d for d, _, _ in events),
            "sources": max(len(rows) for _, _, rows in events),
            "goldstein": sum(sum(float(r["GoldsteinScale"]) for r in rows) / len(rows) for _, _, rows in events) / len(events),
            "event_ids": sorted(i for _, i, _ in events),
        }
    return found


def _ties(rows: list[dict]) -> dict[tuple[str, str, str, str], dict]:
    return {
        (r["actor1"], r["actor2"], r["kind"], str(r["period"])): {
            "events": r["events"], "records": r["records"], "first_date": str(r["first_date"]).replace("-", ""),
            "last_date": str(r["last_date"]).replace("-", ""), "sources": r["sources"], "goldstein": r["goldstein"],
            "event_ids": sorted(int(i) for i in r["event_ids"].split()),
        }  # fmt: skip
        for r in rows
        if not r["left_out"]
    }


def _same(found: dict, expected: dict) -> None:
    assert found.keys() == expected.keys()
    for key, values in expected.items():
        assert found[key] == {**values, "goldstein": pytest.approx(values["goldstein"])}, key


@pytest.fixture(scope="module")
def gdelt(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[Path]]:
    lines = SPECIAL + filler()
    return lines, write_gdelt(tmp_path_factory.mktemp("gdelt"), lines)


def test_the_aggregate_matches_a_plain_python_count_of_the_rows(gdelt):
    lines, paths = gdelt
    aggregate = aggregate_events("gdelt", paths)
    _same(_ties(aggregate.rows), reference(lines))
    left = {r["left_out"]: r["records"] for r in aggregate.rows if r["left_out"]}
    assert sum(r["records"] for r in aggregate.rows) == len(lines)
    assert left["actors"] >= 6 and left["same-actor"] >= 1 and left["no-kind"] >= 4


def test_awkward_rows_give_exact_relations(gdelt, tmp_path):
    _, paths = gdelt
    result = events_map(aggregate_events("gdelt", paths, countries=["SYR", "760"]), name="syria-events")
    relations = {r["id"]: r for r in result.data["relations"]}
    strike = relations["syr-gov--airstrike--syr-reb--2025-01"]
    assert (strike["start"], strike["end"], strike["weight"], strike["confidence"]) == ("2025-01-03", "2025-01-03", 0.159, 0.875)
    assert strike["attributes"] == {"events": 2, "records": 4, "sources": 3, "goldstein": -10.0, "codes": "SYRGOV > SYRREB"}
    assert strike["evidence"] == [{"source": "gdelt", "locator": "GLOBALEVENTID 101, 104"}]
    assert strike["description"] == "2 GDELT 2.0 events in 2025-01 (2 duplicate rows collapsed)"
    truce = relations["syr-gov--ceasefire--syr-reb--2025-01"]
    assert (truce["start"], truce["end"], truce["attributes"]["events"]) == ("2025-01-20", "2025-01-25", 2)
    assert relations["igo-uno--visit--syr-gov--2025-02"]["attributes"]["goldstein"] == 1.9
    actors = {a["id"]: a for a in result.data["actors"]}
    assert actors["igo-uno"] == {"id": "igo-uno", "name": "United Nations", "type": "intergovernmental-org", "codes": {"cameo": ["IGOUNO"]}}
    assert actors["syr-gov"] == {"id": "syr-gov", "name": "Syria: government", "type": "government", "country": "SYR", "codes": {"cameo": ["SYRGOV"]}}
    assert set(relations) == {"syr-gov--airstrike--syr-reb--2025-01", "syr-gov--ceasefire--syr-reb--2025-01", "igo-uno--visit--syr-gov--2025-02"}
    assert result.collapsed == 2 and result.kept == 5
    assert result.data["sources"] == [{
        "id": "gdelt", "title": f"GDELT 2.0 events: {', '.join(p.name for p in paths)}, 2025-01-03 to 2025-02-02",
        "publisher": "The GDELT Project", "date": "2025-02-02", "url": "https://www.gdeltproject.org/", "kind": "dataset",
    }]  # fmt: skip


def test_codes_outside_the_tables_are_kept_and_reported(gdelt):
    _, paths = gdelt
    result = events_map(aggregate_events("gdelt", paths, until="2025-01-10"))
    assert result.unknown == Counter({"XYZ": 1})
    assert {"id": "xyz", "name": "XYZ", "type": "other", "codes": {"cameo": ["XYZ"]}} in result.data["actors"]
    lines = stakeholders.events_summary(result)
    assert "1 actor code with parts outside the CAMEO tables; top 1: XYZ (1 event)" in lines
    assert any(line.startswith("left out:") and "outside the dates" in line for line in lines)


def test_event_codes_map_to_kinds_most_specific_first():
    assert [kind_of(code, CODE_KINDS) for code in ("0871", "0874", "1951", "195", "193", "183", "057", "051", "010", "0331", "202", "204")] == [
        "ceasefire", "withdrawal", "airstrike", "airstrike", "armed-clash", "attack", "agreement", "support", None, "pledge",
        "mass-killing", "mass-killing",
    ]  # fmt: skip
    assert set(ROOT_KINDS) == {f"{n:02d}" for n in range(1, 21)}


def test_actor_codes_read_as_names():
    assert [(describe(c).name, describe(c).type) for c in ("SYR", "ISRMIL", "PSEHMS", "MIL", "IGOUNOPKO", "EUR")] == [
        ("Syria", "state"), ("Israel: military", "armed-group"), ("Hamas", "armed-group"), ("Military", "armed-group"),
        ("United Nations: peacekeepers", "intergovernmental-org"), ("Europe", "other"),
    ]  # fmt: skip


def test_zips_are_read_without_unpacking_and_give_what_plain_files_do(gdelt, tmp_path, monkeypatch):
    lines, zips = gdelt
    plain = write_gdelt(tmp_path / "plain", lines, zipped=False)
    monkeypatch.setattr(zipfile.ZipFile, "extract", lambda *a, **k: pytest.fail("unpacked"))
    monkeypatch.setattr(zipfile.ZipFile, "extractall", lambda *a, **k: pytest.fail("unpacked"))
    before = sorted(p.name for p in zips[0].parent.iterdir())
    assert _ties(aggregate_events("gdelt", zips).rows) == _ties(aggregate_events("gdelt", plain).rows)
    assert sorted(p.name for p in zips[0].parent.iterdir()) == before


def test_bigquery_sql_parses_and_its_duckdb_translation_gives_the_same_aggregate(gdelt):
    import duckdb

    from stakeholders.events.engine import _gdelt_view, gdelt_layouts
    from stakeholders.events.zips import ZipMembers, members

    _, paths = gdelt
    options = {"since": "2025-01", "countries": ["SYR", "ISR", "PSE"], "period": "week"}
    sql = events_sql("gdelt", "bigquery", table="events", **options)
    assert "gdelt-bq" in events_sql("gdelt", "bigquery")
    sqlglot.parse_one(sql, read="bigquery")
    translated = sqlglot.transpile(sql, read="bigquery", write="duckdb")[0]
    con = duckdb.connect()
    con.register_filesystem(ZipMembers())
    con.execute(f"CREATE VIEW events AS {_gdelt_view(gdelt_layouts([m for p in paths for m in members(p)]))}")
    cursor = con.execute(translated)
    names = [d[0] for d in cursor.description]
    # DuckDB's DATE_TRUNC of a date gives a timestamp: the same day.
    rows = [{n: v.date() if isinstance(v, dt.datetime) else v for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]
    assert names == list(AGGREGATE_COLUMNS)
    direct = aggregate_events("gdelt", paths, **options).rows
    key = lambda r: tuple(str(r[c]) for c in ("left_out", "actor1", "actor2", "kind", "period"))  # noqa: E731
    # GDELT's ids come in no order, and parallel sums may differ in the last bits.
    ids = lambda r: {**r, "event_ids": sorted((r["event_ids"] or "").split()), "goldstein": r["goldstein"] and round(r["goldstein"], 9)}  # noqa: E731
    assert sorted(map(ids, rows), key=key) == sorted(map(ids, direct), key=key)
    for dialect in ("postgres", "spark", "snowflake"):
        assert "SELECT" in events_sql("gdelt", dialect, **options).upper()


def test_the_map_validates_renders_and_exports(gdelt, tmp_path):
    _, paths = gdelt
    output = tmp_path / "gdelt.yaml"
    result = import_events("gdelt", paths, output)
    loaded = stakeholders.load(output)
    assert len(loaded.relations) == result.relations and loaded.sources[0].kind == "dataset"
    assert all(e.quote is None and e.locator.startswith("GLOBALEVENTID ") for r in loaded.relations for e in r.evidence)
    assert stakeholders.render_html(loaded, tmp_path / "map.html").stat().st_size > 0
    graph = stakeholders.to_graph(loaded)
    assert stakeholders.export(graph, "gexf", tmp_path / "map.gexf") == [tmp_path / "map.gexf"]
    with pytest.raises(UsageError, match="exists; use --force"):
        import_events("gdelt", paths, output)
    import_events("gdelt", paths, tmp_path / "gdelt.json", kinds=["airstrike"])
    assert {r.kind for r in stakeholders.load(tmp_path / "gdelt.json").relations} == {"airstrike"}


def test_events_map_onto_a_dataset_through_its_codes(gdelt, tmp_path):
    _, paths = gdelt
    dataset = tmp_path / "syria.yaml"
    dataset.write_text(yaml.safe_dump({
        "actors": [
            {"id": "damascus", "name": "Syrian government", "type": "government", "codes": {"cameo": ["SYRGOV", "SYRMIL"]}},
            {"id": "rebels", "name": "Rebels", "type": "armed-group", "codes": {"cameo": ["SYRREB"]}, "start": "2024"},
            {"id": "old-rebels", "name": "Old rebels", "type": "armed-group", "codes": {"cameo": ["SYRREB"]}, "end": "2023"},
        ],
    }), encoding="utf-8")  # fmt: skip
    result = events_map(aggregate_events("gdelt", paths), data=dataset)
    assert [a["id"] for a in result.data["actors"]] == ["damascus", "rebels"]
    assert {r["id"] for r in result.data["relations"]} == {"damascus--airstrike--rebels--2025-01", "damascus--ceasefire--rebels--2025-01"}
    assert {"IGOUNO", "XYZ", "USAGOV"} <= set(result.unmapped)
    line = next(line for line in stakeholders.events_summary(result) if "without an actor" in line)
    assert line.startswith(f"{len(result.unmapped)} actor codes without an actor; top 5: ")


# ACLED: the 2023+ layout and the older one.
ACLED_NEW = ("event_id_cnty,event_date,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
             "interaction,civilian_targeting,iso,country,admin1,location,latitude,longitude,source,notes,fatalities,tags,timestamp").split(",")  # fmt: skip
ACLED_OLD = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,"
             "inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,"
             "geo_precision,source,source_scale,notes,fatalities,timestamp,iso3").split(",")  # fmt: skip
FORCES, HTS = "Military Forces of Syria (2024-)", "HTS: Hayat Tahrir al Sham"
CIVILIANS = "Civilians (Syria)"


def acled_rows(count: int = 200) -> list[dict[str, str]]:
    rows = [
        {"event_id_cnty": "SYR1", "event_date": "2024-01-15", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": HTS,
         "inter1": "2", "actor2": FORCES, "inter2": "1", "source": "SOHR; Enab Baladi", "notes": 'On 15 January, HTS clashed with "regime" forces, 3 killed.',
         "fatalities": "3", "assoc_actor_1": "Ansar al-Tawhid"},
        {"event_id_cnty": "SYR2", "event_date": "2024-01-20", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": FORCES,
         "inter1": "1", "actor2": HTS, "inter2": "2", "source": "SOHR", "notes": "Second clash.", "fatalities": "2"},
        # Civilians are actor1 here, yet the target of the strike.
        {"event_id_cnty": "SYR3", "event_date": "2024-02-02", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "actor1": CIVILIANS, "inter1": "7", "actor2": FORCES, "inter2": "1", "source": "SANA", "notes": "Strike on a village.", "fatalities": "4"},
        {"event_id_cnty": "SYR4", "event_date": "2024-02-03", "event_type": "Violence against civilians", "sub_event_type": "Attack",
         "actor1": FORCES, "inter1": "1", "actor2": CIVILIANS, "inter2": "7", "source": "SNHR", "notes": "Massacre.", "fatalities": "12"},
        {"event_id_cnty": "SYR5", "event_date": "2024-02-04", "event_type": "Protests", "sub_event_type": "Peaceful protest",
         "actor1": "Protesters (Syria)", "inter1": "6", "actor2": "", "inter2": "0", "source": "SOHR", "notes": "Protest.", "fatalities": "0"},
        {"event_id_cnty": "SYR6", "event_date": "2024-02-05", "event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
         "actor1": HTS, "inter1": "2", "actor2": FORCES, "inter2": "1", "source": "SOHR", "notes": "Regrouping.", "fatalities": "0"},
        {"event_id_cnty": "ISR1", "event_date": "2024-02-06", "event_type": "Battles", "sub_event_type": "Armed clash", "iso": "376",
         "actor1": "Military Forces of Israel (2022-)", "inter1": "8", "actor2": "Hamas Movement", "inter2": "2", "source": "Haaretz", "notes": "Elsewhere.", "fatalities": "1"},
    ]  # fmt: skip
    rng = random.Random(3)
    for n in range(count - len(rows)):
        rows.append({"event_id_cnty": f"SYR{100 + n}", "event_date": f"2024-03-{rng.randint(1, 28):02d}", "event_type": "Battles",
                     "sub_event_type": "Armed clash", "actor1": HTS, "inter1": "2", "actor2": FORCES, "inter2": "1",
                     "source": rng.choice(["SOHR", "SOHR; SANA"]), "notes": f"Clash {n}, with a comma.", "fatalities": str(rng.randint(0, 3))})  # fmt: skip
    for row in rows:
        row.setdefault("iso", "760")
        row.setdefault("country", "Syria" if row["iso"] == "760" else "Israel")
    return rows


def write_acled(path: Path, rows: list[dict[str, str]], headers: list[str]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, headers, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        if "event_id_no_cnty" in headers:  # the older layout wrote dates as 15 January 2024
            row = {**row, "event_date": dt.date.fromisoformat(row["event_date"]).strftime("%d %B %Y"), "event_id_no_cnty": row["event_id_cnty"][3:]}
        writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("headers", [ACLED_NEW, ACLED_OLD], ids=["2023+", "older"])
def test_acled_layouts_give_the_same_exact_map(tmp_path, headers):
    path = write_acled(tmp_path / "acled.csv", acled_rows(), headers)
    result = events_map(aggregate_events("acled", [path], countries=["SYR"]))
    relations = {r["id"]: r for r in result.data["relations"]}
    forces, hts = "military-forces-of-syria-2024", "hts-hayat-tahrir-al-sham"
    clash = relations[f"{hts}--armed-clash--{forces}--2024-01"]
    assert clash["attributes"] == {"events": 2, "records": 2, "sources": 2, "fatalities": 5, "codes": f"{HTS} > {FORCES}",
                                   "source_associated_actors": "Ansar al-Tawhid"}  # fmt: skip
    assert clash["evidence"] == [
        {"source": "acled", "quote": 'On 15 January, HTS clashed with "regime" forces, 3 killed.', "locator": "event_id_cnty SYR1, 2024-01-15"},
        {"source": "acled", "quote": "Second clash.", "locator": "event_id_cnty SYR2, 2024-01-20"},
    ]
    assert clash["weight"] == round(__import__("math").log10(1 + 2 + 5) / 3, 3) and clash["confidence"] == 0.75
    strike = relations[f"{forces}--airstrike--civilians-syria--2024-02"]
    assert strike["source"] == forces and strike["attributes"]["fatalities"] == 4
    assert f"{forces}--mass-killing--civilians-syria--2024-02" in relations
    march = relations[f"{hts}--armed-clash--{forces}--2024-03"]
    assert march["attributes"]["events"] == 193
    assert march["evidence"][-1]["locator"].endswith(f"({LISTED_IDS} of 193 events listed, by date)")
    assert {a["id"]: a["type"] for a in result.data["actors"]} == {hts: "armed-group", forces: "armed-group", "civilians-syria": "community"}
    assert result.left_out == {"countries": 1, "actors": 1, "no-kind": 1}
    output = tmp_path / "acled.yaml"
    stakeholders.events.write_events_map(result, output)
    assert len(stakeholders.load(output).relations) == 4


def test_acled_file_without_its_columns_is_a_data_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match="not an ACLED export: no column event_id_cnty"):
        aggregate_events("acled", [path])


def test_an_aggregate_from_another_engine_makes_the_same_map(gdelt, tmp_path):
    _, paths = gdelt
    aggregate = aggregate_events("gdelt", paths)
    table = tmp_path / "result.csv"
    with table.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, list(AGGREGATE_COLUMNS))
        writer.writeheader()
        writer.writerows(aggregate.rows)
    back = events_map(read_aggregate(table))
    assert back.data["relations"] == events_map(aggregate).data["relations"]


def test_bad_options_are_usage_errors(gdelt):
    _, paths = gdelt
    with pytest.raises(InvalidDateError, match="since date"):
        aggregate_events("gdelt", paths, since="2025-13")
    with pytest.raises(UsageError, match="unknown country code 'ZZQ'"):
        aggregate_events("gdelt", paths, countries=["ZZQ"])
    with pytest.raises(UsageError, match='unknown relation kind "airstrikes"'):
        aggregate_events("gdelt", paths, kinds=["airstrikes"])
    with pytest.raises(UsageError, match="memory limit"):
        aggregate_events("gdelt", paths, memory_limit="lots")
    with pytest.raises(DataError, match="no file matches"):
        aggregate_events("gdelt", [str(paths[0].parent / "*.nothing")])


def test_evidence_without_a_quote_only_from_a_dataset_source():
    data = {
        "sources": [{"id": "d", "title": "Events", "kind": "dataset"}, {"id": "a", "title": "Article"}],
        "actors": [{"id": "x", "name": "X", "type": "state", "codes": {"cameo": ["XXX"]}}, {"id": "y", "name": "Y", "type": "state"}],
        "relations": [{"source": "x", "target": "y", "kind": "visit", "evidence": [{"source": "d", "locator": "GLOBALEVENTID 1"}]}],
    }
    assert stakeholders.from_dict(data).actors[0].codes == {"cameo": ("XXX",)}
    data["relations"][0]["evidence"].append({"source": "a"})
    with pytest.raises(ValidationError, match='evidence from "a" needs a quote'):
        stakeholders.from_dict(data)


def test_actor_codes_survive_export_to_sheets_and_back(tmp_path):
    data = stakeholders.from_dict({
        "sources": [{"id": "d", "title": "Events", "kind": "dataset"}],
        "actors": [{"id": "x", "name": "X", "type": "state", "codes": {"cameo": ["SYRGOV", "SYRMIL"], "acled": ["Forces, of X (2024-)"]}},
                   {"id": "y", "name": "Y", "type": "state"}],
        "relations": [{"source": "x", "target": "y", "kind": "visit", "evidence": [{"source": "d", "locator": "event 1"}]}],
    })  # fmt: skip
    stakeholders.export(stakeholders.to_graph(data), "csv", tmp_path / "sheets.zip")
    back = stakeholders.import_sheets([tmp_path / "sheets.zip"], tmp_path / "back.yaml")
    assert back.data["actors"][0]["codes"] == {"acled": ["Forces, of X (2024-)"], "cameo": ["SYRGOV", "SYRMIL"]}
    assert stakeholders.load(tmp_path / "back.yaml").relations[0].evidence[0].quote is None


def test_cli_writes_the_map_and_reports(gdelt, tmp_path, runner):
    _, paths = gdelt
    output = tmp_path / "map.yaml"
    done = runner.invoke(cli, ["events", "gdelt", *map(str, paths), "-o", str(output), "--country", "SYR"])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines[0] == f"Wrote {output}: 3 actors, 3 relations"
    assert "duplicates collapsed: 2 rows (same actors, event code, place and day)" in lines
    done = runner.invoke(cli, ["events", "gdelt", str(paths[0]), "-o", str(output), "--format", "json", "--force"])
    assert json.loads(done.output)["read"] == 150
    done = runner.invoke(cli, ["events", "gdelt", "--sql", "bigquery", "--since", "2025-01"])
    assert done.exit_code == 0 and "`gdelt-bq`.`gdeltv2`.`events`" in done.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["events", "gdelt", "missing.export.CSV.zip", "-o", "{tmp}/m.yaml"], 1, "Error: no such file: missing.export.CSV.zip"),
        (["events", "gdelt", "{zip}", "-o", "{tmp}/m.yaml", "--since", "2025-13"], 2, "Error: since date: "),
        (["events", "gdelt", "{zip}", "-o", "{tmp}/m.yaml", "--period", "year"], 2, "Error: Invalid value for '--period': 'year' is not one of"),
        (["events", "gdelt", "{zip}", "-o", "{tmp}/m.txt"], 2, "Error: {tmp}/m.txt: a map is written as YAML (.yaml) or JSON (.json)"),
        (["events", "gdelt", "{zip}", "-o", "{tmp}/exists.yaml"], 2, "Error: {tmp}/exists.yaml exists; use --force to replace it"),
        (["events", "acled", "{zip}", "-o", "{tmp}/m.yaml"], 1, "Error: {zip}: not an ACLED export"),
        (["events", "aggregate", "{tmp}/none.csv", "-o", "{tmp}/m.yaml"], 1, "Error: no such file: {tmp}/none.csv"),
    ],
)
def test_cli_errors_are_one_line(gdelt, tmp_path, args, code, message):
    _, paths = gdelt
    (tmp_path / "exists.yaml").write_text("", encoding="utf-8")
    fill = {"tmp": str(tmp_path), "zip": str(paths[0])}
    done = subprocess.run([sys.executable, "-m", "stakeholders", *(a.format(**fill) for a in args)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == code
    assert done.stderr.startswith(message.format(**fill)), done.stderr
    assert "Traceback" not in done.stderr


def test_help_gives_examples(runner):
    # That no help screen loads an engine: test_layers.
    result = runner.invoke(cli, ["events", "gdelt", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output


def test_a_file_that_is_not_event_data_is_named_with_its_line(tmp_path):
    text = tmp_path / "20250101.export.CSV"
    text.write_text("# notes\nnot events\n", encoding="utf-8")
    archive = tmp_path / "20250101.export.CSV.zip"
    with zipfile.ZipFile(archive, "w") as opened:
        opened.write(text, text.name)
    for path, named in ((text, str(text.resolve())), (archive, f"{archive.resolve()}:{text.name}")):
        with pytest.raises(DataError) as info:
            stakeholders.aggregate_events("gdelt", [path])
        assert str(info.value) == (
            f"{named}: 1 tab-separated column, not GDELT event data: GDELT's event files have "
            "61 (GDELT 2.0), 58 (GDELT 1.0 daily), 57 (GDELT 1.0 backfile) columns"
        )
