"""Makes cambs-action-log-bordered.pdf: the action log rows of the Cambridgeshire
pack (corpora/text/cambs-ahc-2022-01-13-agenda-pack.txt) typeset as a bordered
table whose cells wrap, over two pages, as council action logs are printed;
and cambs-action-log-borderless.pdf: the same without borders, cells top-aligned.

Needs fpdf2, which is not a dependency (`pip install --target /tmp/x fpdf2`);
the PDF is committed, so tests do not run this.
"""
import re
from pathlib import Path
from fpdf import FPDF
src = open(Path(__file__).parents[3] / 'corpora/text/cambs-ahc-2022-01-13-agenda-pack.txt').read().split('\n')[475:486]
rows = []
for line in src:
    cells = line.split('\t')
    if re.match(r'\d', cells[0]) and len(cells) >= 6:
        cells = [re.sub(r'</?p>', ' ', c).strip() for c in cells[:7]] + [''] * (7 - len(cells[:7]))
        rows.append([" ".join(c.split()) for c in cells])
head = ["Minute No.", "Report Title", "Action to be taken by", "Action", "Comments", "Status", "Review Date"]


def make(name, **style):
    pdf = FPDF(orientation='L', format='A4')
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font('Helvetica', 'B', 12)
    pdf.cell(0, 8, 'ADULTS AND HEALTH COMMITTEE MINUTES-ACTION LOG', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font('Helvetica', '', 10)
    pdf.multi_cell(0, 5, 'This is the updated action log as at 5 January 2022 and captures the actions arising from the most recent Adults and Health Committee meeting.', new_x='LMARGIN', new_y='NEXT')
    pdf.ln(3)
    pdf.cell(0, 6, 'Meeting 24 June 2021', new_x='LMARGIN', new_y='NEXT')
    pdf.set_font('Helvetica', '', 9)
    def clean(s): return s.encode('latin-1', 'replace').decode('latin-1')
    with pdf.table(col_widths=(14, 30, 24, 60, 70, 18, 18), text_align='LEFT', line_height=4.5, **style) as table:
        for r in [head] + rows:
            row = table.row()
            for c in r: row.cell(clean(c))
    pdf.output(str(Path(__file__).with_name(name)))


make('cambs-action-log-bordered.pdf')
make('cambs-action-log-borderless.pdf', borders_layout='NONE', v_align='TOP')
