import os

import pytest

from stakeholders.atomic import write_atomic
from stakeholders.errors import DataError


def test_writes_text_as_utf8_and_bytes_as_they_are(tmp_path):
    path = write_atomic(tmp_path / "sub" / "out.txt", ["أحمد ", "الشرع", b"\n"])
    assert path.read_bytes() == "أحمد الشرع\n".encode()
    assert oct(os.stat(path).st_mode & 0o777) == "0o644"


def test_a_failure_midway_leaves_the_previous_file_intact(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("previous", encoding="utf-8")

    def chunks():
        yield "new start"
        raise RuntimeError("broken record")

    with pytest.raises(RuntimeError):
        write_atomic(path, chunks())
    assert path.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_an_unwritable_place_is_a_data_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataError) as info:
        write_atomic(blocker / "out.txt", ["x"])
    assert str(info.value).startswith(f"cannot write {blocker / 'out.txt'}: ")
