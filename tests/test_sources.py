"""Readers and normalization: every format, every encoding, every broken input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hrtracker.sources import (
    RawDocument,
    SourceError,
    decode_bytes,
    document_id,
    iter_inputs,
    normalize_text,
)

ARTICLE = "LIMA (Reuters) - Police killed two protesters in Juliaca on Monday, officials said."


def _items(*paths):
    return list(iter_inputs([str(p) for p in paths]))


def _docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def _errors(items):
    return [i for i in items if isinstance(i, SourceError)]


@pytest.mark.parametrize(
    "raw, normalized",
    [
        ("a  b", "a b"),
        ("a\r\nb", "a\nb"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("  a \n b  ", "a\nb"),
        ("Peru\u0301", "Perú"),  # NFC
        ("Per\u00fa", "Perú"),
        ("a\u00a0b", "a b"),
        ("a\tb", "a b"),
        ("a\x1b[31mred\x1b[0m", "a[31mred[0m"),  # ESC removed: no terminal control survives
        ("x\u202eevil\u202c", "xevil"),  # BiDi override removed
        ("zero\u200bwidth", "zerowidth"),
        ("\ufeffbom", "bom"),
        ("bell\x07", "bell"),
        ("c1\x9bcontrol", "c1control"),
    ],
)
def test_normalize_text(raw, normalized):
    assert normalize_text(raw) == normalized


def test_same_article_saved_twice_has_one_id():
    a = normalize_text("Police  killed two\r\nprotesters.\n\n\n")
    b = normalize_text("Police killed two\nprotesters.")
    assert document_id(a) == document_id(b)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with BOM
        ARTICLE.encode("utf-16-le"),  # without BOM
        ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("latin-1"),
    ],
)
def test_decode_encodings(data):
    assert decode_bytes(data) == ARTICLE


def test_decode_spanish_latin1_and_cp1252():
    text = "Perú: “al menos 49 muertos” según la Defensoría"
    assert decode_bytes(text.encode("cp1252")) == text
    assert decode_bytes("Perú, año".encode("latin-1")) == "Perú, año"


def test_decode_mostly_utf8_with_a_broken_byte():
    data = "Perú y Bogotá: protestas".encode() + b"\xff" + " en Cañete".encode()
    assert decode_bytes(data).startswith("Perú y Bogotá")


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(os.urandom(5000))
    errors = _errors(_items(path))
    assert len(errors) == 1 and "binary" in errors[0].reason


def test_formats(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Heading of the post\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><meta property='article:published_time' content='2023-01-10T08:00:00Z'>"
        "<meta property='og:site_name' content='El Diario'><title>T</title>"
        "<script>var killed = 'protesters killed';</script><style>.killed{}</style></head>"
        "<body><nav>Home | Protests killed</nav><article><h1>Clashes in Juliaca</h1>"
        "<p>Police <b>killed</b> two protesters.</p><p>Second paragraph.</p></article>"
        "<footer>Cookie policy</footer></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "d.jsonl").write_text(
        '{"text": "first record", "title": "One", "published": "2023-01-02", "url": "https://example.org/1"}\n'
        "\n"
        '{"text": "second record", "source": "Wire"}\n',
        encoding="utf-8",
    )
    (tmp_path / "e.csv").write_text('id,title,text\n1,A,"one, with comma\nand newline"\n2,B,two\n', encoding="utf-8")
    (tmp_path / "f.json").write_text('[{"text": "json one"}, {"text": "json two", "title": "T2"}]', encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    items = _items(tmp_path)
    assert not _errors(items)
    docs = {(d.origin.split("/")[-1], d.record): d for d in _docs(items)}
    assert set(docs) == {("a.txt", 0), ("b.md", 0), ("c.html", 0), ("d.jsonl", 0), ("d.jsonl", 1), ("e.csv", 0), ("e.csv", 1), ("f.json", 0), ("f.json", 1)}
    html = docs[("c.html", 0)]
    assert "Police killed two protesters." in html.text
    assert "var killed" not in html.text and "Cookie" not in html.text and "Home |" not in html.text
    assert html.published == "2023-01-10T08:00:00Z" and html.outlet == "El Diario" and html.title == "Clashes in Juliaca"
    assert docs[("d.jsonl", 0)].source == "https://example.org/1" and docs[("d.jsonl", 0)].published == "2023-01-02"
    assert docs[("d.jsonl", 1)].outlet == "Wire"
    assert docs[("e.csv", 0)].text == "one, with comma\nand newline" and docs[("e.csv", 0)].title == "A"


def test_broken_inputs_each_give_one_error_naming_the_file(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text('{"text": "ok"}\n{not json\n{"title": "no text"}\n', encoding="utf-8")
    (tmp_path / "notext.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text("[{", encoding="utf-8")
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    items = _items(tmp_path, tmp_path / "missing.txt")
    errors = {str(e) for e in _errors(items)}
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("broken.jsonl:2" in e and "invalid JSON" in e for e in errors)
    assert any("broken.jsonl:3" in e and "no 'text'" in e for e in errors)
    assert any("notext.csv" in e and "no 'text' column" in e for e in errors)
    assert any("bad.json" in e and "invalid JSON" in e for e in errors)
    assert any("loop.txt" in e and "link" in e for e in errors)
    assert any("missing.txt" in e and "no such file" in e for e in errors)
    assert all("\n" not in e for e in errors)
    assert sorted(d.text for d in _docs(items)) == sorted([ARTICLE, "ok"])


def test_deeply_nested_json_is_one_error_not_a_crash(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text('{"text": "ok"}\n{"text": ' + deep + "}\n" + '{"text": "fine"}\n', encoding="utf-8")
    items = _items(tmp_path)
    errors = sorted(str(e) for e in _errors(items))
    assert len(errors) == 2, errors
    assert "deep.json: invalid JSON (nested too deeply)" in errors[0]
    assert "deep.jsonl:2: invalid JSON (nested too deeply)" in errors[1]
    assert sorted(d.text for d in _docs(items)) == ["fine", "ok"]  # the other lines are read


def test_named_pipe_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    items = _items(tmp_path)  # would block forever if the pipe were opened
    errors = _errors(items)
    assert [(Path(e.path).name, e.reason) for e in errors] == [("pipe.txt", "not a regular file (a named pipe)")]
    assert [d.text for d in _docs(items)] == [ARTICLE]


def test_a_reader_failing_unexpectedly_costs_only_its_file(tmp_path, monkeypatch):
    from hrtracker import sources

    real = sources._read_json

    def broken(data, source):
        if source.endswith("bad.json"):
            raise MemoryError("out of memory\nwhile parsing")
        return real(data, source)

    monkeypatch.setattr(sources, "_read_json", broken)
    (tmp_path / "bad.json").write_text('{"text": "never read"}', encoding="utf-8")
    (tmp_path / "good.json").write_text('{"text": "read"}', encoding="utf-8")
    items = _items(tmp_path)
    errors = [str(e) for e in _errors(items)]
    assert len(errors) == 1 and errors[0].endswith("bad.json: cannot read it (MemoryError: out of memory while parsing)")
    assert [d.text for d in _docs(items)] == ["read"]


def test_folder_symlink_loop_is_walked_once(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(tmp_path, sub / "back")
    docs = _docs(_items(tmp_path))
    assert len(docs) == 1


def test_unsupported_file_named_explicitly(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    errors = _errors(_items(path))
    assert len(errors) == 1 and "unsupported file type" in errors[0].reason


def test_deeply_nested_html_is_read_linearly(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 50000 + "Police killed two protesters." + "</div>" * 50000, encoding="utf-8")
    docs = _docs(_items(path))
    assert "Police killed two protesters." in normalize_text(docs[0].text)


def test_stdin_jsonl_and_text(tmp_path):
    import io

    items = list(iter_inputs(["-"], stdin=io.StringIO('{"text": "a"}\n{"text": "b"}\n')))
    assert [d.text for d in _docs(items)] == ["a", "b"]
    items = list(iter_inputs(["-"], stdin=io.StringIO(ARTICLE)))
    assert _docs(items)[0].text == ARTICLE


class _Stdin:
    """sys.stdin as the process gets it: a text layer over the bytes in `.buffer`."""

    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    "data, text",
    [
        ("Perú: police killed 3 protesters.".encode(), "Perú: police killed 3 protesters."),
        ("Perú: police killed 3 protesters.".encode("latin-1"), "Perú: police killed 3 protesters."),
        ("Perú: police killed 3 protesters.".encode("utf-16"), "Perú: police killed 3 protesters."),
        (b"\xef\xbb\xbfPer\xc3\xba with a BOM", "Perú with a BOM"),
    ],
)
def test_stdin_bytes_are_decoded_as_files_are_whatever_the_locale(monkeypatch, data, text):
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    docs = _docs(list(iter_inputs(["-"])))
    assert [normalize_text(d.text) for d in docs] == [text]


def test_random_bytes_on_stdin_are_refused(monkeypatch):
    import random

    monkeypatch.setattr("sys.stdin", _Stdin(random.Random(3).randbytes(5000).replace(b"\x00", b"")))
    errors = _errors(list(iter_inputs(["-"])))
    assert [(e.path, e.reason) for e in errors] == [("-", "binary data, not text")]


def test_lone_surrogates_become_replacement_characters(tmp_path):
    """'\\ud800' is valid JSON and a lone surrogate in Python: it cannot be encoded, so it once
    crashed the hash of the document and ended the ingest."""
    (tmp_path / "s.jsonl").write_text('{"text": "Police killed 3 people. \\ud800 \\udfff end"}\n', encoding="utf-8")
    docs = _docs(_items(tmp_path / "s.jsonl"))
    text = normalize_text(docs[0].text)
    assert text == "Police killed 3 people. \ufffd \ufffd end"
    assert len(document_id(text)) == 16


def test_stdin_html_and_json_are_decoded_as_files_are(monkeypatch):
    page = "<html><body><p>La policía mató a 3 manifestantes en Juliaca, Perú.</p></body></html>"
    monkeypatch.setattr("sys.stdin", _Stdin(page.encode("cp1252")))
    assert [normalize_text(d.text) for d in _docs(list(iter_inputs(["-"])))] == ["La policía mató a 3 manifestantes en Juliaca, Perú."]
    listed = '[{"text": "Police killed 3 protesters in Lima, Perú."}]'
    monkeypatch.setattr("sys.stdin", _Stdin(listed.encode("utf-16")))
    assert [d.text for d in _docs(list(iter_inputs(["-"])))] == ["Police killed 3 protesters in Lima, Perú."]
