"""Spreadsheets in and out without losing or altering a cell."""

import csv
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stakeholders
from stakeholders.cli import cli
from stakeholders.errors import BadRowsError, DataError, FileTooLargeError
from stakeholders.export import export
from stakeholders.ingest.sheets import import_sheets, read_sheets

QUICK = settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FLAVORS = ["gephi", "kumu", "onodo"]

# Any character a UTF-8 file holds, but NUL (no CSV reader takes it) and lone surrogates (no UTF-8).
CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.text(CHARACTERS, min_size=1, max_size=30)
HOSTILE = st.sampled_from(["=1+1", "+cmd", "-2 minus", "@SUM(A1)", "'quoted", "''=x", '"Operation Epic", then', "a|b", "[x]", "\u202eevil", "line\nbreak", "nel\x85", "ls\u2028ps\u2029", " spaced ", "\ttab", "\rcr"])
TEXTS = st.one_of(TEXT, HOSTILE)
DATES = st.sampled_from([None, "2024", "2025-01", "2025-02-28"])
NUMBERS = st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False, width=64), st.booleans(), TEXTS)


def _strip(text):
    # What the model keeps of a text field that strips blanks; the generator offers only texts that survive it.
    return text.strip()


@st.composite
def maps(draw):
    count = draw(st.integers(2, 4))
    # Names may repeat and collide: Onodo's edge sheet names the ends, and its id columns tell them apart.
    actors = []
    for i in range(count):
        actors.append(
            {
                "id": f"a{i}",
                "name": _strip(draw(TEXTS)) or "x",
                "type": draw(st.sampled_from(["state", "person", "armed-group", "community"])),
                "aliases": [a for a in (_strip(a) for a in draw(st.lists(TEXTS, max_size=2))) if a],
                "description": draw(st.one_of(st.none(), TEXTS)),
                "country": draw(st.one_of(st.none(), st.sampled_from(["SYR", "ISR"]))),
                "tags": [t for t in (_strip(t) for t in draw(st.lists(TEXTS, max_size=2))) if t],
                "start": draw(DATES),
                "attributes": draw(st.dictionaries(TEXTS, NUMBERS, max_size=2)),
            }
        )
    sources = [
        {
            "id": "s1",
            "title": _strip(draw(TEXTS)) or "t",
            "publisher": draw(st.one_of(st.none(), TEXTS.map(_strip).filter(bool))),
            "date": draw(DATES),
            "url": draw(st.sampled_from([None, "https://example.org/a?b=c"])),
            "kind": draw(st.sampled_from(["article", "report", "dataset"])),
            "description": draw(st.one_of(st.none(), TEXTS)),
        }
    ]
    kinds = [
        {
            "id": "splinter",
            "label": draw(st.one_of(st.none(), TEXTS.map(_strip).filter(bool))),
            "polarity": draw(st.sampled_from([-1, 0, 1])),
            "directed": draw(st.booleans()),
            "cameo": draw(st.sampled_from([None, "0871"])),
            "goldstein": draw(st.sampled_from([None, -2.5, 0.0])),
            "aligns": draw(st.booleans()),
            "description": draw(st.one_of(st.none(), TEXTS)),
        }
    ]
    relations = []
    for i in range(draw(st.integers(1, 4))):
        source, target = draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=2, unique=True))
        relations.append(
            {
                "id": f"r{i}",
                "source": f"a{source}",
                "target": f"a{target}",
                "kind": draw(st.sampled_from(["support", "airstrike", "negotiation", "leads", "splinter"])),
                "polarity": draw(st.sampled_from([None, -1, 0, 1])),
                "directed": draw(st.sampled_from([None, True, False])),
                "mode": draw(st.sampled_from(["direct", "indirect"])),
                "via": [f"a{draw(st.integers(0, count - 1))}"] if draw(st.booleans()) else [],
                "status": draw(st.sampled_from([None, "ongoing", "ended"])),
                "start": draw(DATES),
                "weight": draw(st.one_of(st.none(), st.floats(0, 1))),
                "confidence": draw(st.one_of(st.none(), st.floats(0, 1))),
                "description": draw(st.one_of(st.none(), TEXTS)),
                "evidence": [{"source": "s1", "quote": _strip(q) or "q", "locator": draw(st.one_of(st.none(), st.just("p. 2")))} for q in draw(st.lists(TEXTS, max_size=2))],
                "tags": [t for t in (_strip(t) for t in draw(st.lists(TEXTS, max_size=2))) if t],
                "attributes": draw(st.dictionaries(TEXTS, NUMBERS, max_size=2)),
            }
        )
    clean = lambda record: {k: v for k, v in record.items() if v not in (None, [], {})}  # noqa: E731
    stories = [
        {
            "id": f"story-{n}",
            "title": _strip(draw(TEXTS)) or "t",
            "description": draw(st.one_of(st.none(), TEXTS.map(_strip).filter(bool))),
            "steps": [
                clean({
                    "title": _strip(draw(TEXTS)) or "step",
                    "text": draw(st.one_of(st.none(), TEXTS)),
                    "as_of": draw(DATES),
                    "focus": [f"a{i}" for i in draw(st.lists(st.integers(0, count - 1), max_size=2, unique=True))],
                    "relations": [f"r{i}" for i in draw(st.lists(st.integers(0, len(relations) - 1), max_size=2, unique=True))],
                })  # fmt: skip
                for _ in range(draw(st.integers(1, 3)))
            ],
        }
        for n in range(draw(st.integers(0, 2)))
    ]
    return stakeholders.from_dict(
        {
            "sources": [clean(s) for s in sources],
            "actors": [clean(a) for a in actors],
            "relations": [clean(r) for r in relations],
            "kinds": [clean(k) for k in kinds],
            "stories": [clean(s) for s in stories],
        }
    )


def _dumped(records):
    return sorted((r.model_dump(mode="json") for r in records), key=lambda r: r["id"])


def _round_trip(data, folder, flavor):
    written = export(data, "csv", folder, flavor=flavor)
    result = read_sheets(written)
    assert result.skipped == []
    back = result.dataset
    for section in ("actors", "relations", "sources", "kinds", "stories"):
        assert _dumped(getattr(back, section)) == _dumped(getattr(data, section)), section


@pytest.mark.parametrize("flavor", FLAVORS)
@QUICK
@given(data=maps())
def test_every_field_survives_export_and_import(tmp_path_factory, flavor, data):
    _round_trip(data, tmp_path_factory.mktemp("sheets"), flavor)


@pytest.mark.fuzz
@pytest.mark.parametrize("flavor", FLAVORS)
@LONG
@given(data=maps())
def test_every_field_survives_export_and_import_long(tmp_path_factory, flavor, data):
    _round_trip(data, tmp_path_factory.mktemp("sheets"), flavor)


TWO = {
    "actors": [{"id": "alpha", "name": "Alpha", "type": "armed-group"}, {"id": "beta", "name": "Beta", "type": "armed-group"}],
    "relations": [
        {"id": "r1", "source": "alpha", "target": "beta", "kind": "alliance", "description": 'Alpha joined "Operation Epic" with Beta, then left.'},
        {"id": "r2", "source": "beta", "target": "alpha", "kind": "hostility", "start": "2015"},
    ],
}


def test_a_quoted_description_comes_back_through_kumu(runner, tmp_path):
    data = stakeholders.from_dict(TWO)
    export(data, "csv", tmp_path / "kumu.zip", flavor="kumu")
    result = runner.invoke(cli, ["import", str(tmp_path / "kumu.zip"), "-o", str(tmp_path / "back.yaml")])
    assert result.exit_code == 0, result.output
    back = stakeholders.load(tmp_path / "back.yaml")
    assert [r.description for r in back.relations] == ['Alpha joined "Operation Epic" with Beta, then left.', None]


ROWS = [
    ["Source", "Target", "Type", "kind", "description"],
    ["alpha", "beta", "Directed", "alliance", 'joined "quoted"; with, commas'],
    ["beta", "alpha", "Directed", "hostility", "two\nlines"],
]
NODES = [["Id", "Label", "type"], ["alpha", "Alpha", "state"], ["beta", "Béta", "state"]]


def _python_csv(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _libreoffice(rows):
    # LibreOffice in a semicolon locale: every cell quoted, LF endings, no BOM.
    out = io.StringIO()
    csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _excel(rows):
    # Excel's "CSV UTF-8" in a semicolon locale: a BOM, CRLF endings, quotes only where needed.
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


@pytest.mark.parametrize(("writer", "delimiter"), [(_python_csv, "comma"), (_libreoffice, "semicolon"), (_excel, "semicolon")])
def test_sheets_from_python_libreoffice_and_excel_import_alike(tmp_path, writer, delimiter):
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_bytes(writer(NODES))
    edges.write_bytes(writer(ROWS))
    result = read_sheets([nodes, edges])
    assert result.skipped == []
    assert [(r["source"], r["target"], r["kind"], r["description"]) for r in result.data["relations"]] == [
        ("alpha", "beta", "alliance", 'joined "quoted"; with, commas'),
        ("beta", "alpha", "hostility", "two\nlines"),
    ]
    assert [a["name"] for a in result.data["actors"]] == ["Alpha", "Béta"]
    assert f"{edges}: read as CSV with the delimiter {delimiter}" in result.notes


def test_a_sheet_in_excel_s_old_encoding_needs_it_named(runner, tmp_path):
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_bytes("Id;Label;type\r\nalpha;Alpha;state\r\nbeta;Béta;state\r\n".encode("cp1252"))
    edges.write_bytes(b"Source;Target;Type;kind\r\nalpha;beta;Directed;alliance\r\n")
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", str(tmp_path / "map.yaml")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {nodes}: not UTF-8 text: byte 40 (0xe9) on line 3 cannot be decoded; if Excel saved it, try --encoding cp1252"
        " (or latin-1), or save it as CSV UTF-8\n"
    )
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", str(tmp_path / "map.yaml"), "--encoding", "cp1252"])
    assert result.exit_code == 0, result.output
    assert [a.name for a in stakeholders.load(tmp_path / "map.yaml").actors] == ["Alpha", "Béta"]
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", str(tmp_path / "x.yaml"), "--encoding", "klingon"])
    assert (result.exit_code, result.stderr) == (2, 'Error: unknown encoding "klingon"; for sheets saved by Excel try cp1252 or latin-1\n')


def test_a_forced_delimiter_is_used(tmp_path):
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("Id|Label|type\nalpha|Alpha, the first|state\nbeta|Beta|state\n", encoding="utf-8")
    edges.write_text("Source|Target|Type|kind\nalpha|beta|Directed|alliance\n", encoding="utf-8")
    result = read_sheets([nodes, edges], delimiter="pipe")
    assert result.data["actors"][0]["name"] == "Alpha, the first"


def test_a_self_loop_row_is_named_by_its_row(runner, tmp_path):
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("Id,Label,type\n619,Group 619,armed-group\n620,Group 620,armed-group\n", encoding="utf-8")
    edges.write_text("Source,Target,Type,kind\n619,620,Undirected,alliance\n\n619,619,Undirected,alliance\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", str(tmp_path / "map.yaml")])
    assert result.exit_code == 1
    # The blank line is row 3, as a spreadsheet shows it.
    assert result.stderr == (
        "Error: 1 bad row; nothing was written (--skip-bad-rows writes the other rows)\n"
        f'  {edges} row 4: source and target are the same actor "619"; a relation joins two actors\n'
    )
    assert not (tmp_path / "map.yaml").exists()


def test_rows_whose_every_kind_is_unknown_are_an_error_with_the_closest_kinds(tmp_path):
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("Id,Label\na,A\nb,B\n", encoding="utf-8")
    edges.write_text("Source,Target,kind\na,b,aliance\nb,a,rivalry\n", encoding="utf-8")
    with pytest.raises(BadRowsError) as caught:
        import_sheets([nodes, edges], tmp_path / "map.yaml")
    assert caught.value.rows == [
        f'{edges} row 2, column kind: unknown relation kind "aliance"; closest known kinds: alliance',
        f"{edges} row 3, column kind: unknown relation kind \"rivalry\"; declare it in a kinds sheet or see 'stakeholders kinds'",
    ]
    with pytest.raises(DataError) as caught:
        import_sheets([nodes, edges], tmp_path / "map.yaml", skip_bad_rows=True)
    assert str(caught.value) == "no relation could be imported from the edge sheets (2 bad rows); nothing was written"
    # A kinds sheet declares the sheet's own kinds.
    kinds = tmp_path / "kinds.csv"
    kinds.write_text("id,polarity,directed\nrivalry,hostile,false\naliance,cooperative,false\n", encoding="utf-8")
    result = import_sheets([nodes, edges, kinds], tmp_path / "map.yaml")
    assert [(r["kind"]) for r in result.data["relations"]] == ["aliance", "rivalry"]
    assert [k.id for k in stakeholders.load(tmp_path / "map.yaml").kinds] == ["rivalry", "aliance"]


def test_sheets_without_an_edge_sheet_are_an_error(tmp_path):
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("Id,Label\na,A\n", encoding="utf-8")
    links = tmp_path / "links.csv"
    links.write_text("Origin,Destination\na,a\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_sheets([nodes, links])
    assert str(caught.value) == (
        f"no edge sheet among the files (headers found: {nodes}: Id, Label; {links}: Origin, Destination);"
        " an edge sheet has Source and Target (Gephi, Onodo) or From and To (Kumu) columns"
    )


def test_size_limits_and_zip_bombs(tmp_path):
    big = tmp_path / "nodes.csv"
    big.write_text("Id,Label\n" + "a,A\n" * 100, encoding="utf-8")
    with pytest.raises(FileTooLargeError):
        read_sheets([big], max_bytes=100)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", "Id,Label\n" + "0" * (40 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(DataError) as caught:
        read_sheets([bomb])
    assert str(caught.value).startswith(f"{bomb}: nodes.csv expands ") and str(caught.value).endswith(" times over; refused as a zip bomb")
    with pytest.raises(DataError) as caught:
        read_sheets([bomb], max_bytes=1024 * 1024 * 1024 * 1024)
    assert "zip bomb" in str(caught.value)
    small = tmp_path / "small.zip"
    with zipfile.ZipFile(small, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", "Id,Label\n" + "a,A\n" * 1000)
    with pytest.raises(DataError) as caught:
        read_sheets([small], max_bytes=2000)
    assert str(caught.value) == f"{small}: expands to 4,009 bytes, above the limit of 2,000; set STAKEHOLDERS_MAX_BYTES to allow more"


def test_the_import_limit_follows_the_environment(runner, tmp_path, monkeypatch):
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("Id,Label\na,A\nb,B\n", encoding="utf-8")
    edges.write_text("Source,Target,kind\na,b,alliance\n", encoding="utf-8")
    monkeypatch.setenv("STAKEHOLDERS_MAX_BYTES", "10")
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", str(tmp_path / "map.yaml")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {nodes}: ")


def test_skip_bad_rows_writes_the_rest_and_lists_them(runner, tmp_path):
    nodes, edges = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    nodes.write_text("Id,Label\na,A\nb,B\n", encoding="utf-8")
    edges.write_text("Source,Target,kind,start,confidence\na,b,alliance,2025-02-30,\nb,a,hostility,2025,high\na,b,support,,0.5\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(nodes), str(edges), "-o", str(tmp_path / "map.yaml"), "--skip-bad-rows"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Wrote " + str(tmp_path / "map.yaml") + ": 2 actors, 1 relation, 0 sources"
    assert f"  {edges} row 2, column start: not a date: '2025-02-30' does not exist" in result.stdout.splitlines()
    assert f'  {edges} row 3, column confidence: "high" is not a number' in result.stdout.splitlines()
    assert [r.kind for r in stakeholders.load(tmp_path / "map.yaml").relations] == ["support"]


def test_text_that_yaml_alone_reads_as_a_line_break_comes_back(tmp_path):
    data = stakeholders.from_dict({**TWO, "relations": [{**TWO["relations"][0], "description": "a\x85b\u2028c\u2029d"}]})
    written = export(data, "csv", tmp_path / "sheets")
    import_sheets(written, tmp_path / "back.yaml")
    assert stakeholders.load(tmp_path / "back.yaml").relations[0].description == "a\x85b\u2028c\u2029d"
    assert json.dumps("a\x85b")  # the file holds escapes, not raw breaks
    assert "\\N" in (tmp_path / "back.yaml").read_text(encoding="utf-8")
