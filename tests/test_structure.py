"""The shape of the code: no import cycle anywhere in the package, and the settings kept in one
typed registry."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cars_desktop
from cars_desktop.store import settings
from cars_desktop.store.models import Setting as SettingRow

ROOT = Path(cars_desktop.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.with_suffix("").relative_to(ROOT.parent).parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Which of the package's modules each module imports, imports inside functions included."""
    paths = {_module_name(path): path for path in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[:len(package) - node.level + 1]
                                    + ([base] if base else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            graph[name].update(t for t in targets if t in paths and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_sees_imports_inside_functions():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    # an import inside a function counts like any other
    graph = import_graph()
    assert "cars_desktop.store.backups" in graph["cars_desktop.store.lists.backups"]


def test_no_import_cycle_in_the_package():
    assert cycles(import_graph()) == []


def test_an_unknown_setting_is_refused(store):
    stray = settings.Setting("made.up", int, 0, "not declared")
    with pytest.raises(settings.UnknownSetting):
        settings.get(stray)
    with pytest.raises(settings.UnknownSetting):
        settings.save({stray: 1})
    with pytest.raises(settings.UnknownSetting):
        settings.declared("made.up")
    with pytest.raises(settings.UnknownSetting):  # a family is only read one member at a time
        settings.get(settings.TEMPLATE)
    # the same key declared with another type or default is not the declared one
    with pytest.raises(settings.UnknownSetting):
        settings.get(settings.Setting(settings.HOURLY_RATE.key, str, "", "a look-alike"))
    assert SettingRow.select().count() == 0


def test_a_value_of_the_wrong_type_is_refused_and_nothing_is_saved(store):
    with pytest.raises(TypeError):
        settings.save({settings.PAPER: "legal", settings.HOURLY_RATE: "20"})
    with pytest.raises(TypeError):
        settings.save({settings.NOT_A_RECEIPT: 1})
    assert SettingRow.select().count() == 0


def test_defaults_when_absent_and_values_round_trip(store):
    assert settings.get(settings.HOURLY_RATE) == 2000
    assert settings.get(settings.NOT_A_RECEIPT) is False
    assert settings.get(settings.PAPER) == "letter"
    settings.save({settings.NOT_A_RECEIPT: True, settings.HOURLY_RATE: 1575,
                   settings.PAPER: "a4"})
    assert settings.get(settings.NOT_A_RECEIPT) is True
    assert settings.get(settings.HOURLY_RATE) == 1575
    assert settings.get(settings.PAPER) == "a4"
    # the rows keep the keys and the text the data file has always had
    rows = {row.key: row.value for row in SettingRow.select()}
    assert rows == {"letters.not_a_receipt": "1", "reports.hourly_rate_cents": "1575",
                    "letters.paper": "a4"}
    settings.save({settings.NOT_A_RECEIPT: False})
    assert settings.get(settings.NOT_A_RECEIPT) is False
    assert SettingRow.get(SettingRow.key == "letters.not_a_receipt").value == "0"
    settings.save({settings.HOURLY_RATE: None})  # removed: back to its default
    assert settings.get(settings.HOURLY_RATE) == 2000
    assert not SettingRow.select().where(SettingRow.key == "reports.hourly_rate_cents").exists()


def test_a_family_member_and_an_unreadable_number(store):
    french_thanks = settings.TEMPLATE.of("thanks", "fr")
    assert french_thanks.key == "letters.template.thanks.fr"
    assert settings.get(french_thanks) == ""
    settings.save({french_thanks: "Merci"})
    assert settings.get(settings.TEMPLATE.of("thanks", "fr")) == "Merci"
    SettingRow.create(key=settings.REMIND_DAYS.key, value="soon")  # written by hand, long ago
    assert settings.get(settings.REMIND_DAYS) == settings.REMIND_DAYS.default


def test_every_setting_is_declared_once_with_its_type_and_purpose():
    declared = [value for value in vars(settings).values() if isinstance(value, settings.Setting)]
    assert len({s.key for s in declared}) == len(declared)
    for setting in declared:
        assert setting.type in (int, str, bool)
        assert isinstance(setting.default, setting.type)
        assert setting.about


def test_the_review_grid_names_more_partners_than_one_batch(store):
    """Its rows are fetched in batches of ids: every one of a long list gets its name."""
    from cars_desktop.store import partners
    from cars_desktop.store.batches import SIZE
    from cars_desktop.store.lists import ReviewGrid

    ids = [partners.save_partner({"kind": "organisation", "name": f"Club {n:04d}",
                                  "sector": "voluntary", "partnership_type": "formal",
                                  "status": "active", "language": "en"}, [])
           for n in range(SIZE + 3)]
    rows = ReviewGrid().rows(ids)
    assert [rows[pid].cells[0] for pid in ids] == [f"Club {n:04d}" for n in range(SIZE + 3)]


def test_no_module_is_longer_than_a_newcomer_can_read():
    """Past 450 lines a module holds more than one concern: split it where the concerns part."""
    long = {str(path.relative_to(ROOT.parent)): lines for path in ROOT.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 450}
    assert long == {}


def test_no_test_file_is_longer_than_one_subject():
    here = Path(__file__).parent
    long = {path.name: lines for path in here.glob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 800}
    assert long == {}
