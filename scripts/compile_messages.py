"""Compile every teilhabe/locale/*/LC_MESSAGES/*.po into its .mo, with polib.

`make messages` runs this after `makemessages`; polib instead of msgfmt so that no GNU gettext is
needed to build the catalogues. Fuzzy entries are left out of the .mo (as msgfmt does), so an
unchecked translation never reaches a reader. Exits non-zero if a catalogue cannot be read.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "teilhabe" / "locale"


def compile_catalogue(po_path: Path) -> Path:
    catalogue = polib.pofile(str(po_path))
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


def main() -> int:
    po_paths = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    if not po_paths:
        print(f"Keine .po-Dateien unter {LOCALE_DIR}.", file=sys.stderr)
        return 1
    for po_path in po_paths:
        try:
            mo_path = compile_catalogue(po_path)
        except (OSError, ValueError) as error:
            print(f"{po_path}: {error}", file=sys.stderr)
            return 1
        print(f"{mo_path.relative_to(LOCALE_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
