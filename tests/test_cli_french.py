"""The command line in French: its help (argparse's own words too), its errors and its output,
when the laptop or CARS_DESKTOP_LANGUAGE says French."""

import pytest

from cars_desktop import cli, i18n


@pytest.fixture
def french(monkeypatch):
    monkeypatch.setenv("CARS_DESKTOP_LANGUAGE", "fr")
    yield
    i18n.set_language("en")


def test_the_help_is_in_french(french, capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : ")
    assert "afficher ce message d'aide et quitter" in out
    assert "faire une sauvegarde vérifiée" in out


def test_a_wrong_choice_is_said_in_french(french, capsys):
    with pytest.raises(SystemExit):
        cli.main(["report", "summary", "--lang", "de"])
    err = capsys.readouterr().err
    assert "erreur" in err and "choix invalide" in err


def test_the_output_is_in_french(french, capsys, tmp_path):
    assert cli.main(["sample-data", "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "Données d'exemple écrites dans" in out and "partenaires" in out


def test_a_french_laptop_gets_french_and_c_gets_english(monkeypatch, capsys):
    monkeypatch.delenv("CARS_DESKTOP_LANGUAGE")
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    try:
        with pytest.raises(SystemExit):
            cli.main(["--help"])
        assert capsys.readouterr().out.startswith("utilisation : ")
        monkeypatch.setenv("LC_ALL", "C")
        with pytest.raises(SystemExit):
            cli.main(["--help"])
        assert capsys.readouterr().out.startswith("usage: ")
    finally:
        i18n.set_language("en")
