"""The inventory in a real browser, as its users meet it: a provider keeps its offer current
through its personal link (German, then English), the coordinator of Leinfelden-Echterdingen
reviews the proposal with its diff and accepts it, and the public finds the updated offer in the
directory (German and Arabic). Every page: no axe-core WCAG 2.1 A/AA violation and one h1.
One test, so the demo loads once."""

import pytest
from playwright.sync_api import expect

from teilhabe.backoffice.tests.browser.support import login, visit

pytestmark = pytest.mark.browser

LE = "leinfelden-echterdingen"
LE_OFFICER = "integration@le.example"
GROUP = "Internationale Krabbelgruppe und Babytreff"
NEW_TIME = "donnerstags 9.30–11.30 Uhr"


def test_provider_updates_by_link_and_coordinator_accepts(new_page, demo, a11y_log):
    from teilhabe.demo.offers import DEMO_PROVIDER_TOKEN
    from teilhabe.offers.models import Offer

    link = f"/{LE}/angebote/pflege/{DEMO_PROVIDER_TOKEN}/"
    offer = Offer.objects.get(organization__slug=LE, title=GROUP)

    # 1. The provider, in German: its offers, the form, the change sent for review.
    provider = new_page()
    visit(provider, link)
    a11y_log.check(provider, "provider link (de)")
    provider.get_by_role("link", name=GROUP).click()
    expect(provider.get_by_role("heading", level=2)).to_contain_text(GROUP)
    a11y_log.check(provider, "provider form (de)")
    provider.get_by_label("Zeiten").fill(NEW_TIME)
    provider.get_by_label("Ukrainisch", exact=True).check()
    provider.get_by_role("button", name="Absenden").click()
    expect(provider.get_by_role("status").first).to_contain_text("Koordination sie geprüft hat")
    a11y_log.check(provider, "provider thanks (de)")

    # 2. The same link in English: the form in English, a confirmation of another offer.
    english = new_page()
    visit(english, f"/en{link}")
    expect(english.get_by_role("heading", level=1)).to_contain_text("Your services")
    english.get_by_role("link", name=GROUP).click()
    expect(english.get_by_label("Times")).to_have_value(offer.schedule)
    a11y_log.check(english, "provider form (en)")

    # 3. The coordinator: the proposal's diff, accepted.
    coordinator = new_page()
    login(coordinator, LE_OFFICER)
    visit(coordinator, f"/verwaltung/angebote/{LE}/vorschlaege/")
    a11y_log.check(coordinator, "proposals")
    coordinator.get_by_role("link", name=GROUP).first.click()
    expect(coordinator.get_by_role("table")).to_contain_text(NEW_TIME)
    a11y_log.check(coordinator, "proposal diff")
    coordinator.get_by_role("button", name="Übernehmen").click()
    expect(coordinator.get_by_role("status").first).to_contain_text("übernommen")
    for path, label in (
        (f"/verwaltung/angebote/{LE}/", "offer list"),
        (f"/verwaltung/angebote/{LE}/luecken/", "gap view"),
        (f"/verwaltung/angebote/{LE}/netzwerke/", "network list"),
        (f"/verwaltung/angebote/angebot/{offer.pk}/", "offer (back office)"),
        (f"/verwaltung/angebote/{LE}/import/", "import"),
    ):
        visit(coordinator, path)
        a11y_log.check(coordinator, label)

    # 4. The public: the directory and the updated offer, in German and Arabic.
    public = new_page()
    visit(public, f"/{LE}/angebote/?zielgruppe=families")
    a11y_log.check(public, "directory (de)")
    public.get_by_role("link", name=GROUP).click()
    expect(public.locator("dl")).to_contain_text(NEW_TIME)
    a11y_log.check(public, "offer (de)")
    visit(public, f"/ar/{LE}/angebote/")
    a11y_log.check(public, "directory (ar)")
    visit(public, f"/ar/{LE}/angebote/angebot/{offer.pk}/")
    a11y_log.check(public, "offer (ar)")
    visit(public, f"/{LE}/angebote/netzwerke/")
    a11y_log.check(public, "networks (de)")
    a11y_log.assert_clean()
