"""A first guess at who is the teacher, for the teacher to confirm."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lessons.analysis.types import Role, Utterance

_TEACHER = re.compile(
    r"^(?:teacher|tchr|tutor|instructor|lecturer|t\d?|mr|mrs|ms|miss|mdm|madam|dr|prof|sir)\b"
    r"|(?:老師|老师|教師|教师|主任|校長|校长|先生|\bsir|\bmiss)$"
    r"|^(?:老師|老师|教師|教师)",
    re.IGNORECASE,
)
_CLASS = re.compile(
    r"^(?:class|students|ss|whole class|the class|all|everyone|group|chorus|all students)\b"
    r"|^(?:全班|同學們|同学们|學生們|学生们|大家|眾人|众人|全體|全体|各位同學|各位同学)",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"^(?:unknown|unidentified|inaudible|unclear|\?+|background|noise|audio|narrator|"
    r"未知|不明|不詳|不详|旁白)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[A-Za-z0-9']+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words in English, characters in Chinese: close enough to compare who talks most."""
    return len(_WORDS.findall(text))


def propose_roles(utterances: Iterable[Utterance]) -> dict[str, Role]:
    """A role for every speaker: the file's own role column when it has one, "students" for the
    whole class, "teacher" for speakers named as teachers or else the one who says the most,
    "student" for the others, "other" for unknown speakers."""
    words: Counter[str] = Counter()
    given: dict[str, Counter[Role]] = {}
    for utterance in utterances:
        words[utterance.speaker] += word_count(utterance.text)
        if utterance.role != "other":
            given.setdefault(utterance.speaker, Counter())[utterance.role] += 1
    roles: dict[str, Role] = {}
    for speaker in words:
        if speaker in given:
            roles[speaker] = given[speaker].most_common(1)[0][0]
        elif not speaker.strip() or _OTHER.match(speaker):
            roles[speaker] = "other"
        elif _CLASS.match(speaker):
            roles[speaker] = "students"
        elif _TEACHER.search(speaker):
            roles[speaker] = "teacher"
    if "teacher" not in roles.values():
        candidates = [s for s in words if s not in roles]
        if candidates:
            teacher = max(candidates, key=lambda s: (words[s], -candidates.index(s)))
            roles[teacher] = "teacher"
    for speaker in words:
        roles.setdefault(speaker, "student")
    return roles
