"""`treatywatch serve` refuses a store that is not set up, and says how to set it up."""

from __future__ import annotations

import subprocess
import sys


def test_serve_on_a_store_not_set_up_says_how_to_fix_it(tmp_path):
    db = tmp_path / "none.db"
    result = subprocess.run(
        [sys.executable, "-m", "treatywatch", "serve", "--db", str(db), "--port", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "treatywatch db upgrade" in result.stderr
    assert "Traceback" not in result.stderr


def test_web_commands_have_help():
    for command in ("serve", "report", "digest"):
        result = subprocess.run([sys.executable, "-m", "treatywatch", command, "--help"],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "--db" in result.stdout
