"""Amounts: every written form from the corpus, scaled table cells, and round trips.

Sentences are quoted from the corpus (`corpora/text/*.txt`, the Kent PDFs);
expected values are worked out from the printed figures by hand.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from extractors.money import (
    amount_value,
    decimal_text,
    find_amounts,
    fiscal_year_near,
    is_negative_bracket,
    parse_number,
    period_after,
    scale_header,
    scale_of,
    table_amounts,
)
from tests.conftest import TEXTS


def values(text: str):
    return [(a.text, a.value_gbp) for a in find_amounts(text) if a.source == "text"]


# (sentence as printed, [(text, exact value), ...])
WRITTEN_FORMS = [
    ("The total value for the 24-month period is £1,338,620.", [("£1,338,620", "1338620")]),
    ("for a total value of £1,005,449.65.", [("£1,005,449.65", "1005449.65")]),
    ("The cost of this service was £2.1 million per annum.", [("£2.1 million", "2100000")]),
    ("The service had recently received £250m of Winter Access Support Funding.", [("£250m", "250000000")]),
    ("took direct control of £6bn health and social care budget", [("£6bn", "6000000000")]),
    ("the uplift will equate to investment of £686k (local authority share) in 21/22",
     [("£686k", "686000")]),
    ("At the end of October, Adults forecast an underspend of £4,645k (2.66%), and Public Health an "
     "underspend of 3.8% of budget (£1,468k).", [("£4,645k", "4645000"), ("£1,468k", "1468000")]),
    ("has been assessed as £162.5k. It is", [("£162.5k", "162500")]),
    ("potential opportunities of ~£2.2million for elective conditions and ~£4.1million for non-elective spend",
     [("£2.2million", "2200000"), ("£4.1million", "4100000")]),
    ("rtunities for savings of ~£554K in elective conditions", [("£554K", "554000")]),
    ("*Incorporates the 6.6% increase to £9.50/hr.", [("£9.50", "9.5")]),
    ("increase the hourly rate by £0.65 per hour, backdated to April 2021", [("£0.65", "0.65")]),
    ("per worker per week = 2 x £2,033 x 16 weeks = £65,056", [("£2,033", "2033"), ("£65,056", "65056")]),
    ("which is a revenue overspend of +£23.3m and a capital underspend of -£111.6m.",
     [("£23.3m", "23300000"), ("-£111.6m", "-111600000")]),
    ("a grant of 2 million pounds", [("2 million pounds", "2000000")]),
    ("an invoice for £12404.00 was paid", [("£12404.00", "12404")]),
    ("the precept rises by 45p a week; parking down -15p", [("45p", "0.45"), ("-15p", "-0.15")]),
    ("a forecast variance of (£1.2m) against budget", [("(£1.2m)", "-1200000")]),
    ("Council Tax of £1,838.61 for a Band D property", [("£1,838.61", "1838.61")]),
    ("a scheme of £3.5 Million over two years", [("£3.5 Million", "3500000")]),
    ("a £10 million - £15 million programme", [("£10 million", "10000000"), ("£15 million", "15000000")]),
    # a line break inside the amount, as pdfminer gives it; the text is folded
    ("of around £9\nmillion which", [("£9 million", "9000000")]),
]


@pytest.mark.parametrize("sentence,expected", WRITTEN_FORMS, ids=[s[:40] for s, _ in WRITTEN_FORMS])
def test_written_forms(sentence, expected):
    assert values(sentence) == expected


def test_quoted_sentences_are_from_the_corpus():
    corpus = "".join(p.read_text(encoding="utf-8") for p in TEXTS.glob("*.txt"))
    for sentence in ("The service had recently received £250m of Winter Access Support Funding.",
                     "*Incorporates the 6.6% increase to £9.50/hr.",
                     "per worker per week = 2 x £2,033 x 16 weeks = £65,056"):
        assert sentence in corpus


NOT_AMOUNTS = [
    "Pressure / Investment\t2022/23 (£000)\t2023/24 (£000)",   # scale headers
    "£000",
    "£'000\t£'000\t£'000",
    "£m",
    "Part 1 – 10.00am – 13.00pm",                                 # times, not pence
    "Thursday at 5pm",
    "an increase of 6.6% to the rate",
    "2,500 residents and 250m of cable",                          # no currency sign or word
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_amounts(text):
    assert find_amounts(text) == []


def test_ranges_are_two_amounts():
    found = find_amounts("a cost of £2m–£3m over the period")
    assert [(a.value_gbp, a.role) for a in found] == [("2000000", "range_start"), ("3000000", "range_end")]
    found = find_amounts("estimated at £2–3m")
    assert [(a.value_gbp, a.role) for a in found] == [("2000000", "range_start"), ("3000000", "range_end")]
    found = find_amounts("between £10,000 and £15,000 a year")
    assert [(a.value_gbp, a.role) for a in found] == [("10000", "range_start"), ("15000", "range_end")]
    found = find_amounts("£250m of funding and £6bn of budget")
    assert [a.role for a in found] == ["", ""]


@pytest.mark.parametrize("sentence,period", [
    ("The cost of this service was £2.1 million per annum.", "per_annum"),
    ("increase the hourly rate by £0.65 per hour", "per_hour"),
    ("*Incorporates the 6.6% increase to £9.50/hr.", "per_hour"),
    ("at a weekly cost of £2,033 per worker", "per_week"),
    ("a rent of £650 pcm", "per_month"),
    ("a salary of £32,000 pa", "per_annum"),
    ("savings of £10k a year", "per_annum"),
    ("The service had recently received £250m of Winter Access Support Funding.", "one_off"),
])
def test_period(sentence, period):
    assert [a.period for a in find_amounts(sentence)] == [period]


def test_fiscal_year_from_the_sentence():
    found = find_amounts("2.7 In addition to financial provision to manage increasing demand and demography "
                         "(£10.036m in 2022/23) a number of options")
    assert [(a.value_gbp, a.fiscal_year) for a in found] == [("10036000", "2022/23")]
    found = find_amounts("The cost of this for 2021/22 would be £835k.")
    assert [a.fiscal_year for a in found] == ["2021/22"]
    found = find_amounts("The service had recently received £250m of Winter Access Support Funding.")
    assert [a.fiscal_year for a in found] == [""]


# ------------------------------------------------------------ tables

CAMBS_TABLE = (
    "Pressure / Investment\t2022/23 (£000)\t2023/24 (£000)\t2024/25 (£000)\t2025/26 (£000)\t2026/27 (£000)\n"
    "Demand and Demography (Ref: A/R.3.002 to A/R.3.007 and A/R.3.017)\t10,036\t11,539\t11,398\t11,107\t11,267\n"
    "Impact of Health and Social Care Levy on Care Providers (Ref: A/R.4.042)\t1,000\t-\t-\t-\t-\n"
    "\n"
    "*Incorporates the 6.6% increase to £9.50/hr.\n"
)


def test_table_cells_are_scaled_by_their_header():
    found = find_amounts(CAMBS_TABLE)
    table = [(a.text, a.value_gbp, a.fiscal_year) for a in found if a.source == "table"]
    assert table == [
        ("10,036", "10036000", "2022/23"), ("11,539", "11539000", "2023/24"), ("11,398", "11398000", "2024/25"),
        ("11,107", "11107000", "2025/26"), ("11,267", "11267000", "2026/27"), ("1,000", "1000000", "2022/23"),
    ]
    assert [(a.text, a.source) for a in found if a.source == "text"] == [("£9.50", "text")]


KENT_TABLE = (
    "£'000\t£'000\t£'000\n"
    "Business rates top up grant\t149,107.7\t149,107.7\n"
    "Total\t269,141.2\t269,183.9\t42.7\n"
    "% increase from 2024-25\t1.87%\t1.89%\n"
    "\n"
    "2.4\tCollection fund estimated amounts are determined by collection authorities for\n"
)


def test_pdf_table_with_scale_row_and_paragraph_after():
    found = [(a.text, a.value_gbp) for a in table_amounts(KENT_TABLE)]
    assert found == [("149,107.7", "149107700"), ("149,107.7", "149107700"),
                     ("269,141.2", "269141200"), ("269,183.9", "269183900"), ("42.7", "42700")]


def test_table_negative_cells():
    text = "\t2021/22 £000\t2022/23 £000\nBusiness Planning Bid\t0\t-62\nSavings\t(1,250)\t15\n"
    assert [(a.value_gbp, a.fiscal_year) for a in table_amounts(text)] == [
        ("0", "2021/22"), ("-62000", "2022/23"), ("-1250000", "2021/22"), ("15000", "2022/23")]


def test_numbers_without_a_scale_header_are_not_amounts():
    text = "Domains\tPrevious score\tCurrent score\nLeadership\t12\t15\n"
    assert find_amounts(text) == []


# ------------------------------------------------------------ pure rules

def test_parse_and_scale():
    assert parse_number("1,338,620") == Decimal("1338620")
    assert scale_of("m") == Decimal(1000000)
    assert scale_of(" million") == Decimal(1000000)
    assert scale_of("K") == Decimal(1000)
    assert scale_of(None) == Decimal(1)
    assert amount_value("45", pence=True) == Decimal("0.45")
    assert scale_header("2022/23 (£000)") == Decimal(1000)
    assert scale_header("£m") == Decimal(1000000)
    assert scale_header("Description") is None


def test_decimal_text_is_exact_and_plain():
    assert decimal_text(Decimal("2.1") * Decimal(1000000)) == "2100000"
    assert decimal_text(Decimal("0.650")) == "0.65"
    assert decimal_text(Decimal("1005449.65")) == "1005449.65"
    assert decimal_text(Decimal("6") * Decimal(10) ** 9) == "6000000000"
    assert "E" not in decimal_text(Decimal("1E+7"))


def test_bracket_rule():
    assert is_negative_bracket("a forecast variance of ")
    assert is_negative_bracket("Savings\t")
    assert not is_negative_bracket("and Public Health an underspend of 3.8% of budget ")
    assert not is_negative_bracket("savings not being delivered in 2024-25 ")


def test_period_rule():
    assert period_after(" per annum.") == "per_annum"
    assert period_after("/hr.") == "per_hour"
    assert period_after(" of Winter Access") == "one_off"
    assert period_after(" for the service", "the weekly charge of ") == "per_week"


def test_fiscal_year_near_rule():
    sentence = "The cost of this for 2021/22 would be £835k."
    start = sentence.index("£")
    assert fiscal_year_near(sentence, start, start + 6) == "2021/22"
    assert fiscal_year_near("the Business Plan for 2022-27 costs £5m", 35, 38) == ""


# ------------------------------------------------------------ round trips

pounds = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2)


@given(pounds)
def test_full_figures_round_trip(value):
    written = f"£{value:,.2f}"
    found = find_amounts(f"The Committee approved {written} for the scheme.")
    assert [Decimal(a.value_gbp) for a in found] == [value]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99),
       st.sampled_from([("m", 10 ** 6), (" million", 10 ** 6), ("million", 10 ** 6), ("k", 1000),
                        ("K", 1000), ("bn", 10 ** 9), (" billion", 10 ** 9)]))
def test_scaled_figures_round_trip(units, hundredths, scale):
    word, factor = scale
    number = f"{units}.{hundredths:02d}" if hundredths else str(units)
    found = find_amounts(f"a budget of £{number}{word} was agreed")
    assert [Decimal(a.value_gbp) for a in found] == [Decimal(number) * factor]
    assert found[0].text == f"£{number}{word}"


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["", " million", " thousand"]))
def test_pounds_in_words_round_trip(number, word):
    factor = {"": 1, " million": 10 ** 6, " thousand": 1000}[word]
    found = find_amounts(f"a grant of {number:,}{word} pounds to the trust")
    assert [Decimal(a.value_gbp) for a in found] == [Decimal(number) * factor]


@given(st.integers(min_value=1, max_value=99), st.booleans())
def test_pence_round_trip(pence, negative):
    sign = "-" if negative else ""
    found = find_amounts(f"a change of {sign}{pence}p per unit")
    assert [Decimal(a.value_gbp) for a in found] == [Decimal(pence) / 100 * (-1 if negative else 1)]


@given(pounds)
def test_negative_forms_round_trip(value):
    for written in (f"-£{value:,.2f}", f"(£{value:,.2f})"):
        found = find_amounts(f"a variance of {written} this year")
        assert [Decimal(a.value_gbp) for a in found] == [-value]


# ------------------------------------------------------------ spaCy component

def test_component_puts_values_on_spans():
    import spacy

    import extractors.money  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("minutebook_amounts")
    doc = nlp("The cost of this service was £2.1 million per annum.\n"
              "Item\t2022/23 (£000)\nDemand\t10,036\n")
    spans = list(doc.spans["amounts"])
    assert [(s.text, s._.value_gbp, s._.period, s._.record.source) for s in spans] == [
        ("£2.1 million", Decimal("2100000"), "per_annum", "text"),
        ("10,036", Decimal("10036000"), "one_off", "table"),
    ]
    assert spans[1]._.fiscal_year == "2022/23"

    text_only = spacy.blank("en")
    text_only.add_pipe("minutebook_amounts", config={"tables": False})
    assert [s.text for s in text_only("Item\t2022/23 (£000)\nDemand\t10,036\n").spans["amounts"]] == []


def test_parish_payments_list_under_a_pound_header():
    text = ("The Clerk reported the balance at 29/02/24 was £23,456.78. Payments approved:\n"
            "Payee\tAmount £\n"
            "Clerk salary (Feb)\t412.50\n"
            "HMRC\t103.20\n"
            "Grass cutting contract – £1,250 + VAT, invoice dated 1st March and paid by the Clerk.\n"
            "Village Hall\t2024\n")
    found = [(a.text, a.value_gbp, a.source) for a in find_amounts(text)]
    assert found == [("£23,456.78", "23456.78", "text"), ("412.50", "412.5", "table"),
                     ("103.20", "103.2", "table"), ("£1,250", "1250", "text")]


# --- Generalisation probe (brief K): constructed examples in the phrasings of
# parish payment schedules and finance reports outside the corpus.

@pytest.mark.parametrize("sentence, expected", [
    ("The quote for the new bench of £1,234.56 inc VAT was accepted.", [("£1,234.56", "1234.56")]),
    ("The hall hire costs £45.00 + VAT per session.", [("£45.00", "45")]),
    ("The grant of £2.5k from the county was received.", [("£2.5k", "2500")]),
    ("The county council faces a shortfall of £1.2bn.", [("£1.2bn", "1200000000")]),
    ("A donation of GBP 3,000 was received.", [("GBP 3,000", "3000")]),
    ("The scheme will cost 3 million pounds.", [("3 million pounds", "3000000")]),
    ("Photocopying is charged at 45p per sheet.", [("45p", "0.45")]),
])
def test_parish_and_report_amounts(sentence, expected):
    assert [(a.text, a.value_gbp) for a in find_amounts(sentence)] == expected


def test_periods_of_parish_rates():
    found = find_amounts("The Clerk is paid £12 per hour and the subscription is £250 pa.")
    assert [(a.value_gbp, a.period) for a in found] == [("12", "per_hour"), ("250", "per_annum")]


def test_negative_inside_the_pound_sign_brackets():
    # Finance tables also print a negative as "£(1.2)m" or "£(500)".
    found = find_amounts("a variance of £(1.2)m against budget and £(500) on supplies")
    assert [(a.text, a.value_gbp) for a in found] == [("£(1.2)m", "-1200000"), ("£(500)", "-500")]


def test_brackets_after_an_amount_are_not_a_negative():
    found = find_amounts("The cost is £5 (see note 3) and £2(3) is a footnote mark.")
    assert [a.value_gbp for a in found] == ["5", "2"]


def test_references_times_and_phones_are_not_money():
    text = ("Contact the planning officer on 01234 567890 before 7.30pm about application "
            "24/01234/FUL (clause 4.2, minute 24/112).")
    assert find_amounts(text) == []


def test_scale_header_with_brackets_after_the_pound_sign():
    table = "Service\t2024/25 £(000)\t2023/24 £(000)\nAdults\t1,200\t(300)\n"
    found = [(a.value_gbp, a.source, a.fiscal_year) for a in find_amounts(table)]
    assert found == [("1200000", "table", "2024/25"), ("-300000", "table", "2023/24")]


@pytest.mark.parametrize("text", [
    "The meeting opened at 7p.m. and closed at 9.15p.m.",
    "Council tax rose by 10p.c. this year.",
])
def test_times_and_per_cent_written_with_p_are_not_pence(text):
    assert find_amounts(text) == []


def test_pence_at_the_end_of_a_sentence():
    assert [a.value_gbp for a in find_amounts("Photocopies cost 45p. The Clerk will invoice.")] == ["0.45"]
