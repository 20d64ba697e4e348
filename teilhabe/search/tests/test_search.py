"""Search through the public page, on whichever database the suite runs (SQLite by default,
PostgreSQL with DATABASE_URL): stemming, drafts, filters, bad input, query counts, languages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.plans import services
from teilhabe.plans.services.translations import content_translate
from teilhabe.search.models import Entry, IndexedPlan
from teilhabe.search.services import search_refresh
from teilhabe.testing import make_organization, make_plan

from .conftest import DRAFT_WORDS, publish, update_measure

pytestmark = pytest.mark.django_db


def search(client, language="de", expect=200, **params):
    with translation.override(language):
        url = reverse("portal:search")
    response = client.get(url, params)
    assert response.status_code == expect, response.content.decode()[:2000]
    return response.content.decode()


def result_links(html: str) -> list[str]:
    """The addresses the results link to, in order."""
    results = html.split('<ol class="search-results"', 1)
    if len(results) == 1:
        return []
    return re.findall(
        r'<h3 class="kern-heading-small"><a class="kern-link" href="([^"]+)"', results[1]
    )


def url(name, plan, *args, language="de"):
    with translation.override(language):
        return reverse(f"portal:{name}", args=[plan.organization.slug, plan.slug, *args])


# Stemming ----------------------------------------------------------------------------------------


def test_einbuergerung_finds_einbuergerungen(client, search_setup):
    m11 = search_setup["measures"][0]
    html = search(client, q="Einbürgerung")
    links = result_links(html)
    assert url("measure", search_setup["plan"], m11.pk) in links
    assert url("measure", search_setup["city_plan"], search_setup["city_measure"].pk) in links
    assert len(links) == 2
    assert "2 Treffer für „<bdi>Einbürgerung</bdi>“" in html
    assert "<mark>Einbürgerungen</mark>" in html


def test_sprachkurse_finds_sprachkurs_and_the_other_way_round(client, search_setup):
    m12 = search_setup["measures"][1]
    expected = url("measure", search_setup["plan"], m12.pk)
    assert result_links(search(client, q="Sprachkurse")) == [expected]
    assert result_links(search(client, q="Sprachkurs")) == [expected]
    assert result_links(search(client, q="Sprachkurse Eltern")) == [expected]


@pytest.mark.parametrize("word", ["Übersetzungen", "ubersetzung", "ÜBERSETZUNG"])
def test_umlauts_and_case(client, search_setup, word):
    m13 = search_setup["measures"][2]
    assert result_links(search(client, q=word)) == [url("measure", search_setup["plan"], m13.pk)]


def test_prefixes_find_longer_words(client, search_setup):
    plan = search_setup["plan"]
    assert url("measure", plan, search_setup["measures"][0].pk) in result_links(
        search(client, q="Einbürg")
    )
    assert result_links(search(client, q="Gesundheitslot")) == [url("field", plan, 2)]
    assert result_links(search(client, q="Kinderbetr")) == [
        url("measure", plan, search_setup["measures"][1].pk)
    ]


def test_goals_link_to_their_field_with_an_anchor(client, search_setup):
    html = search(client, q="Öffnung")
    goal = search_setup["goal"]
    assert result_links(html) == [url("field", search_setup["plan"], 2) + f"#ziel-{goal.pk}"]
    assert "Ziel" in html


def test_reports_are_found_by_their_entries(client, search_setup):
    plan, report = search_setup["plan"], search_setup["report"]
    # The office's wording in the published Bilanz: in the report and in the measure.
    links = result_links(search(client, q="Abstimmungsprozess"))
    assert sorted(links) == sorted(
        [url("report", plan, report.pk), url("measure", plan, search_setup["measures"][2].pk)]
    )
    links = result_links(search(client, q="Bilanz 2017"))
    assert url("report", plan, report.pk) in links


# Drafts ------------------------------------------------------------------------------------------


def test_drafts_are_never_indexed_or_found(client, search_setup):
    for word in DRAFT_WORDS:
        assert result_links(search(client, q=word)) == []
        assert result_links(search(client, "en", q=word)) == []
    assert not Entry.objects.filter(plan=search_setup["draft_plan"]).exists()
    assert not IndexedPlan.objects.filter(plan=search_setup["draft_plan"]).exists()
    for word in DRAFT_WORDS:
        for column in ("title", "body", "fallback_title", "fallback_body"):
            assert not Entry.objects.filter(**{f"{column}__contains": word}).exists()
    assert not Entry.objects.filter(kind="report", object_id=search_setup["draft_report"].pk)


def test_status_comes_from_the_latest_published_report_only(client, search_setup):
    plan = search_setup["plan"]
    m11, m12 = search_setup["measures"][:2]
    # The draft says "done" for every measure; the published Bilanz only for 1.1.
    html = search(client, q="Sprachkurs")
    assert '<span class="status status--in_progress">in Umsetzung</span>' in html
    slug = search_setup["organization"].slug
    links = result_links(search(client, q="Maßnahme", organisation=slug, status="done"))
    assert links == [url("measure", plan, m11.pk)]
    links = result_links(search(client, q="Sprachkurs", status="in_progress"))
    assert links == [url("measure", plan, m12.pk)]


def test_a_plan_that_becomes_a_draft_leaves_the_index(client, search_setup):
    plan = search_setup["plan"]
    assert result_links(search(client, q="Gesundheitslotsen"))
    plan.refresh_from_db()
    services.plan_update(plan=plan, version=plan.version, status="draft", adopted_on=None, by=None)
    assert result_links(search(client, q="Gesundheitslotsen")) == []
    assert not Entry.objects.filter(plan=plan).exists()


def test_changes_are_found_after_the_next_refresh(client, search_setup):
    m13 = search_setup["measures"][2]
    assert result_links(search(client, q="Bescheiden"))
    update_measure(m13, description="Dolmetscherpool für Elterngespräche")
    assert result_links(search(client, q="Bescheiden")) == []
    assert result_links(search(client, q="Dolmetscherpool")) == [
        url("measure", search_setup["plan"], m13.pk)
    ]


def test_refresh_is_one_query_when_nothing_changed(search_setup):
    search_refresh()
    with CaptureQueriesContext(connection) as queries:
        result = search_refresh()
    assert (result.indexed, result.removed, result.pending) == (0, 0, 0)
    assert len(queries) == 1


def test_refresh_reindexes_only_changed_plans(search_setup):
    search_refresh()
    update_measure(search_setup["city_measure"], description="Neuer Text")
    result = search_refresh()
    assert (result.indexed, result.removed) == (1, 0)
    assert Entry.objects.filter(body__contains="Neuer Text").count() == 1


def test_refresh_with_a_time_limit_leaves_the_rest_for_later(search_setup):
    result = search_refresh(seconds=0)
    assert (result.indexed, result.pending) == (1, 1)
    result = search_refresh()
    assert (result.indexed, result.pending) == (1, 0)


def test_rebuild_indexes_everything_again(search_setup):
    search_refresh()
    count = Entry.objects.count()
    result = search_refresh(rebuild=True)
    assert result.indexed == 2
    assert Entry.objects.count() == count


# Filters -----------------------------------------------------------------------------------------


def test_organisation_filter(client, search_setup):
    plan, organization = search_setup["plan"], search_setup["organization"]
    links = result_links(search(client, q="Einbürgerung", organisation=organization.slug))
    assert links == [url("measure", plan, search_setup["measures"][0].pk)]


def test_field_filter(client, search_setup):
    organization = search_setup["organization"]
    links = result_links(search(client, q="Maßnahme", organisation=organization.slug, feld=2))
    assert len(links) == 3
    assert all("/massnahme/" in link for link in links)
    links = result_links(search(client, q="Handlungsfeld", organisation=organization.slug, feld=1))
    assert links == [url("field", search_setup["plan"], 1)]


def test_office_filter_by_unit_and_by_organisation(client, search_setup):
    plan, organization = search_setup["plan"], search_setup["organization"]
    unit0, unit1 = search_setup["units"]
    _m11, m12, _m13, m21, m22, _m23 = search_setup["measures"]
    html = search(client, q="Beschreibung", organisation=organization.slug, amt=unit1.pk)
    assert sorted(result_links(html)) == sorted(
        [url("measure", plan, m12.pk), url("measure", plan, m22.pk)]
    )
    html = search(
        client, q="Maßnahme", organisation=organization.slug, amt=search_setup["partner"].slug
    )
    assert result_links(html) == [url("measure", plan, m21.pk)]
    # The lists offer the organisation's fields and offices.
    assert f'<option value="{unit0.pk}">{unit0.name}</option>' in html
    assert f'<option value="{search_setup["partner"].slug}" selected>' in html
    assert '<option value="2">2. Handlungsfeld 2</option>' in html


def test_filters_without_a_search_term_show_the_form_only(client, search_setup):
    html = search(client, organisation=search_setup["organization"].slug)
    assert result_links(html) == []
    assert f'<option value="{search_setup["organization"].slug}" selected>' in html
    html = search(client, q="")
    assert "Bitte geben Sie einen Suchbegriff ein." in html


def test_filter_lists_hold_public_data_only(client, search_setup):
    html = search(client)
    assert search_setup["organization"].name in html
    assert "Stadt Anderswo" in html
    assert "Gemeinde Entwurfsdorf" not in html


def test_organisations_are_grouped_by_landkreis(client, search_setup):
    district = search_setup["organization"]
    member = make_organization("Gemeinde Mitglied", kind="municipality", parent=district)
    make_plan(member, fields=1, measures_per_field=1)
    html = search(client, organisation=member.slug)
    assert (
        f'<optgroup label="Landkreis Suchhausen"><option value="{district.slug}">'
        f'Landkreis Suchhausen</option><option value="{member.slug}" selected>'
        "Gemeinde Mitglied</option></optgroup>"
    ) in html
    assert f'<option value="{search_setup["city_plan"].organization.slug}">Stadt Anderswo' in html


def test_field_and_office_are_ignored_without_an_organisation(client, search_setup):
    assert len(result_links(search(client, q="Einbürgerung", feld=7, amt="irgendwer"))) == 2


# Bad input ---------------------------------------------------------------------------------------

BAD_INPUT = [
    ({"q": "Einbürgerung" * 20}, "zu lang"),
    ({"q": "?!…;"}, "Wort"),
    ({"q": '"'}, "Wort"),
    ({"q": "*"}, "Wort"),
    ({"q": "NEAR("}, "Wort"),
    ({"q": "AND"}, "Wort"),
    ({"q": ") OR ("}, "Wort"),
    ({"q": "Einbürgerung", "status": "fertig"}, "Umsetzungsstand"),
    ({"q": "Einbürgerung", "organisation": "gibt-es-nicht"}, "Organisation"),
    ({"q": "Einbürgerung", "organisation": "<script>"}, "Organisation"),
    ({"q": "Einbürgerung", "feld": "zwei"}, "Handlungsfeld"),
    ({"q": "Einbürgerung", "feld": "-1"}, "Handlungsfeld"),
    ({"q": "Einbürgerung", "page": "zwei"}, "Seitenzahl"),
    ({"q": "Einbürgerung", "page": "0"}, "Seitenzahl"),
    ({"q": "Einbürgerung", "page": "9" * 30}, "Seitenzahl"),
]


@pytest.mark.parametrize(("params", "message"), BAD_INPUT)
def test_bad_input_is_a_400_with_a_german_message(client, search_setup, params, message):
    html = search(client, expect=400, **params)
    alert = html.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert message in alert
    assert result_links(html) == []
    assert "Treffer für" not in html


def test_unknown_field_or_office_of_the_organisation_is_a_400(client, search_setup):
    slug = search_setup["organization"].slug
    html = search(client, expect=400, q="Maßnahme", organisation=slug, feld=9)
    assert "Dieses Handlungsfeld gibt es bei Landkreis Suchhausen nicht." in html
    html = search(client, expect=400, q="Maßnahme", organisation=slug, amt="99999")
    assert "Diese Stelle ist bei Landkreis Suchhausen für keine Maßnahme zuständig." in html


@pytest.mark.parametrize(
    "text",
    [
        '"Einbürgerung"',
        "Einbürgerung*",
        "Einbürgerung AND",
        "Ein\u00adbürgerung",
        "Einbürgerung\u202e",
        "Einbürgerung NEAR(Landratsamt)",
        "Einbürgerung:*",
        "\\Einbürgerung",
    ],
)
def test_search_syntax_is_plain_text(client, search_setup, text):
    links = result_links(search(client, q=text))
    assert url("measure", search_setup["plan"], search_setup["measures"][0].pk) in links


def test_a_nul_character_in_the_query_is_a_german_400(client, search_setup):
    # No person types one, and PostgreSQL cannot compare it: refused before the search
    # (core.middleware), as every query parameter with one.
    html = search(client, expect=400, q="Einbürgerung\x00")
    assert "Ungültige Anfrage" in html


@pytest.mark.parametrize(
    "text",
    [
        "Einbürgerung'; DROP TABLE search_entry; --",
        "100%",
        "a_b",
        "' OR 1=1 --",
        "\\x00",
        "🙂 Kurs",
    ],
)
def test_odd_input_is_searched_as_words(client, search_setup, text):
    search(client, q=text)
    assert Entry.objects.exists()


def test_page_past_the_end_says_so(client, search_setup):
    html = search(client, q="Einbürgerung", page=3)
    assert "Auf dieser Seite gibt es keine Treffer mehr." in html
    assert "2 Treffer" in html


def test_pagination(client, search_setup):
    plan = search_setup["plan"]
    field = plan.fields.get(number=1)
    services.measures_create_many(
        field=field, titles=[f"Sprachcafé Nummer {i}" for i in range(25)], by=None
    )
    first = search(client, q="Sprachcafé")
    assert "25 Treffer" in first
    assert len(result_links(first)) == 20
    assert "Seite 1 von 2" in first
    assert "page=2" in first
    second = search(client, q="Sprachcafé", page=2)
    assert len(result_links(second)) == 5
    assert '<ol class="search-results" start="21">' in second
    assert not set(result_links(first)) & set(result_links(second))


def test_more_matches_than_are_ranked(client, search_setup, monkeypatch):
    monkeypatch.setattr("teilhabe.search.engine.CANDIDATES", 3)
    monkeypatch.setattr("teilhabe.search.results.CANDIDATES", 3)
    html = search(client, q="Maßnahme")
    assert "Mehr als 3 Treffer für „<bdi>Maßnahme</bdi>“" in html
    assert len(result_links(html)) == 3
    assert "Grenzen Sie die Suche ein" in html
    html = search(client, q="Maßnahme", organisation=search_setup["city_plan"].organization.slug)
    assert "1 Treffer für „<bdi>Maßnahme</bdi>“" in html


def test_results_escape_what_editors_wrote(client, search_setup):
    update_measure(search_setup["measures"][2], title="<img src=x onerror=alert(1)> Elternbrief")
    html = search(client, q="Elternbrief")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>Elternbrief</mark>" in html


# Query counts ------------------------------------------------------------------------------------


def count_queries(client, **params):
    search_refresh()
    with CaptureQueriesContext(connection) as queries:
        search(client, **params)
    return len(queries)


def test_query_count_does_not_grow_with_the_data(client, search_setup):
    slug = search_setup["organization"].slug
    small = count_queries(client, q="Maßnahme")
    small_filtered = count_queries(client, q="Maßnahme", organisation=slug, status="done")
    for _ in range(3):
        _plan, report, _units = make_plan(make_organization(), fields=3, measures_per_field=8)
        publish(report)
    _organization_plan, report, _units = make_plan(
        search_setup["organization"], fields=3, measures_per_field=8
    )
    publish(report)
    assert count_queries(client, q="Maßnahme") == small
    assert count_queries(client, q="Maßnahme", organisation=slug, status="done") == small_filtered
    assert small <= 6


# Languages ---------------------------------------------------------------------------------------


def test_english_title_is_found_in_english(client, search_setup):
    m12 = search_setup["measures"][1]
    plan = search_setup["plan"]
    content_translate(
        obj=m12,
        language="en",
        values={
            "title": "Language courses for parents",
            "description": "Mornings, with childcare.",
        },
        by=None,
    )
    expected = url("measure", plan, m12.pk, language="en")
    html = search(client, "en", q="course")
    assert result_links(html) == [expected]
    assert "<mark>courses</mark>" in html
    # The German word finds it too, once; German readers do not get the English text.
    assert result_links(search(client, "en", q="Sprachkurse")) == [expected]
    assert result_links(search(client, q="courses")) == []


def test_untranslated_results_are_marked_german_for_other_readers(client, search_setup):
    html = search(client, "en", q="Einbürgerung")
    links = result_links(html)
    assert len(links) == 2
    assert all(link.startswith("/en/") for link in links)
    assert 'lang="de" dir="ltr"' in html


@pytest.mark.parametrize("language", ["de-x-ls", "tr", "ar", "uk"])
def test_every_language_searches(client, search_setup, language):
    html = search(client, language, q="Einbürgerung")
    assert len(result_links(html)) == 2


# The database's own index ------------------------------------------------------------------------


def test_the_full_text_index_is_used(search_setup):
    from teilhabe.search.engine import Filters, find
    from teilhabe.search.text import parse_query

    search_refresh()
    query = parse_query("Einbürgerung", "de")
    if connection.vendor == "postgresql":
        # A tiny table is read whole. With 20,000 more rows and whole-table scans priced out,
        # the plan shows that the query's condition can use the GIN index.
        plan = search_setup["plan"]
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_entry (kind, object_id, language, shadowed_by, plan_id,"
                " organization_id, number, status, title, body, fallback_title, fallback_body,"
                " vector) SELECT 'measure', 1000000 + g, 'de', '', %s, %s, '', '',"
                " 'Füllmaßnahme ' || g, 'Füllwort', '', '', to_tsvector('german',"
                " 'Füllmaßnahme ' || g || ' Füllwort') FROM generate_series(1, 20000) AS g",
                [plan.pk, plan.organization_id],
            )
            cursor.execute("ANALYZE search_entry")
            cursor.execute("SET LOCAL enable_seqscan = off")
        with CaptureQueriesContext(connection) as queries:
            find(query, language="de", filters=Filters(), offset=0, limit=20)
        sql = queries[-1]["sql"]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "search_entry_vector" in plan
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT title, body FROM search_fts WHERE rowid = "
                "(SELECT id FROM search_entry WHERE kind = 'measure' AND object_id = %s"
                " AND language = 'de')",
                [search_setup["measures"][0].pk],
            )
            title, body = cursor.fetchone()
        assert "einburger" in body.split()
        assert "massnahm" in title.split()


# The glossary: a reader's word in their language finds the German texts ------------------------


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("tr", "tercüman"),
        ("tr", "tercümanlar"),
        ("uk", "перекладач"),
        ("uk", "перекладачів"),
        ("ar", "مترجم"),
        ("en", "interpreters"),
    ],
)
def test_a_glossary_word_finds_the_german_text(client, search_setup, language, word):
    m13 = search_setup["measures"][2]  # "Übersetzung von Bescheiden in einfache Sprache."
    html = search(client, language, q=word)
    assert url("measure", search_setup["plan"], m13.pk, language=language) in result_links(html)
    assert '<span lang="de" dir="ltr">Dolmetscher</span>' in html
    assert "<mark>Übersetzung</mark>" in html


def test_german_readers_get_no_glossary_widening(client, search_setup):
    # "interpreter" is English; on the German portal it is just an unknown word.
    html = search(client, q="interpreter")
    assert result_links(html) == []
    assert "Auch gesucht nach" not in html
    assert "Suchen Sie auch mit dem deutschen Begriff" not in html


def test_an_empty_result_in_another_language_suggests_the_german_term(client, search_setup):
    with translation.override("tr"):
        hint = translation.gettext("Die meisten Inhalte sind auf Deutsch geschrieben.")
    html = search(client, "tr", q="cami")  # mosque: Religion, Moschee … — in no text here
    assert result_links(html) == []
    assert hint in html
    assert 'lang="de" dir="ltr" href="?q=Religion' in html
    html = search(client, "tr", q="xyzzy")
    assert result_links(html) == []
    assert hint in html
    assert 'href="?q=' not in html


def test_the_query_keeps_its_own_direction_in_an_arabic_sentence(client, search_setup):
    html = search(client, "ar", q="Einbürgerung <b>")
    # Isolated (bidi) and escaped: a German word inside Arabic text is not scrambled.
    assert "<bdi>Einbürgerung &lt;b&gt;</bdi>" in html
