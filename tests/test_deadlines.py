"""Deadline rules in the catalogue and due dates under the Algemene termijnenwet.

Every expected date below was counted by hand on a calendar; the comments say how.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mailroom.cases.deadlines import (
    add_months,
    atw_holidays,
    days_left,
    due_date,
    is_working_day,
    penalty_start,
    working_days_between,
)
from mailroom.core.config.catalogue import (
    AcknowledgementRule,
    DeadlineRule,
    Term,
    load_catalogue,
    parse_catalogue,
)
from mailroom.core.errors import ConfigError

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "case-types.toml"

SIX_WEEKS = DeadlineRule(Term(6, "weeks"), "day_after_receipt", "Awb 9:11", Term(4, "weeks"))


def rule(term: str, counts_from: str = "day_after_receipt", **extra: object) -> DeadlineRule:
    """A rule as the catalogue would read it from ``term``."""
    lines = [f'term = "{term}"', f'counts_from = "{counts_from}"', 'article = "Test 1:1"']
    lines += [
        f"{k} = {str(v).lower() if isinstance(v, bool) else repr(v)}" for k, v in extra.items()
    ]
    catalogue = parse_catalogue(
        '[case_types.a]\nteam = "t"\n[case_types.a.deadline]\n'
        + "\n".join(lines)
        + '\n[teams]\nt = "T"\n'
    )
    parsed = catalogue.case_type("a").deadline
    assert parsed is not None
    return parsed


# --- the holidays of the Atw (art. 3) ---------------------------------------------------------


def test_holidays_are_the_atw_ones_not_the_librarys() -> None:
    days_2026 = atw_holidays(2026)
    assert date(2026, 4, 3) not in days_2026  # Goede Vrijdag: no Atw holiday
    assert date(2026, 5, 5) in days_2026  # 5 May every year, not only in lustrum years
    assert date(2025, 5, 5) in atw_holidays(2025)
    assert {date(2026, 1, 1), date(2026, 4, 6), date(2026, 4, 27), date(2026, 5, 14)} <= days_2026
    assert {date(2026, 5, 25), date(2026, 12, 25), date(2026, 12, 26)} <= days_2026


def test_kings_day_moves_to_the_26th_when_the_27th_is_a_sunday() -> None:
    assert date(2025, 4, 26) in atw_holidays(2025)
    assert date(2025, 4, 27) not in atw_holidays(2025)
    assert date(2014, 4, 26) in atw_holidays(2014)


def test_every_year_has_the_eight_atw_holidays() -> None:
    # Eight dates a year, fewer only when two coincide (Ascension Day on 5 May, as in 2016):
    # a holiday the library renamed would silently drop out of our list.
    for year in range(2014, 2041):
        days = atw_holidays(year)
        ascension_on_5_may = date(year, 5, 5).weekday() == 3 and len(days) == 7
        assert len(days) == 8 or ascension_on_5_may, year


# --- due dates ---------------------------------------------------------------------------------


def test_a_term_counts_from_the_day_after_receipt() -> None:
    due = due_date(SIX_WEEKS, date(2026, 1, 12))  # a Monday
    assert due.date == date(2026, 2, 23)  # the Monday six weeks later
    assert due.starts == date(2026, 1, 13)
    assert due.article == "Awb 9:11"
    assert due.extended_date == date(2026, 3, 23)  # four more weeks
    assert due.rule is SIX_WEEKS


def test_a_term_ending_in_a_weekend_ends_on_monday() -> None:
    # Received Saturday 10 January: six weeks end on Saturday 21 February.
    assert due_date(SIX_WEEKS, date(2026, 1, 10)).date == date(2026, 2, 23)


@pytest.mark.parametrize(
    ("received", "due", "why"),
    [
        (date(2026, 2, 23), date(2026, 4, 7), "Tweede Paasdag, Monday 6 April"),
        (date(2026, 2, 22), date(2026, 4, 7), "Easter Sunday, then Tweede Paasdag"),
        (date(2026, 2, 20), date(2026, 4, 3), "Goede Vrijdag is a working day under the Atw"),
        (date(2026, 3, 16), date(2026, 4, 28), "King's Day, Monday 27 April"),
        (date(2025, 3, 15), date(2025, 4, 28), "Saturday 26 April 2025, King's Day"),
        (date(2026, 3, 24), date(2026, 5, 6), "5 May 2026, a Tuesday, not a lustrum year"),
        (date(2026, 4, 2), date(2026, 5, 15), "Hemelvaartsdag, Thursday 14 May"),
        (date(2026, 4, 13), date(2026, 5, 26), "Tweede Pinksterdag, Monday 25 May"),
        (date(2026, 4, 12), date(2026, 5, 26), "Whit Sunday, then Tweede Pinksterdag"),
        (date(2026, 11, 13), date(2026, 12, 28), "Christmas Friday, Boxing Day Saturday"),
        (date(2026, 11, 20), date(2027, 1, 4), "Nieuwjaarsdag 2027, a Friday"),
    ],
)
def test_a_term_ending_on_a_holiday_ends_on_the_next_working_day(
    received: date, due: date, why: str
) -> None:
    assert due_date(SIX_WEEKS, received).date == due, why


def test_the_extension_runs_on_from_the_end_of_the_term() -> None:
    # Six weeks from Friday 13 March 2026 end Friday 24 April; four more end Friday 22 May.
    assert due_date(SIX_WEEKS, date(2026, 3, 13)).extended_date == date(2026, 5, 22)
    woo = DeadlineRule(Term(4, "weeks"), "day_after_receipt", "Woo 4.4", Term(2, "weeks"))
    # 4 + 2 weeks from Monday 23 March end Monday 4 May, a working day; one day later
    # they end on 5 May, a holiday, and move to Wednesday 6 May.
    assert due_date(woo, date(2026, 3, 23)).extended_date == date(2026, 5, 4)
    assert due_date(woo, date(2026, 3, 24)).extended_date == date(2026, 5, 6)


def test_month_terms_are_calendar_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    norm = rule("1 month", service_norm=True)
    assert due_date(norm, date(2024, 1, 31)).date == date(2024, 2, 29)  # a Thursday
    assert due_date(norm, date(2026, 1, 31)).date == date(2026, 2, 28)  # a Saturday: a norm
    legal = rule("2 months")
    assert due_date(legal, date(2026, 12, 31)).date == date(2027, 3, 1)  # 28 Feb is a Sunday


def test_atw_article_2_gives_a_short_term_two_working_days() -> None:
    # Three days from Friday 25 December 2026: 25, 26, 27 (Christmas, Boxing Day, a
    # Sunday). Art. 1 alone would end it on Monday 28; art. 2 wants two working days in it.
    assert due_date(rule("3 days"), date(2026, 12, 24)).date == date(2026, 12, 29)
    # Two days are not "at least three": only art. 1 applies.
    assert due_date(rule("2 days"), date(2026, 12, 24)).date == date(2026, 12, 28)


def test_counting_from_receipt_includes_the_day_of_receipt() -> None:
    assert due_date(rule("30 days", "receipt"), date(2026, 6, 1)).date == date(2026, 6, 30)
    assert due_date(rule("30 days"), date(2026, 6, 1)).date == date(2026, 7, 1)


def test_objection_decisions_count_from_the_end_of_the_objection_term() -> None:
    bezwaar = rule("6 weeks", "objection_term_end", extension="6 weeks")
    due = due_date(bezwaar, date(2026, 2, 20), objection_term_end=date(2026, 3, 6))
    assert due.starts == date(2026, 3, 7)
    assert due.date == date(2026, 4, 17)
    assert due.extended_date == date(2026, 5, 29)
    # Unknown end of the objection term: the receipt date stands in (earlier, the safe side).
    assert due_date(bezwaar, date(2026, 2, 20)).date == date(2026, 4, 3)


def test_service_norms_are_plain_calendar_terms() -> None:
    factuur = rule("30 days", service_norm=True)
    assert due_date(factuur, date(2026, 11, 26)).date == date(2026, 12, 26)  # Boxing Day stays


def test_working_day_terms_skip_weekends_and_holidays() -> None:
    melding = rule("5 working days", service_norm=True)
    # Friday 24 April 2026: 27 April is King's Day; 28, 29, 30 April, 1 and 4 May.
    assert due_date(melding, date(2026, 4, 24)).date == date(2026, 5, 4)
    # Thursday 30 April: 1 and 4 May, then 5 May is a holiday: 6, 7, 8 May.
    assert due_date(melding, date(2026, 4, 30)).date == date(2026, 5, 8)


def test_penalty_runs_from_the_day_after_two_weeks_past_receipt() -> None:
    # Received Tuesday 3 March 2026: the two weeks end Tuesday 17 March.
    assert penalty_start(date(2026, 3, 3)) == date(2026, 3, 18)
    # Received Sunday 1 March: the two weeks end Sunday 15 March, extended to Monday 16.
    assert penalty_start(date(2026, 3, 1)) == date(2026, 3, 17)
    # Received 13 April: the two weeks end on King's Day, Monday 27 April.
    assert penalty_start(date(2026, 4, 13)) == date(2026, 4, 29)


def test_days_and_working_days_left() -> None:
    assert days_left(date(2026, 5, 4), date(2026, 5, 1)) == 3
    assert days_left(date(2026, 5, 4), date(2026, 5, 4)) == 0
    assert days_left(date(2026, 5, 4), date(2026, 5, 6)) == -2
    assert working_days_between(date(2026, 4, 24), date(2026, 5, 4)) == 5
    assert working_days_between(date(2026, 5, 4), date(2026, 4, 24)) == -5
    assert is_working_day(date(2026, 4, 3)) and not is_working_day(date(2026, 4, 6))


# --- the catalogue's rules --------------------------------------------------------------------


def test_packaged_catalogue_has_a_rule_for_every_case_type_but_overig() -> None:
    catalogue = load_catalogue()
    for code, case_type in catalogue.case_types.items():
        if code == "overig":
            assert case_type.deadline is None  # deliberately: it asks for nothing
            continue
        assert case_type.deadline is not None, code
        assert case_type.deadline.article, code
    articles = {code: t.deadline.article for code, t in catalogue.case_types.items() if t.deadline}
    assert articles["bezwaar"] == "Awb 7:10"
    assert articles["klacht"] == "Awb 9:11"
    assert articles["woo_verzoek"] == "Woo 4.4"
    assert articles["factuur"] == "Art. 6:119a BW"
    bezwaar = catalogue.case_type("bezwaar").deadline
    assert bezwaar is not None and bezwaar.counts_from == "objection_term_end"
    assert bezwaar.extension == Term(6, "weeks")
    factuur = catalogue.case_type("factuur").deadline
    assert factuur is not None and factuur.service_norm


def test_packaged_acknowledgements() -> None:
    catalogue = load_catalogue()
    assert catalogue.case_type("bezwaar").acknowledgement.article == "Awb 6:14"
    assert catalogue.case_type("klacht").acknowledgement.article == "Awb 9:6"
    for code in ("bezwaar", "klacht"):
        ack = catalogue.case_type(code).acknowledgement
        assert ack.required and ack.sends_on("paper") and ack.sends_on("email")
    factuur = catalogue.case_type("factuur").acknowledgement
    assert not factuur.sends_on("email") and not factuur.sends_on("paper")
    parkeren = catalogue.case_type("parkeervergunning").acknowledgement
    assert parkeren.sends_on("email") and not parkeren.sends_on("paper")
    assert catalogue.team_for("klacht").email


def test_the_shared_spec_without_rules_still_parses() -> None:
    if not SPEC.exists():
        pytest.skip("shared/spec is not beside this checkout")
    catalogue = parse_catalogue(SPEC.read_text("utf-8"), str(SPEC))
    assert len(catalogue.case_types) == 13
    for case_type in catalogue.case_types.values():
        assert case_type.deadline is None
        assert case_type.acknowledgement == AcknowledgementRule()
        assert not case_type.acknowledgement.required


def test_terms_and_acknowledgements_are_read() -> None:
    assert rule("6 weken").term == Term(6, "weeks")
    assert rule("1 month").term == Term(1, "months")
    assert rule(" 30  Days ").term == Term(30, "days")
    assert rule("5 werkdagen").term == Term(5, "working_days")
    assert str(Term(5, "working_days")) == "5 working days"
    catalogue = parse_catalogue(
        '[case_types.a]\nteam = "t"\n[case_types.a.deadline]\nterm = "4 weeks"\n'
        'article = "Woo 4.4"\n[case_types.a.acknowledgement]\nrequired = true\n'
        'article = "Awb 6:14"\nchannels = ["paper"]\nemail = false\n[teams]\nt = "T"\n'
    )
    a = catalogue.case_type("a")
    assert a.deadline == DeadlineRule(Term(4, "weeks"), "day_after_receipt", "Woo 4.4")
    assert a.acknowledgement == AcknowledgementRule(True, "Awb 6:14", ("paper",), False)
    assert not a.acknowledgement.sends_on("email")


BAD_RULES = [
    ('[case_types.x.deadline]\nterm = "six weeks"\narticle = "A"', "term 'six weeks'"),
    ('[case_types.x.deadline]\nterm = "6 fortnights"\narticle = "A"', "term '6 fortnights'"),
    ('[case_types.x.deadline]\nterm = "0 days"\narticle = "A"', "term '0 days'"),
    ('[case_types.x.deadline]\nterm = 6\narticle = "A"', "term 6 is not"),
    ('[case_types.x.deadline]\narticle = "A"', "needs a term"),
    ('[case_types.x.deadline]\nterm = "6 weeks"', "article must be"),
    (
        '[case_types.x.deadline]\nterm = "6 weeks"\narticle = "A"\ncounts_from = "decision"',
        "counts_from 'decision'",
    ),
    (
        '[case_types.x.deadline]\nterm = "6 weeks"\narticle = "A"\nextension = "a while"',
        "term 'a while'",
    ),
    ('[case_types.x.deadline]\nterm = "6 weeks"\narticle = "A"\nterms = "1"', "unknown key"),
    (
        '[case_types.x.deadline]\nterm = "6 weeks"\narticle = "A"\nservice_norm = "yes"',
        "service_norm must be true or false",
    ),
    ('[case_types.x.deadlines]\nterm = "6 weeks"', "unknown key.*deadlines"),
    ("[case_types.x.acknowledgement]\nrequired = true", "article must be"),
    ('[case_types.x.acknowledgement]\nchannels = ["fax"]', "channels must be"),
    ('[case_types.x.acknowledgement]\nchannels = "email"', "channels must be"),
    ("[case_types.x.acknowledgement]\nmail = true", "unknown key.*mail"),
]


@pytest.mark.parametrize(("table", "message"), BAD_RULES)
def test_a_bad_rule_fails_naming_the_file_and_case_type(
    tmp_path: Path, table: str, message: str
) -> None:
    path = tmp_path / "types.toml"
    path.write_text(f'[case_types.x]\nteam = "t"\n{table}\n[teams]\nt = "T"\n', "utf-8")
    with pytest.raises(ConfigError, match=f"types.toml: case type 'x': .*{message}"):
        load_catalogue(path)


def test_teams_may_be_tables_with_contact_details() -> None:
    catalogue = parse_catalogue(
        '[case_types.a]\nteam = "t"\n[case_types.b]\nteam = "u"\n[teams]\n'
        't = { name = "Juridische zaken", email = "jz@example.org", phone = "14 024" }\n'
        'u = "Postkamer"\n'
    )
    t = catalogue.team_for("a")
    assert (t.name, t.email, t.phone) == ("Juridische zaken", "jz@example.org", "14 024")
    u = catalogue.team_for("b")
    assert (u.name, u.email, u.phone) == ("Postkamer", None, None)


@pytest.mark.parametrize(
    ("team", "message"),
    [
        ('{ email = "a@b.nl" }', "name must be"),
        ('{ name = "T", fax = "1" }', "unknown key.*fax"),
        ("3", "must be a name or a table"),
    ],
)
def test_a_bad_team_fails_naming_the_team(team: str, message: str) -> None:
    with pytest.raises(ConfigError, match=f"team 't': .*{message}"):
        parse_catalogue(f'[case_types.a]\nteam = "t"\n[teams]\nt = {team}\n')
