"""CSV sheets for Gephi, Kumu and Onodo: headers, cells, read back by the csv module."""

import csv
import io
import zipfile

import pytest

from stakeholders.export.spreadsheet import generate_csv, write_csv

from .export_helpers import hostile


def _rows(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def _sheets(data, flavor):
    return {name: _rows("".join(lines)) for name, lines in generate_csv(data, flavor).items()}


def test_gephi_headers_and_rows(syria):
    sheets = _sheets(syria, "gephi")
    nodes, edges = sheets["nodes.csv"], sheets["edges.csv"]
    assert nodes[0] == ["Id", "Label", "type", "country", "aliases", "description", "tags", "start", "end", "attributes", "codes", "influence"]
    assert edges[0] == [
        "Source", "Target", "Type", "Id", "Label", "Weight", "kind", "polarity", "mode", "via", "status", "start", "end",
        "confidence", "description", "evidence", "tags", "attributes",
    ]
    assert len(nodes) == 21 and len(edges) == 37
    assert [row[0] for row in nodes[1:]] == sorted(row[0] for row in nodes[1:])
    talks = next(row for row in edges if row[3] == "syria-israel-indirect-talks")
    assert talks[:13] == ["syrian-government", "israel", "Undirected", "syria-israel-indirect-talks", "negotiation", "", "negotiation", "cooperative", "indirect", "mediators", "ongoing", "2025-05", ""]
    clashes = next(row for row in edges if row[3] == "forces-druze-clashes")
    assert (clashes[2], clashes[5]) == ("Undirected", "0.8")
    sharaa = next(row for row in nodes if row[0] == "al-sharaa")
    assert sharaa[1:5] == ["Ahmed al-Sharaa", "person", "SYR", "al-Sharaa|President al-Sharaa|Syrian President|Abu Mohammad al-Jolani|أحمد الشرع"]
    assert sharaa[7] == "2025-01"


def test_kumu_headers(syria):
    sheets = _sheets(syria, "kumu")
    elements, connections = sheets["elements.csv"], sheets["connections.csv"]
    assert elements[0][:5] == ["ID", "Label", "Type", "Description", "Tags"]
    assert connections[0][:5] == ["From", "To", "Type", "Direction", "ID"]
    strike = next(row for row in connections if row[4] == "israel-airstrikes-syria")
    assert strike[:4] == ["israel", "syria", "airstrike", "directed"]


def test_onodo_headers_names_and_dates(syria):
    sheets = _sheets(syria, "onodo")
    nodes, relations = sheets["nodes.csv"], sheets["relations.csv"]
    assert nodes[0][:3] == ["Name", "Type", "Description"]
    assert relations[0][:8] == ["Source", "Type", "Target", "Directed", "At", "From", "To", "Description"]
    visit = next(row for row in relations if "al-sharaa-visits-france" in row)
    assert visit[:7] == ["Ahmed al-Sharaa", "visit", "France", "true", "2025-05-07", "", ""]
    strike = next(row for row in relations if "israel-airstrikes-syria" in row)
    assert strike[:7] == ["Israel", "airstrike", "Syria", "true", "", "2025-04", "2025-05"]


def test_formula_cells_are_defused():
    sheets = _sheets(hostile(), "gephi")
    names = {row[0]: row for row in sheets["nodes.csv"][1:]}
    assert names["b"][1] == "'=HYPERLINK(\"http://x\")"
    assert names["a"][4] == "x, y|=cmd()"  # only a cell's first character matters
    r4 = next(row for row in sheets["edges.csv"] if row[3] == "r4")
    assert r4[14] == "'-2 minus"


@pytest.mark.parametrize(
    ("flavor", "files"),
    [
        ("gephi", ["nodes.csv", "edges.csv", "sources.csv", "stories.csv", "positions.csv"]),
        ("kumu", ["elements.csv", "connections.csv", "sources.csv", "stories.csv", "positions.csv"]),
        ("onodo", ["nodes.csv", "relations.csv", "sources.csv", "stories.csv", "positions.csv"]),
    ],
)
def test_written_to_a_folder_or_a_zip(syria, tmp_path, flavor, files):
    folder = write_csv(syria, tmp_path / flavor, flavor)
    assert [p.name for p in folder] == files
    (archive,) = write_csv(syria, tmp_path / f"{flavor}.zip", flavor)
    with zipfile.ZipFile(archive) as z:
        assert z.namelist() == files
        assert [z.read(name) for name in files] == [p.read_bytes() for p in folder]
