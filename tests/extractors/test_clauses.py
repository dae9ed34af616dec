"""Clause splitting: labels, sequences, inline labels, paragraph ends and first verbs.

The sentences are quoted from the corpus (Cambridgeshire, Cheshire East and
Kent papers); the expected clauses are what the gold guidelines ask for.
"""
from __future__ import annotations

import pytest

from extractors.clauses import (block_after, clean_clause, first_verb, follows, label_value,
                                paragraph_end, parse_label, split_inline, split_list)


def texts(text, clauses):
    return [clean_clause(text[c.char_start:c.char_end]) for c in clauses]


@pytest.mark.parametrize("line, label", [
    ("- a) Note the findings of the self-assessment.", "a"),
    ("- 1 the Annual Report of Safeguarding Adults Board 2019/20 be received and noted; and", "1"),
    ("2.1 That the Cheshire East Health and Wellbeing Board note the proposals", "2.1"),
    ("(c) Delegate authority to the Director of Public Health", "c"),
    ("A) Note the forecast revenue overspend of £23.3m (excluding Schools).", "A"),
    ("iii. agree the precept", "iii"),
])
def test_parse_label_reads_printed_labels(line, label):
    assert parse_label(line)[0] == label


@pytest.mark.parametrize("line", [
    "Cabinet note the report.",
    "2024 was a difficult year",             # a year is not a label
    "The Committee resolved to note and comment on the report.",
])
def test_parse_label_ignores_ordinary_lines(line):
    assert parse_label(line) is None


def test_label_sequences():
    assert follows("a", "b") and follows("A", "b")          # Kent: "A) Note ... b) Note ..."
    assert follows("2.1", "2.2") and follows("1", "2")
    assert follows("h", "i")                                # a letter after h, not roman one
    assert follows("i", "ii") and label_value("ii", "i")[0] == "roman"
    assert not follows("a", "c")
    assert not follows("3", "1")                            # a new list, not the next clause
    assert not follows("2.1", "3")


def test_clean_clause_drops_label_and_trailing_and():
    assert clean_clause("- c) Review the current position on Public Health reserves; and") == \
        "Review the current position on Public Health reserves"
    assert clean_clause("the Annual Report of Safeguarding Adults Board 2019/20 be received and noted; and") == \
        "the Annual Report of Safeguarding Adults Board 2019/20 be received and noted"
    assert clean_clause("<p>The Committee is asked to:</p>") == "The Committee is asked to:"


def test_split_list_cambridgeshire_resolution():
    text = ("It was resolved by majority to:\n\n"
            "- a) Review and comment on the relevant sections of the People and Communities and Public "
            "Health Finance Monitoring Report as at the end of October 2021;\n\n"
            "- b) Endorse for approval by Strategy and Resources Committee, the transfer of £2m;\n"
            "- c) Review the current position on Public Health reserves; and\n"
            "- d) Note the approved waivers from full contract procedure rules.\n\n"
            "53. Review of Draft Revenue Business Planning Proposals for 2022-2027\n")
    clauses = split_list(text, text.index("- a)"))
    assert [c.label for c in clauses] == ["a", "b", "c", "d"]
    assert texts(text, clauses)[2] == "Review the current position on Public Health reserves"
    assert "53." not in texts(text, clauses)[3]


def test_split_list_pdf_lines_wrap_and_stop_at_next_section():
    # Kent budget monitoring report (PDF text: wrapped lines, no blank lines).
    text = ("Cabinet is asked to:\n"
            "a) NOTE the forecast revenue overspend of £23.3m (excluding Schools) and the actions\n"
            "being taken to mitigate the forecast overspend\n"
            "b) NOTE the forecast overspend on Schools’ Delegated Budgets of £30.4m.\n"
            "f) NOTE the Reserves, Treasury Management and Prudential Indicators monitoring\n"
            "1.\tIntroduction\n")
    clauses = split_list(text, text.index("a)"))
    assert [c.label for c in clauses] == ["a", "b"]          # "f" does not follow "b"
    assert texts(text, clauses)[0].endswith("being taken to mitigate the forecast overspend")


def test_split_list_continues_over_a_blank_line_when_the_next_label_follows():
    text = ("4. RESOLVED that Cabinet agree to:\n"
            "(a) Adopt the Integrated Care Strategy Delivery Plan on behalf of Kent\n"
            "County Council\n"
            "(b) Delegate authority to the Director of Public Health; and\n\n"
            "(c) Delegate authority to the Director of Public Health, in consultation with\n"
            "the relevant Corporate Directors of affected services.\n"
            "92.\t24/00096 - Commissioning Plan for Education Provision in Kent 2025-29\n")
    clauses = block_after(text, text.index("agree to:") + len("agree to:"))
    assert [c.label for c in clauses] == ["a", "b", "c"]
    assert texts(text, clauses)[0] == "Adopt the Integrated Care Strategy Delivery Plan on behalf of Kent County Council"
    assert "Commissioning Plan" not in texts(text, clauses)[2]


def test_split_inline_labels_run_into_words():
    # Cambridgeshire cover sheet converted from an HTML table: labels glued to the last word.
    text = ("<p>The Committee is asked to:</p> <ul>a) note the national and local context of the "
            "development of the ICSb) support the principles and priorities set out in section 5.4.c) note "
            "that the Health and Wellbeing Board will be aligned with the Integrated Care Partnershipd) "
            "confirm the criteria at Section 5.7.1.")
    clauses = split_inline(text, text.index("<ul>") + 4, len(text))
    assert [c.label for c in clauses] == ["a", "b", "c", "d"]
    assert texts(text, clauses)[0] == "note the national and local context of the development of the ICS"
    assert texts(text, clauses)[3] == "confirm the criteria at Section 5.7.1."


def test_split_inline_does_not_split_on_a_closing_bracket():
    text = "a) note the report of the Partnership Board) will meet in May"
    assert split_inline(text, 0, len(text)) == []


def test_paragraph_end_pdf_and_text():
    pdf = ("3. RESOLVED that Cabinet note the Quarter 2 Performance Report and the\n"
           "actions being taken to address areas where performance is not as targeted.\n"
           "82. Corporate Risk Register\n")
    end = paragraph_end(pdf, 0)
    assert pdf[:end].endswith("not as targeted.")
    txt = ("Recommendation: It is recommended that the Adults and Health Committee note the\n\n"
           "progress of the developing Integrated Care System (ICS).\n\nOfficer contact:\n")
    assert txt[:paragraph_end(txt, 0)].endswith("System (ICS).")


def test_paragraph_end_stops_at_report_section_heading():
    text = "The Board is asked to approve the revised risk appetite statement\nExecutive Summary\nThe trust..."
    assert text[:paragraph_end(text, 0)].endswith("statement")


@pytest.mark.parametrize("clause, verb", [
    ("That the Cheshire East Health and Wellbeing Board notes and considers the ICP Strategy", "note"),
    ("NOTE the forecast capital underspend of £111.6m.", "note"),
    ("Recommend approval of grant extensions for Older People/Physical Disability Day Services", "recommend"),
    ("To approve the minutes of the meeting held on 24 November 2020.", "approve"),
    ("the five key priorities for 2020/21 be noted.", "note"),
    ("champion the principle of local democratic accountability in the ICS", "champion"),
])
def test_first_verb(clause, verb):
    assert first_verb(clause) == verb


@pytest.mark.parametrize("clause, verb", [
    ("the minutes of the meeting on 28 November 2024 were a correct record and that they be signed by the Chair",
     "approve"),
    ("The minutes of the Adults and Health Committee meeting held on 14 October 2021 were agreed as a correct "
     "record and signed by the Chair.", "agree"),
])
def test_first_verb_of_minutes_agreed_as_a_record(clause, verb):
    # "record" is the noun here; the minutes are what is approved.
    assert first_verb(clause) == verb


def test_split_list_reads_only_the_lines_of_its_list(monkeypatch):
    # A list near the top of a 500-page pack: reading every line to the end of the pack
    # for every list made extraction quadratic.  Count the lines split_list asks for.
    from extractors import clauses

    read = []
    plain = clauses._lines_from

    def counted(text, pos, limit):
        for line in plain(text, pos, limit):
            read.append(line)
            yield line

    monkeypatch.setattr(clauses, "_lines_from", counted)
    text = ("RESOLVED that Cabinet:\n(a) approve the scheme for the A21 junction; and\n"
            "(b) delegate authority to the Director of Highways to award the contract.\n\n"
            "Reason(s): the junction is unsafe.\n" + "The Cabinet Member introduced the next report.\n" * 5000)

    found = split_list(text, text.index("(a)"))

    assert [c.label for c in found] == ["a", "b"]
    assert len(read) < 10


def test_bullets_under_an_item_that_introduces_them_stay_in_it():
    text = ("The Board is asked to:\n"
            "(a) approve the plan;\n"
            "(b) note the following risks:\n"
            "• staff turnover in the first quarter;\n"
            "• the cost of agency cover;\n"
            "(c) agree the next review date.\n"
            "2. Background\n")
    clauses = block_after(text, text.index("asked to:") + len("asked to:"))
    assert [c.label for c in clauses] == ["a", "b", "c"]
    assert texts(text, clauses)[1].endswith("the cost of agency cover")
