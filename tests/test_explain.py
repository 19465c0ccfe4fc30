"""`delib extract --explain` says why each value was read."""

from __future__ import annotations

from click.testing import CliRunner

from deliberations.cli import main
from tests.conftest import DATA


def test_explain_names_the_date_cue_the_headings_and_the_words_of_each_field() -> None:
    document = DATA / "real" / "docs" / "illats_CR_CM_2018-12-13.txt"
    result = CliRunner().invoke(main, ["extract", "--explain", str(document)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        "→ 2018-12-13 0.9" in out and "rule report_du" in out
    )  # the winning date, its score and why
    assert "no session cue" in out and "no_cue" in out  # a losing candidate, its features
    assert "numbered (strong)" in out  # the headings and their rules
    assert out.count("-- deliberation ") == 3
    assert (
        "imputations = '65 - 6574' p.1 [table] «65 - 6574»" in out
        or "imputations = '65 - 6574' p.1 [body] «65 - 6574»" in out
    )
    assert "[decision]" in out or "[vote]" in out  # each value with the zone its words stand in


def test_explain_shows_each_deliberation_s_number_candidates() -> None:
    document = DATA / "real" / "docs" / "ouzous_seance_CM_2014-11-06.txt"
    result = CliRunner().invoke(main, ["extract", "--explain", str(document)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "act number, scored candidates (nlp/weights/number.toml" in out
    # the winner, its score, its site and its features
    assert "→ 2014/26 " in out and "site n_sign" in out and "heading_number" in out
    # a losing candidate of the same item: the parcel's number, a small integer
    assert "  153 0." in out and "small_integer" in out
