"""publish(): one version per publication, published by one rename, on a tiny working database (no dbt)."""
import json
import os
import shutil
import stat

import duckdb
import pytest

from orchestration.assets import publish as publish_module
from orchestration.assets.publish import STABLE_NAMES, prune_versions, publish


def _working(db, n):
    con = duckdb.connect(str(db))
    con.execute("create schema if not exists marts")
    con.execute(f"create or replace table marts.fct_indicator_value as select range as observation_id from range({n})")
    con.execute("create or replace table marts.quarantine as select 'x' as reason")
    con.close()


def test_publish_swaps_file_and_symlink_and_prunes(tmp_path):
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    seen = []
    for n in (3, 5, 7, 9, 11):
        _working(db, n)
        out = publish(db, pub, run_id=f"r{n}")
        seen.append(out["version_id"])
        con = duckdb.connect(str(pub / "chitieu.duckdb"), read_only=True)
        assert con.execute("select count(*) from marts.fct_indicator_value").fetchall()[0][0] == n
        assert con.execute("select version_id from meta.publication").fetchall()[0][0] == out["version_id"]
        con.close()
        assert (pub / "parquet").is_symlink()
        manifest = json.loads((pub / "parquet" / "_publication.json").read_text())
        assert manifest["row_counts"]["fct_indicator_value"] == n
    versions = sorted(p.name for p in (pub / "versions").iterdir())
    assert versions == sorted(seen[-3:])
    assert not list(pub.glob(".staging-*"))


def test_leftovers_of_a_killed_publish_are_cleaned_and_old_publication_kept(tmp_path):
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 2)
    publish(db, pub)
    (pub / ".staging-dead.duckdb").write_bytes(b"partial")
    before = (pub / "chitieu.duckdb").read_bytes()
    assert before  # the old publication is still a complete file
    _working(db, 4)
    publish(db, pub)
    assert not (pub / ".staging-dead.duckdb").exists()
    assert os.readlink(pub / "parquet") == os.path.join("current", "parquet")


def test_published_file_is_in_the_v1_1_storage_format(tmp_path):
    """DuckDB's header: magic 'DUCK' at byte 8, storage version at bytes 12–20. 64 is the format
    DuckDB 1.1 reads; DuckDB 2.0's default format (what the file had before) is refused by it."""
    import struct

    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 3)
    publish(db, pub)
    header = (pub / "chitieu.duckdb").read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert struct.unpack("<Q", header[12:20])[0] == 64


def test_one_version_dir_holds_the_duckdb_file_parquet_and_workbook(tmp_path):
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 3)
    first = publish(db, pub)
    old_xlsx = open(pub / "chitieu.xlsx", "rb")  # a reader holding the old workbook open
    _working(db, 6)
    out = publish(db, pub)
    version = pub / "versions" / out["version_id"]
    assert os.readlink(pub / "current") == os.path.join("versions", out["version_id"])
    for name in STABLE_NAMES:  # every stable name is a symlink through `current`, never changed by a publication
        assert os.readlink(pub / name) == os.path.join("current", name)
    for name in ("chitieu.duckdb", "chitieu.xlsx"):
        # the top-level name opens the version's file, through `current`
        assert os.path.samefile(pub / name, version / name)
        assert os.path.samefile(pub / "current" / name, version / name)
    assert out["excel"] == str(pub / "chitieu.xlsx")
    con = duckdb.connect(str(pub / "current" / "chitieu.duckdb"), read_only=True)
    assert con.execute("select version_id from meta.publication").fetchall()[0][0] == out["version_id"]
    con.close()
    # the reader of the previous workbook still reads a whole file: the swap replaced the name, not the bytes
    assert old_xlsx.read(2) == b"PK" and os.path.getsize(pub / "versions" / first["version_id"] / "chitieu.xlsx") > 0
    old_xlsx.close()
    assert not list(pub.glob(".staging-*"))


def _fake_report(calls):
    """A report writer that records what it was given (the real one is tested on the seeds' publication)."""
    def write(staged_db, out_dir):
        con = duckdb.connect(str(staged_db), read_only=True)
        version = con.execute("select version_id from meta.publication").fetchall()[0][0]
        con.close()
        out_dir.mkdir()
        (out_dir / "index.html").write_text(version)
        (out_dir / "_report.json").write_text(json.dumps({"version_id": version}))
        calls.append(version)
        return {"version_id": version, "build_seconds": 0.0}
    return write


def test_the_report_is_built_from_the_staged_file_and_swapped_with_it(tmp_path):
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    calls = []
    for n in (2, 3, 4, 5):
        _working(db, n)
        out = publish(db, pub, report=_fake_report(calls))
        assert calls[-1] == out["version_id"]
        assert os.readlink(pub / "current") == os.path.join("versions", out["version_id"])
        assert os.readlink(pub / "report") == os.path.join("current", "report")
        assert (pub / "report" / "index.html").read_text() == out["version_id"]
        assert out["report"]["index"] == str(pub / "report" / "index.html")
    assert sorted(p.name for p in (pub / "versions").iterdir()) == sorted(calls[-3:])  # pruned with its version


def test_a_failing_report_publishes_nothing(tmp_path):
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 2)
    first = publish(db, pub, report=_fake_report([]))

    def broken(staged_db, out_dir):
        out_dir.mkdir()
        (out_dir / "index.html").write_text("half")
        raise RuntimeError("template error")

    _working(db, 7)
    try:
        publish(db, pub, report=broken)
    except RuntimeError:
        pass
    else:
        raise AssertionError("publish swallowed the report's failure")
    con = duckdb.connect(str(pub / "chitieu.duckdb"), read_only=True)
    assert con.execute("select version_id from meta.publication").fetchall()[0][0] == first["version_id"]
    con.close()
    assert (pub / "report" / "index.html").read_text() == first["version_id"]
    publish(db, pub, report=_fake_report([]))  # the next publication cleans the leftovers
    assert not list(pub.glob(".staging-*"))


def _workbook_that_fails(db, out, *args, **kwargs):
    """(module level: a spawned process imports it by name)"""
    out.write_bytes(b"PK half a workbook")
    raise OSError("disk full")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the workbook gets a process of its own only with two cores")
def test_a_workbook_written_beside_the_report_is_the_versions_and_its_failure_publishes_nothing(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setattr(publish_module, "WORKBOOK_PROCESS_MIN_ROWS", 0)  # every publication takes that path
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 5)
    out = publish(db, pub, report=_fake_report([]))
    sheet = openpyxl.load_workbook(pub / "chitieu.xlsx", read_only=True)["fct_indicator_value"]
    assert [r[0] for r in sheet.iter_rows(min_row=3, values_only=True)] == [0, 1, 2, 3, 4]
    assert os.path.samefile(pub / "chitieu.xlsx", pub / "versions" / out["version_id"] / "chitieu.xlsx")

    monkeypatch.setattr(publish_module, "write_workbook", _workbook_that_fails)
    _working(db, 9)
    with pytest.raises(OSError, match="disk full"):
        publish(db, pub, report=_fake_report([]))
    con = duckdb.connect(str(pub / "chitieu.duckdb"), read_only=True)
    assert con.execute("select version_id from meta.publication").fetchall()[0][0] == out["version_id"]
    con.close()
    assert not list(pub.glob(".staging-*"))


# ------------------------------------------------------------------ what a reader can see, at every step
def _version_seen(pub, name):
    """The version id the part `name` shows when opened through its stable path, or None if absent."""
    import openpyxl

    from orchestration.assets.publication_excel import CONTENTS_SHEET

    path = pub / name
    if name == "chitieu.duckdb":
        if not path.exists():
            return None
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute("select version_id from meta.publication").fetchall()[0][0]
        finally:
            con.close()
    if name == "chitieu.xlsx":
        if not path.exists():
            return None
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            rows = {r[0]: r[1] for r in wb[CONTENTS_SHEET].iter_rows(values_only=True) if r and r[0]}
        finally:
            wb.close()
        return rows["Phiên bản công bố / Publication version"]
    manifest = path / ("_publication.json" if name == "parquet" else "_report.json")
    return json.loads(manifest.read_text())["version_id"] if manifest.exists() else None


def _view(pub) -> dict:
    return {name: _version_seen(pub, name) for name in STABLE_NAMES}


class Watch:
    pub = None  # the published dir to look at (None: not yet)

    def __init__(self):
        self.states: list[dict] = []


@pytest.fixture
def watched(monkeypatch):
    """Every rename, link, unlink and removal publish() makes is followed by a look through the stable
    paths, as a reader at that instant would see them: `states` collects what was seen."""
    watch, busy = Watch(), []

    def wrap(fn):
        def call(*args, **kwargs):
            result = fn(*args, **kwargs)
            if not busy and watch.pub is not None:
                busy.append(1)
                try:
                    watch.states.append(_view(watch.pub))
                finally:
                    busy.pop()
            return result
        return call

    for name in ("replace", "rename", "symlink", "link", "unlink", "rmdir"):
        monkeypatch.setattr(os, name, wrap(getattr(os, name)))
    return watch


def _assert_never_mixed(states, allowed):
    """Every state shows the parts present as ONE version, and only versions in `allowed`."""
    assert states, "publish() made no file-system call the test could see"
    for i, state in enumerate(states):
        seen = {v for v in state.values() if v is not None}
        assert len(seen) <= 1, f"state {i}: a reader sees a mix of versions {state}"
        assert seen <= allowed, f"state {i}: {state}"


def test_a_reader_never_sees_parts_of_two_versions(tmp_path, watched):
    """After every file-system step of every publication, the DuckDB file, the workbook, the Parquet
    manifest and the report, each read through its stable path, name the same version: the old one
    until the one rename of `current`, the new one from then on (the previous design renamed the
    DuckDB file, the workbook, the parquet link and the report link one after the other)."""
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    watched.pub = pub
    published = []
    for n in (2, 3, 4, 5, 6):
        _working(db, n)
        before = len(watched.states)
        out = publish(db, pub, report=_fake_report([]))
        states = watched.states[before:]
        _assert_never_mixed(states, set(published[-1:]) | {out["version_id"]})
        # the swap really happened inside the watched steps, and afterwards every part is the new version
        assert states[-1] == {name: out["version_id"] for name in STABLE_NAMES}
        if published:
            assert states[0] == {name: published[-1] for name in STABLE_NAMES}
        published.append(out["version_id"])
    assert sorted(p.name for p in (pub / "versions").iterdir()) == published[-3:]


def test_the_first_publication_over_an_older_layout_is_one_swap_too(tmp_path, watched):
    """The layout main published before (chitieu.duckdb a file of its own; parquet and report links
    into versions/<id>/; no `current`) is adopted without a reader seeing a mix."""
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 2)
    old = publish(db, pub, report=_fake_report([]))["version_id"]
    # rewrite it as the older layout
    version = pub / "versions" / old
    os.unlink(pub / "current")
    for name in STABLE_NAMES:
        os.unlink(pub / name)
    shutil.copy2(version / "chitieu.duckdb", pub / "chitieu.duckdb")
    os.chmod(version / "chitieu.duckdb", 0o644)
    os.unlink(version / "chitieu.duckdb")
    os.unlink(version / "chitieu.xlsx")
    os.symlink(os.path.join("versions", old, "parquet"), pub / "parquet")
    os.symlink(os.path.join("versions", old, "report"), pub / "report")
    assert _view(pub) == {"chitieu.duckdb": old, "chitieu.xlsx": None, "parquet": old, "report": old}

    watched.pub = pub
    _working(db, 5)
    out = publish(db, pub, report=_fake_report([]))
    _assert_never_mixed(watched.states, {old, out["version_id"]})
    assert watched.states[-1] == {name: out["version_id"] for name in STABLE_NAMES}
    for name in STABLE_NAMES:
        assert os.readlink(pub / name) == os.path.join("current", name)
    assert (pub / "versions" / old / "chitieu.duckdb").exists()  # the old version is whole in its directory


@pytest.mark.parametrize("failing", ["report", "workbook", "duckdb"])
def test_a_failing_part_publishes_nothing_and_leaves_the_old_set(tmp_path, watched, monkeypatch, failing):
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 2)
    first = publish(db, pub, report=_fake_report([]))["version_id"]
    versions_before = sorted(p.name for p in (pub / "versions").iterdir())

    report = _fake_report([])
    if failing == "report":
        def report(staged_db, out_dir):
            out_dir.mkdir()
            (out_dir / "_report.json").write_text(json.dumps({"version_id": "half"}))
            raise RuntimeError("template error")
    elif failing == "workbook":
        def broken_workbook(db, out, *args, **kwargs):
            out.write_bytes(b"PK half a workbook")
            raise OSError("disk full")
        monkeypatch.setattr(publish_module, "write_workbook", broken_workbook)
    else:
        _working(db, 4)  # a mart that cannot be read: a view whose table is gone
        con = duckdb.connect(str(db))
        con.execute("drop table marts.quarantine")
        con.execute("create table marts.gone as select 1 as x")
        con.execute("create view marts.quarantine as select * from marts.gone")
        con.execute("drop table marts.gone")
        con.close()

    watched.pub = pub
    with pytest.raises(Exception):
        publish(db, pub, report=report)
    _assert_never_mixed(watched.states or [_view(pub)], {first})
    assert _view(pub) == {name: first for name in STABLE_NAMES}
    assert sorted(p.name for p in (pub / "versions").iterdir()) == versions_before
    assert not list(pub.glob(".staging-*"))  # the failed version's files are gone already


def test_pruning_keeps_current_and_readers_of_a_pruned_version_keep_reading(tmp_path):
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 2)
    first = publish(db, pub, report=_fake_report([]))["version_id"]
    # a reader that opened the first version through the stable paths and holds it
    con = duckdb.connect(str(pub / "chitieu.duckdb"), read_only=True)
    xlsx = open(pub / "chitieu.xlsx", "rb")
    parquet = open(pub / "parquet" / "fct_indicator_value.parquet", "rb")
    ids = [first]
    for n in (3, 4, 5, 6):
        _working(db, n)
        ids.append(publish(db, pub, report=_fake_report([]))["version_id"])
    assert not (pub / "versions" / first).exists()  # pruned (newest 3 kept) ...
    # ... and the reader still reads the whole first version
    assert con.execute("select version_id, (select count(*) from marts.fct_indicator_value) "
                       "from meta.publication").fetchall()[0] == (first, 2)
    con.close()
    assert xlsx.read(2) == b"PK" and parquet.read(4) == b"PAR1"
    xlsx.close()
    parquet.close()

    # rolled back by hand to an old version: pruning never removes the one `current` points at
    rollback = ids[-3]
    tmp = pub / ".rollback.link"
    os.symlink(os.path.join("versions", rollback), tmp)
    os.replace(tmp, pub / "current")
    assert prune_versions(pub, keep=1) == [ids[-2]]
    assert sorted(p.name for p in (pub / "versions").iterdir()) == [rollback, ids[-1]]
    assert _view(pub) == {name: rollback for name in STABLE_NAMES}


def test_published_files_are_read_only_and_a_stray_wal_is_removed(tmp_path):
    """A client opening the DuckDB file read-write by mistake is refused (mode 0444) instead of
    changing a published version; a WAL beside the stable name (older DuckDB clients put it next to
    the name they opened) would be replayed into the next version, so publishing removes it."""
    db, pub = tmp_path / "w.duckdb", tmp_path / "published"
    _working(db, 2)
    out = publish(db, pub, report=_fake_report([]))
    version = pub / "versions" / out["version_id"]
    files = [p for p in version.rglob("*") if p.is_file()]
    assert {"chitieu.duckdb", "chitieu.xlsx", "fct_indicator_value.parquet", "_publication.json", "index.html"} \
        <= {p.name for p in files}
    for p in files:
        assert not stat.S_IMODE(p.stat().st_mode) & 0o222, p
    (pub / "chitieu.duckdb.wal").write_bytes(b"a client's writes to the old version")
    _working(db, 3)
    publish(db, pub, report=_fake_report([]))
    assert not (pub / "chitieu.duckdb.wal").exists()
    assert duckdb.connect(str(pub / "chitieu.duckdb"), read_only=True).execute(
        "select count(*) from marts.fct_indicator_value").fetchall()[0][0] == 3
