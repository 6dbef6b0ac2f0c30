"""A data file saved by an earlier version opens in this one: updated to the latest data
version, with a backup of it as it was, and never called altered. The files in
`older_versions/` were saved by CARS Desktop at that data version, with the sample data and
a partner whose two contacts were added at the same place (as two laptops sharing leave them)."""

import gzip
import shutil
from pathlib import Path

import pytest
from test_kept_on_partner import TRUTH, kept

from cars_desktop.store import database, migrations
from cars_desktop.store.models import Partner, db
from cars_desktop.store.schema_check import schema_problems

OLDER = Path(__file__).parent / "older_versions"


@pytest.mark.parametrize("saved", sorted(OLDER.glob("data-version-*.sqlite3.gz")),
                         ids=lambda path: path.name.split(".")[0])
def test_a_file_of_an_earlier_version_is_updated_not_refused(tmp_path, saved):
    version = int(saved.name.split(".")[0].rsplit("-", 1)[1])
    folder = tmp_path / "data"
    folder.mkdir()
    with gzip.open(saved) as packed, open(folder / database.DB_FILENAME, "wb") as file:
        shutil.copyfileobj(packed, file)
    store = database.open_store(folder)
    try:
        assert store.migrated_from == version
        assert store.schema_version() == migrations.LATEST_VERSION
        assert schema_problems(db.connection()) == []
        assert database.integrity_report() == []
        assert kept() == db.execute_sql(TRUTH).fetchall()
        farm = Partner.get(Partner.name == "Ferme Leblanc")
        assert db.execute_sql("SELECT contact_sort FROM partner WHERE id = ?",
                              (farm.id,)).fetchone() == ("ann bell",)
        assert Partner.select().count() > 40
    finally:
        store.close()
    assert [path.name for path in (folder / "backups").iterdir()
            if f"before-update-v{version}" in path.name]
