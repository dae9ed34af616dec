"""Minutes in Word, HTML and markdown read like the same minutes as a PDF (issue 21).

One set of parish minutes, written for this test, is made in the test as a
PDF (reportlab, with a bordered action log), a .docx (python-docx), a web
page and a markdown file.  Each format's actions and resolutions must be
those of the PDF, and its action log must give actions.
"""
from __future__ import annotations

import pytest

pytest.importorskip("reportlab", reason="drawing the PDF needs reportlab (pip install -e '.[dev]')")

from extractors.pipeline import extract  # noqa: E402
from flows.reading import ConversionError, convert, format_of  # noqa: E402

TITLE = "Minutes of the meeting of Hatherley Green Parish Council held on Thursday 6 March 2025"
PARAGRAPHS = [
    "Present: Cllr A Moss (Chair), Cllr B Patel, Cllr C Owens. Clerk: D Reyes.",
    "25/31 Minutes of the previous meeting",
    "RESOLVED that the minutes of the meeting held on 6 February 2025 be approved as a correct record.",
    "25/32 Playground equipment",
    "Three quotes for replacing the swings were considered.",
    "RESOLVED that the quote of £2,400 from Greenway Play for the new swings be accepted.",
    "25/33 Actions from previous meeting",
]
LOG = [["Action No.", "Action", "Who", "By when", "Status"],
       ["Feb25.01", "Clerk to renew the village hall insurance", "Clerk", "31 March 2025", "Completed"],
       ["Feb25.02", "BP to obtain a quote for the bus shelter roof", "BP", "30 April 2025", "Outstanding"],
       ["Feb25.03", "CO to report the blocked drain on Mill Lane", "CO", "", "In progress"]]
CLOSING = "The meeting closed at 9.05pm. Next meeting: Thursday 3 April 2025."


def make_pdf(path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    table = Table(LOG)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONTSIZE", (0, 0), (-1, -1), 8)]))
    story = [Paragraph(TITLE, styles["Heading2"])]
    story += [Paragraph(p.replace("£", "&pound;"), styles["Normal"]) for p in PARAGRAPHS]
    story += [Spacer(1, 6), table, Spacer(1, 6), Paragraph(CLOSING, styles["Normal"])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def make_docx(path):
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=2)
    for p in PARAGRAPHS:
        document.add_paragraph(p)
    table = document.add_table(rows=len(LOG), cols=len(LOG[0]))
    table.style = "Table Grid"
    for r, row in enumerate(LOG):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.add_paragraph(CLOSING)
    document.save(str(path))
    return path


def make_html(path):
    rows = "\n".join("<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{cell}</{'th' if r == 0 else 'td'}>"
                                      for cell in row) + "</tr>" for r, row in enumerate(LOG))
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    path.write_text(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Minutes</title><script>var menu = "Home";</script></head>
<body><nav><a href="/">Home</a> &gt; <a href="/meetings">Meetings</a></nav>
<div class="mgContent"><h2>{TITLE}</h2>
{paragraphs}
<table class="mgTable">{rows}</table>
<p>{CLOSING}</p></div>
<footer>Copyright Hatherley Green Parish Council 2025</footer></body></html>""", encoding="utf-8")
    return path


def make_markdown(path):
    table = ["| " + " | ".join(LOG[0]) + " |", "|" + "---|" * len(LOG[0])]
    table += ["| " + " | ".join(row) + " |" for row in LOG[1:]]
    path.write_text("\n\n".join([f"## {TITLE}", *PARAGRAPHS, "\n".join(table), CLOSING]) + "\n", encoding="utf-8")
    return path


MAKERS = {"minutes.docx": make_docx, "minutes.html": make_html, "minutes.md": make_markdown}


def _found(path):
    paged = convert(path)
    found = extract(paged, "0123456789abcdef", source_name=path.name)
    actions = [(a.text, a.owner, a.due_date, a.status, a.minute) for a in found.records["actions"]]
    resolutions = [(r.text, r.vote) for r in found.records["resolutions"]]
    return paged, actions, resolutions


@pytest.fixture(scope="module")
def from_pdf(tmp_path_factory):
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "minutes.pdf")
    return _found(path)


def test_the_pdf_gives_the_logs_actions_and_both_resolutions(from_pdf):
    paged, actions, resolutions = from_pdf
    assert [a[4] for a in actions] == [row[0] for row in LOG[1:]]
    assert [a[1] for a in actions] == [row[2] for row in LOG[1:]]
    assert len(resolutions) == 2
    assert "6 February 2025" in resolutions[0][0] and "£2,400" in resolutions[1][0]


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_every_format_gives_the_pdfs_actions_and_resolutions(name, from_pdf, tmp_path):
    path = MAKERS[name](tmp_path / name)
    paged, actions, resolutions = _found(path)
    _pdf_paged, pdf_actions, pdf_resolutions = from_pdf
    assert actions == pdf_actions
    assert resolutions == pdf_resolutions
    # The log is one line per row with tab-separated cells, as from the PDF.
    assert "Feb25.02\tBP to obtain a quote for the bus shelter roof\tBP\t30 April 2025\tOutstanding" in paged.text


def test_web_page_navigation_scripts_and_footer_are_not_text(tmp_path):
    text = convert(make_html(tmp_path / "minutes.html")).text
    assert "Home" not in text and "var menu" not in text and "Copyright" not in text
    assert text.splitlines()[0] == TITLE


def test_word_numbering_header_and_footer(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Hatherley Green Parish Council – draft minutes, March 2025"
    document.add_paragraph("Apologies", style="List Number")
    document.add_paragraph("Declarations of interest", style="List Number")
    document.add_paragraph("Cllr Moss declared an interest in item 3.", style="List Bullet")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    paged = convert(path)
    assert paged.text.splitlines()[1:] == ["1. Apologies", "2. Declarations of interest",
                                           "• Cllr Moss declared an interest in item 3."]
    # The header is a running line: in the record, out of the flow of clauses.
    assert [line for _offset, line in paged.running_lines()] == [
        "Hatherley Green Parish Council – draft minutes, March 2025"]
    assert "draft minutes" not in paged.flow().text


def test_each_reader_names_its_format_and_bad_files_give_a_reason(tmp_path):
    assert [format_of(f"a{s}") for s in (".pdf", ".DOCX", ".htm", ".md", ".txt", ".doc")] == [
        "pdf", "docx", "html", "markdown", "text", ""]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConversionError, match="Word"):
        convert(broken)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home</nav></body></html>")
    with pytest.raises(ConversionError, match="no text"):
        convert(empty)
    with pytest.raises(ConversionError, match="unsupported file type '.doc'"):
        convert(tmp_path / "old.doc")


def test_a_folder_gives_every_format_read_and_counts_the_rest(tmp_path, capsys):
    from flows.cli import describe_unsupported
    from flows.pipeline import discover

    for name in ("a.pdf", "b.docx", "c.html", "d.md", "e.txt", "f.doc", "g.png", "~$b.docx"):
        (tmp_path / name).write_bytes(b"x")
    skipped = []
    found = discover([tmp_path], skipped)
    assert sorted(p.name for p in found) == ["a.pdf", "b.docx", "c.html", "d.md", "e.txt"]
    assert sorted(p.name for p in skipped) == ["f.doc", "g.png"]      # Word's lock file: neither
    assert describe_unsupported(skipped).startswith("skipped 2 unsupported files")


def test_word_pages_break_where_word_breaks_them_and_carry_header_and_footer(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "Signed as a correct record, 3 April 2025"
    document.add_paragraph("25/40 Apologies were received from Cllr Patel.")
    document.add_page_break()
    document.add_page_break()                           # two breaks in a row: no empty page
    p = document.add_paragraph("25/41 The clerk reported on the hedge.")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("25/42 The meeting closed.")
    path = tmp_path / "paged.docx"
    document.save(str(path))

    paged = convert(path)
    footer = "Signed as a correct record, 3 April 2025"
    assert [paged.page_text(n).splitlines() for n in range(1, paged.page_count + 1)] == [
        ["25/40 Apologies were received from Cllr Patel.", footer],
        ["25/41 The clerk reported on the hedge.", footer],
        ["25/42 The meeting closed.", footer]]
    found = extract(paged, "0123456789abcdef", source_name=path.name)
    assert [(d.text, d.page) for d in found.records["dates"]] == [("3 April 2025", n) for n in (1, 2, 3)]


def test_an_articles_own_header_is_kept_the_sites_is_not(tmp_path):
    page = tmp_path / "minutes.html"
    page.write_text("""<html><body><header>Council website – Search – Menu</header>
<main><article><header><h1>Minutes of the Planning Committee, 12 May 2025</h1></header>
<p>RESOLVED that the application be refused.</p></article></main>
<footer>Accessibility statement</footer></body></html>""", encoding="utf-8")
    assert convert(page).text.splitlines() == ["Minutes of the Planning Committee, 12 May 2025",
                                              "RESOLVED that the application be refused."]
