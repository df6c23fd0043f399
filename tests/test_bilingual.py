"""Plan texts in two languages: a report shows each note in its own language."""

from __future__ import annotations

import datetime as dt

import pytest

import policytargets as pt
from policytargets.io import dump_plan, loads_plan
from policytargets.report import render

PLAN = """
schema = "policytargets/plan@1"

[plan]
id = "bilingual"
number = "1/KH-UBND"
title = "Kế hoạch minh họa"
title_en = "An illustrative plan"
issuer = "UBND tỉnh"
effective = 2024-01-01
note = "Ghi chú của kế hoạch bằng tiếng Việt."
note_en = "The plan's note in English."

[[targets]]
id = "relicensed"
type = "boolean"
title = "Tạp chí được cấp phép lại"
title_en = "The magazine is relicensed"
measure = "relicensed"
note = "Ghi chú của chỉ tiêu bằng tiếng Việt."
note_en = "The target's note in English."
milestones = [{ by = 2024, require = "= true" }]
"""


def test_notes_follow_the_report_language() -> None:
    plan = loads_plan(PLAN)
    assert plan.note_en == "The plan's note in English."
    assert plan.targets[0].note_en == "The target's note in English."
    log = pt.ObservationLog([pt.Observation("relicensed", None, 2024, True)])
    card = pt.evaluate(plan, log, as_of=dt.date(2025, 1, 1))
    for format in ("table", "markdown", "html"):
        vi = render(card, format, lang="vi")
        en = render(card, format, lang="en")
        assert "Ghi chú của kế hoạch bằng tiếng Việt." in vi
        assert "Ghi chú của chỉ tiêu bằng tiếng Việt." in vi
        assert "in English" not in vi
        assert "The plan's note in English." in en or "The plan&#x27;s note in English." in en
        assert "The target's note in English." in en or "The target&#x27;s note in English." in en
        assert "tiếng Việt" not in en


def test_a_note_without_translation_is_shown_as_written() -> None:
    plan = loads_plan(PLAN.replace('note_en = "The target\'s note in English."\n', ""))
    target = plan.targets[0]
    assert target.note_en is None
    assert target.display_note("en") == target.note == "Ghi chú của chỉ tiêu bằng tiếng Việt."
    assert plan.display_note("en") == "The plan's note in English."
    assert plan.display_note("vi") == "Ghi chú của kế hoạch bằng tiếng Việt."


def test_english_notes_survive_the_plan_file() -> None:
    plan = loads_plan(PLAN)
    text = dump_plan(plan)
    assert 'note_en = "The target\'s note in English."' in text
    assert loads_plan(text) == plan


def test_a_misspelt_note_key_is_located() -> None:
    with pytest.raises(pt.PlanError, match=r"plan\.note_eng.*did you mean 'note_en'"):
        loads_plan(PLAN.replace("note_en = \"The plan's", "note_eng = \"The plan's"))
