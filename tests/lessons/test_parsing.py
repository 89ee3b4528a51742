"""Transcript intake: every format teachers bring, the limits, and nothing but TranscriptError."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.analysis.types import Utterance
from lessons.parsing import (
    ERROR_CODES,
    MAX_BYTES,
    MAX_UTTERANCES,
    ParsedTranscript,
    TranscriptError,
    parse_transcript,
    propose_roles,
)
from lessons.parsing.common import parse_timestamp

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> ParsedTranscript:
    return parse_transcript((FIXTURES / name).read_bytes(), name)


def turns(parsed: ParsedTranscript) -> list[tuple[str, str]]:
    return [(u.speaker, u.text) for u in parsed.utterances]


def codes(parsed: ParsedTranscript) -> list[str]:
    return [getattr(w, "code", "") for w in parsed.warnings]


def error(data: bytes, filename: str = "lesson.txt") -> TranscriptError:
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(data, filename)
    return caught.value


def word_file(tmp_path: Path, paragraphs: list[str] = (), table: list[list[str]] = ()) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=0, cols=len(table[0]))
        for values in table:
            for cell, value in zip(grid.add_row().cells, values, strict=True):
                cell.text = value
    path = tmp_path / "transcript.docx"
    document.save(str(path))
    return path.read_bytes()


# --- WebVTT -------------------------------------------------------------------------------------


def test_teams_vtt_reads_voice_tags_with_code_mixed_cantonese_and_english():
    parsed = fixture("teams_codemixed.vtt")
    assert parsed.format == "webvtt"
    assert parsed.speakers == ["Chan Siu Ming", "Wong Ka Yan", "Lee Tsz Hin"]
    assert turns(parsed)[:3] == [
        ("Chan Siu Ming", "Good morning class. 今日我哋講 photosynthesis。"),
        ("Chan Siu Ming", "邊個記得 plants 需要啲咩先可以 make food?"),
        ("Wong Ka Yan", "Sunlight 同埋 water!"),
    ]
    first = parsed.utterances[0]
    assert (first.start, first.end) == (3.12, 7.48)


def test_teams_vtt_strips_markup_unescapes_entities_and_keeps_notes_out():
    parsed = fixture("teams_codemixed.vtt")
    texts = [u.text for u in parsed.utterances]
    assert "Carbon dioxide, 即係 CO2 & chlorophyll." in texts
    assert not any("<" in t or "NOTE" in t or "Teams may be" in t for t in texts)


def test_teams_vtt_collapses_a_repeated_cue_into_one_utterance():
    parsed = fixture("teams_codemixed.vtt")
    assert [u.speaker for u in parsed.utterances].count("Lee Tsz Hin") == 1
    assert "duplicates_merged" in codes(parsed)


def test_two_voices_in_one_cue_become_two_utterances_with_the_cue_times():
    parsed = fixture("teams_codemixed.vtt")
    last_two = parsed.utterances[-2:]
    assert [(u.speaker, u.text) for u in last_two] == [
        ("Chan Siu Ming", "啱晒！"),
        ("Wong Ka Yan", "Yeah!"),
    ]
    assert {(u.start, u.end) for u in last_two} == {(22.0, 24.6)}


def test_zoom_vtt_reads_speaker_prefixes_and_minute_second_timestamps():
    parsed = fixture("zoom.vtt")
    assert parsed.speakers == ["Ms Lau", "Jason Cheung", "Chloe Ng"]
    assert turns(parsed)[3] == ("Ms Lau", "Yes! Thank you, Jason. What happened in 1963?")
    chloe = parsed.utterances[4]
    assert (chloe.speaker, chloe.start, chloe.end) == ("Chloe Ng", 17.0, 21.45)


def test_youtube_rolling_captions_are_merged_without_repeats():
    parsed = fixture("youtube_rolling.vtt")
    assert [u.text for u in parsed.utterances] == [
        "good morning primary five",
        "today we learn fractions",
        "what is one half plus one quarter",
    ]
    assert parsed.speakers == []
    assert {u.speaker for u in parsed.utterances} == {""}
    assert "no_speakers" in codes(parsed)


def test_vtt_with_bom_crlf_and_no_blank_line_before_the_next_cue_id():
    data = (
        "\ufeffWEBVTT\r\n\r\n1\r\n00:01.000 --> 00:02.500\r\nT: Open your books.\r\n"
        "2\r\n00:03.000 --> 00:04.000\r\nS1: Which page?\r\n"
    ).encode()
    parsed = parse_transcript(data, "zoom.vtt")
    assert turns(parsed) == [("T", "Open your books."), ("S1", "Which page?")]


def test_vtt_extension_without_header_is_read_with_a_warning():
    data = b"00:00:01.000 --> 00:00:02.000\nTeacher: Hello.\n"
    parsed = parse_transcript(data, "lesson.vtt")
    assert parsed.format == "webvtt"
    assert turns(parsed) == [("Teacher", "Hello.")]
    assert "missing_header" in codes(parsed)


def test_unreadable_cue_times_are_kept_as_none_with_a_warning():
    data = b"WEBVTT\n\n00:00:61.000 --> 00:00:62.000\nTeacher: Hello.\n"
    parsed = parse_transcript(data, "lesson.vtt")
    assert (parsed.utterances[0].start, parsed.utterances[0].end) == (None, None)
    assert "bad_timestamp" in codes(parsed)


# --- SRT ----------------------------------------------------------------------------------------


def test_srt_with_utf8_bom_reads_speakers_times_and_multiline_cues():
    parsed = fixture("bom.srt")
    assert parsed.format == "srt"
    assert parsed.speakers == ["Teacher", "Mei Ling"]
    assert turns(parsed)[:3] == [
        ("Teacher", "Please take out your English workbook."),
        ("Mei Ling", "Which page, Miss Ho?"),
        ("Teacher", "Page 18. Read the passage about the Star Ferry quietly."),
    ]
    assert (parsed.utterances[0].start, parsed.utterances[0].end) == (2.0, 5.5)


def test_srt_drops_descriptions_of_the_room():
    parsed = fixture("bom.srt")
    assert not any("reading" in u.text for u in parsed.utterances)
    assert len(parsed.utterances) == 4


def test_srt_renamed_to_txt_is_still_read_as_srt():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nHello everyone.\n\n2\n00:00:03,000 --> 00:00:04,000\nHi.\n"
    parsed = parse_transcript(data, "captions.txt")
    assert parsed.format == "srt"
    assert [u.text for u in parsed.utterances] == ["Hello everyone.", "Hi."]


# --- plain text ---------------------------------------------------------------------------------


def test_plain_text_with_chinese_colons_and_three_timestamp_styles():
    parsed = fixture("lesson_zh.txt")
    assert parsed.format == "text"
    assert parsed.speakers == ["老師", "全班", "學生甲", "陳大文", "學生乙"]
    assert [u.start for u in parsed.utterances] == [5, 12, 20, 41, 55, 70, 84, 90]
    assert turns(parsed)[2] == ("老師", "上堂我哋讀到父親買橘子嗰段，大家記唔記得作者有咩感受？")


def test_plain_text_leaves_out_the_heading_above_the_first_speaker():
    parsed = fixture("lesson_zh.txt")
    assert "背影》\n" not in parsed.utterances[0].text
    assert not any("日期" in u.speaker for u in parsed.utterances)
    assert "skipped_preamble" in codes(parsed)


@pytest.mark.parametrize(
    ("line", "speaker", "text", "start"),
    [
        ("[00:01:23] T: What is a verb?", "T", "What is a verb?", 83.0),
        ("00:01:23 Teacher: What is a verb?", "Teacher", "What is a verb?", 83.0),
        ("(1:23) S1: A doing word.", "S1", "A doing word.", 83.0),
        ("[01:23.5] Ms Chan: Good.", "Ms Chan", "Good.", 83.5),
        ("Ms Chan [00:01:23]: Good.", "Ms Chan", "Good.", 83.0),
        ("Teacher: We meet at 10:30 tomorrow.", "Teacher", "We meet at 10:30 tomorrow.", None),
        ("學生甲：係咪 noun 呀？", "學生甲", "係咪 noun 呀？", None),
        ("[00:00:02 - 00:00:05] Ss: Good morning!", "Ss", "Good morning!", 2.0),
    ],
)
def test_plain_text_line_styles(line, speaker, text, start):
    parsed = parse_transcript(line.encode(), "lesson.txt")
    (utterance,) = parsed.utterances
    assert (utterance.speaker, utterance.text, utterance.start) == (speaker, text, start)


def test_zoom_saved_transcript_with_bracketed_names_over_the_text():
    data = b"[Ms Lau] 09:01:23\nOkay everyone.\n\n[Jason Cheung] 09:01:30\nMiss, which page?\n"
    parsed = parse_transcript(data, "meeting_saved_closed_caption.txt")
    assert turns(parsed) == [("Ms Lau", "Okay everyone."), ("Jason Cheung", "Miss, which page?")]
    assert parsed.utterances[1].start == 9 * 3600 + 90


def test_continuation_lines_join_the_previous_utterance():
    data = b"Teacher: Look at the picture.\nWhat can you see?\n\nS1: A ferry.\n"
    parsed = parse_transcript(data, "lesson.txt")
    assert turns(parsed) == [
        ("Teacher", "Look at the picture. What can you see?"),
        ("S1", "A ferry."),
    ]


def test_the_same_speaker_spelt_in_another_case_is_one_speaker():
    parsed = parse_transcript(b"Teacher: Hello.\nS1: Hi.\nTEACHER: Sit down.\n", "a.txt")
    assert parsed.speakers == ["Teacher", "S1"]


def test_a_link_is_not_a_speaker():
    data = b"Teacher: The video is here:\nhttps://example.org/ferry\nS1: Thanks.\n"
    parsed = parse_transcript(data, "a.txt")
    assert turns(parsed)[0] == ("Teacher", "The video is here: https://example.org/ferry")


def test_big5_hkscs_text_is_read_with_a_warning():
    data = "老師：今日講咗啲乜嘢？\n學生：講咗嘅字。\n".encode("big5hkscs")
    parsed = parse_transcript(data, "lesson.txt")
    assert turns(parsed) == [("老師", "今日講咗啲乜嘢？"), ("學生", "講咗嘅字。")]
    assert "decoded_as" in codes(parsed)


def test_utf16_text_from_notepad_is_read():
    data = "\ufeffTeacher: Good morning.\r\nClass: Good morning!\r\n".encode("utf-16-le")
    assert turns(parse_transcript(data, "lesson.txt"))[1] == ("Class", "Good morning!")


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_with_bom_reads_roles_times_and_passes_other_columns_through():
    parsed = fixture("turns.csv")
    assert parsed.format == "csv"
    assert parsed.speakers == ["Mr Wong", "Class", "Hoi Ching", "Tsz Long"]
    assert [u.role for u in parsed.utterances] == [
        "teacher",
        "students",
        "teacher",
        "student",
        "teacher",
        "student",
    ]
    hoi_ching = parsed.utterances[3]
    assert (hoi_ching.start, hoi_ching.end, hoi_ching.extra) == (12.0, 14.3, {"group": "B"})
    assert parsed.utterances[4].text.endswith("apples than oranges? Show me on your whiteboards.")


def test_csv_in_big5_hkscs_with_semicolons_and_chinese_headers():
    data = "講者;內容;開始\n老師;邊個知道答案？;00:00:03\n陳大文;我知！;00:00:05.5\n".encode(
        "big5hkscs"
    )
    parsed = parse_transcript(data, "lesson.csv")
    assert turns(parsed) == [("老師", "邊個知道答案？"), ("陳大文", "我知！")]
    assert [u.start for u in parsed.utterances] == [3.0, 5.5]
    assert {u.role for u in parsed.utterances} == {"other"}


def test_csv_without_a_text_column_is_refused_at_line_one():
    caught = error(b"name,score\nMei Ling,5\n", "marks.csv")
    assert (caught.code, caught.line) == ("bad_csv", 1)


def test_csv_is_recognised_by_its_header_whatever_the_extension():
    parsed = parse_transcript(b"speaker,text\nT,Hello\nS,Hi\n", "export.txt")
    assert parsed.format == "csv"


# --- Word ---------------------------------------------------------------------------------------


def test_docx_table_with_time_speaker_text_header(tmp_path):
    data = word_file(
        tmp_path,
        paragraphs=["P.6 General Studies: the water cycle"],
        table=[
            ["Time", "Speaker", "Text"],
            ["00:00:04", "Miss Cheung", "Where does rain come from?"],
            ["00:00:09", "Ho Wing Sze", "From the clouds."],
            ["00:00:15", "Miss Cheung", "Good. Where do clouds come from?"],
            ["00:00:21", "", "Think about the sea."],
        ],
    )
    parsed = parse_transcript(data, "lesson.docx")
    assert parsed.format == "docx"
    assert turns(parsed) == [
        ("Miss Cheung", "Where does rain come from?"),
        ("Ho Wing Sze", "From the clouds."),
        ("Miss Cheung", "Good. Where do clouds come from?"),
        ("Miss Cheung", "Think about the sea."),
    ]
    assert [u.start for u in parsed.utterances] == [4.0, 9.0, 15.0, 21.0]


def test_docx_table_of_speaker_and_text_without_a_header(tmp_path):
    data = word_file(tmp_path, table=[["老師", "大家好。"], ["學生甲", "老師好！"]])
    assert turns(parse_transcript(data, "lesson.docx")) == [
        ("老師", "大家好。"),
        ("學生甲", "老師好！"),
    ]


def test_docx_table_role_column_sets_roles(tmp_path):
    data = word_file(
        tmp_path,
        table=[["Speaker", "Role", "Utterance"], ["Kelly", "Teacher", "Hi"], ["Ben", "S", "Hey"]],
    )
    assert [u.role for u in parse_transcript(data, "x.docx").utterances] == ["teacher", "student"]


def test_teams_docx_paragraphs_with_name_and_time_headings(tmp_path):
    data = word_file(
        tmp_path,
        paragraphs=[
            "English lesson 3B",
            "March 5, 2024, 9:02AM",
            "38m 12s",
            "Kelly Tam   started transcription",
            "Kelly Tam   0:03",
            "Good morning, 3B. Please sit down.",
            "Chan Hiu Yan   0:09",
            "Good morning, Miss Tam.",
            "Kelly Tam   1:02:15",
            "Who can tell me what a noun is?",
            "Kelly Tam   stopped transcription",
        ],
    )
    parsed = parse_transcript(data, "Meeting transcript.docx")
    assert turns(parsed) == [
        ("Kelly Tam", "Good morning, 3B. Please sit down."),
        ("Chan Hiu Yan", "Good morning, Miss Tam."),
        ("Kelly Tam", "Who can tell me what a noun is?"),
    ]
    assert [u.start for u in parsed.utterances] == [3.0, 9.0, 3735.0]


def test_older_teams_docx_with_arrow_timestamps_and_names_on_their_own_line(tmp_path):
    data = word_file(
        tmp_path,
        paragraphs=[
            "0:0:0.0 --> 0:0:4.560",
            "Tam, Kelly",
            "Good morning, 3B.",
            "",
            "00:00:05.100 --> 00:00:07.200",
            "Chan, Hiu Yan",
            "Good morning, Miss Tam.",
            "00:00:08.000 --> 00:00:09.500",
            "Tam, Kelly: Sit down, please.",
        ],
    )
    parsed = parse_transcript(data, "transcript.docx")
    assert turns(parsed) == [
        ("Tam, Kelly", "Good morning, 3B."),
        ("Chan, Hiu Yan", "Good morning, Miss Tam."),
        ("Tam, Kelly", "Sit down, please."),
    ]
    assert (parsed.utterances[1].start, parsed.utterances[1].end) == (5.1, 7.2)


def test_docx_paragraphs_as_name_colon_text(tmp_path):
    data = word_file(tmp_path, paragraphs=["老師：今日我哋學分數。", "學生乙：好難呀！"])
    assert turns(parse_transcript(data, "a.docx")) == [
        ("老師", "今日我哋學分數。"),
        ("學生乙", "好難呀！"),
    ]


# --- roles --------------------------------------------------------------------------------------


def u(speaker: str, text: str, role: str = "other") -> Utterance:
    return Utterance(speaker=speaker, role=role, text=text)  # type: ignore[arg-type]


def test_the_speaker_who_talks_most_is_proposed_as_teacher():
    lesson = [u("Speaker 1", "Open your books at page ten and read"), u("Speaker 2", "Okay")]
    assert propose_roles(lesson) == {"Speaker 1": "teacher", "Speaker 2": "student"}


@pytest.mark.parametrize(
    "label", ["Teacher", "老師", "陳老師", "Ms Chan", "Mr. Wong", "Miss Ho", "T"]
)
def test_a_speaker_named_as_teacher_is_proposed_as_teacher_even_when_quiet(label):
    lesson = [u(label, "Yes."), u("Jason", "I think the answer is the third one because it rains")]
    assert propose_roles(lesson) == {label: "teacher", "Jason": "student"}


@pytest.mark.parametrize("label", ["Class", "Students", "全班", "同學們", "Ss", "Whole class"])
def test_the_whole_class_is_students(label):
    lesson = [u("Teacher", "Good morning."), u(label, "Good morning, Miss Ho, and many words more")]
    assert propose_roles(lesson)[label] == "students"


def test_a_role_column_in_the_file_wins_over_the_guess():
    lesson = [u("Kelly", "Hi", "teacher"), u("Ben", "Many many many words here", "student")]
    assert propose_roles(lesson) == {"Kelly": "teacher", "Ben": "student"}


def test_roles_are_left_other_by_the_parsers():
    assert {u.role for u in fixture("zoom.vtt").utterances} == {"other"}


# --- timestamps ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("00:01:23.450", 83.45),
        ("01:23.450", 83.45),
        ("1:02:03,5", 3723.5),
        ("0:0:4.56", 4.56),
        ("00:00:61.000", None),
        ("1:75:00", None),
        ("abc", None),
    ],
)
def test_timestamps(value, seconds):
    assert parse_timestamp(value) == seconds


# --- limits and errors --------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \r\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n"])
def test_an_empty_file_is_refused(data):
    assert error(data).code == "empty"


def test_a_file_over_five_megabytes_is_refused():
    assert error(b"T: hi\n" * (MAX_BYTES // 6 + 1)).code == "too_large"


def test_more_than_twenty_thousand_utterances_is_refused_at_the_line_where_it_goes_over():
    lines = [f"{'T' if i % 2 else 'S'}: turn {i}" for i in range(MAX_UTTERANCES + 5)]
    caught = error("\n".join(lines).encode())
    assert (caught.code, caught.line) == ("too_many_utterances", MAX_UTTERANCES + 1)


def test_exactly_twenty_thousand_utterances_is_accepted():
    lines = [f"{'T' if i % 2 else 'S'}: turn {i}" for i in range(MAX_UTTERANCES)]
    assert len(parse_transcript("\n".join(lines).encode(), "a.txt").utterances) == MAX_UTTERANCES


def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "transcript.pdf"),
        (_zip("xl/workbook.xml"), "transcript.docx"),
        (_zip("notes.txt"), "lesson.zip"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", "lesson.mp4"),
        (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00", "lesson.vtt"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x23TSSE", "lesson.mp3"),
        (b"\xff\xfb\x90\x64\x00\x00\x00\x00", "lesson.srt"),
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "lesson.wav"),
        (b"OggS\x00\x02\x00\x00\x00\x00", "lesson.ogg"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01", "lesson.webm"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "board.png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "board.jpg"),
        (b"\x7fELF\x02\x01\x01\x00", "a.txt"),
        (bytes(range(256)) * 4, "a.txt"),
    ],
)
def test_files_that_are_not_transcripts_are_refused(data, filename):
    assert error(data, filename).code == "not_a_transcript"


def test_an_old_word_doc_is_refused_with_its_own_code():
    assert (
        error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "lesson.doc").code == "legacy_doc"
    )


def test_a_truncated_word_file_is_refused_as_damaged(tmp_path):
    data = word_file(tmp_path, paragraphs=["Teacher: Hello."])
    assert error(data[: len(data) // 2], "lesson.docx").code == "bad_docx"


def test_utf16_with_an_odd_byte_is_refused_as_bad_encoding():
    assert error("\ufeffT: hi".encode("utf-16-le") + b"\x00\xd8", "a.txt").code == "bad_encoding"


def test_prose_without_speakers_is_an_unknown_format():
    assert (
        error(b"We read a story about the Star Ferry today.\nIt was fun.").code == "unknown_format"
    )


def test_a_vtt_with_no_cues_has_no_utterances():
    assert error(b"WEBVTT\n\nNOTE nothing was said\n", "lesson.vtt").code == "no_utterances"


def test_every_error_code_is_documented():
    assert set(ERROR_CODES) >= {
        "empty",
        "too_large",
        "not_a_transcript",
        "legacy_doc",
        "bad_docx",
        "bad_encoding",
        "bad_csv",
        "unknown_format",
        "no_utterances",
        "too_many_utterances",
        "unreadable",
    }


# --- fuzzing ------------------------------------------------------------------------------------

SAMPLES = {path.name: path.read_bytes() for path in sorted(FIXTURES.iterdir())}
SAMPLE_NAMES = sorted(SAMPLES)
_FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_refuse(data: bytes, filename: str) -> None:
    """The one property: a result that holds together, or a TranscriptError with a known code."""
    try:
        parsed = parse_transcript(data, filename)
    except TranscriptError as exc:
        assert exc.code in ERROR_CODES
        assert exc.code != "unreadable", repr(exc.__cause__)
        return
    assert parsed.utterances
    assert len(parsed.utterances) <= MAX_UTTERANCES
    assert all(u.text and u.text == u.text.strip() for u in parsed.utterances)
    assert all(u.start is None or u.start >= 0 for u in parsed.utterances)
    assert set(parsed.speakers) <= {u.speaker for u in parsed.utterances}


@_FUZZ
@given(
    data=st.binary(max_size=2048),
    extension=st.sampled_from(["vtt", "srt", "docx", "txt", "csv", ""]),
)
def test_random_bytes_give_a_transcript_or_a_transcript_error(data, extension):
    _parse_or_refuse(data, f"upload.{extension}")


@_FUZZ
@given(name=st.sampled_from(SAMPLE_NAMES), cut=st.floats(0, 1))
def test_truncated_files_give_a_transcript_or_a_transcript_error(name, cut):
    data = SAMPLES[name]
    _parse_or_refuse(data[: int(len(data) * cut)], name)


@_FUZZ
@given(
    name=st.sampled_from(SAMPLE_NAMES),
    edits=st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(["flip", "insert", "delete"]),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_mutated_files_give_a_transcript_or_a_transcript_error(name, edits):
    data = bytearray(SAMPLES[name])
    for where, how, chunk in edits:
        at = int(where * max(len(data) - 1, 0))
        if how == "flip" and data:
            data[at] ^= chunk[0] or 1
        elif how == "insert":
            data[at:at] = chunk
        elif data:
            del data[at : at + len(chunk)]
    _parse_or_refuse(bytes(data), name)


_PIECES = st.sampled_from(
    [
        "WEBVTT",
        "\n",
        "\r\n",
        "\n\n",
        " --> ",
        "00:00:01.000",
        "1:02",
        "99:99:99,999",
        "<v Ms Chan>",
        "</v>",
        "<c>",
        "<",
        ">",
        "Teacher: ",
        "老師：",
        "：",
        ":",
        "NOTE ",
        "1",
        "[00:01:23] ",
        "(1:23) ",
        "speaker,text,start",
        ",",
        ";",
        '"',
        "Good morning",
        "同學們",
        "&amp;",
        "\ufeff",
        "\u2028",
        " ",
        "\t",
        "Chan, Tai Man",
        "(laughter)",
    ]
)


@_FUZZ
@given(
    pieces=st.lists(_PIECES, max_size=60), extension=st.sampled_from(["vtt", "srt", "txt", "csv"])
)
def test_transcript_like_text_gives_a_transcript_or_a_transcript_error(pieces, extension):
    _parse_or_refuse("".join(pieces).encode(), f"lesson.{extension}")


@_FUZZ
@given(data=st.data())
def test_mutated_word_files_give_a_transcript_or_a_transcript_error(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "fuzz.docx"
    if not path.exists():
        document = docx.Document()
        document.add_paragraph("Kelly Tam   0:03")
        document.add_paragraph("Good morning.")
        grid = document.add_table(rows=1, cols=2)
        grid.rows[0].cells[0].text, grid.rows[0].cells[1].text = "Speaker", "Text"
        document.save(str(path))
    original = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    _parse_or_refuse(bytes(original), "fuzz.docx")
