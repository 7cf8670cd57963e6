"""The owner's receipt-template folder: the shipped samples land there on first run; edits are kept."""

from __future__ import annotations

import json

from possuite.cli import main
from possuite.printing.template_folder import BUILTIN_DIR, MANIFEST, SAMPLES, install_samples, user_template_dir
from possuite.services import receipts
from testkit import sell

SHIPPED = ("sale.j2", "collection.j2", "credit.j2", "README.md")


def test_the_folder_is_receipts_beside_the_database_unless_one_is_named(tmp_path):
    assert user_template_dir(tmp_path / "shop.sqlite3") == tmp_path / "receipts"
    assert user_template_dir(tmp_path / "shop.sqlite3", tmp_path / "mine") == tmp_path / "mine"
    assert user_template_dir(None) is None


def test_first_run_copies_the_shipped_samples_byte_for_byte(tmp_path):
    folder = tmp_path / "receipts"
    written = install_samples(folder)
    assert sorted(p.name for p in written) == sorted(SHIPPED) == sorted(SAMPLES)
    for name in SHIPPED:
        assert (folder / name).read_bytes() == (BUILTIN_DIR / name).read_bytes(), name
    assert "Open receipt templates folder" in (folder / "README.md").read_text(encoding="utf-8")
    assert install_samples(folder) == []  # the second start writes nothing


def test_an_owner_edit_is_used_and_never_overwritten(ctx, tmp_path):
    folder = ctx.db_path.parent / "receipts"
    install_samples(folder)
    edited = '{{ center("MY SALON", big=True) }}\n{{ pair("TOTAL", money(r.total)) }}\n'
    (folder / "sale.j2").write_text(edited, encoding="utf-8")
    sale = sell(ctx, None, 50000, pay=[("cash", 50000)])
    assert receipts.sale_receipt_text(ctx, sale.number, 32).splitlines()[0].strip() == "MY SALON"

    assert install_samples(folder) == []  # a later start (or a newer version) keeps the edit
    assert (folder / "sale.j2").read_text(encoding="utf-8") == edited
    assert receipts.sale_receipt_text(ctx, sale.number, 32).splitlines()[0].strip() == "MY SALON"


def test_an_unedited_copy_follows_a_newer_sample_and_a_deleted_one_stays_deleted(tmp_path):
    folder = tmp_path / "receipts"
    install_samples(folder)
    # As if an older version had shipped (and copied) a different sale.j2 that the owner never edited.
    old = b'{{ center("OLD SAMPLE") }}\n'
    (folder / "sale.j2").write_bytes(old)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["sale.j2"] = __import__("hashlib").sha256(old).hexdigest()
    (folder / MANIFEST).write_text(json.dumps(manifest))
    (folder / "collection.j2").unlink()  # the owner went back to the built-in collection receipt

    assert [p.name for p in install_samples(folder)] == ["sale.j2"]
    assert (folder / "sale.j2").read_bytes() == (BUILTIN_DIR / "sale.j2").read_bytes()
    assert not (folder / "collection.j2").exists()


def test_a_template_the_owner_put_there_before_the_first_run_is_kept(tmp_path):
    folder = tmp_path / "receipts"
    folder.mkdir()
    (folder / "sale.j2").write_text("{{ center(store.name) }}\n", encoding="utf-8")
    written = install_samples(folder)
    assert "sale.j2" not in [p.name for p in written]
    assert (folder / "sale.j2").read_text(encoding="utf-8") == "{{ center(store.name) }}\n"


def test_possuite_init_creates_the_owners_folder_beside_the_database(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("POSSUITE_RECEIPTS", raising=False)
    db = tmp_path / "shop" / "shop.sqlite3"
    assert main(["--db", str(db), "init", "--store", "Glow Salon", "--owner", "Asha", "--pin", "1234"]) == 0
    for name in SHIPPED:
        assert (db.parent / "receipts" / name).read_bytes() == (BUILTIN_DIR / name).read_bytes()


def test_possuite_receipts_names_the_folder_for_every_command(tmp_path, monkeypatch, capsys):
    mine = tmp_path / "my templates"
    monkeypatch.setenv("POSSUITE_RECEIPTS", str(mine))
    monkeypatch.setenv("POSSUITE_NOW", "2026-11-01T10:00:00")
    db = tmp_path / "shop.sqlite3"
    assert main(["--db", str(db), "init", "--store", "Glow Salon", "--owner", "Asha", "--pin", "1234"]) == 0
    assert (mine / "sale.j2").exists() and not (tmp_path / "receipts").exists()
    (mine / "sale.j2").write_text('{{ center("FROM MY FOLDER") }}\n', encoding="utf-8")
    assert main(["--db", str(db), "sell", "--line-custom", "Haircut=500", "--pay", "cash:500"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "receipt", "SAL-26-0001", "--width", "32"]) == 0
    assert capsys.readouterr().out.strip() == "FROM MY FOLDER"
