"""Build the two PDF documents of the unseen-styles set (reportlab).

Run once by hand: `.venv/bin/python tests/data/unseen/make_pdfs.py`; the PDFs are
committed, so tests never need reportlab at run time.
"""
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).parent
STYLES = getSampleStyleSheet()


def build(name, blocks):
    doc = SimpleDocTemplate(str(HERE / name), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm)
    flow = []
    for kind, value in blocks:
        if kind == "table":
            cells = [[Paragraph(c, STYLES["BodyText"]) for c in row] for row in value]
            t = Table(cells, repeatRows=1, colWidths=[170 * mm / len(value[0])] * len(value[0]))
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            flow.append(t)
        else:
            flow.append(Paragraph(value, STYLES[kind]))
        flow.append(Spacer(1, 4))
    doc.build(flow)


def P(text):
    return ("BodyText", text)


def H(text):
    return ("Heading3", text)


build("aldwick-fenmere-ca-2026-02-04-decision-notice.pdf", [
    ("Title", "ALDWICK AND FENMERE COMBINED AUTHORITY"),
    H("RECORD OF DECISION BY A PORTFOLIO HOLDER"),
    P("Decision reference: AFCA/PH/2026/014"),
    P("Decision maker: Portfolio Holder for Transport and Infrastructure"),
    P("Date of decision: 4 February 2026"),
    P("Subject: Bus Service Improvement Plan – allocation of the 2026/27 grant"),
    P("Key decision: Yes – included in the Forward Plan published on 2 January 2026"),
    H("Decision:"),
    P("As Portfolio Holder for Transport and Infrastructure, I have decided to:"),
    P("APPROVE the allocation of £3,420,000 of Bus Service Improvement Plan grant to the schemes listed in Annex 1;"),
    P("AUTHORISE the Director of Transport to enter into funding agreements with the constituent councils for the schemes in Annex 1;"),
    P("DELEGATE to the Director of Transport, in consultation with the Chief Finance Officer, the power to reallocate up to £250,000 between schemes where delivery is delayed; and"),
    P("NOTE that a progress report will be presented to the Transport Committee in October 2026."),
    H("Reasons for the decision:"),
    P("The allocation follows the assessment of bids against the criteria agreed by the Transport Committee on 20 November 2025. The four schemes scored highest for patronage growth and value for money."),
    H("Alternative options considered and rejected:"),
    P("Holding the grant centrally for a single region-wide fares scheme was rejected because it would not address the reliability problems on the busiest corridors."),
    P("Conflicts of interest declared: None."),
    P("Dispensations granted: None."),
    P("Signed: Portfolio Holder for Transport and Infrastructure. Date: 4 February 2026"),
    H("Annex 1 – Schemes"),
    ("table", [["Scheme", "Council", "Allocation"],
               ["Fenmere bus priority corridor", "Fenmere District Council", "£1,600,000"],
               ["Aldwick interchange real-time information", "Aldwick Borough Council", "£420,000"],
               ["Rural demand-responsive service", "Marrowby District Council", "£900,000"],
               ["Fare cap extension", "All", "£500,000"]]),
])

build("wrenfield-nhs-board-2026-01-29-minutes.pdf", [
    ("Title", "Wrenfield Teaching Hospitals NHS Foundation Trust"),
    H("Minutes of the Board of Directors meeting held in public"),
    P("Thursday 29 January 2026, 10:00, Boardroom, Wrenfield General Hospital"),
    P("Present: Trust Chair (Chair); Chief Executive (CEO); Chief Operating Officer (COO); Chief Finance Officer (CFO); Chief Nurse; Medical Director; four Non-Executive Directors"),
    P("In attendance: Company Secretary"),
    H("BD/26/001 Welcome and apologies"),
    P("The Chair welcomed members. Apologies were received from the Director of Estates."),
    H("BD/26/002 Declarations of interest"),
    P("None."),
    H("BD/26/003 Minutes of the previous meeting"),
    P("The minutes of the meeting held on 27 November 2025 were approved as an accurate record."),
    H("BD/26/004 Action log"),
    P("The Board reviewed the action log. Action BD/25/118 was closed."),
    H("BD/26/005 Chief Executive's report"),
    P("The Board received and noted the Chief Executive's report."),
    H("BD/26/006 Integrated performance report"),
    P("The Chief Operating Officer reported that performance against the four-hour emergency department standard was 71.4% in December 2025 against a trajectory of 76%. Elective waiting lists fell for the third month running."),
    P("The Board noted the performance position and the actions being taken to recover the emergency department trajectory."),
    P("The Board asked that the next report include a breakdown of ambulance handover delays by site. ACTION: COO"),
    H("BD/26/007 Financial position at month 9"),
    P("The Chief Finance Officer reported a year-to-date deficit of £4.6m, £1.1m adverse to plan, driven by temporary staffing costs."),
    P("The Board APPROVED the revised forecast outturn of a £6.2m deficit and the submission of the forecast to NHS England."),
    H("BD/26/008 Business case – community diagnostic centre expansion"),
    P("The Board APPROVED the full business case for the expansion of the Pelham community diagnostic centre with a capital cost of £8.75 million, subject to confirmation of national capital funding."),
    P("The Chief Finance Officer would confirm the phasing of capital spend with the regional team by 27 February 2026. ACTION: CFO"),
    H("BD/26/009 Board Assurance Framework"),
    P("The Board received the Board Assurance Framework and AGREED that risk BAF 4 (workforce) be increased to a score of 20."),
    H("BD/26/010 Any other business"),
    P("None."),
    P("Date of next meeting: Thursday 26 March 2026"),
    H("Action log (open actions)"),
    ("table", [["Ref", "Action", "Lead", "Due", "Status"],
               ["BD/25/109", "Present the refreshed estates strategy to the Board", "Director of Estates", "March 2026", "On track"],
               ["BD/25/121", "Circulate the maternity safety walkabout findings", "Chief Nurse", "January 2026", "Complete"],
               ["BD/26/006", "Include ambulance handover delays by site in the integrated performance report", "COO", "March 2026", "New"],
               ["BD/26/008", "Confirm the phasing of capital spend with the regional team", "CFO", "27/02/2026", "New"]]),
])
