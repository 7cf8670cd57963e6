"""The print queue finds a document's jobs through an index: ``ix_print_jobs_document``

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07

Frozen: later changes are new revisions.

Three reads look a document's jobs up: whether a job is the document's first (the cash drawer opens on the
first print only, ``print_queue.FIRST_JOB``), a reprint finding the document's waiting job (``reprint``) and
``possuite queue`` listing a document's jobs (``jobs_for``). With only ``ix_print_jobs_store_status`` each of
them read every job of the store: a year at a busy counter queues about 219,000 jobs, and the first-print
question alone then cost about 33 ms of CPU per receipt. The index leads with the store and the document's
number (all ``jobs_for`` knows), then ``created_at``, so each read is a range of it already in the order the
reads ask for (created_at, then rowid, which every index entry ends with). The kind is left out: a column
after ``created_at`` would break the rowid order, and a number has a handful of jobs to check it on.
"""
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_print_jobs_document", "print_jobs",
                    ["store_id", "document_ref", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_print_jobs_document", table_name="print_jobs")
