"""Importing node and edge sheets: the CSV export comes back the same; foreign sheets are mapped and reported."""

import pytest
import yaml

import stakeholders
from stakeholders.errors import DataError, UsageError
from stakeholders.export import export
from stakeholders.ingest.sheets import import_sheets, read_sheets

from .export_helpers import hostile


def _same_map(original, back):
    key = lambda record: record["id"]  # noqa: E731
    assert sorted((a.model_dump() for a in back.actors), key=key) == sorted((a.model_dump() for a in original.actors), key=key)
    assert sorted((r.model_dump() for r in back.relations), key=key) == sorted((r.model_dump() for r in original.relations), key=key)


@pytest.mark.parametrize("flavor", ["gephi", "kumu", "onodo"])
@pytest.mark.parametrize("suffix", ["", ".zip"])
def test_csv_export_imports_back_the_same_map(syria, tmp_path, flavor, suffix):
    written = export(syria, "csv", tmp_path / f"sheets{suffix}", flavor=flavor)
    result = import_sheets(written, tmp_path / "back.yaml")
    assert result.skipped == []
    _same_map(syria, stakeholders.load(tmp_path / "back.yaml"))
    assert {(kind, tool) for _, kind, tool, _ in result.mappings} == {("nodes", flavor), ("edges", flavor), ("sources", "ours"), ("stories", "ours"), ("positions", "ours")}
    assert result.data["sources"] == [s.model_dump(exclude_defaults=True, mode="json") for s in syria.sources]


@pytest.mark.parametrize("flavor", ["gephi", "kumu", "onodo"])
def test_hostile_text_imports_back_the_same(tmp_path, flavor):
    data = hostile()
    written = export(data, "csv", tmp_path / "sheets", flavor=flavor)
    _same_map(data, read_sheets(written).dataset)


def test_the_flavor_is_told_by_the_headers(syria, tmp_path):
    for flavor in ("gephi", "kumu", "onodo"):
        written = export(syria, "csv", tmp_path / flavor, flavor=flavor)
        found = {kind: tool for _, kind, tool, _ in read_sheets(written).mappings}
        assert found == {"nodes": flavor, "edges": flavor, "sources": "ours", "stories": "ours", "positions": "ours"}


def test_the_report_says_how_columns_were_mapped(syria, tmp_path):
    written = export(syria, "csv", tmp_path / "gephi", flavor="gephi")
    mappings = {name.rsplit("/", 1)[-1]: pairs for name, _, _, pairs in read_sheets(written).mappings}
    assert mappings["edges.csv"][:6] == [("Source", "source"), ("Target", "target"), ("Type", "directed"), ("Id", "id"), ("Label", "ignored (derived)"), ("Weight", "weight")]
    assert mappings["nodes.csv"][:2] == [("Id", "id"), ("Label", "name")]


def test_foreign_kumu_sheets_are_mapped_and_bad_rows_skipped(write, tmp_path):
    elements = write(
        "elements.csv",
        """
        Label,Type,Description,Tags,Website
        Alpha,state,A state,big | old,https://a.example
        Béta,Organization,,,
        ,person,nameless,,
        Gamma,person,,,
        """,
    )
    connections = write(
        "connections.csv",
        """
        From,To,Type,Direction,Strength
        Alpha,Béta,sanctions,directed,high
        Beta,Gamma,friend,undirected,
        Alpha,Nobody,support,directed,
        Gamma,Alpha,negotiation,sideways,
        Gamma,Alpha,negotiation,undirected,
        """,
    )
    result = read_sheets([elements, connections])
    dataset = result.dataset
    assert [(a.id, a.name, a.type, a.tags, a.attributes) for a in dataset.actors] == [
        ("alpha", "Alpha", "state", ("big", "old"), {"Website": "https://a.example"}),
        ("beta", "Béta", "other", (), {"type": "Organization"}),
        ("gamma", "Gamma", "person", (), {}),
    ]
    assert [(r.source, r.kind, r.target, r.directed, r.attributes) for r in dataset.relations] == [
        ("alpha", "sanctions", "beta", True, {"Strength": "high"}),
        ("gamma", "negotiation", "alpha", False, {}),
    ]
    assert result.skipped == [
        f"{elements} row 4: no name or id",
        f"{connections} row 3, column Type: unknown relation kind \"friend\"; declare it in a kinds sheet or see 'stakeholders kinds'",
        f'{connections} row 4, column To: unknown actor "Nobody"',
        f'{connections} row 5, column Direction: "sideways" is not a direction; use directed or undirected',
    ]
    assert result.notes == [
        f"{elements}: read as CSV with the delimiter comma",
        f"{connections}: read as CSV with the delimiter comma",
        f'{elements} row 3: unknown actor type "Organization" read as other (the types: person, state, government, armed-group, '
        "political-party, community, intergovernmental-org, ngo, company, media, other); the sheet's word is kept in attributes.type",
    ]
    assert ("Website", "attributes.Website") in result.mappings[0][3]


def test_xlsx_workbooks_are_read(syria, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    nodes = book.active
    nodes.title = "Nodes"
    nodes.append(["Id", "Label", "type", "start"])
    nodes.append(["alpha", "Alpha", "state", 2025])
    nodes.append(["beta", "Beta", "armed-group", None])
    edges = book.create_sheet("Edges")
    edges.append(["Source", "Target", "Type", "kind", "confidence", "start"])
    edges.append(["alpha", "beta", "Directed", "airstrike", 0.5, "2025-03"])
    book.create_sheet("Notes")
    path = tmp_path / "map.xlsx"
    book.save(path)
    result = read_sheets([path])
    dataset = result.dataset
    assert [(a.id, str(a.start) if a.start else None) for a in dataset.actors] == [("alpha", "2025"), ("beta", None)]
    assert [(r.source, r.target, r.kind, r.confidence, str(r.start)) for r in dataset.relations] == [("alpha", "beta", "airstrike", 0.5, "2025-03")]
    assert result.notes == [f"{path}:Notes: empty, ignored"]


def test_the_written_dataset_is_yaml_and_never_replaced_without_force(syria, tmp_path):
    written = export(syria, "csv", tmp_path / "sheets")
    output = tmp_path / "map.yaml"
    import_sheets(written, output)
    data = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert data["meta"] == {"title": "Imported from nodes.csv, edges.csv, sources.csv, stories.csv, positions.csv", "name": "map"}
    assert data["sources"] == [s.model_dump(exclude_defaults=True, mode="json") for s in syria.sources]
    output.write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="map.yaml exists; use --force to replace it"):
        import_sheets(written, output)
    assert output.read_text(encoding="utf-8") == "keep me"
    import_sheets(written, output, force=True)
    assert stakeholders.load(output).name == "map"


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        (
            "nodes.csv",
            b"Id,Label\nalpha,\xff\n",
            DataError,
            "{tmp}/nodes.csv: not UTF-8 text: byte 15 (0xff) on line 2 cannot be decoded; if Excel saved it, try --encoding cp1252"
            " (or latin-1), or save it as CSV UTF-8",
        ),
        ("map.ods", b"", UsageError, "{tmp}/map.ods: cannot import .ods; give .csv, .zip or .xlsx files"),
        (
            "edges.csv",
            b"Source,Target,kind\na,b,support\n",
            DataError,
            "no node sheet among the files (headers found: {tmp}/edges.csv: Source, Target, kind); a node sheet has Id and Label"
            " (Gephi), Label (Kumu) or Name (Onodo) columns",
        ),
        ("broken.zip", b"not a zip", DataError, "{tmp}/broken.zip: cannot read: File is not a zip file"),
        ("broken.xlsx", b"not a workbook", DataError, "{tmp}/broken.xlsx: not a readable XLSX workbook: not a zip file"),
    ],
)
def test_unreadable_files_give_one_error(tmp_path, name, content, error, message):
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_sheets([path])
    assert str(caught.value) == message.format(tmp=tmp_path)


def test_a_missing_file(tmp_path):
    with pytest.raises(DataError) as caught:
        read_sheets([tmp_path / "nope.csv"])
    assert str(caught.value) == f"{tmp_path}/nope.csv: no such file"
