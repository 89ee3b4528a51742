"""``python -m lessons.analysis [--summary FILE] [--lesson-field NAME] < in.jsonl > out.jsonl``

Reads utterances as JSON Lines on standard input and writes every row back, in input order,
with the codes added. ``--lesson-field`` analyses each lesson of a many-lesson stream on its own
(its rows need not be contiguous). ``--summary`` writes the lesson metrics as JSON (keyed by
lesson id with ``--lesson-field``). A bad row stops the run before anything is written: the
message names the line, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import sys
from typing import Any, BinaryIO

from lessons.analysis import engine
from lessons.analysis.types import Utterance


class InputError(ValueError):
    pass


def _read(
    stream: BinaryIO, lesson_field: str | None
) -> tuple[list[str], list[dict[str, Any] | None], dict[str, list[int]], list[Utterance]]:
    """Parse and validate every line. Returns the raw lines; the parsed row where it already
    has a code field (else None); the row indexes of each lesson, in first-seen order; and
    the utterances."""
    raw: list[str] = []
    clashing: list[dict[str, Any] | None] = []
    lessons: dict[str, list[int]] = {}
    utterances: list[Utterance] = []
    for number, data in enumerate(stream, start=1):
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"line {number}: not UTF-8 ({exc.reason} at byte {exc.start})"
            ) from None
        if number == 1:
            line = line.lstrip("\ufeff")
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"line {number}: not valid JSON ({exc.msg}, column {exc.colno})"
            ) from None
        try:
            utterance = engine.utterance_from_row(row, number)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        key = ""
        if lesson_field is not None:
            value = row.get(lesson_field)
            if value is None or isinstance(value, dict | list):
                problem = "no" if value is None else "a non-scalar"
                raise InputError(
                    f"line {number}: {problem} '{lesson_field}' field to group lessons by"
                )
            key = (
                value
                if type(value) is str
                else str(value)
                if type(value) is int
                else json.dumps(value)
            )
        lessons.setdefault(key, []).append(len(raw))
        raw.append(line)
        clashing.append(row if any(f in row for f in engine.CODE_FIELDS) else None)
        utterances.append(utterance)
    return raw, clashing, lessons, utterances


@functools.lru_cache(maxsize=4096)
def _codes_json(values: tuple[Any, ...]) -> str:
    # most rows share one of a few hundred code combinations: encode each once
    return json.dumps(dict(zip(engine.CODE_FIELDS, values, strict=True)), ensure_ascii=False)[1:]


def _splice(line: str, row: dict[str, Any] | None, codes: dict[str, Any]) -> str:
    """The input line with the codes appended, leaving the input's own text untouched (a row
    that already has a code field is re-encoded with that field replaced)."""
    if row is not None:
        return json.dumps({**row, **codes}, ensure_ascii=False)
    return line[:-1].rstrip() + ", " + _codes_json(tuple(codes.values()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lessons.analysis",
        description="Code classroom utterances (JSON Lines on stdin) and compute lesson metrics.",
    )
    parser.add_argument(
        "--summary", metavar="FILE", help="write the lesson metrics to FILE as JSON"
    )
    parser.add_argument(
        "--lesson-field",
        metavar="NAME",
        help="analyse each lesson (rows sharing this field's value) on its own",
    )
    args = parser.parse_args(argv)
    try:
        raw, rows, lessons, utterances = _read(sys.stdin.buffer, args.lesson_field)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    gc.freeze()  # the input stays alive to the end: keep the collector from re-scanning it
    output: list[str] = [""] * len(raw)
    summaries: dict[str, Any] = {}
    classifiers = engine.load_classifiers()
    for key, indexes in lessons.items():
        coded, summary = engine.analyse([utterances[i] for i in indexes], classifiers=classifiers)
        summaries[key] = summary
        for i, c in zip(indexes, coded, strict=True):
            output[i] = _splice(raw[i], rows[i], engine.codes(c))
    if args.summary:
        if args.lesson_field is None:
            document = summaries.get("") or engine.analyse([], classifiers=classifiers)[1]
        else:
            document = summaries
        try:
            with open(args.summary, "w", encoding="utf-8") as f:
                json.dump(document, f, ensure_ascii=False, indent=1)
                f.write("\n")
        except OSError as exc:
            print(f"error: cannot write the summary: {exc}", file=sys.stderr)
            return 2
    if output:
        try:
            sys.stdout.buffer.write(("\n".join(output) + "\n").encode("utf-8"))
            sys.stdout.flush()
        except BrokenPipeError:
            sys.stderr.close()
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
