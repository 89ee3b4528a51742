"""Stable error codes from the parsers and speech to text, as messages a teacher can act on."""

from __future__ import annotations

from django.utils.translation import gettext as _


def message_for(code: str, *, line: int | None = None) -> str:
    messages = {
        "empty": _("The file is empty."),
        "too_large": _(
            "The transcript is larger than 5 MB. Split it or upload the recording instead."
        ),
        "too_many_utterances": _(
            "The transcript has more than 20,000 turns; upload one lesson at a time."
        ),
        "not_a_transcript": _(
            "This file is not a transcript we can read. Upload WebVTT (.vtt), SRT, Word (.docx), CSV or plain text "
            "with “Speaker: words” lines, or an audio or video recording (mp3, m4a, wav, mp4, webm)."
        ),
        "unknown_format": _(
            "The format of this transcript was not recognised. Use WebVTT, SRT, Word (.docx), CSV or plain text "
            "with one “Speaker: words” line per turn."
        ),
        "no_utterances": _(
            "No turns of talk were found in the file. Check that each line starts with the speaker's name."
        ),
        "bad_timestamp": _("A time stamp in the file cannot be read."),
        "bad_encoding": _("The file's text encoding cannot be read. Save it as UTF-8."),
        "bad_docx": _("The Word file is damaged or is not a .docx document."),
        "legacy_doc": _(
            "This is an old Word .doc file. Open it in Word and save it as .docx, then upload it again."
        ),
        "unreadable": _(
            "The transcript could not be read. Save it as plain text or WebVTT and try again."
        ),
        "analysis_failed": _(
            "The analysis stopped because of an error on our side. The team has been told; try again later."
        ),
        "bad_csv": _("The CSV file needs a header row with at least “speaker” and “text” columns."),
        "unreadable_media": _(
            "The recording could not be read. Check that it plays, or convert it to mp3 or mp4."
        ),
        "too_long": _("The recording is longer than the limit. Upload one lesson at a time."),
        "asr_unavailable": _(
            "The speech-to-text service did not answer. The portal will try again shortly."
        ),
        "asr_failed": _("The speech-to-text service could not transcribe the recording."),
        "asr_missing": _(
            "Speech to text is not set up on this server. Upload a transcript instead."
        ),
        "ffmpeg_missing": _(
            "Recordings cannot be processed on this server (ffmpeg is missing). Upload a transcript instead."
        ),
        "no_speech": _("No speech was recognised in the recording."),
    }
    text = messages.get(code, _("The lesson could not be processed."))
    if line:
        text = _("%(message)s (line %(line)d)") % {"message": text, "line": line}
    return text
