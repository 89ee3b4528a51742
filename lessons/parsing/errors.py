"""The one exception the transcript intake raises, and the warnings it collects.

Both carry a stable ``code`` that the Django layer maps to a translated message; ``message`` is an
English fallback for logs and for callers that do not translate.
"""

from __future__ import annotations

#: Every code ``TranscriptError`` may carry, with what it means for the person uploading.
ERROR_CODES: dict[str, str] = {
    "empty": "The file is empty.",
    "too_large": "The file is larger than the limit.",
    "not_a_transcript": "The file is not a transcript (a PDF, image, audio, video or archive).",
    "legacy_doc": "The file is an old Word .doc document; save it as .docx or .txt.",
    "bad_docx": "The Word document is damaged or incomplete.",
    "bad_encoding": "The text is in an encoding that could not be read.",
    "unknown_format": "The format of the transcript was not recognised.",
    "bad_csv": "The CSV file has no header row naming a text column, or cannot be read.",
    "no_utterances": "No utterances were found in the file.",
    "too_many_utterances": "The transcript has more utterances than the limit.",
    "unreadable": "The file could not be read (an unexpected fault in the reader).",
}

#: Every code a ``TranscriptWarning`` may carry.
WARNING_CODES: dict[str, str] = {
    "decoded_as": "The text was not UTF-8 and was read in another encoding.",
    "missing_header": "A WebVTT file did not start with its WEBVTT header.",
    "bad_timestamp": "A timestamp could not be read and was left out.",
    "skipped_preamble": "Lines before the first speaker were left out.",
    "no_speakers": "The file names no speakers.",
    "unknown_role": "A value in the role column was not recognised.",
    "no_speaker_column": "The table has no speaker column.",
    "empty_rows": "Rows without text were left out.",
    "duplicates_merged": "Repeated captions were merged.",
}


class TranscriptError(Exception):
    """The uploaded file cannot be turned into utterances; ``code`` is one of ``ERROR_CODES``."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        self.code = code
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)

    def __repr__(self) -> str:
        return f"TranscriptError({self.code!r}, {self.message!r}, line={self.line!r})"


class TranscriptWarning(str):
    """An English sentence (so it is a plain ``str`` to whoever only shows it) with a ``code``
    from ``WARNING_CODES``, the ``line`` it is about, and ``params`` for a translated message."""

    code: str
    line: int | None
    params: dict[str, object]

    def __new__(
        cls, code: str, message: str, line: int | None = None, **params: object
    ) -> TranscriptWarning:
        text = f"Line {line}: {message}" if line is not None else message
        self = super().__new__(cls, text)
        self.code = code
        self.line = line
        self.params = params
        return self
