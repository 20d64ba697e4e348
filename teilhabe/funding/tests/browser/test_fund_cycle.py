"""The fund's whole cycle in a real browser, as its users meet it (demo: Landkreis Böblingen's
Integrationsfonds „Zusammenleben gestalten“):

1. an initiative reads the open call (German) and applies without an account: personal link,
   draft with cost plan, submission;
2. another applicant starts in English and saves a draft;
3. the office checks eligibility; a member of the Integrationsrat scores it; the office
   approves it under the budget guard and downloads the Zuwendungsbescheid;
4. the finance office books the instalment and opens the ledger;
5. an earlier project hands in its proof of use through its link, the office closes it;
6. the public finds the funded projects (German and Arabic).

Every page: no axe-core WCAG 2.1 A/AA violation and one h1. One test, so the demo loads once."""

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import login, visit

pytestmark = pytest.mark.browser

BB = "landkreis-boeblingen"
FUND = "zusammenleben-gestalten"
OFFICE = "koordination@lrabb.example"
COUNCIL = "integrationsrat@lrabb.example"
FINANCE = "kasse@lrabb.example"
TITLE = "Sprachpatenschaften im Quartier"


def _fill_draft(page):
    page.get_by_label("Ansprechperson").fill("Dilan Beispiel")
    page.get_by_label("Kurzbeschreibung für die Öffentlichkeit").fill(
        "Ehrenamtliche Sprachpaten treffen Neuzugewanderte."
    )
    page.get_by_label("Projektbeschreibung").fill(
        "Zehn Tandems treffen sich ein Jahr lang wöchentlich."
    )
    page.get_by_label("Förderbereich").select_option("language")
    page.get_by_label("Stadt oder Gemeinde").fill("Böblingen")
    page.get_by_label("Projektbeginn").fill("2027-09-01")
    page.get_by_label("Projektende").fill("2028-06-30")
    page.get_by_label("Beantragter Betrag (EUR)").fill("1.500,00")
    page.get_by_label("Wie erreichen Sie Ihre Zielgruppe?").fill("Über die Sprachkurse der VHS.")
    page.get_by_label("Mit welchen Partnern arbeiten Sie zusammen?").fill("VHS, Stadtbücherei.")
    page.get_by_label("Posten, Zeile 1", exact=True).fill("Fahrtkosten und Material")
    page.get_by_label("Betrag, Zeile 1", exact=True).fill("1.800,00")
    page.get_by_label("Art, Zeile 2", exact=True).select_option("own")
    page.get_by_label("Posten, Zeile 2", exact=True).fill("Spenden")
    page.get_by_label("Betrag, Zeile 2", exact=True).fill("300")


def test_the_fund_from_call_to_proof_of_use(new_page, demo, a11y_log):
    from teilhabe.demo.funding import DEMO_LINKS
    from teilhabe.funding.models import Application

    # 1. The initiative, in German: the call, the start, the draft, the submission.
    applicant = new_page()
    visit(applicant, f"/{BB}/foerderung/")
    a11y_log.check(applicant, "funding overview (de)")
    applicant.get_by_role("link", name="Zum Förderaufruf").click()
    expect(applicant.get_by_role("heading", level=1)).to_contain_text("Zusammenleben gestalten")
    a11y_log.check(applicant, "call (de)")
    applicant.get_by_label("Name Ihrer Organisation oder Initiative").fill(
        "Initiative Sprachbrücke"
    )
    applicant.get_by_label("Art der Organisation").select_option("initiative")
    applicant.get_by_label("Ihr Name").fill("Dilan Beispiel")
    applicant.get_by_label("Ihre E-Mail-Adresse").fill("dilan@sprachbruecke.example")
    applicant.get_by_label("Titel des Projekts").fill(TITLE)
    applicant.get_by_label("Ich habe die Hinweise zum Datenschutz gelesen", exact=False).check()
    applicant.get_by_role("button", name="Antrag beginnen").click()
    expect(applicant.get_by_role("status").first).to_contain_text("persönlichen Link")
    a11y_log.check(applicant, "application draft (de)")
    _fill_draft(applicant)
    applicant.get_by_role("button", name="Antrag einreichen").click()
    expect(applicant.get_by_text("eingereicht", exact=True).first).to_be_visible()
    a11y_log.check(applicant, "application submitted (de)")
    application = Application.objects.get(title=TITLE)
    assert application.status == "submitted"

    # 2. Another applicant, in English: the call and a draft.
    english = new_page()
    visit(english, f"/en/{BB}/foerderung/{FUND}/")
    a11y_log.check(english, "call (en)")
    visit(english, f"/en/{BB}/foerderung/antrag/{DEMO_LINKS['draft']}/")
    expect(english.get_by_role("button", name="Save draft")).to_be_visible()
    a11y_log.check(english, "application draft (en)")
    english.get_by_role("button", name="Save draft").click()
    expect(english.get_by_role("status").first).to_be_visible()

    # 3. The office checks, the Integrationsrat scores, the office decides.
    office = new_page()
    login(office, OFFICE)
    visit(office, f"/verwaltung/foerderung/{BB}/")
    a11y_log.check(office, "funds")
    office.get_by_role("link", name="Integrationsfonds „Zusammenleben gestalten“").click()
    a11y_log.check(office, "fund")
    visit(office, f"/verwaltung/foerderung/antrag/{application.pk}/")
    a11y_log.check(office, "application (office)")
    office.get_by_label("Ergebnis der Prüfung").select_option("1")
    office.get_by_role("button", name="Prüfung speichern").click()
    expect(office.get_by_role("status").first).to_contain_text("gespeichert")

    council = new_page()
    login(council, COUNCIL)
    visit(council, "/verwaltung/foerderung/bewertungen/")
    a11y_log.check(council, "my reviews")
    visit(council, f"/verwaltung/foerderung/antrag/{application.pk}/")
    for select in council.locator("select[name^=score_]").all():
        select.select_option("4")
    council.get_by_label("Empfehlung").select_option("approve")
    council.get_by_role("button", name="Bewertung speichern").click()
    expect(council.get_by_role("status").first).to_contain_text("Bewertung wurde gespeichert")
    a11y_log.check(council, "application (reviewer)")

    visit(office, f"/verwaltung/foerderung/aufruf/{application.call_id}/")
    expect(office.get_by_role("table")).to_contain_text(TITLE)
    a11y_log.check(office, "ranking")
    visit(office, f"/verwaltung/foerderung/antrag/{application.pk}/")
    office.get_by_role("combobox", name="Entscheidung").select_option("approve")
    office.get_by_role("button", name="Entscheidung speichern").click()
    expect(office.get_by_role("status").first).to_contain_text("Entscheidung wurde gespeichert")
    a11y_log.check(office, "application approved")
    letter = office.request.get(f"/verwaltung/foerderung/antrag/{application.pk}/schreiben.pdf")
    assert letter.status == 200 and letter.body().startswith(b"%PDF")

    # 4. The finance office books the instalment and reads the ledger.
    finance = new_page()
    login(finance, FINANCE)
    visit(finance, f"/verwaltung/foerderung/antrag/{application.pk}/", status=403)
    visit(finance, f"/verwaltung/foerderung/fonds/{application.call.fund_id}/haushaltsbuch/")
    a11y_log.check(finance, "ledger")
    visit(office, f"/verwaltung/foerderung/antrag/{application.pk}/")
    office.get_by_label("Betrag (EUR)", exact=True).fill("750")
    office.get_by_label("Datum", exact=True).fill("2027-08-15")
    office.get_by_role("button", name="Zahlung buchen").click()
    expect(office.get_by_role("status").first).to_contain_text("gebucht")

    # 5. An earlier project hands in its proof of use; the office closes it.
    earlier = new_page()
    visit(earlier, f"/{BB}/foerderung/antrag/{DEMO_LINKS['proof_open']}/")
    a11y_log.check(earlier, "proof of use (de)")
    earlier.get_by_label("Sachbericht").fill(
        "Acht Treffen mit 25 Teilnehmenden; ein Film entstand."
    )
    for field in earlier.locator("input[name^=actual-]").all():
        field.fill("100")
    earlier.get_by_label("Datum, Beleg 1", exact=True).fill("2023-04-01")
    earlier.get_by_label("Empfänger, Beleg 1", exact=True).fill("Technikverleih")
    earlier.get_by_label("Zweck, Beleg 1", exact=True).fill("Kamera")
    earlier.get_by_label("Betrag, Beleg 1", exact=True).fill("300,00")
    earlier.get_by_role("button", name="Nachweis einreichen").click()
    expect(earlier.get_by_role("status").first).to_contain_text("eingereicht")
    proof_application = Application.objects.get(title="Tanz der Kulturen")
    assert proof_application.proof.status == "submitted"
    visit(office, f"/verwaltung/foerderung/antrag/{proof_application.pk}/")
    office.get_by_role("button", name="Nachweis abschließen").click()
    expect(office.get_by_role("status").first).to_contain_text("abgeschlossen")
    visit(office, f"/verwaltung/foerderung/fonds/{application.call.fund_id}/nachweise/")
    a11y_log.check(office, "proofs")

    # 6. The public finds funded projects, in German and Arabic.
    public = new_page()
    visit(public, f"/{BB}/foerderung/?jahr=2020")
    expect(
        public.get_by_role("link", name="Filmprojekt „Angekommen?“ mit jungen Zugewanderten")
    ).to_be_visible()
    public.get_by_role("link", name="Filmprojekt „Angekommen?“ mit jungen Zugewanderten").click()
    a11y_log.check(public, "funded project (de)")
    visit(public, f"/ar/{BB}/foerderung/")
    a11y_log.check(public, "funding overview (ar)")
    a11y_log.assert_clean()
