"""Backup and restore as docs/operations.md describes: pg_dump in custom format, pg_restore
into a fresh database, and the dossiers with their history are all there."""

import subprocess

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from inburgering.dossier import services as dossier_services
from inburgering.models import Inburgeraar
from scripts import localdb
from tests import factories

pytestmark = pytest.mark.slow  # dumps and restores a database

RESTORED = "inburgering_restore_check"


def _conninfo(database: str) -> str:
    db = settings.DATABASES["default"]
    parts = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": database}
    if db.get("PASSWORD"):
        parts["password"] = db["PASSWORD"]
    return psycopg.conninfo.make_conninfo(**parts)


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_into_a_fresh_database_with_its_history(tmp_path):
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team)
    for n in range(3):
        dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
        dossier_services.update_personal_data(
            actor=regisseur, dossier_id=dossier.pk, expected_version=0, data={"surname": f"N{n}"}
        )
    expected = {
        "dossiers": Inburgeraar.objects.count(),
        "history": Inburgeraar.history.count(),
        "surnames": sorted(Inburgeraar.objects.values_list("surname", flat=True)),
    }
    bindir = localdb._bindir()
    dump = tmp_path / "inburgering.dump"
    source = connection.settings_dict["NAME"]
    subprocess.run(
        [bindir / "pg_dump", "--format=custom", f"--file={dump}", _conninfo(source)],
        check=True,
        timeout=120,
    )
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
        admin.execute(f'CREATE DATABASE "{RESTORED}"')
    try:
        subprocess.run(
            [bindir / "pg_restore", "--no-owner", f"--dbname={_conninfo(RESTORED)}", dump],
            check=True,
            timeout=120,
        )
        with psycopg.connect(_conninfo(RESTORED)) as restored:
            tables = (Inburgeraar._meta.db_table, Inburgeraar.history.model._meta.db_table)
            found = {
                "dossiers": restored.execute(f'SELECT count(*) FROM "{tables[0]}"').fetchone()[0],
                "history": restored.execute(f'SELECT count(*) FROM "{tables[1]}"').fetchone()[0],
                "surnames": sorted(
                    row[0]
                    for row in restored.execute(f'SELECT surname FROM "{tables[0]}"').fetchall()
                ),
            }
        assert found == expected
        assert expected["history"] == 2 * expected["dossiers"]  # created and renamed
    finally:
        connection.close()
        with psycopg.connect(_conninfo("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
