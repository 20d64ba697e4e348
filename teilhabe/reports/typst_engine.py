"""Typst, as the reports use it: fonts shipped with the code, one compiler per template and
process, and memory that stays at one report's worth however long the process runs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typst

TYPST_DIR = Path(__file__).parent / "typst"
FONTS = TYPST_DIR / "fonts"
EMPTY = TYPST_DIR / "empty.typ"

# typst-py drops memoised layout that the last ten compilations did not use. One 200-measure
# report leaves about 40 MB of it, so a long-running process would hold ten reports (~500 MB,
# measured). Ten compilations of an empty page age them out in ~20 ms; reports share too little
# layout for the memo to be worth keeping.
MEMO_GENERATIONS = 10

# A compiler keeps the parsed fonts between reports. The lock because the compiler is not
# documented to be safe across threads, and the memo clean-up must follow its own compilation.
_compilers: dict[Path, typst.Compiler] = {}
_lock = threading.Lock()


def _compiler(template: Path) -> typst.Compiler:
    if template not in _compilers:
        # Imported on the first report, not with the views: a web worker that never renders
        # one does not carry the compiler (~8 MB).
        import typst

        # System fonts are ignored: the same report gives the same pages on every machine. A
        # template reads nothing outside its own folder.
        _compilers[template] = typst.Compiler(
            template, root=template.parent, font_paths=[FONTS], ignore_system_fonts=True
        )
    return _compilers[template]


def _forget_layouts() -> None:
    empty = _compiler(EMPTY)
    for _ in range(MEMO_GENERATIONS):
        empty.compile(format="pdf")


def compile_typst(template: Path | str, inputs: dict[str, str], **options) -> bytes:
    """Compile a Typst template with `sys.inputs`; options as typst.Compiler.compile. The
    template is a path (domain apps keep theirs next to their code) or the name of one of the
    engine's own in `reports/typst/`."""
    path = template if isinstance(template, Path) else TYPST_DIR / template
    with _lock:
        output = _compiler(path).compile(sys_inputs=inputs, **options)
        _forget_layouts()
    return output


def svg_to_png(svg: str, ppi: int = 220) -> bytes:
    """For Word, which shows no SVG without a PNG fallback."""
    return compile_typst("chart.typ", {"svg": svg}, format="png", ppi=ppi)
