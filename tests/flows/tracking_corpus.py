"""Small frames built from real corpus sentences, for the tracking, review and report tests.

Two bodies:
- Cambridgeshire Adults and Health Committee: the 13 January 2022 pack holds
  the 9 December 2021 minutes (minute 45 marked ACTION) and the action log as
  at 5 January 2022 (rows 22 and 35, quoted from the pack); a later pack for
  17 March 2022 (not in the corpus; the March date is on the pack's agenda
  plan) logs minute 45 as completed and row 35 still in progress.
- Kent Cabinet: the budget monitoring report for 30 January 2025 and the
  minutes of 9 and 30 January 2025, quoted from the PDFs.
"""
from __future__ import annotations

from extractors.records import Action, Document, Page, Part, Recommendation, Resolution, make_id
from flows.tables import build_frames

CAMBS_MINUTES = (
    "45. Update on Enhanced Response Area Status\n"
    "- Requested that Covid 19 Updates were scheduled on to the agenda plan for future meetings due to "
    "the current situation. **ACTION**\n"
)
CAMBS_LOG = (
    "ADULTS AND HEALTH COMMITTEE MINUTES-ACTION LOG\n"
    "Meeting 22 September 2021\t\t\t\t\t\t\n"
    "Minute No.\tReport Title\tAction to be taken by\tAction\tComments\tStatus\tReview Date\n"
    "22.\tUse of Assistive Technology in Social Care\tGrace Clark\tRequested that Members visited the Smart "
    "Flat when it was up and running.\tWe are liaising with chorus homes to write new contracts\tClosed\t\n"
    "35.\tThe provision of NHS Dental Services in Cambridgeshire\tKate Parker\tRaised concerns that it was "
    "difficult to get urgent dental care and queried if there were new practices coming on stream.\t"
    "NHS England to provide further information.\tIn progress\t\n"
)
MARCH_LOG = (
    "ADULTS AND HEALTH COMMITTEE MINUTES-ACTION LOG\n"
    "45.\tUpdate on Enhanced Response Area Status\tJyoti Atri\tCovid 19 Updates to be scheduled on to the "
    "agenda plan for future meetings.\tCovid 19 Update added to the agenda plan.\tCompleted\t\n"
    "35.\tThe provision of NHS Dental Services in Cambridgeshire\tKate Parker\tRaised concerns that it was "
    "difficult to get urgent dental care and queried if there were new practices coming on stream.\t"
    "They have been chased twice now.\tIn progress\t31/01/2022\n"
)
KENT_REPORT = (
    "Recommendation(s):\nCabinet is asked to:\n"
    "a) NOTE the forecast revenue overspend of £23.3m (excluding Schools) and the actions\n"
    "being taken to mitigate the forecast overspend\n"
    "e) AGREE the Capital budget changes.\n"
    "f) NOTE the Reserves, Treasury Management and Prudential Indicators monitoring\n"
)
KENT_JAN9 = "MINUTES of a meeting of the Cabinet held ... on Thursday, 9 January 2025.\n"
KENT_JAN30 = (
    "MINUTES of a meeting of the Cabinet held ... on Thursday, 30 January 2025.\n"
    "86. Minutes of the Meeting held on 9th January 2025\n(Item 3)\n"
    "RESOLVED that the minutes of the meeting on 9 January 2025 were a correct record\n"
    "and that they be signed by the Chair\n"
    "88. Revenue and Capital Budget Monitoring Report\n"
    "3. RESOLVED that Cabinet agree to:\n"
    "A) Note the forecast revenue overspend of £23.3m (excluding Schools).\n"
    "e) Agree the Capital budget changes.\n"
    "4. RESOLVED that Cabinet agree the Commissioning Plan for Education Provision in Kent 2025-29\n"
)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _doc(doc_id, path, text, body, when, doc_type):
    return (Document(doc_id=doc_id, source_path=path, doc_type=doc_type, body=body, meeting_date=when,
                     pages=1, chars=len(text)),
            Page(doc_id=doc_id, page=1, char_start=0, char_end=len(text), text=text))


def _action(doc_id, text, needle, part_id, **kw) -> Action:
    s, e = span(text, needle)
    return Action(text=needle, char_start=s, char_end=e, doc_id=doc_id, part_id=part_id, page=1,
                  action_id=make_id(doc_id, "actions", s, e), **kw)


def cambs_tables() -> dict[str, list]:
    pack = CAMBS_MINUTES + "\n" + CAMBS_LOG
    d1, p1 = _doc("cambsjan", "corpora/text/cambs-ahc-2022-01-13-agenda-pack.txt", pack,
                  "Adults and Health Committee", "2022-01-13", "agenda")
    d2, p2 = _doc("cambsmar", "packs/cambs-ahc-2022-03-17-agenda-pack.txt", MARCH_LOG,
                  "Adults and Health Committee", "2022-03-17", "agenda")
    log_start = pack.index("ADULTS AND HEALTH COMMITTEE")
    parts = [Part("cambsjan", "jan-min", "minutes", "Minutes 9 December 2021", "2021-12-09", 1, 1, 0, log_start),
             Part("cambsjan", "jan-log", "action_log", "Action log", "2022-01-13", 1, 1, log_start, len(pack)),
             Part("cambsmar", "mar-log", "action_log", "Action log", "2022-03-17", 1, 1, 0, len(MARCH_LOG))]
    actions = [
        _action("cambsjan", pack, "Requested that Covid 19 Updates were scheduled on to the agenda plan for "
                "future meetings due to the current situation.", "jan-min", minute="45", source="marked"),
        _action("cambsjan", pack, "Requested that Members visited the Smart Flat when it was up and running.",
                "jan-log", minute="22.", owner="Grace Clark", status="closed", status_text="Closed", source="log"),
        _action("cambsjan", pack, "Raised concerns that it was difficult to get urgent dental care and queried "
                "if there were new practices coming on stream.", "jan-log", minute="35.", owner="Kate Parker",
                status="in progress", status_text="In progress", source="log"),
        _action("cambsmar", MARCH_LOG, "Covid 19 Updates to be scheduled on to the agenda plan for future "
                "meetings.", "mar-log", minute="45.", owner="Jyoti Atri", status="closed",
                status_text="Completed", source="log"),
        _action("cambsmar", MARCH_LOG, "Raised concerns that it was difficult to get urgent dental care and "
                "queried if there were new practices coming on stream.", "mar-log", minute="35.",
                owner="Kate Parker", status="in progress", status_text="In progress", due_date="2022-01-31",
                source="log"),
    ]
    return {"documents": [d1, d2], "pages": [p1, p2], "parts": parts, "actions": actions}


def kent_tables() -> dict[str, list]:
    rep, rp = _doc("kentrep", "corpora/pdfs/kent-cabinet-2025-01-30-budget-monitoring-report.pdf", KENT_REPORT,
                   "Cabinet", "2025-01-30", "report")
    m9, p9 = _doc("kent09", "corpora/pdfs/kent-cabinet-2025-01-09-minutes.pdf", KENT_JAN9,
                  "Cabinet", "2025-01-09", "minutes")
    m30, p30 = _doc("kent30", "corpora/pdfs/kent-cabinet-2025-01-30-minutes.pdf", KENT_JAN30,
                    "CABINET", "2025-01-30", "minutes")
    recs = []
    for needle, verb in (("NOTE the forecast revenue overspend of £23.3m (excluding Schools) and the actions\n"
                          "being taken to mitigate the forecast overspend", "note"),
                         ("AGREE the Capital budget changes.", "agree"),
                         ("NOTE the Reserves, Treasury Management and Prudential Indicators monitoring", "note")):
        s, e = span(KENT_REPORT, needle)
        recs.append(Recommendation(text=needle, verb=verb, char_start=s, char_end=e, doc_id="kentrep", page=1,
                                   rec_id=make_id("kentrep", "recommendations", s, e)))
    ress = []
    for needle, verb, minute, title, minutes_of in (
            ("the minutes of the meeting on 9 January 2025 were a correct record\nand that they be signed by "
             "the Chair", "agree", "86", "Minutes of the Meeting held on 9th January 2025", "2025-01-09"),
            ("Note the forecast revenue overspend of £23.3m (excluding Schools).", "note", "88",
             "Revenue and Capital Budget Monitoring Report", ""),
            ("Agree the Capital budget changes.", "agree", "88", "Revenue and Capital Budget Monitoring Report", ""),
            ("Cabinet agree the Commissioning Plan for Education Provision in Kent 2025-29", "agree", "91",
             "Commissioning Plan for Education Provision in Kent 2025-29", "")):
        s, e = span(KENT_JAN30, needle)
        ress.append(Resolution(text=needle, verb=verb, minute=minute, item_title=title, minutes_of=minutes_of,
                               char_start=s, char_end=e, doc_id="kent30", page=1,
                               res_id=make_id("kent30", "resolutions", s, e)))
    return {"documents": [rep, m9, m30], "pages": [rp, p9, p30], "recommendations": recs, "resolutions": ress}


def corpus_frames(with_cambs: bool = True, with_kent: bool = True):
    tables: dict[str, list] = {}
    for part in ([cambs_tables()] if with_cambs else []) + ([kent_tables()] if with_kent else []):
        for name, rows in part.items():
            tables.setdefault(name, []).extend(rows)
    return build_frames(tables)
