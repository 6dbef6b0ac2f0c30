"""Linux: the Qt wheel's ICU carries 32 MB of data, most of it for what this program never asks
of ICU: legacy character sets (Python reads every file), transliteration, and the names of
things in some 800 locales (Qt keeps its own CLDR tables). What Qt may ask is kept: case mapping,
normalisation, international domain names, time zones, word breaks in every script, the root
collation every locale falls back to, and English and French.

    python packaging/linux/trim_icu.py path/to/libicudata.so.73

replaces that library with one of the same name holding only those items. It needs `icupkg`
(Debian and Ubuntu: `apt install icu-devtools`), binutils and a C compiler."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEPT_LOCALES = re.compile(r"(root|en|fr)(_[A-Za-z0-9_]*)?\.res$")
LOCALE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9_]*)?\.res$")


def unwanted(item: str) -> bool:
    folder, _slash, name = item.rpartition("/")
    if name.endswith(".cnv") or folder == "translit":
        return True
    if folder in ("coll", "curr", "lang", "region", "unit", "zone", "rbnf") or not folder:
        return bool(LOCALE.match(name)) and not KEPT_LOCALES.match(name)
    return False


def data_of(library: Path, work: Path) -> tuple[str, bytes]:
    """The symbol ICU's code looks for, and the .dat package it points to."""
    symbols = subprocess.run(["nm", "-D", "--defined-only", "-S", str(library)],
                             check=True, capture_output=True, text=True).stdout
    address, size, _kind, symbol = next(
        line.split() for line in symbols.splitlines() if line.endswith("_dat"))
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], check=True,
                              capture_output=True, text=True).stdout
    start = int(re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)", sections).group(1), 16)
    dump = work / "rodata.bin"
    subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(dump)],
                   check=True)
    offset = int(address, 16) - start
    return symbol, dump.read_bytes()[offset:offset + int(size, 16)]


def trim(library: Path) -> tuple[int, int]:
    """Replaces `library`; returns its size before and after."""
    for tool in ("icupkg", "nm", "objcopy", "readelf", "cc"):
        if not shutil.which(tool):
            raise SystemExit(f"trim_icu: `{tool}` is missing (Debian and Ubuntu: "
                             "apt install icu-devtools binutils gcc)")
    before = library.stat().st_size
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        symbol, data = data_of(library, work)
        package = work / f"{symbol.removesuffix('_dat')}l.dat"
        package.write_bytes(data)
        items = subprocess.run(["icupkg", "-l", str(package)], check=True, capture_output=True,
                               text=True).stdout.split()
        gone = work / "gone.txt"
        gone.write_text("\n".join(item for item in items if unwanted(item)) + "\n")
        smaller = work / "trimmed" / package.name  # the name is the items' prefix
        smaller.parent.mkdir()
        subprocess.run(["icupkg", "-r", str(gone), str(package), str(smaller)], check=True)
        assembly = work / "data.S"
        assembly.write_text(
            f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n'
            f'{symbol}:\n.incbin "{smaller}"\n.size {symbol}, .-{symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n')
        built = work / library.name
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}",
                        "-Wl,-z,noexecstack", "-o", str(built), str(assembly)], check=True)
        shutil.copyfile(built, library)
    return before, library.stat().st_size


if __name__ == "__main__":
    old, new = trim(Path(sys.argv[1]))
    print(f"ICU data: {old / 1e6:.1f} MB -> {new / 1e6:.1f} MB")
