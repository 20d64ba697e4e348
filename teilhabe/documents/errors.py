"""The one error type that every document parser raises for bad input."""


class DocumentError(Exception):
    """A document cannot be read; the message is German and shown to the user as it is.

    ``line`` points at the place in the document: a line number in text files, a row of a
    table or a paragraph in DOCX files, a page in PDF files. ``label`` says which of these
    it is ("Zeile", "Tabelle 2, Zeile", "Absatz", "Seite"), so the message reads naturally.
    """

    def __init__(self, message: str, line: int | None = None, *, label: str = "Zeile"):
        self.message = message
        self.line = line
        self.label = label
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"{self.label} {self.line}: {self.message}"
