"""Crash safety: a till process killed with SIGKILL at random moments never loses or tears a sale.

A fork server (``crash_child.py --serve``) forks a worker per round; the worker sells (pending,
split tenders, no payment), collects, adjusts and voids in a loop, reporting each committed
document number after its commit. The test kills it at a random moment, then opens the file
as the app would and proves it whole: ``possuite check`` empty, gapless numbers with their
counters in step, nothing half-written, every reported document present.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_helpers import FIGURES, present_documents, read_reports, robust_option, seed_store, verify_file

HERE = Path(__file__).parent
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


class ForkServer:
    def __init__(self, stderr_path: Path) -> None:
        self.stderr = open(stderr_path, "w")  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "crash_child", "--serve"], cwd=HERE, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.stderr, text=True, bufsize=1,
        )

    def ask(self, line: str) -> str:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise AssertionError("the fork server died")
        return answer.strip()

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.proc.stdin.write("quit\n")
                self.proc.stdin.flush()
                self.proc.wait(10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.stderr.close()


def _wait_for_first_report(report: Path, pid: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if report.exists() and report.stat().st_size > 0:
            return
        time.sleep(0.002)
    raise AssertionError(f"worker {pid} reported nothing in {timeout:.0f} s")


def test_sigkill_at_random_moments_loses_and_tears_nothing(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    kills = robust_option(request.config, "kills")
    seed = robust_option(request.config, "crash_seed")
    seed = random.randrange(1_000_000) if seed is None else seed
    rng = random.Random(seed)
    db = tmp_path / "till.sqlite3"
    seed_store(db)
    reports = tmp_path / "reports"
    reports.mkdir()
    server = ForkServer(tmp_path / "children.stderr")
    promised: list[tuple[str, str]] = []
    early = 0
    started = time.monotonic()
    try:
        for i in range(kills):
            report = reports / f"run-{i:05d}.txt"
            pid = int(server.ask(f"run {db} {report} {rng.randrange(1 << 30)} {i}"))
            if rng.random() < 0.1:
                # Some kills land while the worker opens the file (WAL recovery, first reads).
                time.sleep(rng.uniform(0, 0.03))
                early += 1
            else:
                _wait_for_first_report(report, pid)
                time.sleep(rng.uniform(0.02, 0.2))
            os.kill(pid, signal.SIGKILL)
            status = int(server.ask(f"reap {pid}"))
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                errors = (tmp_path / "children.stderr").read_text()[-3000:]
                raise AssertionError(f"round {i} (seed {seed}): the worker stopped by itself "
                                     f"(status {status}) before the kill:\n{errors}")

            verdict = verify_file(db)
            promised += read_reports(report)
            present = present_documents(db)
            missing = [f"{k} {v}" for k, v in promised if v not in present[k]]
            assert verdict.findings == [], f"round {i} (seed {seed}): {verdict.findings}"
            assert missing == [], f"round {i} (seed {seed}): reported committed but not in the file: {missing[:5]}"
    finally:
        server.close()

    final = verify_file(db, full=True)
    assert final.findings == []
    elapsed = time.monotonic() - started
    by_kind = {k: sum(1 for kind, _ in promised if kind == k) for k in ("SAL", "RCP", "ADJ", "VOID", "CUST")}
    line = (f"crash safety: {kills} SIGKILLs ({early} during start-up), {len(promised)} operations committed "
            f"and reported ({', '.join(f'{k} {n}' for k, n in by_kind.items())}); in the file: "
            f"{final.counts['bills']} bills, {final.counts['payments']} payments, "
            f"{final.counts['adjustments']} adjustments; findings = {len(final.findings)}; "
            f"seed {seed}; {elapsed:.0f} s")
    FIGURES.append(line)
    print(line)
    assert len(promised) >= kills // 2, "the workers committed too little to prove anything"
