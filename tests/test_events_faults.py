"""Event data as real files come: every fault counted and reported, none stopping the run."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import stakeholders
from stakeholders.cli import cli

from .conftest import SYRIA
from .test_events import ACLED_NEW, acled_rows, gdelt_line, write_acled, write_gdelt


def _zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "".join(lines))
    return path


def test_impossible_dates_are_counted_and_left_out_never_a_stop(tmp_path):
    lines = [
        gdelt_line(1, "20250231", "SYRGOV", "SYRREB", "190"),
        gdelt_line(2, "20251301", "SYRGOV", "SYRREB", "190"),
        gdelt_line(3, "00000000", "SYRGOV", "SYRREB", "190"),
        gdelt_line(4, "99999999", "SYRGOV", "SYRREB", "190"),
        gdelt_line(5, "2025011", "SYRGOV", "SYRREB", "190"),  # seven digits: not 2025-01-01
        gdelt_line(6, "20240229", "SYRGOV", "SYRREB", "190"),  # a leap day: kept
        gdelt_line(7, "20250115", "SYRGOV", "ISR", "195"),
    ]
    made = stakeholders.events_map(stakeholders.aggregate_events("gdelt", write_gdelt(tmp_path, lines)))
    assert made.left_out == {"no-date": 5}
    assert sorted((r["start"], r["kind"]) for r in made.data["relations"]) == [("2024-02-29", "armed-clash"), ("2025-01-15", "airstrike")]


def test_lines_with_the_wrong_number_of_columns_are_counted_with_the_first_place(tmp_path):
    good = gdelt_line(1, "20250115", "SYRGOV", "ISR", "195")
    short = "\t".join(good.rstrip("\n").split("\t")[:58]) + "\n"
    long = good.rstrip("\n") + "\textra\n"
    archive = _zip(tmp_path / "20250115.export.CSV.ZIP", "20250115.export.CSV", [good, short, short, long])
    made = stakeholders.events_map(stakeholders.aggregate_events("gdelt", [archive]))
    assert made.read == 1 and made.relations == 1
    assert made.faults == {
        "with too few columns": (2, f"{archive.resolve()}:20250115.export.CSV:2"),
        "with too many columns": (1, f"{archive.resolve()}:20250115.export.CSV:4"),
    }
    report = stakeholders.events_summary(made)
    assert f"left out: 2 lines with too few columns, not read as events (the first: {archive.resolve()}:20250115.export.CSV:2)" in report


def test_unknown_event_codes_are_reported_apart_from_codes_without_a_kind(tmp_path):
    lines = [gdelt_line(n, "20250115", "SYRGOV", "ISR", code) for n, code in enumerate(["999", "ABC", "46", "010", "0211", "195"], 1)]
    made = stakeholders.events_map(stakeholders.aggregate_events("gdelt", write_gdelt(tmp_path, lines)))
    assert made.left_out == {"unknown-code": 3, "no-kind": 2}
    report = stakeholders.events_summary(made)
    assert "left out: 3 rows with an event code outside CAMEO (not two to four digits under a root 01 to 20)" in report
    assert "left out: 2 rows with a CAMEO event type that maps to no kind (statements, appeals...)" in report


def test_one_gdelt_event_id_met_in_two_periods_is_reported(tmp_path):
    lines = [gdelt_line(77, "20250115", "SYRGOV", "ISR", "195"), gdelt_line(77, "20250216", "SYRGOV", "ISR", "195")]
    made = stakeholders.events_map(stakeholders.aggregate_events("gdelt", write_gdelt(tmp_path, lines)))
    assert (made.relations, made.repeated_ids) == (2, 1)
    assert "counted again: 1 event id met in another relation or period (the same event in two files? each time it was met it counted)" in (
        stakeholders.events_summary(made)
    )


def test_acled_reads_a_fatalities_cell_that_is_not_a_number_and_counts_overlapping_downloads_once(tmp_path):
    rows = acled_rows(20)
    first = write_acled(tmp_path / "january.csv", [{**rows[0], "fatalities": "not reported"}, *rows[1:]], ACLED_NEW)
    again = write_acled(tmp_path / "overlap.csv", rows[1:3], ACLED_NEW)  # events SYR2 and SYR3 downloaded twice
    made = stakeholders.events_map(stakeholders.aggregate_events("acled", [first, again]))
    alone = stakeholders.events_map(stakeholders.aggregate_events("acled", [first]))

    def ties(found):
        return sorted((r["id"], r["weight"], r["attributes"]["events"], r["attributes"]["fatalities"]) for r in found.data["relations"])

    assert ties(made) == ties(alone)  # the events downloaded twice count once, their fatalities once
    assert made.read == alone.read == 20
    clash = next(r for r in alone.data["relations"] if r["start"] == "2024-01-15")
    assert (clash["attributes"]["events"], clash["attributes"]["fatalities"]) == (2, 2)  # SYR1's "not reported" counts as none


@pytest.mark.parametrize("name", ["20250115.EXPORT.CSV.ZIP", "20250115.export.csv.Zip"])
def test_a_zip_in_upper_or_mixed_case_is_read(tmp_path, name):
    archive = _zip(tmp_path / name, "20250115.export.CSV", [gdelt_line(1, "20250115", "SYRGOV", "ISR", "195")])
    assert stakeholders.events_map(stakeholders.aggregate_events("gdelt", [archive])).relations == 1


def test_a_folder_named_like_a_zip_is_one_error_line(runner, tmp_path):
    (tmp_path / "events.zip").mkdir()
    result = runner.invoke(cli, ["events", "gdelt", str(tmp_path / "events.zip"), "-o", str(tmp_path / "m.json")])
    assert (result.exit_code, result.stderr) == (1, f"Error: {tmp_path / 'events.zip'} is not a file\n")


def test_when_nothing_comes_out_the_report_still_says_what_was_read_and_why(runner, tmp_path):
    files = write_gdelt(tmp_path / "in", [gdelt_line(n, "20250115", "SYRGOV", "ISR", "195") for n in range(3)])
    result = runner.invoke(cli, ["events", "gdelt", str(files[0]), "-o", str(tmp_path / "m.json"), "--country", "GBR"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:3] == [
        "events read: 3; in the map: 0 events in 0 relations between 0 actors",
        "files read as: GDELT 2.0, 61 columns (1 file)",
        "left out: 3 rows outside the countries",
    ]
    assert result.stderr == "Error: no relation came out of the events (see the report above); nothing was written\n"
    assert not (tmp_path / "m.json").exists()


def test_a_dataset_without_codes_says_which_codes_to_map_and_how(runner, tmp_path):
    files = write_gdelt(tmp_path / "in", [gdelt_line(n, f"2025011{n}", "SYRGOV", "ISR", "195") for n in range(1, 4)])
    args = ["events", "gdelt", str(files[0]), "-o", str(tmp_path / "m.json"), "--data", str(SYRIA)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert "2 actor codes without an actor; top 2: ISR (3 events), SYRGOV (3 events)" in result.stdout  # ties by code
    assert "to map a code, list it on the actor it stands for in the dataset: codes: {cameo: [ISR]}" in result.stdout
    as_json = runner.invoke(cli, [*args, "--format", "json"])
    report = json.loads(as_json.stdout)
    assert (as_json.exit_code, report["output"], report["unmapped_codes"]) == (1, None, {"ISR": 3, "SYRGOV": 3})


def test_the_json_the_engine_writes_loads_and_holds_what_the_yaml_map_holds(tmp_path):
    from .test_events import SPECIAL, filler

    made = stakeholders.events_map(stakeholders.aggregate_events("gdelt", write_gdelt(tmp_path / "in", SPECIAL + filler(400))))
    stakeholders.write_events_map(made, tmp_path / "map.json")
    stakeholders.write_events_map(made, tmp_path / "map.yaml")
    as_json, as_yaml = stakeholders.load(tmp_path / "map.json"), stakeholders.load(tmp_path / "map.yaml")
    assert len(as_json.relations) == made.relations > 100
    assert [r.model_dump() for r in as_json.relations] == [r.model_dump() for r in as_yaml.relations]
    assert [a.model_dump() for a in as_json.actors] == [a.model_dump() for a in as_yaml.actors]
    text = (tmp_path / "map.json").read_text(encoding="utf-8")
    assert json.loads(text)["relations"] == made.data["relations"]
    assert text.count('\n{"id":') == made.relations  # one relation a line


def test_an_aggregate_with_a_tie_missing_its_counts_is_one_error(tmp_path):
    import csv as csv_module

    from stakeholders.events import AGGREGATE_COLUMNS

    path = tmp_path / "result.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv_module.DictWriter(out, list(AGGREGATE_COLUMNS))
        writer.writeheader()
        writer.writerow({"feed": "gdelt", "actor1": "SYRGOV", "actor2": "ISR", "kind": "airstrike", "period_unit": "month",
                         "period": "2025-01-01", "first_date": "2025-01-03", "last_date": "", "events": "", "records": "1"})  # fmt: skip
    with pytest.raises(stakeholders.DataError) as info:
        stakeholders.events_map(stakeholders.read_aggregate(path))
    assert str(info.value) == "the aggregated table has 1 tie without first_date, last_date, period or events"


def _member(tmp_path: Path, method: int = zipfile.ZIP_DEFLATED) -> tuple[Path, bytes]:
    text = "".join(gdelt_line(n, "20250115", "SYRGOV", "ISR", "195") for n in range(2000)).encode()
    path = tmp_path / "20250115.export.CSV.zip"
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("20250115.export.CSV", text)
    return path, text


@pytest.mark.parametrize("inflater", ["isal", "zlib"])
def test_a_member_is_inflated_as_zipfile_does_whatever_the_reads_and_seeks(tmp_path, monkeypatch, inflater):
    import zlib

    from stakeholders.events import zips

    if inflater == "zlib":
        monkeypatch.setattr(zips, "_zlib", zlib)
    else:
        assert zips._zlib.__name__ == "isal.isal_zlib"  # the events extra installs it
    path, text = _member(tmp_path)
    with zips.ZipMembers()._open(f"stakeholders-zip://{path}/20250115.export.CSV") as member:
        assert isinstance(member, zips.Inflating)
        assert member.read(10) == text[:10]
        assert member.read(5000) == text[10:5010]
        assert member.seek(3) == 3 and member.read(7) == text[3:10]  # back: inflated again from the start
        assert member.seek(100_000) == 100_000 and member.read() == text[100_000:]
        assert member.read() == b"" and member.tell() == len(text)
        buffer = bytearray(20)
        member.seek(0)
        assert member.readinto(buffer) == 20 and bytes(buffer) == text[:20]


def test_a_stored_member_is_read_by_zipfile(tmp_path):
    path, _ = _member(tmp_path, zipfile.ZIP_STORED)
    made = stakeholders.events_map(stakeholders.aggregate_events("gdelt", [path]))
    assert (made.read, made.collapsed) == (2000, 1999)  # one event reported 2,000 times


def test_a_member_whose_bytes_do_not_match_its_crc_is_one_error_line(runner, tmp_path):
    path, text = _member(tmp_path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("20250115.export.CSV")
    raw = bytearray(path.read_bytes())
    raw[info.header_offset + 14 : info.header_offset + 18] = b"\0\0\0\0"  # the local header's CRC: ignored
    central = raw.rindex(b"PK\x01\x02")
    raw[central + 16 : central + 20] = b"\1\2\3\4"  # the central directory's, which readers check
    path.write_bytes(bytes(raw))
    result = runner.invoke(cli, ["events", "gdelt", str(path), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 1, result.output
    assert result.stderr == "Error: cannot read the events: Bad CRC-32 for file '20250115.export.CSV'\n"
    assert not (tmp_path / "m.json").exists()
