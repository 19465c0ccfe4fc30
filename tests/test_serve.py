"""`delib serve`: Datasette on the database, read-only, driven in headless Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from deliberations.queries.serve import QUERIES, TABLES, metadata
from deliberations.queries.serve_plugin import register_functions
from tests.seeded_db import ROOT, seeded_db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
STARTUP_SECONDS = 60
WAIT_SECONDS = 20


def test_canned_queries_run_on_the_database(tmp_path_factory: pytest.TempPathFactory) -> None:
    params = {
        "beneficiaire": "",
        "elu": "",
        "date": "2024-03-14",
        "collectivite": "",
        "mots": "bâtisseurs",
    }
    with sqlite3.connect(seeded_db(tmp_path_factory)) as conn:
        register_functions(conn)  # as the plugin does in Datasette
        results = {name: conn.execute(q["sql"], params).fetchall() for name, q in QUERIES.items()}
    assert len(results["subventions_par_association"]) == 5
    assert [r[5] for r in results["anomalies_imputation"]] == [
        "compte_non_votable",
        "chapitre_incoherent",
        "fonction_autre_nomenclature",
    ]
    assert {r[0] for r in results["votes_contre"]} >= {"BERNARD", "ACS"}
    assert len(results["deliberations_seance"]) == 2
    assert results["recherche"]  # accents folded: "bâtisseurs" finds "BÂTISSEURS" and "batisseurs"


def test_metadata_describes_tables_in_french_and_english() -> None:
    meta = metadata("demo")
    assert set(meta["databases"]["demo"]["queries"]) == set(QUERIES)
    for table in TABLES.values():
        for description in table.get("columns", {}).values():
            assert " / " in description or description in {
                "Rapporteur",
                "SIREN",
                "SIRET",
                "Pages",
                "Abstentions",
            }
    assert TABLES["pages"]["fts_table"] == "pages_fts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"delib serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"delib serve did not answer on {url} within {seconds}s")


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[str]:
    db = tmp_path / "seeded.db"
    db.write_bytes(seeded_db(tmp_path_factory).read_bytes())
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "deliberations.cli",
            "serve",
            "--db",
            str(db),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/", process, STARTUP_SECONDS)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()


def test_web_view_is_read_only(server: str) -> None:
    for path in ("/seeded/-/query", "/seeded/documents/-/insert"):
        request = urllib.request.Request(
            server + path, data=b"sql=DELETE+FROM+documents", method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 405, path  # refused, not a server error
    with urllib.request.urlopen(
        server + "/seeded/documents.json?_shape=array", timeout=10
    ) as response:
        assert b"000_cdcb5809c422d6af.pdf" in response.read()


@pytest.mark.slow
@pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)) and not os.environ.get("CI"),
    reason="Debian's chromium and chromium-driver are not installed (make setup installs them)",
)
def test_canned_query_in_headless_chromium(server: str, tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(WAIT_SECONDS)
        driver.get(server + "/seeded/subventions_par_association?beneficiaire=arefep")
        WebDriverWait(driver, WAIT_SECONDS).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns tbody tr"))
        )
        rows = [
            r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
        ]
        assert len(rows) == 3, rows
        assert all("AREFEP" in r for r in rows)
        assert any("21900" in r and "Lomme" in r for r in rows)
        assert (
            "Subventions par association" in driver.title
            or "Subventions par association" in driver.page_source
        )

        driver.get(server + "/seeded/anomalies_imputation")
        WebDriverWait(driver, WAIT_SECONDS).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns tbody tr"))
        )
        text = driver.find_element(By.CSS_SELECTOR, "table.rows-and-columns").text
        assert "compte_non_votable" in text and "chapitre_incoherent" in text

        driver.get(server + "/seeded/pages?_search=batisseurs")
        WebDriverWait(driver, WAIT_SECONDS).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns tbody tr"))
        )
        assert len(driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")) >= 2
    finally:
        driver.quit()
