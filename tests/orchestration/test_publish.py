"""publish(): the atomic swap, on a tiny working database (no dbt)."""
import json
import os

import duckdb

from orchestration.assets.publish import publish


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
    assert os.readlink(pub / "parquet").startswith("versions/")


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
    assert os.readlink(pub / "parquet") == os.path.join("versions", out["version_id"], "parquet")
    for name in ("chitieu.duckdb", "chitieu.xlsx"):
        # the top-level file IS the version's file (same inode), swapped in by one rename
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
        assert os.readlink(pub / "report") == os.path.join("versions", out["version_id"], "report")
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
