"""Customer balances as a PDF (A4 landscape): the summary cards, a bar chart of the outstanding amount
by aging bucket, and every customer who owes with their aging (``services.exports.BalancesExport``).

Written in ``report_language(store)`` (``reports/pdf_common.py``): English, or Hindi with every word
translated and its Devanagari shaped; the chart's own labels (reportlab graphics, not shaped) then
carry no words: its title sits in the legend beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from possuite.domain.money import format_money, western_digits
from possuite.domain.status import AGING_BUCKETS
from possuite.i18n import N_, SOURCE_LANGUAGE, translator
from possuite.printing.pdf import has_devanagari
from possuite.reports.pdf_common import (
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RED,
    RULE,
    RunningHeader,
    build_pdf,
    fmt_date,
    frame_width,
    in_report_digits,
    para,
    report_language,
    style,
    summary_cards,
)
from possuite.reports.rows import Row, RowsFlowable, cut
from possuite.services.exports import BalancesExport
from possuite.services.perf import REPORT, timed

# Customer | Phone | Balance | 0-30 | 31-60 | 61-90 | 90+ | Open bills | Oldest due | Last order | Last payment
COLS = [46 * mm, 30 * mm, 24 * mm, 21 * mm, 21 * mm, 21 * mm, 21 * mm, 13 * mm, 23 * mm, 23 * mm, 23 * mm]
HEADINGS = [N_("Customer"), N_("Phone"), N_("Balance"), "0-30", "31-60", "61-90", "90+", N_("Bills"),
            N_("Oldest due"), N_("Last order"), N_("Last payment")]
CHART_TITLE = N_("Outstanding by days past due")
BUCKET_COLOURS = [colors.HexColor("#90caf9"), colors.HexColor("#ffb74d"), colors.HexColor("#f57c00"),
                  colors.HexColor("#c62828")]


def aging_chart(export: BalancesExport, width: float, height: float = 55 * mm, lang: str = SOURCE_LANGUAGE) -> Drawing:
    """Bars of the outstanding amount per aging bucket, each labelled with its amount."""
    _ = translator(lang).gettext
    cur = export.store.currency
    values = [export.summary.aging.get(b, 0) for b in AGING_BUCKETS]
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=8)
    title = _(CHART_TITLE)
    words = not has_devanagari(title)   # a graphics String is not shaped: Devanagari goes in the legend
    if words:
        d.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    chart = VerticalBarChart()
    chart.x, chart.y = 48, 18
    chart.width, chart.height = width - 60, height - 40
    chart.data = [values]                    # int minor units; every label goes through format_money
    chart.categoryAxis.categoryNames = [f"{b} days" if words else b for b in AGING_BUCKETS]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(max(values) * 6 // 5, cur.minor_per_major)
    chart.valueAxis.labelTextFormat = lambda v: western_digits(format_money(int(v), cur))  # graphics: not shaped
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.bars.strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 18
    for i, col in enumerate(BUCKET_COLOURS):
        chart.bars[(0, i)].fillColor = col
    chart.barLabels.fontName = FONT_BOLD
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 7
    chart.barLabelFormat = lambda v: western_digits(format_money(int(v), cur))
    d.add(chart)
    return d


@timed(REPORT, "balances PDF")
@in_report_digits
def write_balances_pdf(export: BalancesExport, path: str | os.PathLike) -> Path:
    lang = report_language(export.store)
    _ = translator(lang).gettext
    cur = export.store.currency
    s = export.summary
    width = frame_width(landscape_pages=True)
    story: list = [para(_("Who owes what and since when, on {date}").format(date=fmt_date(export.generated_at, lang)),
                        style("sub", 9, color=MUTED, space_after=5))]
    story.append(summary_cards([
        (_("Total outstanding"), format_money(s.total_outstanding, cur), RED if s.total_outstanding else None),
        (_("Customers owing"), str(s.customers_owing), None),
        (_("Average balance"), format_money(s.average_balance, cur), None),
        (_("Overdue"), format_money(s.overdue, cur), RED if s.overdue else None),
    ], width))
    story.append(Spacer(1, 3 * mm))
    chart_w = width * 0.62
    legend = [para(_("Aging buckets count the days since each bill's due date; bills not yet due are in "
                     "0-30. A customer's balance is spread over the buckets of their open bills."),
                   style("legend", 8, color=MUTED, leading=11))]
    if has_devanagari(_(CHART_TITLE)):
        legend.insert(0, para(_(CHART_TITLE), style("chart-title", 9, bold=True, space_after=3)))
    for b in AGING_BUCKETS:
        legend.append(para(_("{bucket} days: {amount}").format(bucket=b, amount=format_money(s.aging.get(b, 0), cur)),
                           style(f"lg{b}", 8.5)))
    box = Table([[aging_chart(export, chart_w, lang=lang), legend]], colWidths=[chart_w, width - chart_w])
    box.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
    story += [box, Spacer(1, 4 * mm)]
    header = RunningHeader([_(h) for h in HEADINGS], COLS, right_from=2)
    story.append(header.table())
    rows: list[Row] = []
    for c in export.rows:
        colours = {2: RED}
        for i, b in enumerate(AGING_BUCKETS[1:], start=4):
            if c.aging.get(b, 0):
                colours[i] = RED
        name = c.name + ("" if c.active else " ({})".format(_("inactive")))
        if export.by_store:  # the hub's back office, every store: whose customer this is
            name = f"{name} · {c.store}"
        rows.append(Row([cut(name, COLS[0]), cut(c.phone_display, COLS[1]),
                         format_money(c.balance, cur),
                         *[format_money(c.aging.get(b, 0), cur) if c.aging.get(b, 0) else "-" for b in AGING_BUCKETS],
                         str(c.open_bills), fmt_date(c.oldest_due, lang), fmt_date(c.last_order, lang),
                         fmt_date(c.last_payment, lang)], colours=colours, rule_above=RULE, rule_width=0.3))
    if not rows:
        rows.append(Row([_("Nobody owes anything.")], color=MUTED))
    total_label = _("Total: {count} customers").format(count=s.customers_owing)
    rows.append(Row([total_label, "", format_money(s.total_outstanding, cur),
                     *[format_money(s.aging.get(b, 0), cur) for b in AGING_BUCKETS],
                     str(sum(c.open_bills for c in export.rows)), "", "", ""],
                    bold=True, shade=True, rule_above=MUTED, rule_width=1, size=8))
    story.append(RowsFlowable(COLS, rows, right_from=2))
    return build_pdf(path, story, store=export.store, title=_("Customer balances"),
                     subtitle=fmt_date(export.generated_at, lang), generated_at=export.generated_at,
                     landscape_pages=True,
                     running_header=header, lang=lang)
