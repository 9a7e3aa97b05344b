"""Readers: files, folders and stdin in; normalized `Document`s (or one-line errors) out.

Everything here streams: folders are walked lazily and JSONL/CSV files are read record by
record, so memory stays flat whatever the size of the input."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import one_line
from .models import Document

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html"}
RECORD_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
SUPPORTED = {**TEXT_SUFFIXES, **HTML_SUFFIXES, **RECORD_SUFFIXES}

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # one article; larger files are not articles
MAX_DEPTH_FOR_PARSER = 2000  # lexbor's tree building grows quadratically with nesting


@dataclass
class SourceError:
    """An input that could not be read; `reason` is one line for the user."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class RawDocument:
    """Text as read from a file or record, before normalization."""

    source: str
    text: str
    format: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    record: int = 0  # 0-based record index inside a multi-record file
    origin: str = ""  # the file (or '-') it was read from
    meta: dict[str, Any] = field(default_factory=dict)
    # What `extract --format documents` found in it: (extractor version, incident records).
    # Ingest adopts them instead of extracting again when they check out (extract.adopt).
    extracted: tuple[str, list[Any]] | None = None


# -- normalization -----------------------------------------------------------------------------

# Control characters (C0 and C1 but newline and tab), BiDi overrides/isolates, zero-width
# characters and the BOM are removed: stored text is data and must never steer a terminal.
_REMOVE = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
_REMOVE.update({c: None for c in range(0x7F, 0xA0)})
_REMOVE.update({c: None for c in (0x00AD, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF)})
_REMOVE.update({c: None for c in range(0x202A, 0x202F)})
_REMOVE.update({c: None for c in range(0x2066, 0x206A)})
_REMOVE.update({c: " " for c in (0x09, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000)})
_REMOVE.update({c: " " for c in range(0x2000, 0x200B)})
_REMOVE.update({0x2028: "\n", 0x2029: "\n"})
# Any character _REMOVE maps: most articles have none, and a search is much cheaper than translate.
# Lone surrogates ("\ud800" in a JSON string, undecodable bytes on stdin) cannot be encoded,
# hashed, stored or printed: each becomes U+FFFD.
_REMOVE.update({c: "\ufffd" for c in range(0xD800, 0xE000)})
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_REMOVE) if not 0xD800 <= c < 0xE000) + "\ud800-\udfff]")
_SPACES = re.compile(r" {2,}")
_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, newlines unified, control/BiDi characters removed, spaces collapsed, at most one
    blank line in a row. The same article saved twice normalizes to the same string."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(unicodedata.normalize("NFC", text))
    # Each pass only where there is something to do (a substring test is far cheaper than a sub).
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _EDGE_SPACES.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def strip_controls(text: str) -> str:
    """Remove terminal control, BiDi and zero-width characters (renderers call this on every
    stored string as a second line of defence)."""
    return text.translate(_REMOVE) if _SPECIAL.search(text) else text


def document_id(normalized_text: str) -> str:
    """The natural key: a hash of the normalized text."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:16]


# -- decoding ----------------------------------------------------------------------------------


class UnreadableInput(Exception):
    """Raised inside readers; becomes a SourceError naming the file."""


def decode_bytes(data: bytes) -> str:
    """Decode an article's bytes: BOMs, UTF-16 without BOM, UTF-8, then Windows-1252/Latin-1.
    Raises UnreadableInput for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        # Text in UTF-16 without a BOM: every other byte is zero.
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        text = data.decode(encoding, errors="replace")
        if _looks_binary(text):
            raise UnreadableInput("binary data, not text")
        return text
    if b"\x00" in sample:
        raise UnreadableInput("binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        lenient = data.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd")
        good = len(_NON_ASCII.findall(lenient, 0, 200_000))
        if good > bad:
            text = lenient  # mostly UTF-8 with a few broken bytes
        else:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if _looks_binary(text):
        raise UnreadableInput("binary data, not text")
    return text


# Control characters other than \t \n \f \r, and the replacement character: binary data.
_BINARY_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    return len(_BINARY_CHARS.findall(sample)) / len(sample) > 0.05


# -- HTML ----------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "article", "section", "blockquote", "pre", "header", "figcaption", "dd", "dt", "table", "hr",
}  # fmt: skip
_DROP_TAGS = "script, style, noscript, nav, footer, aside, form, iframe, svg, template, button"
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})[^<>]{0,2000}?(/?)>")
_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "base", "col"}
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date",
)  # fmt: skip


def _nesting_depth(html: str) -> int:
    depth = deepest = 0
    for match in _TAG_TOKEN.finditer(html):
        tag = match.group(2).lower()
        if tag in _VOID or match.group(3):
            continue
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


def read_html(html: str, source: str) -> RawDocument:
    """Visible article text and metadata from an HTML page (script, style and navigation
    dropped); pathologically deep pages fall back to a linear tag stripper."""
    if _nesting_depth(html) > MAX_DEPTH_FOR_PARSER:
        return RawDocument(source=source, text=_strip_tags(html), format="html")
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and attrs.get("content"):
            meta.setdefault(key, attrs["content"] or "")
    for node in tree.css("time[datetime]"):
        meta.setdefault("time", node.attributes.get("datetime") or "")
        break
    title_node = tree.css_first("title")
    heading = tree.css_first("h1")
    title = meta.get("og:title") or (heading.text(strip=True) if heading else None)
    if not title and title_node:
        title = title_node.text(strip=True)
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    root = tree.css_first("article") or tree.body or tree.root
    text = _node_text(root) if root is not None else ""
    published = next((meta[k] for k in _DATE_META if meta.get(k)), None) or meta.get("time")
    return RawDocument(
        source=source,
        text=text,
        format="html",
        title=title or None,
        url=meta.get("og:url"),
        outlet=meta.get("og:site_name"),
        published=published,
    )


def _node_text(root: Any) -> str:
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in _BLOCK_TAGS:
            parts.append("\n\n" if node.tag in ("p", "h1", "h2", "h3", "h4", "li") else "\n")
    return "".join(parts)


_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]{0,2000}>.*?</\1\s*>", re.I | re.S)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")


def _strip_tags(html: str) -> str:
    import html as html_module

    return html_module.unescape(_ANY_TAG.sub(" ", _SCRIPT_BLOCK.sub(" ", html)))


# -- records (JSON, JSONL, CSV) ------------------------------------------------------------------

_RECORD_LISTS = ("articles", "items", "records", "documents", "data", "results")


def _record_document(record: Any, source: str, fmt: str, index: int) -> RawDocument:
    if not isinstance(record, dict):
        raise UnreadableInput("record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise UnreadableInput("record has no 'text' field")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    published = record.get("published") or record.get("date") or record.get("published_at")
    version, found = record.get("extractor_version"), record.get("incidents")
    extracted = (version, found) if isinstance(version, str) and isinstance(found, list) else None
    # A line of `extract --format documents` names the file the filter read it from: a document
    # without a URL keeps that as its source, not the name of the file of extracted lines.
    origin = record.get("origin") if extracted and isinstance(record.get("origin"), str) else None
    return RawDocument(
        extracted=extracted,
        source=url or origin or source,
        text=text,
        format=fmt,
        title=_str_or_none(record.get("title")),
        url=url,
        outlet=_str_or_none(record.get("source") or record.get("outlet")),
        published=_str_or_none(published),
        record=index,
    )


def _str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


# json.loads recurses once per nesting level: "[[[[…" a hundred thousand deep exhausts the stack.
_TOO_DEEP = "invalid JSON (nested too deeply)"


def _read_json(data: str, source: str) -> Iterator[RawDocument | SourceError]:
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        yield SourceError(source, f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    except RecursionError:
        yield SourceError(source, _TOO_DEEP)
        return
    if isinstance(parsed, dict):
        listed = next((parsed[k] for k in _RECORD_LISTS if isinstance(parsed.get(k), list)), None)
        records = listed if listed is not None else [parsed]
    elif isinstance(parsed, list):
        records = parsed
    else:
        yield SourceError(source, "JSON is neither an object nor a list of objects")
        return
    for index, record in enumerate(records):
        try:
            yield _record_document(record, source, "json", index)
        except UnreadableInput as exc:
            yield SourceError(f"{source}: record {index + 1}", str(exc))


def _read_jsonl(lines: Iterable[str], source: str) -> Iterator[RawDocument | SourceError]:
    index = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_DOCUMENT_BYTES:
            yield SourceError(f"{source}:{number}", "line longer than 20 MB, skipped")
            index += 1
            continue
        try:
            record = json.loads(line)
            yield _record_document(record, source, "jsonl", index)
        except json.JSONDecodeError as exc:
            yield SourceError(f"{source}:{number}", f"invalid JSON ({exc.msg})")
        except RecursionError:
            yield SourceError(f"{source}:{number}", _TOO_DEEP)
        except UnreadableInput as exc:
            yield SourceError(f"{source}:{number}", str(exc))
        index += 1


def _read_csv(stream: IO[str], source: str) -> Iterator[RawDocument | SourceError]:
    csv.field_size_limit(MAX_DOCUMENT_BYTES)
    try:
        reader = csv.DictReader(stream)
        columns = {name.strip().lower(): name for name in (reader.fieldnames or []) if name}
        if "text" not in columns:
            shown = ", ".join(list(columns)[:8]) or "none"
            yield SourceError(source, f"CSV has no 'text' column (columns: {shown})")
            return
        for index, row in enumerate(reader):
            record = {key: row.get(original) for key, original in columns.items()}
            try:
                yield _record_document(record, source, "csv", index)
            except UnreadableInput as exc:
                yield SourceError(f"{source}: row {index + 2}", str(exc))
    except csv.Error as exc:
        yield SourceError(source, f"malformed CSV ({exc})")


# -- files, folders, stdin ---------------------------------------------------------------------


def _read_text_file(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise UnreadableInput(f"file is {size // (1024 * 1024)} MB, larger than the 20 MB limit for one article")
    return decode_bytes(path.read_bytes())


def _open_text_stream(path: Path) -> IO[str]:
    """A line stream for JSONL/CSV with the same decoding rules, without reading it whole."""
    raw = path.open("rb")
    head = raw.read(4096)
    raw.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return io.TextIOWrapper(raw, encoding="utf-16", errors="replace", newline="")
    if b"\x00" in head:
        raw.close()
        raise UnreadableInput("binary data, not text")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def read_file(path: Path, source: str) -> Iterator[RawDocument | SourceError]:
    """Documents (or errors) from one file, by its suffix. Whatever goes wrong reading one file
    is one error naming it: the rest of the batch goes on."""
    try:
        for item in _read_file(path, source):
            if isinstance(item, RawDocument):
                item.origin = source
            yield item
    except Exception as exc:  # a reader bug or a library's surprise: this file only
        yield SourceError(source, f"cannot read it ({one_line(exc)})")


def _read_file(path: Path, source: str) -> Iterator[RawDocument | SourceError]:
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        yield SourceError(source, f"unsupported file type '{path.suffix or 'no suffix'}' (use .txt, .md, .html, .json, .jsonl or .csv)")
        return
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            # Reading a named pipe waits for a writer forever; a device never ends.
            kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
            yield SourceError(source, f"not a regular file ({kind})")
            return
        if fmt in ("jsonl", "csv"):
            with _open_text_stream(path) as stream:
                if fmt == "jsonl":
                    yield from _read_jsonl(stream, source)
                else:
                    yield from _read_csv(stream, source)
            return
        text = _read_text_file(path)
    except UnreadableInput as exc:
        yield SourceError(source, str(exc))
        return
    except OSError as exc:
        yield SourceError(source, _os_reason(exc))
        return
    if not text.strip():
        yield SourceError(source, "empty file")
    elif fmt == "html":
        yield read_html(text, source)
    elif fmt == "json":
        yield from _read_json(text, source)
    else:
        yield RawDocument(source=source, text=text, format=fmt)


def _os_reason(exc: OSError) -> str:
    import errno

    reasons = {
        errno.ENOENT: "no such file or directory",
        errno.EACCES: "permission denied",
        errno.ELOOP: "symbolic link loop",
        errno.EISDIR: "is a directory",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _read_stdin(stream: IO[str]) -> Iterator[RawDocument | SourceError]:
    first = stream.readline()
    while first and not first.strip():
        first = stream.readline()
    if first.lstrip().startswith("{"):  # JSONL: read line by line, as it comes
        yield from _read_jsonl(_chain([first], stream), "-")
        return
    data = first + stream.read()
    if not data.strip():
        yield SourceError("-", "empty input on stdin")
        return
    # The rest is read whole, like a file: bytes that are not UTF-8 arrive as surrogate
    # escapes, go back to bytes and are decoded as a file's are (Windows-1252/Latin-1, UTF-16,
    # binary data refused), before the format is told from the first characters.
    try:
        data = decode_bytes(data.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:  # a str stream with lone surrogates of its own
        pass
    except UnreadableInput as exc:
        yield SourceError("-", str(exc))
        return
    head = data.lstrip()[:20].lower()
    if head.startswith("["):
        yield from _read_json(data, "-")
    elif head.startswith(("<!doctype", "<html", "<")):
        yield read_html(data, "-")
    else:
        yield RawDocument(source="-", text=data, format="txt")


def _stdin() -> IO[str]:
    """Standard input as UTF-8 whatever the locale, undecodable bytes kept as surrogate escapes
    (a locale's strict decoding would stop at the first Latin-1 byte with a traceback)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _chain(first: list[str], rest: Iterable[str]) -> Iterator[str]:
    yield from first
    yield from rest


def iter_inputs(
    paths: Iterable[str], stdin: IO[str] | None = None
) -> Iterator[RawDocument | SourceError]:
    """Walk the given paths lazily: files, folders (recursively, following links once, skipping
    hidden entries and unsupported types) and '-' for stdin."""
    for given in paths:
        if given == "-":
            stream = stdin if stdin is not None else _stdin()
            for item in _read_stdin(stream):
                if isinstance(item, RawDocument):
                    item.origin = "-"
                yield item
            continue
        path = Path(given)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield SourceError(given, _os_reason(exc))
            continue
        if is_dir:
            yield from _walk(path)
        elif exists:
            yield from read_file(path, given)
        elif path.is_symlink():
            yield SourceError(given, "broken or looping symbolic link")
        else:
            yield SourceError(given, "no such file or directory")


def _walk(root: Path) -> Iterator[RawDocument | SourceError]:
    seen: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        errors.append(SourceError(str(exc.filename or root), _os_reason(exc)))

    errors: list[SourceError] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        yield from errors
        errors.clear()
        try:
            stat = os.stat(folder)
        except OSError as exc:
            yield SourceError(folder, _os_reason(exc))
            dirnames[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen:  # a link back to a folder already walked: do not loop
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED:
                continue
            full = Path(folder) / name
            if full.is_symlink() and not full.exists():
                yield SourceError(str(full), "broken or looping symbolic link")
                continue
            yield from read_file(full, str(full))
    yield from errors


# -- metadata ----------------------------------------------------------------------------------

_OUTLET = re.compile(
    r"\((Reuters|AP|AFP|EFE|Europa Press|dpa|Bloomberg|UPI|ANSA|Xinhua|IPS|Prensa Latina|Andina)\)"
)
_MD_HEADING = re.compile(r"^#{1,3} +(.+)$", re.M)


def _title_from_text(text: str, fmt: str) -> str | None:
    if fmt == "md":
        match = _MD_HEADING.search(text[:2000])
        if match:
            return match.group(1).strip()
    for line in text[:2000].split("\n"):
        line = line.strip()
        if not line:
            continue
        if 12 <= len(line) <= 200 and not line.endswith((".", ":")) and not line[:1].isdigit():
            return line
        return None
    return None


def make_document(raw: RawDocument) -> Document:
    """Normalize the text and read title, outlet and publication date from where articles
    put them (metadata first, then the text's head)."""
    from .extract.dates import find_publication_date

    text = normalize_text(raw.text)
    title = normalize_text(raw.title) if raw.title else _title_from_text(text, raw.format)
    outlet = raw.outlet
    if not outlet:
        match = _OUTLET.search(text[:3000])
        outlet = match.group(1) if match else None
    metadata_date = raw.published
    published = find_publication_date(text, metadata_date)
    return Document(
        id=document_id(text),
        source=raw.source,
        text=text,
        title=title[:300] if title else None,
        url=raw.url,
        outlet=outlet,
        published=published,
        format=raw.format,
    )
