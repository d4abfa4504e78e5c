"""The local cloud's SQLite guard, in the OpenStack venv, with real oslo.db engines.

Nova and Cinder run several processes on one SQLite file; oslo.db's
transactions read first and write later, which makes such processes
fail with "database is locked".  ``runtime/localcloud_sqlite.py`` must
let them all commit.  This needs the OpenStack venv that ``tools/cloud.py
ensure`` builds; without it the test fails (it is never skipped).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

from localcloud import venvs  # noqa: E402

WRITERS = 3
ROUNDS = 40

_WRITER = """
import sys, time
import localcloud_sqlite
localcloud_sqlite.install()
import sqlalchemy
from oslo_db.sqlalchemy import engines

engine = engines.create_engine(sys.argv[1])
for n in range(int(sys.argv[3])):
    with engine.begin() as conn:
        count = conn.execute(sqlalchemy.text("SELECT count(*) FROM rows")).scalar()
        time.sleep(0.002)
        conn.execute(
            sqlalchemy.text("INSERT INTO rows (writer, seen) VALUES (:w, :s)"),
            {"w": sys.argv[2], "s": count},
        )
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def openstack_python() -> Path:
    venv = venvs.venv_path("openstack", TOOLS.parent)
    python = venv / "bin" / "python"
    if not python.exists():
        pytest.fail(f"no OpenStack venv at {venv}: run `python3 tools/cloud.py ensure`")
    return python


def test_several_processes_commit_read_then_write_transactions(
    openstack_python: Path, tmp_path: Path
) -> None:
    database = tmp_path / "shared.sqlite"
    url = f"sqlite:///{database}"
    setup = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    setup += "c.execute('CREATE TABLE rows (writer TEXT, seen INTEGER)'); c.commit()"
    subprocess.run([str(openstack_python), "-c", setup, str(database)], check=True, timeout=60)
    env = {"PYTHONPATH": str(TOOLS / "localcloud" / "runtime"), "PATH": "/usr/bin:/bin"}
    writers = [
        subprocess.Popen(
            [str(openstack_python), "-c", _WRITER, url, str(n), str(ROUNDS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
        )
        for n in range(WRITERS)
    ]
    outputs = [w.communicate(timeout=240)[0].decode(errors="replace") for w in writers]
    for writer, output in zip(writers, outputs):
        assert writer.returncode == 0, output[-3000:]
        assert "database is locked" not in output
    check = "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
    check += "'SELECT count(*), count(DISTINCT seen) FROM rows').fetchone())"
    done = subprocess.run(
        [str(openstack_python), "-c", check, str(database)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    total = WRITERS * ROUNDS
    # Every transaction saw every earlier commit: the counts seen are 0..total-1.
    assert done.stdout.strip() == f"({total}, {total})"
