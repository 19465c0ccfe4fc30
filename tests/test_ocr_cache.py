"""Tesseract's answers kept on disk (DELIB_OCR_CACHE): the same pixels are not read twice, other
pixels or other settings are, and nothing is kept when the variable is unset."""

import pytest
from PIL import Image, ImageDraw

from deliberations.extract import ocr_cache


def _page(text: str) -> Image.Image:
    image = Image.new("L", (900, 200), 255)
    ImageDraw.Draw(image).text((40, 80), text, fill=0)
    return image.resize((1800, 400))


@pytest.fixture
def asked(monkeypatch):
    calls = []

    def fake(image, **kwargs):
        calls.append((image.tobytes()[:16], kwargs["config"]))
        return {"text": ["mot"], "conf": [90], "level": [5]}

    monkeypatch.setattr(ocr_cache.pytesseract, "image_to_data", fake)
    monkeypatch.setattr(ocr_cache, "_tesseract_version", lambda command: "5.3.0")
    return calls


def ask(image, config="--psm 3 --dpi 300"):
    return ocr_cache.image_to_data(image, lang="fra", config=config, timeout=10)


def test_the_same_image_is_answered_from_the_cache(tmp_path, monkeypatch, asked):
    monkeypatch.setenv(ocr_cache.CACHE_ENV, str(tmp_path))
    first = ask(_page("Séance du 12 mars"))
    second = ask(_page("Séance du 12 mars"))
    assert first == second == {"text": ["mot"], "conf": [90], "level": [5]}
    assert len(asked) == 1
    assert len(list(tmp_path.rglob("*.json"))) == 1


def test_other_pixels_or_settings_are_asked_again(tmp_path, monkeypatch, asked):
    monkeypatch.setenv(ocr_cache.CACHE_ENV, str(tmp_path))
    ask(_page("Séance du 12 mars"))
    ask(_page("Séance du 13 mars"))
    ask(_page("Séance du 12 mars"), config="--psm 6 --dpi 300")
    assert len(asked) == 3


def test_a_damaged_entry_is_asked_again(tmp_path, monkeypatch, asked):
    monkeypatch.setenv(ocr_cache.CACHE_ENV, str(tmp_path))
    ask(_page("Budget primitif"))
    (entry,) = tmp_path.rglob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert ask(_page("Budget primitif"))["text"] == ["mot"]
    assert len(asked) == 2


def test_nothing_is_kept_when_the_variable_is_unset(tmp_path, monkeypatch, asked):
    monkeypatch.delenv(ocr_cache.CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    ask(_page("Budget primitif"))
    ask(_page("Budget primitif"))
    assert len(asked) == 2
    assert not list(tmp_path.rglob("*.json"))
