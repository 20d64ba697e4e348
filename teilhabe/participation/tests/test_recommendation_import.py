"""Importing a recommendation list into a process: service and command, all or nothing."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teilhabe.core.errors import ServiceError
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.recommendations import parse_recommendations, parse_recommendations_text
from teilhabe.participation.models import Recommendation, RecommendationItem
from teilhabe.participation.services.processes import process_create
from teilhabe.participation.services.recommendation_import import recommendations_import
from teilhabe.participation.services.recommendations import recommendation_create
from teilhabe.plans.models import Plan
from teilhabe.testing.hypothesis import examples

SEED = Path(__file__).parents[2] / "demo" / "seeds" / "boeblingen_empfehlungen_2014.txt"


@pytest.fixture(scope="module")
def document():
    return parse_recommendations(SEED.read_bytes(), SEED.name)


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import-recommendations", *args, stdout=out, **options)
    return out.getvalue()


def stored(import_process) -> dict:
    """The import_process's recommendations in the shape of the command's JSON."""
    return {
        "recommendations": [
            {
                "number": recommendation.number,
                "text": recommendation.text,
                "items": [{"label": i.label, "text": i.text} for i in recommendation.items.all()],
            }
            for recommendation in Recommendation.objects.filter(process=import_process)
            .order_by("number")
            .prefetch_related("items")
        ]
    }


# --- the service -----------------------------------------------------------------------------


def test_import_creates_the_twelve_recommendations_with_history(
    import_process, document, plan_setup
):
    coordinator = plan_setup["people"]["coordinator"]
    revision = Plan.objects.get(pk=import_process.plan_id).revision
    result = recommendations_import(process=import_process, document=document, by=coordinator)
    assert len(result.recommendations) == 12
    assert result.items == 7
    assert result.corrections == document.corrections
    assert stored(import_process) == document.to_json_dict()
    first = Recommendation.objects.get(process=import_process, number=1)
    assert first.text_de == first.text
    assert first.history.count() == 1
    assert first.history.first().history_user == coordinator
    item = RecommendationItem.objects.get(recommendation=first, label="b")
    assert item.history.first().history_user == coordinator
    assert Plan.objects.get(pk=import_process.plan_id).revision > revision


def test_import_writes_german_whatever_language_is_active(import_process, document):
    from django.utils import translation

    with translation.override("en"):
        recommendations_import(process=import_process, document=document, by=None)
    recommendation = Recommendation.objects.get(process=import_process, number=2)
    assert recommendation.text_de.startswith("Der Kreistag setzt sich für")
    assert not recommendation.text_en


def test_taken_numbers_are_refused_and_nothing_is_written(import_process, document):
    recommendation_create(process=import_process, number=5, text="Von Hand erfasst.", by=None)
    recommendation_create(process=import_process, number=9, text="Auch von Hand.", by=None)
    with pytest.raises(ServiceError) as caught:
        recommendations_import(process=import_process, document=document, by=None)
    assert caught.value.message.startswith("Die Empfehlungen Nr. 5, 9 gibt es in")
    assert "nichts gespeichert" in caught.value.message
    assert list(
        Recommendation.objects.filter(process=import_process).values_list("number", "text")
    ) == [
        (5, "Von Hand erfasst."),
        (9, "Auch von Hand."),
    ]


def test_a_list_that_does_not_collide_is_added(import_process):
    recommendation_create(process=import_process, number=1, text="Schon da.", by=None)
    document = parse_recommendations_text("2. Der Kreistag empfiehlt B.\n3. Der Kreistag C.\n")
    recommendations_import(process=import_process, document=document, by=None)
    assert list(
        Recommendation.objects.filter(process=import_process).values_list("number", flat=True)
    ) == [1, 2, 3]


def test_failure_in_the_middle_writes_nothing(import_process, document, monkeypatch):
    """A database error after some recommendations were created rolls all of them back."""
    from teilhabe.participation.services import recommendation_import as module

    calls = []

    def failing_create(**kwargs):
        calls.append(kwargs["number"])
        if len(calls) == 7:
            raise ServiceError("Simulierter Fehler.")
        return recommendation_create(**kwargs)

    monkeypatch.setattr(module, "recommendation_create", failing_create)
    with pytest.raises(ServiceError):
        recommendations_import(process=import_process, document=document, by=None)
    assert calls == [1, 2, 3, 4, 5, 6, 7]
    assert not Recommendation.objects.filter(process=import_process).exists()
    assert not RecommendationItem.objects.filter(recommendation__process=import_process).exists()
    assert not Recommendation.history.filter(process_id=import_process.pk).exists()


LINES = SEED.read_bytes().split(b"\n")


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    deleted=st.lists(st.integers(0, len(LINES) - 1), max_size=4),
    duplicated=st.lists(st.integers(0, len(LINES) - 1), max_size=4),
)
def test_fuzzed_files_either_import_completely_or_write_nothing(
    import_process, tmp_path_factory, deleted, duplicated
):
    """The command on damaged variants of seed 001: a clean error and nothing written, or every
    recognised recommendation written (into a import_process that may already hold some numbers)."""
    lines = list(LINES)
    for index in duplicated:
        lines.insert(index, lines[index])
    for index in sorted(set(deleted), reverse=True):
        if index < len(lines):
            del lines[index]
    path = tmp_path_factory.mktemp("fuzz") / "empfehlungen.txt"
    path.write_bytes(b"\n".join(lines))
    Recommendation.objects.filter(process=import_process).delete()
    recommendation_create(process=import_process, number=4, text="Von Hand erfasst.", by=None)
    try:
        expected = parse_recommendations(path.read_bytes()).to_json_dict()
    except DocumentError:
        expected = None
    try:
        run(str(path), process=import_process.slug, json=True)
    except CommandError:
        assert stored(import_process)["recommendations"] == [
            {"number": 4, "text": "Von Hand erfasst.", "items": []}
        ]
        return
    assert expected is not None
    numbers = [r["number"] for r in stored(import_process)["recommendations"]]
    assert 4 in numbers
    assert [*sorted(r["number"] for r in expected["recommendations"]), 4] == numbers


# --- the command -----------------------------------------------------------------------------


def test_command_prints_json_only(db):
    out = run(str(SEED), json=True)
    data = json.loads(out)
    assert [r["number"] for r in data["recommendations"]] == list(range(1, 13))
    assert "Für diese Personen" in out  # UTF-8, not \u00fc escapes
    assert "Maßnahme 2a/d" in out
    assert data == parse_recommendations(SEED.read_bytes()).to_json_dict()


def test_command_without_process_only_reads(import_process):
    out = run(str(SEED))
    assert "12 Empfehlungen mit 7 Unterpunkten erkannt" in out
    assert "1. (Nummer erschlossen) a) b) Der Kreistag empfiehlt" in out
    assert "nichts gespeichert" in out
    assert not Recommendation.objects.exists()


def test_command_lists_corrections_with_verbosity_2(db):
    out = run(str(SEED), verbosity=2)
    assert "  Zeile 59: Malinahme → Maßnahme" in out


def test_command_dry_run_writes_nothing(import_process):
    out = run(str(SEED), process=import_process.slug, dry_run=True)
    assert "Probelauf: 12 Empfehlungen mit 7 Unterpunkten würden" in out
    assert not Recommendation.objects.exists()
    assert not Recommendation.history.exists()


def test_command_writes_into_the_process(import_process, document):
    out = run(str(SEED), process=import_process.slug, plan=import_process.plan.slug)
    assert "12 Empfehlungen mit 7 Unterpunkten in „Beteiligungsprozess" in out
    assert stored(import_process) == document.to_json_dict()


def test_command_finds_the_only_process_of_a_plan(import_process):
    run(str(SEED), plan=import_process.plan.slug)
    assert Recommendation.objects.filter(process=import_process).count() == 12


def test_command_refuses_a_second_import_and_keeps_the_first(import_process, document):
    run(str(SEED), process=import_process.slug)
    with pytest.raises(CommandError) as caught:
        run(str(SEED), process=import_process.slug)
    assert "Die Empfehlungen Nr. 1, 2, 3" in str(caught.value)
    assert stored(import_process) == document.to_json_dict()


def test_command_dry_run_reports_taken_numbers(import_process):
    recommendation_create(process=import_process, number=3, text="Von Hand.", by=None)
    with pytest.raises(CommandError, match=r"Die Empfehlung Nr\. 3 gibt es"):
        run(str(SEED), process=import_process.slug, dry_run=True)


def test_command_error_in_the_document_names_the_line_and_writes_nothing(import_process, tmp_path):
    path = tmp_path / "empfehlungen.txt"
    path.write_bytes(SEED.read_bytes().replace(b"\n11.Der", b"\n8.Der"))
    with pytest.raises(CommandError) as caught:
        run(str(path), process=import_process.slug)
    assert str(caught.value) == (
        "empfehlungen.txt: Zeile 107: Die Nummerierung springt zurück: auf Empfehlung Nr. 10 "
        "folgt Nr. 8."
    )
    assert not Recommendation.objects.exists()


def test_command_binary_file(import_process, tmp_path):
    path = tmp_path / "bild.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(CommandError, match=r"Binärdaten|weder PDF"):
        run(str(path), process=import_process.slug)
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"process": "gibt-es-nicht"}, "Den Beteiligungsprozess „gibt-es-nicht“ gibt es nicht."),
        ({"plan": "gibt-es-nicht"}, "Der Plan „gibt-es-nicht“ hat keinen Beteiligungsprozess."),
    ],
)
def test_command_unknown_process_or_plan(import_process, options, message):
    with pytest.raises(CommandError) as caught:
        run(str(SEED), **options)
    assert str(caught.value) == message


def test_command_ambiguous_process_slug(import_process, plan_setup):
    from teilhabe.testing import make_plan

    other_plan = make_plan(plan_setup["organization"])[0]
    process_create(plan=other_plan, title="Anderer Prozess", slug=import_process.slug, by=None)
    with pytest.raises(CommandError, match="bitte mit --plan den Plan angeben"):
        run(str(SEED), process=import_process.slug)
    process_create(plan=import_process.plan, title="Zweiter Prozess", slug="zweiter", by=None)
    with pytest.raises(CommandError, match="hat mehrere Beteiligungsprozesse"):
        run(str(SEED), plan=import_process.plan.slug)
    run(str(SEED), process=import_process.slug, plan=import_process.plan.slug)
    assert Recommendation.objects.filter(process=import_process).count() == 12


def test_command_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="kann nicht gelesen werden"):
        run(str(tmp_path / "fehlt.txt"))


def test_the_command_shows_bullets_as_bullets_and_says_what_it_left_over(import_process):
    """A council decision whose sub-points are "-" bullets (modelled on Köln): the description
    shows them as bullets, and the text the list does not take up is reported by its line."""
    fixture = (
        Path(__file__).parents[2]
        / "documents/tests/fixtures/recommendations/koeln_integrationsrat_2014.txt"
    )
    output = run(str(fixture), process=import_process.slug, dry_run=True)
    assert " •" in output
    assert " )" not in output
    assert "Nicht übernommen (" in output
