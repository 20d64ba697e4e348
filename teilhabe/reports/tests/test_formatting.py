from teilhabe.reports.formatting import paragraphs


def test_blank_lines_split_and_hard_wrapped_lines_join():
    assert paragraphs("Der Entwurf liegt\nvor.\n\nZweiter Absatz\nam\n1. Januar") == [
        "Der Entwurf liegt vor.",
        "Zweiter Absatz am 1. Januar",
    ]


def test_list_items_start_their_own_paragraph():
    text = (
        "Drei Arbeitsgruppen:\nAG 1: Verwaltung\nAG 2: Personal\n- Gremien\n• Netzwerke\na) Kinder"
    )
    assert paragraphs(text) == [
        "Drei Arbeitsgruppen:",
        "AG 1: Verwaltung",
        "AG 2: Personal",
        "- Gremien",
        "• Netzwerke",
        "a) Kinder",
    ]


def test_empty_text_has_no_paragraphs():
    assert paragraphs("") == []
    assert paragraphs("\n \n") == []
