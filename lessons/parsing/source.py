"""From uploaded bytes to text: size limits, magic bytes of files that are not transcripts, and
the text encodings teachers' files come in."""

from __future__ import annotations

import codecs
import io
import zipfile

from .common import MAX_BYTES
from .errors import TranscriptError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# (signature, offset, what it is); checked before anything is decoded.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF", 0, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", 0, "an image"),
    (b"\xff\xd8\xff", 0, "an image"),
    (b"GIF87a", 0, "an image"),
    (b"GIF89a", 0, "an image"),
    (b"II*\x00", 0, "an image"),
    (b"MM\x00*", 0, "an image"),
    (b"RIFF", 0, "an audio or video recording"),
    (b"ID3", 0, "an audio recording"),
    (b"OggS", 0, "an audio or video recording"),
    (b"fLaC", 0, "an audio recording"),
    (b"#!AMR", 0, "an audio recording"),
    (b"FORM", 0, "an audio recording"),
    (b"\x1a\x45\xdf\xa3", 0, "a video recording"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", 0, "an audio or video recording"),
    (b"FLV\x01", 0, "a video recording"),
    (b"\x00\x00\x01\xba", 0, "a video recording"),
    (b"\x00\x00\x01\xb3", 0, "a video recording"),
    (b"ftyp", 4, "an audio or video recording"),
    (b"\x1f\x8b", 0, "a compressed archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a compressed archive"),
    (b"Rar!\x1a\x07", 0, "a compressed archive"),
    (b"BZh", 0, "a compressed archive"),
    (b"\xfd7zXZ\x00", 0, "a compressed archive"),
    (b"\x7fELF", 0, "a program"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"SQLite format 3\x00", 0, "a database"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_DOCX_MAIN = "word/document.xml"
# A .docx whose text inflates past this is a zip bomb, not a lesson.
_MAX_INFLATED = 60 * 1024 * 1024


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise TranscriptError(
            "too_large",
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB.",
        )
    if not data.strip(b" \t\r\n\x00\x0b\x0c") or data in (
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        raise TranscriptError("empty", "The file is empty.")


def sniff_binary(data: bytes) -> str | None:
    """ "docx" for a Word document; raises for any other file that is not text."""
    head = data[:16]
    if head.startswith(_ZIP):
        return _check_docx(data)
    if head.startswith(_OLE2):
        raise TranscriptError(
            "legacy_doc",
            "This is an old-style Word (.doc) or Office file; save it as .docx or .txt first.",
        )
    for signature, offset, what in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            raise TranscriptError("not_a_transcript", f"This file is {what}, not a transcript.")
    if len(data) >= 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0 and data[1] != 0xFE:
        raise TranscriptError(
            "not_a_transcript", "This file is an audio recording, not a transcript."
        )
    return None


def _check_docx(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _DOCX_MAIN not in names:
                raise TranscriptError(
                    "not_a_transcript",
                    "This is a ZIP archive or another Office file, not a Word transcript (.docx).",
                )
            if sum(info.file_size for info in archive.infolist()) > _MAX_INFLATED:
                raise TranscriptError("bad_docx", "The Word document is too large once unpacked.")
    except TranscriptError:
        raise
    except Exception as exc:  # zipfile raises many kinds on a truncated or damaged archive
        raise TranscriptError(
            "bad_docx", "The file looks like a Word document but is damaged or incomplete."
        ) from exc
    return "docx"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). UTF-8 and UTF-16 with a BOM, UTF-8, then Big5-HKSCS and GB18030."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    _refuse_control_bytes(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a file cut off inside its last character
            return data[: exc.start].decode("utf-8", errors="replace"), "utf-8"
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") * 200 < sum(1 for byte in data if byte >= 0xC0):
        # Mostly UTF-8 with a few stray bytes: reading it as Big5 would garble every line.
        return text, "utf-8 (with errors)"
    for encoding in ("big5hkscs", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TranscriptError(
        "bad_encoding",
        "The text could not be read: save it as UTF-8 (or Big5) and upload it again.",
    )


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            "bad_encoding",
            f"The file says it is {encoding.upper()} but is not valid {encoding.upper()}.",
        ) from exc
    if any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x7f"):
        raise TranscriptError("not_a_transcript", "The file holds binary data, not a transcript.")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


_ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0c\x1b")


def _refuse_control_bytes(data: bytes) -> None:
    sample = data[:65536]
    if b"\x00" in sample:
        raise TranscriptError("not_a_transcript", "The file holds binary data, not a transcript.")
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _ALLOWED_CONTROLS)
    if controls > max(2, len(sample) // 200):
        raise TranscriptError("not_a_transcript", "The file holds binary data, not a transcript.")
