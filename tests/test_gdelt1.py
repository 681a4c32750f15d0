"""GDELT 1.0 too: the daily files (58 columns) and the 1979-2013 backfile (57), told apart from
GDELT 2.0 (61) by each file's column count, and a clear word for a file in no known layout.

The rows are written from GDELT's codebooks: 1.0's columns are 2.0's without the three
ADM2 codes, with DATEADDED a day (YYYYMMDD) and SOURCEURL last; the backfile has no SOURCEURL.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import pytest
import sqlglot

import stakeholders
from stakeholders.errors import DataError
from stakeholders.events.feeds import GDELT1_BACKFILE_COLUMNS, GDELT1_COLUMNS, GDELT_COLUMNS

from .test_events import SPECIAL, filler, write_gdelt

NAMES = [name for name, _ in GDELT_COLUMNS]


def as_layout(line: str, columns: tuple[tuple[str, str], ...]) -> str:
    """A GDELT 2.0 row in GDELT 1.0's layout: the same fields, those 1.0 lacks left out, DATEADDED a day."""
    fields = dict(zip(NAMES, line.rstrip("\n").split("\t"), strict=True))
    fields["DATEADDED"] = fields["DATEADDED"][:8]
    return "\t".join(fields[name] for name, _ in columns) + "\n"


def _write(path: Path, lines: list[str]) -> Path:
    member = path.name.removesuffix(".zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "".join(lines))
    return path


LINES = SPECIAL + filler(300)


@pytest.mark.parametrize(("columns", "layout"), [(GDELT1_COLUMNS, "GDELT 1.0 daily, 58 columns"), (GDELT1_BACKFILE_COLUMNS, "GDELT 1.0 backfile, 57 columns")])
def test_a_gdelt_1_file_gives_the_map_its_2_0_rows_give(tmp_path, columns, layout):
    assert len(columns) == (58 if columns is GDELT1_COLUMNS else 57)
    old = _write(tmp_path / "20250101.export.CSV.zip", [as_layout(line, columns) for line in LINES])
    new = write_gdelt(tmp_path / "v2", LINES)
    one, two = (stakeholders.events_map(stakeholders.aggregate_events("gdelt", files)) for files in ([old], new))
    assert one.layouts == {layout: 1}
    assert f"files read as: {layout} (1 file)" in stakeholders.events_summary(one)

    def ties(made):
        return {r["id"]: (r["start"], r["end"], r["weight"], r["attributes"]["events"], r["attributes"].get("goldstein")) for r in made.data["relations"]}

    assert ties(one) == ties(two) and len(ties(one)) > 50
    confidences = {r.get("confidence") for r in one.data["relations"]}
    # The backfile has no SOURCEURL: no source is counted, so its relations carry no confidence.
    assert confidences == {None} if columns is GDELT1_BACKFILE_COLUMNS else None not in confidences


def test_a_folder_mixing_1_0_and_2_0_files_over_the_changeover_counts_each_event_once(tmp_path):
    # GDELT 1.0's daily file and 2.0's files both hold the events of the days they share (with
    # their own ids): the same actors, code, place and day are one event, so each counts once.
    both = [as_layout(line, GDELT1_COLUMNS).replace(line.split("\t")[0], str(900_000 + n), 1) for n, line in enumerate(LINES)]
    mixed = [_write(tmp_path / "20250101.export.CSV.zip", both), *write_gdelt(tmp_path / "v2", LINES)]
    alone = stakeholders.events_map(stakeholders.aggregate_events("gdelt", write_gdelt(tmp_path / "only", LINES)))
    made = stakeholders.events_map(stakeholders.aggregate_events("gdelt", mixed))
    assert made.layouts == {"GDELT 1.0 daily, 58 columns": 1, "GDELT 2.0, 61 columns": len(mixed) - 1}
    assert {r["id"]: r["attributes"]["events"] for r in made.data["relations"]} == {r["id"]: r["attributes"]["events"] for r in alone.data["relations"]}
    assert made.read == 2 * alone.read and made.kept == alone.kept


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("acled.csv", "event_id_cnty,event_date,actor1\nSYR1,2024-01-15,X\n",
         "not GDELT event data: an ACLED export? read it with stakeholders events acled"),
        ("20250101000000.mentions.CSV", "\t".join(["1"] * 16) + "\n",
         "16 tab-separated columns (a GDELT 2.0 mentions file?), not GDELT event data"),
        ("20250101000000.gkg.csv", "\t".join(["x"] * 27) + "\n", "27 tab-separated columns (a GDELT 2.1 GKG file?), not GDELT event data"),
        ("table.csv", "a,b,c\n1,2,3\n", "not GDELT event data: comma-separated, where GDELT's are tab-separated"),
    ],
)  # fmt: skip
def test_a_file_in_no_known_layout_is_named_with_its_columns_and_the_layouts(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        stakeholders.aggregate_events("gdelt", [path])
    assert str(info.value).startswith(f"{path.resolve()}: {message}")
    assert "61 (GDELT 2.0), 58 (GDELT 1.0 daily), 57 (GDELT 1.0 backfile)" in str(info.value)
    assert "Conversion" not in str(info.value)


def test_bigquery_sql_for_gdelt_1_0_reads_the_full_table_and_gives_the_direct_runs_table(tmp_path):
    sql = stakeholders.events_sql("gdelt", "bigquery", gdelt_version=1, since="2025-01", period="week")
    assert "`gdelt-bq`.`full`.`events`" in sql and "ADM2Code" not in sql
    sqlglot.parse_one(sql, read="bigquery")
    path = _write(tmp_path / "20250101.export.CSV.zip", [as_layout(line, GDELT1_COLUMNS) for line in LINES])
    plain = tmp_path / "events.tsv"
    with zipfile.ZipFile(path) as archive:
        plain.write_bytes(archive.read("20250101.export.CSV"))
    con = duckdb.connect()
    types = {"int64": "BIGINT", "float64": "DOUBLE", "string": "VARCHAR"}
    columns = ", ".join(f"'{name}': '{types[kind]}'" for name, kind in GDELT1_COLUMNS)
    con.execute(f"CREATE VIEW events AS SELECT * FROM read_csv('{plain}', header = false, delim = '\\t', quote = '', auto_detect = false, columns = {{{columns}}})")
    local = stakeholders.events_sql("gdelt", "bigquery", gdelt_version=1, table="events", since="2025-01", period="week")
    cursor = con.execute(sqlglot.transpile(local, read="bigquery", write="duckdb")[0])
    names = [d[0] for d in cursor.description]
    found = sorted((row[names.index("actor1")], row[names.index("actor2")], row[names.index("kind")], row[names.index("events")]) for row in cursor.fetchall() if row[1] is None)
    direct = sorted((r["actor1"], r["actor2"], r["kind"], r["events"]) for r in stakeholders.aggregate_events("gdelt", [path], since="2025-01", period="week").rows if r["left_out"] is None)
    assert found == direct and len(found) > 50


def test_the_gdelt_version_is_for_tables_not_files(runner, tmp_path):
    from stakeholders.cli import cli

    result = runner.invoke(cli, ["events", "gdelt", "x.zip", "-o", str(tmp_path / "m.json"), "--gdelt-version", "1"])
    assert (result.exit_code, result.stderr) == (2, "Error: --gdelt-version is for the table of --sql or --backend: files are read in the layout their columns show\n")
