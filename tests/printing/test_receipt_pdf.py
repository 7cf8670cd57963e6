"""PDF receipts: roll width, the rupee sign as real text, rendered to PNG by poppler."""

# ruff: noqa: F811 - fixtures imported from printing_fixtures are redefined as test arguments
from __future__ import annotations

import shutil
import subprocess

import pytest
from printing_fixtures import posted  # noqa: F401 - pytest fixtures

from possuite.services import receipts

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftoppm, pdftotext) not installed")


@pytest.mark.parametrize(("width", "paper_mm"), [(32, 58), (42, 80), (48, 80)])
def test_pdf_receipt_has_text_with_rupee_sign_and_renders_at_roll_width(ctx, posted, tmp_path, width, paper_mm):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(receipts.receipt_pdf(ctx, posted.pending, width))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    assert "TOTAL" in text and "₹" in text
    assert "PENDING BALANCE: ₹600.00" in text
    assert posted.pending in text
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-singlefile", str(pdf), str(tmp_path / "r")], check=True,
                   timeout=60)
    from PIL import Image

    with Image.open(tmp_path / "r.png") as img:
        w, h = img.size
        assert abs(w - round(paper_mm / 25.4 * 72)) <= 2  # the page is as wide as the paper roll
        assert h > 1.5 * w  # one long slip, not an A4 page
        dark = sum(img.convert("L").histogram()[:128])
        assert dark > 2000  # ink on the page


def test_collection_pdf_names_the_bills_it_settled(ctx, posted, tmp_path):
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(receipts.receipt_pdf(ctx, posted.collection, 42))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    assert "PAYMENT RECEIPT" in text and posted.pending in text and "REMAINING BALANCE: ₹400.00" in text
