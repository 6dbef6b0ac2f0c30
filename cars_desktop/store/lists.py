"""The lists the app shows, as SQL: filtering and sorting happen in SQLite with indexes, and only
the rows on screen are read. A list gives the ordered ids of its rows (cheap: one integer
each) and then the display text of just the rows asked for. The one table model of the UI
serves any class shaped like `PartnerList`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cars_desktop.core import counting, vocab
from cars_desktop.core.money import format_money
from cars_desktop.core.text import fold
from cars_desktop.store.contributions import THANKABLE_STATUSES, awaiting_thanks_sql
from cars_desktop.store.models import db


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    align: str = "left"  # "left", "right" (numbers and money) or "center" (a sign alone)
    width: int = 120  # starting width in pixels; the user's own widths are remembered
    tip: str = ""  # shown over the column's header


@dataclass(frozen=True)
class Row:
    id: int
    cells: tuple[str, ...]
    muted: bool = False  # shown greyed (an archived partner)
    tones: tuple[str, ...] = ()  # per cell: "good", "warn" or "" (colour beside the text)
    tips: tuple[str, ...] = ()  # per cell: what a pointer resting on it shows


class RecordList:
    """What the table model needs of a list. A list writes its SQL in `ids_query`."""

    columns: tuple[Column, ...] = ()
    sort_key = ""
    descending = False

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        """The SQL giving the ids of the rows, filtered and in order (timed alone, as the floor,
        by the benchmark)."""
        raise NotImplementedError

    def ids(self) -> list[int]:
        sql, params = self.ids_query()
        return [row[0] for row in db.execute_sql(sql, params).fetchall()]

    def rows(self, ids: list[int]) -> dict[int, Row]:
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PartnerList(RecordList):
    """The Partners tab: search, filters, sort, and what each row shows."""

    columns = (
        Column("name", "Name", width=240),
        Column("sector", "Sector", width=100),
        Column("type", "Type", width=80),
        Column("status", "Status", width=90),
        Column("contact", "Primary contact", width=170),
        Column("phone", "Phone", width=130),
        Column("last_contact", "Last contact", width=100),
        Column("given", "Given this year", "right", width=120),
    )

    # What each column sorts by; the partner's name breaks ties so the order is stable.
    _SORT_SQL = {
        "name": "p.sort_name",
        "sector": "p.sector",
        "type": "p.partnership_type",
        "status": "p.status",
        "contact": "COALESCE((SELECT c.sort_name FROM contact_person c WHERE c.partner_id = p.id"
                   " ORDER BY c.is_primary DESC, c.position LIMIT 1), '')",
        "phone": "COALESCE(NULLIF(p.phone, ''), (SELECT c.phone FROM contact_person c"
                 " WHERE c.partner_id = p.id ORDER BY c.is_primary DESC, c.position LIMIT 1),"
                 " '')",
        "last_contact": "COALESCE((SELECT MAX(i.date) FROM interaction i"
                        " WHERE i.partner_id = p.id), '')",
        "given": "COALESCE((SELECT SUM(g.amount_cents) FROM contribution g"
                 f" WHERE g.partner_id = p.id AND {counting.where('support', 'g')}"
                 " AND g.date BETWEEN :year_start AND :year_end), 0)",
    }

    def __init__(self, today: dt.date | None = None) -> None:
        self.search = ""
        self.sector: str | None = None
        self.partnership_type: str | None = None
        self.status: str | None = None  # None: all but archived; "all": archived too
        self.sort_key = "name"
        self.descending = False
        self.today = today

    def _year(self) -> dict[str, str]:
        year = (self.today or dt.date.today()).year
        return {"year_start": f"{year}-01-01", "year_end": f"{year}-12-31"}

    def _where(self) -> tuple[str, dict[str, Any]]:
        clauses, params = [], {}
        for number, word in enumerate(fold(self.search).split()):
            clauses.append(f"p.search_text LIKE :w{number} ESCAPE '\\'")
            params[f"w{number}"] = like_pattern(word)
        for column, value in (("sector", self.sector), ("partnership_type", self.partnership_type),
                              ("status", self.status if self.status != "all" else None)):
            if value:
                clauses.append(f"p.{column} = :{column}")
                params[column] = value
        if self.status is None:
            clauses.append("p.status != 'archived'")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        where, params = self._where()
        direction = "DESC" if self.descending else "ASC"
        order = self._SORT_SQL[self.sort_key]
        if self.sort_key == "given":
            params.update(self._year())
        return (f"SELECT p.id FROM partner p{where} "
                f"ORDER BY {order} {direction}, p.sort_name, p.id"), params

    def rows(self, ids: list[int]) -> dict[int, Row]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        year = self._year()
        sql = f"""
            SELECT p.id, p.name, p.sector, p.partnership_type, p.status, c.name,
                   COALESCE(NULLIF(p.phone, ''), c.phone, ''),
                   (SELECT MAX(i.date) FROM interaction i WHERE i.partner_id = p.id),
                   (SELECT SUM(g.amount_cents) FROM contribution g
                     WHERE g.partner_id = p.id AND {counting.where('support', 'g')}
                       AND g.date BETWEEN ? AND ?)
            FROM partner p
            LEFT JOIN contact_person c ON c.id = (
                SELECT c2.id FROM contact_person c2 WHERE c2.partner_id = p.id
                ORDER BY c2.is_primary DESC, c2.position LIMIT 1)
            WHERE p.id IN ({marks})"""
        found = {}
        args = [year["year_start"], year["year_end"], *ids]
        for pid, name, sector, ptype, status, contact, phone, last, given in \
                db.execute_sql(sql, args).fetchall():
            found[pid] = Row(pid, (
                name,
                vocab.SECTORS.label(sector),
                vocab.PARTNERSHIP_TYPES.label(ptype),
                vocab.PARTNER_STATUSES.label(status),
                contact or "",
                phone,
                last or "",
                format_money(given) if given else "",
            ), muted=status == "archived")
        return found

    def total(self) -> int:
        """Every partner, whatever the filters: tells "no partners yet" from "no match"."""
        return db.execute_sql("SELECT COUNT(*) FROM partner").fetchone()[0]

    def archived(self) -> int:
        return db.execute_sql(
            "SELECT COUNT(*) FROM partner WHERE status = 'archived'").fetchone()[0]

    def filtered(self) -> bool:
        """Whether anything but the default (all partners but the archived) is asked for."""
        return bool(self.search.strip() or self.sector or self.partnership_type or self.status)


class ContributionList(RecordList):
    """The Contributions tab, and a partner's own contributions on the Partners tab."""

    columns = (
        Column("date", "Date", width=95),
        Column("partner", "Partner", width=230),
        Column("family", "Family", width=95),
        Column("kind", "Kind", width=150),
        Column("status", "Status", width=250),  # "Pledged, overdue: $12,500.00 to come"
        Column("amount", "Amount or value", "right", width=120),
        Column("purpose", "Purpose", width=150),
        Column("thanked", "Thanked", width=95),
    )
    _SORT_SQL = {
        "date": "c.date", "partner": "c.partner_sort", "family": "c.family", "kind": "c.kind",
        "status": "c.status", "amount": "c.amount_cents", "purpose": "c.purpose COLLATE NOCASE",
        "thanked": "c.thanked_on",
    }
    STATUS_CHOICES = (("received", "Received"), ("pledged", "Pledged"),
                      ("outstanding", "Pledged, still to come"),
                      ("overdue", "Pledged, overdue"), ("cancelled", "Cancelled"))

    def __init__(self, today: dt.date | None = None) -> None:
        self.search = ""
        self.start: dt.date | None = None
        self.end: dt.date | None = None
        self.family: str | None = None
        self.kind: str | None = None
        self.status: str | None = None  # a code of STATUS_CHOICES
        self.thanked: bool | None = None
        self.partner_id: int | None = None
        self.sort_key = "date"
        self.descending = True
        self.today = today

    MIN_SEARCH = 2  # one letter matches most of 100,000 contributions: wait for the second

    def search_words(self) -> list[str]:
        words = fold(self.search).split()
        return words if sum(map(len, words)) >= self.MIN_SEARCH else []

    def _search(self, alias: str) -> tuple[list[str], dict[str, Any]]:
        clauses, params = [], {}
        for number, word in enumerate(self.search_words()):
            clauses.append(f"{alias}.search_text LIKE :w{number} ESCAPE '\\'")
            params[f"w{number}"] = like_pattern(word)
        return clauses, params

    def _filters(self) -> tuple[list[str], dict[str, Any]]:
        clauses, params = [], {}
        # a pledge still to come matters whenever it was made: the period does not hide it
        if self.status in ("outstanding", "overdue"):
            pass
        elif self.start:
            clauses.append("c.date >= :start")
            params["start"] = self.start.isoformat()
        if self.end and self.status not in ("outstanding", "overdue"):
            clauses.append("c.date <= :end")
            params["end"] = self.end.isoformat()
        for column, value in (("family", self.family), ("kind", self.kind),
                              ("partner_id", self.partner_id)):
            if value:
                clauses.append(f"c.{column} = :{column}")
                params[column] = value
        if self.status in ("received", "pledged", "cancelled"):
            clauses.append("c.status = :status")
            params["status"] = self.status
        elif self.status in ("outstanding", "overdue"):
            clauses.append("c.status = 'pledged' AND c.outstanding_cents > 0")
            if self.status == "overdue":
                clauses.append("c.date_expected < :today")
                params["today"] = (self.today or dt.date.today()).isoformat()
        if self.thanked:
            clauses.append("c.thanked_on IS NOT NULL")
        elif self.thanked is not None:  # the thank-you queue, by its one rule
            clauses.append(awaiting_thanks_sql("c"))
        return clauses, params

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        clauses, params = self._filters()
        search, search_params = self._search("s" if self.sort_key != "date" else "c")
        params.update(search_params)
        source = "contribution c"
        if search and self.sort_key == "date":
            # the narrow (date, text) index gives the matches already in date order
            source = "contribution c INDEXED BY contribution_search"
            clauses = search + clauses
        elif search:
            clauses.insert(0, "c.id IN (SELECT s.id FROM contribution s INDEXED BY "
                              f"contribution_search WHERE {' AND '.join(search)})")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        direction = "DESC" if self.descending else "ASC"
        # ties break on the date, then the id, in the same direction: the index order
        order = [self._SORT_SQL[self.sort_key], "c.date", "c.id"]
        order = list(dict.fromkeys(order))  # sorting by date: no second date
        return (f"SELECT c.id FROM {source}{where} ORDER BY "
                + ", ".join(f"{key} {direction}" for key in order)), params

    # Below this many matches SQLite sorts them itself; above, sorting them means reading the
    # sort column of each row from the wide table, so the ids are taken in the order of the
    # sort column's index instead, and kept if they match.
    SMALL = 3000

    def order_query(self) -> str:
        """All ids in the list's order, read from the sort column's index alone."""
        direction = "DESC" if self.descending else "ASC"
        order = list(dict.fromkeys([self._SORT_SQL[self.sort_key], "c.date", "c.id"]))
        return ("SELECT c.id FROM contribution c ORDER BY "
                + ", ".join(f"{key} {direction}" for key in order))

    def _matching(self) -> set[int] | None:
        """The ids matching the filters and the search, each read from its own narrow index
        and intersected here; None when nothing filters."""
        found: list[set[int]] = []
        clauses, params = self._filters()
        if clauses:
            sql = f"SELECT c.id FROM contribution c WHERE {' AND '.join(clauses)}"
            found.append({row[0] for row in db.execute_sql(sql, params).fetchall()})
        search, params = self._search("c")
        if search:
            sql = ("SELECT c.id FROM contribution c INDEXED BY contribution_search "
                   f"WHERE {' AND '.join(search)}")
            found.append({row[0] for row in db.execute_sql(sql, params).fetchall()})
        if not found:
            return None
        found.sort(key=len)
        return found[0].intersection(*found[1:])

    def ids(self) -> list[int]:
        found = self._matching()
        if found is None:
            return self._ordered()
        if len(found) <= self.SMALL:  # few enough for SQLite to sort them by row id lookups
            marks = ",".join("?" * len(found))
            sql = self.order_query().replace(" ORDER BY", f" WHERE c.id IN ({marks}) ORDER BY")
            return [row[0] for row in db.execute_sql(sql, list(found)).fetchall()] \
                if found else []
        return [number for number in self._ordered() if number in found]

    def _ordered(self) -> list[int]:
        """The whole list in order, kept until the data or the order changes."""
        conn = db.connection()
        stamp = (self.sort_key, self.descending, conn.total_changes,
                 conn.execute("PRAGMA data_version").fetchone()[0])
        if getattr(self, "_order_cache", (None,))[0] != stamp:
            ordered = [row[0] for row in conn.execute(self.order_query()).fetchall()]
            self._order_cache = (stamp, ordered)
        return self._order_cache[1]

    def totals_query(self) -> tuple[str, dict[str, Any]]:
        from cars_desktop.store.contributions import TOTALS_SQL

        clauses, params = self._filters()
        search, search_params = self._search("c")
        params.update(search_params)
        where = (" WHERE " + " AND ".join(search + clauses)) if search + clauses else ""
        # one pass over the table beats an index plus a lookup per row for sums
        index = " NOT INDEXED" if self.partner_id is None else ""
        return f"SELECT {TOTALS_SQL} FROM contribution c{index}{where}", params

    def totals(self):
        from cars_desktop.store.contributions import totals_from_row

        sql, params = self.totals_query()
        return totals_from_row(db.execute_sql(sql, params).fetchone())

    def rows(self, ids: list[int]) -> dict[int, Row]:
        if not ids:
            return {}
        today = (self.today or dt.date.today()).isoformat()
        marks = ",".join("?" * len(ids))
        sql = f"""
            SELECT c.id, c.date, p.name, c.family, c.kind, c.status, c.amount_cents,
                   c.outstanding_cents, c.date_expected, c.purpose, c.thanked_on, c.minutes
            FROM contribution c JOIN partner p ON p.id = c.partner_id
            WHERE c.id IN ({marks})"""
        found = {}
        for (cid, date, partner, family, kind, status, amount, outstanding, expected,
             purpose, thanked, minutes) in db.execute_sql(sql, ids).fetchall():
            kinds = vocab.CASH_KINDS if family == "cash" else vocab.IN_KIND_KINDS
            if status == "pledged":
                if outstanding == 0:
                    shown_status = "Pledged, fulfilled"
                elif expected and expected < today:
                    shown_status = f"Pledged, overdue: {format_money(outstanding)} to come"
                else:
                    shown_status = f"Pledged: {format_money(outstanding)} to come"
            else:
                shown_status = vocab.CONTRIBUTION_STATUSES.label(status)
            value = format_money(amount) if amount or family == "cash" else ""
            if minutes:
                value = f"{minutes / 60:.1f} h".replace(".0 h", " h") + \
                    (f", {value}" if value else "")
            found[cid] = Row(cid, (
                date, partner, vocab.CONTRIBUTION_FAMILIES.label(family), kinds.label(kind),
                shown_status, value, purpose,
                thanked or ("Not yet" if status in THANKABLE_STATUSES else ""),
            ), muted=status == "cancelled")
        return found

    def total(self) -> int:
        return db.execute_sql("SELECT COUNT(*) FROM contribution").fetchone()[0]


class ReviewGrid(RecordList):
    """The Maintenance tab: formal partnerships as rows, the checklist's practices as columns,
    each cell the mark of the latest review, in words and a sign as well as colour."""

    # a sign alone, so the whole checklist fits a laptop's width: its words are in the
    # cell's tooltip and in the legend under the grid
    SIGNS = {"done": ("✓", "good"), "attention": ("⚠", "warn"), "na": ("–", "")}

    def __init__(self, today: dt.date | None = None) -> None:
        self.sector: str | None = None
        self.overdue_only = False
        self.sort_key = "name"
        self.descending = False
        self.today = today
        self.reload_practices()

    def reload_practices(self) -> None:
        from cars_desktop.store.maintenance import practices

        self.practices = practices()
        self.columns = (
            Column("name", "Partner", width=230),
            Column("last", "Last review", width=95),
            Column("due", "Next due", width=95),
            *(Column(f"p{p.id}", f"{number}. {p.text_en}", "center", width=36,
                     tip=p.text_en)
              for number, p in enumerate(self.practices, start=1)),
        )

    def _today(self) -> str:
        return (self.today or dt.date.today()).isoformat()

    _LATEST = ("(SELECT r.{field} FROM review r WHERE r.partner_id = p.id"
               " ORDER BY r.date DESC, r.id DESC LIMIT 1)")

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        clauses = ["p.partnership_type = 'formal'", "p.status != 'archived'"]
        params: dict[str, Any] = {}
        if self.sector:
            clauses.append("p.sector = :sector")
            params["sector"] = self.sector
        if self.overdue_only:
            clauses.append(f"COALESCE({self._LATEST.format(field='next_due')}, '') < :today")
            params["today"] = self._today()
        if self.sort_key == "name":
            order = "p.sort_name"
        elif self.sort_key in ("last", "due"):
            field = "date" if self.sort_key == "last" else "next_due"
            order = f"COALESCE({self._LATEST.format(field=field)}, '')"
        else:  # a practice: attention first, then done, then not applicable, then none
            order = ("COALESCE((SELECT CASE ri.mark WHEN 'attention' THEN 0 WHEN 'done' THEN 1"
                     " ELSE 2 END FROM review_item ri WHERE ri.practice_id = :practice AND"
                     f" ri.review_id = {self._LATEST.format(field='id')}), 3)")
            params["practice"] = int(self.sort_key[1:])
        direction = "DESC" if self.descending else "ASC"
        return (f"SELECT p.id FROM partner p WHERE {' AND '.join(clauses)} "
                f"ORDER BY {order} {direction}, p.sort_name, p.id"), params

    def rows(self, ids: list[int]) -> dict[int, Row]:
        from cars_desktop.store.maintenance import latest_reviews

        if not ids:
            return {}
        latest = latest_reviews(ids)
        marks = ",".join("?" * len(ids))
        names = dict(db.execute_sql(f"SELECT id, name FROM partner WHERE id IN ({marks})",
                                    ids).fetchall())
        today = self.today or dt.date.today()
        found = {}
        for pid in ids:
            review = latest[pid]
            cells, tones, tips = [names.get(pid, ""), "", ""], ["", "", ""], ["", "", ""]
            if review.date:
                cells[1] = review.date.isoformat()
                cells[2] = review.next_due.isoformat() if review.next_due else ""
                if review.overdue(today):
                    cells[2] = f"⚠ {cells[2]}"
                    tones[2] = "warn"
                    tips[2] = "The review is overdue"
            else:
                cells[1], cells[2], tones[2] = "never", "⚠ now", "warn"
            for practice in self.practices:
                mark = review.marks.get(practice.id)
                text, tone = self.SIGNS.get(mark.mark, ("", "")) if mark else ("", "")
                cells.append(text)
                tones.append(tone)
                label = vocab.REVIEW_MARKS.label(mark.mark) if mark else "Not reviewed"
                tips.append(f"{practice.text_en}: {label}" +
                            (f" — {mark.note}" if mark and mark.note else ""))
            found[pid] = Row(pid, tuple(cells), tones=tuple(tones), tips=tuple(tips))
        return found

    def total(self) -> int:
        return db.execute_sql("SELECT COUNT(*) FROM partner WHERE partnership_type = 'formal'"
                              " AND status != 'archived'").fetchone()[0]


class ContactLog(RecordList):
    """One partner's communication log, newest first."""

    columns = (
        Column("date", "Date", width=95),
        Column("kind", "How", width=90),
        Column("who", "With", width=140),
        Column("summary", "About", width=320),
        Column("follow_up", "Follow up", width=95),
    )
    _SORT_SQL = {"date": "i.date", "kind": "i.kind", "who": "i.who COLLATE NOCASE",
                 "summary": "i.summary COLLATE NOCASE", "follow_up": "i.follow_up"}

    def __init__(self) -> None:
        self.partner_id = -1
        self.sort_key = "date"
        self.descending = True

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        direction = "DESC" if self.descending else "ASC"
        return (f"SELECT i.id FROM interaction i WHERE i.partner_id = :partner ORDER BY "
                f"{self._SORT_SQL[self.sort_key]} {direction}, i.id {direction}",
                {"partner": self.partner_id})

    def rows(self, ids: list[int]) -> dict[int, Row]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        found = {}
        for iid, date, kind, who, summary, follow_up in db.execute_sql(
                f"SELECT id, date, kind, who, summary, follow_up FROM interaction"
                f" WHERE id IN ({marks})", ids).fetchall():
            found[iid] = Row(iid, (date, vocab.INTERACTION_KINDS.label(kind), who,
                                   " ".join(summary.split()), follow_up or ""))
        return found

    def total(self) -> int:
        return db.execute_sql("SELECT COUNT(*) FROM interaction WHERE partner_id = ?",
                              (self.partner_id,)).fetchone()[0]


class BackupList(RecordList):
    """The backups a volunteer may restore: those of the data folder and any file they add
    (from a USB stick). Read from the files, not from SQL; a row's id is its place in `files`."""

    columns = (
        Column("made", "Made", width=125),
        Column("kind", "Kind", width=160),
        Column("where", "Where it is", width=150),
        Column("partners", "Partners", "right", width=80),
        Column("contributions", "Contributions", "right", width=100),
        Column("changed", "Last change in it", width=140),
        Column("state", "Can it be restored?", width=240),
    )
    sort_key = "made"
    descending = True

    def __init__(self, folder) -> None:
        self.folder = folder
        self.added: list = []  # files chosen elsewhere
        self._info: dict = {}
        self.files: list = []
        self._named: dict = {}  # path -> its BackupFile, for the files named as ours

    def reload(self) -> None:
        """The folder is listed once here; rows, sorting and dates use what was found."""
        from cars_desktop.store.backups import list_backups

        found = list_backups(self.folder)
        for path in self.added:
            found += [b for b in list_backups(path.parent) if b.path == path]
        self._named = {b.path: b for b in found}
        self.files = [*self.added, *(b.path for b in list_backups(self.folder))]

    def info(self, number: int):
        from cars_desktop.store.backups import describe_backup

        path = self.files[number]
        if path not in self._info:
            self._info[path] = describe_backup(path)
        return self._info[path]

    def made(self, number: int) -> dt.datetime:
        path = self.files[number]
        named = self._named.get(path)
        return named.made_at if named else dt.datetime.fromtimestamp(path.stat().st_mtime)

    def ids(self) -> list[int]:
        self.reload()
        return sorted(range(len(self.files)), key=self.made, reverse=self.descending)

    def rows(self, ids: list[int]) -> dict[int, Row]:
        from cars_desktop.store.backups import KINDS

        found = {}
        for number in ids:
            path = self.files[number]
            info = self.info(number)
            named = self._named.get(path)
            if named is None:
                kind = f"A file you chose: {path.name}"
            elif named.kind.startswith("before-update"):
                kind = "Before an update of the app"
            else:
                kind = KINDS.get(named.kind, named.kind.replace("-", " ").capitalize())
            state = info.problem or "Yes: it checks out"
            found[number] = Row(number, (
                f"{self.made(number):%Y-%m-%d %H:%M}", kind, self._where(path),
                "" if info.partners is None else f"{info.partners:,}",
                "" if info.contributions is None else f"{info.contributions:,}",
                f"{info.last_change:%Y-%m-%d %H:%M}" if info.last_change else "", state),
                muted=info.problem is not None,
                tones=("", "", "", "", "", "", "warn" if info.problem else "good"),
                tips=("", str(path), str(path.parent), "", "", "", info.problem or ""))
        return found

    def _where(self, path) -> str:
        """A copy on a stick must not look like the one on the laptop."""
        from cars_desktop.store.safety import drive_kind

        if path.parent == self.folder.resolve():
            return "On this laptop"
        kind = drive_kind(path.parent)
        place = {"removable": "USB stick or card", "network": "Network drive",
                 "synced": kind[1] if kind else ""}.get(kind[0] if kind else "", "Other folder")
        return f"{place}: {path.parent}"

    def total(self) -> int:
        return len(self.files)
