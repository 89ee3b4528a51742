"""Replacing students' names in a lesson transcript with "Student 1", "Student 2", ...

Pure Python, no Django. Names come from three places: the labels of student speakers, the names
the caller knows (a class list, Chinese names), and names found in the talk itself where someone
is addressed or named ("Thank you, Jason", "Jason, what do you think?", "Chan Tai Man",
"同意陳大文", "志明你點睇"). The same person gets the same placeholder everywhere in the lesson;
teachers' names, common words and place names are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from lessons.analysis.types import Role, Utterance
from lessons.parsing import propose_roles

PLACEHOLDER = "Student {n}"
_PLACEHOLDER_NUMBER = re.compile(r"(?<![A-Za-z])Student (\d+)(?!\d)")


@dataclass(frozen=True)
class RedactionResult:
    utterances: list[Utterance]
    #: Placeholder to the name it replaced (its fullest form); the caller decides whether to keep it.
    mapping: dict[str, str] = field(default_factory=dict)


# Romanised (Cantonese, Mandarin) surnames common in Hong Kong.
HK_SURNAMES = frozenset(
    """Au Auyeung Chak Chan Chang Chau Chen Cheng Cheuk Cheung Chiang Chik Chin Ching Chiu Cho
    Choi Chong Chow Choy Chu Chuk Chun Chung Fan Fok Fong Fu Fung Ha Hau Heung Hin Ho Hon Hsu
    Hu Huang Hui Hung Ip Kam Kan Kau Keung Ko Kong Ku Kwan Kwok Kwong Lai Lam Lau Law Lee
    Leung Li Liang Lin Ling Liu Lo Lok Lu Lui Luk Lum Lung Ma Mai Mak Man Mo Mok Mui Ng Ngai
    Ngan Pak Pang Pao Poon Shek Sham Sheung Shiu Shum Sin Siu So Sung Sze Szeto Tai Tam Tang
    Tao Tin Ting To Tong Tsai Tsang Tse Tseng Tso Tsoi Tsui Tung Wan Wang Wong Woo Wu Yam Yan
    Yau Yee Yeung Yim Yip Yiu Yu Yue Yuen Yung Zhang Zhao Zhou""".split()  # noqa: SIM905
)
# Syllables of Hong Kong given names in their usual romanisation.
HK_SYLLABLES = frozenset(
    s.casefold()
    for s in """Chai Chak Chi Chin Ching Chit Choi Chuen Chun Chung Cheuk Cheung Chau Cheong
    Fai Fan Fat Fei Fong Foon Fung Hang Hau Hei Heung Hin Hing Hiu Ho Hoi Hok Hon Hong Hou Huen Hung Ka
    Kai Kam Kan Kar Kau Kee Kei Keung Ki Kin King Kit Kiu Ko Kok Kong Kuen Kui Kwai Kwan Kwok
    Kwong Kwun Lai Lam Lan Lap Lei Leung Li Lik Lim Lin Ling Lok Long Lui Lun Lung Man Mang
    Mei Ming Miu Mo Mui Mun Nam Nga Ngai Ngan Ngo Nin Nok Oi On Pak Pan Pang Pei Pik Ping Po
    Pok Pui Sai Sam San Sang Sau Sek Tai Shan Shek Sheung Shing Shu Shuen Shui Shuk Si Sik Sin
    Sing Siu So Suen Suet Sui Sum Sun Sung Sze Tak Tat Tin Ting Tip To Tong Tsan Tsun Tsz Tung
    Tze Wa Wah Wai Wan Wang Wing Wo Wun Yan Yat Yau Yee Yeuk Yi Yik Yim Yin Ying Yip Yiu Yu
    Yue Yuen Yuet Yuk Yun Yung""".split()  # noqa: SIM905
)
# Single-character and compound Chinese surnames common in Hong Kong and the mainland.
ZH_SURNAMES = frozenset(
    "陳李張黃何林吳劉蔡鄭梁謝王楊周朱許鄧馮曾胡郭羅葉蘇潘蕭鄺麥馬余莫盧譚袁鍾程彭江方姚石"
    "黎蔣魏杜戴丁沈韓區溫鄒岑傅湯尹侯邱雷龍孔崔廖賴簡翁柯施范甘嚴趙歐司徒上官歐陽"
    "陈张黄吴刘郑谢杨许邓冯罗叶苏萧邝麦钟汤邹韩严区赵欧温"
)
ZH_COMPOUND_SURNAMES = ("歐陽", "欧阳", "司徒", "上官", "司馬", "司马", "諸葛", "诸葛", "端木")
_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mdm", "madam", "dr", "prof", "sir", "teacher", "mister", "master"]
)
# Capitalised words that open sentences or name places, days and subjects, never a pupil.
COMMON_WORDS = frozenset(
    w.casefold()
    for w in """A About Actually Afternoon After Again Agree All Alright Also Always Am An And Another
    Answer Any Anyone Anything April Are As Ask At August Autumn Bad Be Because Before Begin
    Big Book Both Boys But By Can Careful Chapter Check China Chinese Choose Class Classmates
    Clap Close Come Compare Correct Could Count Dear December Did Do Does Done Draw Each Earth
    Easter English Enough Even Every Everybody Everyone Everything Exactly Excellent Excuse
    Exercise Fantastic February Fine Finish First Five For Form Four Friday From Fun Game
    Geography Girls Give Go Good Goodbye Grammar Great Group Guys Hands Happy Has Have He
    Hello Her Here Hey Hi His History Hmm Homework How However I If In Is It January July June
    Just Keep Kids Ladies Last Later Let Lets Like Listen Look Lunch Maths Math March May
    Maybe Me Monday Morning Most Music My Next Nice Night Nine No None Nope Not Nothing
    November Now OK Ok Okay October Of Oh On Once One Only Open Or Other Our Page Part Perfect
    Please Point Primary Put PE Question Quick Quiet Quite Raise Read Ready Really Remember
    Right Saturday Say Science See September Secondary She Show Since Sit Six So Some Someone
    Something Sorry Spring Stand Start Still Stop Student Students Summer Sunday Super Sure
    Take Talk Team Tell Ten Thank Thanks That The Their Then There These They Think This Those
    Three Thursday Time To Today Together Tomorrow Tonight Too True Try Tuesday Turn Two Uh Um
    Umm Unit Up Us Very Wait Want Was Watch We Wednesday Welcome Well Were What When Where
    Which While Who Whole Why Will Winter With Wonderful Word Wow Write Wrong Yeah Year Yes
    Yesterday Yet You Your Yours Christmas God Jesus Mandarin Cantonese Putonghua English
    Britain British America American Japan Japanese Korea Korean Asia Europe Africa Australia
    London Beijing Shanghai Shenzhen Guangzhou Macau Macao Taiwan Singapore Kowloon Lantau
    Stanley Aberdeen Jordan Central Admiralty Fanling Victoria Harbour Peak Island Road Street
    Station Park Hospital School College University Library Museum Ferry Star MTR Google Zoom
    Teams YouTube Internet Power iPad Mr Mrs Ms Miss Sir Madam Dr Teacher""".split()  # noqa: SIM905
)
# Hong Kong places that read like a Cantonese name (Wong Tai Sin, Ho Man Tin, ...).
HK_PLACES = frozenset(
    " ".join(p.split()).casefold()
    for p in """Hong Kong|Wong Tai Sin|Ho Man Tin|Yau Ma Tei|Mong Kok|Tsim Sha Tsui|Sham Shui Po|Kwun Tong
    |Tai Po|Sha Tin|Tuen Mun|Yuen Long|Tin Shui Wai|Tseung Kwan O|Ma On Shan|Lam Tin|Chai Wan
    |Shau Kei Wan|Tai Koo|Lai Chi Kok|Cheung Sha Wan|Tai Wai|Fo Tan|Ma Wan|Tung Chung|Kwai Chung
    |Tsing Yi|Lok Fu|Wong Chuk Hang|Ap Lei Chau|Lo Wu|Lok Ma Chau|Sheung Shui|Tai Wo|Siu Sai Wan
    |Heng Fa Chuen|Tsuen Wan|Kwai Fong|Choi Hung|Ngau Tau Kok|Yau Tong|Tiu Keng Leng|Po Lam
    |Hang Hau|So Uk|Shek Kip Mei|To Kwa Wan|Hung Hom|Sai Ying Pun|Sheung Wan|Wan Chai|Tin Hau
    |Lau Fau Shan|Sai Kung|Tai O|Mui Wo|Cheung Chau|Peng Chau|Chek Lap Kok|Ma Tau Wai|Kai Tak
    |Kowloon Tong|Kowloon Bay|Diamond Hill|Tai Hang|Happy Valley|So Kon Po|Shek O|Siu Lek Yuen
    |Kam Tin|Pat Heung|Ho Chung|Tai Mei Tuk|Sha Tau Kok|Wu Kai Sha|Tai Shui Hang|Heng On
    |Lok Wah|Sau Mau Ping|Shun Lee|Wo Che|Sun Chui|Kwong Yuen|Tai Hing|Fu Heng|Wah Fu|Lei Tung
    |Tsz Wan Shan|Ngau Chi Wan|Cha Kwo Ling|Kwai Hing|Lai King|Mei Foo|Nam Cheong|Tai Kok Tsui
    |Sai Wan Ho|Siu Hong|Long Ping|Kam Sheung Road|Tai Lam|Ting Kau|Sham Tseng|Yau Yat Chuen""".replace(
        "\n", ""
    ).split("|")
)
_PLACE_WORDS = frozenset(word for place in HK_PLACES for word in place.split())
# What follows the name of a place or building, not of a person.
_PLACE_AFTER = re.compile(
    r"^\s+(?:Road|Street|Estate|Station|Village|Court|Gardens?|Plaza|Centre|Center|Park|"
    r"Primary|Secondary|College|School|Hospital|Building|Tower|House|Market|Bay|Island|Temple|"
    r"Avenue|Lane|Terrace|Square|Stadium|Library|Church|District|Line|Bus)\b"
)
ZH_COMMON = frozenset(
    """今日 其實 所以 但係 如果 點解 即係 好似 咁樣 然後 同學 大家 各位 老師 跟住 或者 不如 而家 現在 今天
    那麼 因為 但是 可是 還有 另外 之後 第一 第二 最後 首先 其他 我想 咁你 噉你 那你 你哋 佢哋 我哋 全班
    班長 組長 明白 美麗 文靜 開心 小組 一齊 一起 一下 呢個 嗰個 這個 那個 好好 非常 真係 是否 係咪 邊個
    什麼 甚麼 點樣 怎樣 為何 時間 作者 爸爸 媽媽 父親 母親""".split()  # noqa: SIM905
)
_GENERIC_LABEL = re.compile(
    r"^(?:s|ss|st|t|student|students|pupil|learner|speaker|participant|p|group|g|unknown|class)"
    r"\s*[-#]?\s*(?:\d{1,3}|[a-z])?$"
    r"|^(?:學生|学生|同學|同学|組|组|小組|小组|講者|讲者)\s*[甲乙丙丁戊己庚辛壬癸A-Za-z0-9一二三四五六七八九十]*$"
    r"|^student\s+\d+$",
    re.IGNORECASE,
)
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")
_CAP = r"[A-Z][a-z]+(?:-[a-zA-Z][a-z]+)?"
_NAME = rf"{_CAP}(?: {_CAP}){{0,2}}"
_ADDRESS = (
    r"thank you|thanks|thank|good|great|very good|well done|excellent|nice|brilliant|"
    r"yes|no|ok|okay|right|correct|sorry|hi|hello|morning|good morning|bye|come on|please|"
    r"what about|how about|and you|over to you|go ahead|your turn|alright|sure|wow|exactly|"
    r"perfect|agree with|disagree with|ask|asked|next|now|well|yes please|excuse me"
)
_AFTER_VOCATIVE = (
    r"what|how|why|can|could|would|will|do|does|did|are|is|please|you|tell|give|come|read|try|"
    r"any|have|where|when|who|which|share|go|stand|sit|say|let|let's|I|your|it's|and|so|"
    r"explain|answer|show|continue|next|again|nice|good|great|well|thank|thanks|yes|no|ok|okay|"
    r"right|correct|louder|wait|don't|stop|listen|look"
)
_EN_PATTERNS = (
    # "Thank you, Jason." / "Good, Mei Ling!" / "What about you, Jason?"
    re.compile(rf"(?i:\b(?:{_ADDRESS})(?: you)?)\s*,?\s+(?P<name>{_NAME})(?=\s*(?:[,.!?;:]|$))"),
    # "Jason, what do you think?"
    re.compile(rf"(?:^|[.!?]\s+|,\s*)(?P<name>{_NAME})\s*,\s*(?i:(?:{_AFTER_VOCATIVE})\b)"),
    # "..., Jason?"
    re.compile(rf",\s*(?P<name>{_NAME})\s*[?!]"),
    re.compile(rf"(?i:\bmy name is)\s+(?P<name>{_NAME})"),
    re.compile(
        rf"(?i:\b(?:as|like|and))\s+(?P<name>{_NAME})\s+(?i:said|says|just said|mentioned)\b"
    ),
    re.compile(rf"(?:^|[.!?]\s+)(?P<name>{_NAME})\s+(?i:said|says|just said|mentioned)\b"),
    re.compile(rf"\b(?P<name>{_NAME})'s\s+(?i:answer|idea|point|group|question|work|example)\b"),
)
_SURNAME_RE = r"(?P<surname>[A-Z][a-z]{1,6})"
_GIVEN_RE = r"(?P<g1>[A-Z][a-z]{1,5})[ -](?P<g2>[A-Za-z][a-z]{1,5})"
_HK_FULL = re.compile(rf"(?<![A-Za-z])(?P<name>{_SURNAME_RE} {_GIVEN_RE})(?![A-Za-z])")
_HK_GIVEN_FIRST = re.compile(rf"(?<![A-Za-z])(?P<name>{_GIVEN_RE} {_SURNAME_RE})(?![A-Za-z])")
_ZH_SURNAME = (
    "(?:"
    + "|".join(ZH_COMPOUND_SURNAMES)
    + "|["
    + "".join(s for s in ZH_SURNAMES if len(s) == 1)
    + "])"
)
_ZH_PRE = (
    r"(?:同意|多謝|謝謝|谢谢|唔該|唔该|請|请|叫|問下|問|问|讚|贊成|赞成|反對|反对|補充|补充"
    r"|好好|非常好|很好|做得好|好|啱)[，,、\s]*"
)
_ZH_POST = (
    r"(?=同學|同学|\s*[，,]\s*你|講下|讲下|答下|請你|请你"
    r"|你(?:點睇|覺得|觉得|認為|认为|講|讲|答|嚟|來|来|試|试|讀|读|話|说|說|想|估|有冇|知唔知))"
)
_ZH_PATTERNS = (
    re.compile(rf"{_ZH_PRE}(?P<name>{_ZH_SURNAME}[{_CJK}]{{2}})"),
    re.compile(rf"(?P<name>{_ZH_SURNAME}[{_CJK}]{{2}}){_ZH_POST}"),
    re.compile(rf"(?:我叫|我係|我是)(?P<name>{_ZH_SURNAME}[{_CJK}]{{1,2}})"),
    re.compile(
        rf"(?:^|[，。？！、\s,.!?])(?P<name>[{_CJK}]{{2}})"
        r"(?=你點睇|你覺得|你觉得|你認為|你认为|你嚟|你來|你来|你講下|你讲下|你試下|你试下|你答"
        r"|[，,]你點睇|[，,]你覺得)"
    ),
)


def redact(
    utterances: Iterable[Utterance],
    *,
    known_names: Iterable[str] = (),
    speaker_labels: bool = True,
) -> RedactionResult:
    """Replace students' names in the text, and in student speakers' labels when
    ``speaker_labels``, with "Student N", numbered by first appearance in the lesson.

    Roles come from the utterances (set them before redacting); when every role is still
    "other", ``propose_roles`` decides who the students are."""
    lesson = list(utterances)
    roles = _roles(lesson)
    protected = set()
    for speaker, role in roles.items():
        if role != "student":
            protected |= {v for v, _ in _variants(speaker)} | {speaker}
    people = _People(protected)
    student_speakers = [
        s for s in dict.fromkeys(u.speaker for u in lesson) if roles.get(s) == "student"
    ]
    for speaker in student_speakers:
        if not _GENERIC_LABEL.match(speaker.strip()):
            people.add(speaker)
    for name in known_names:
        if name and name.strip():
            people.add(name.strip())
    lowercase = _lowercase_words(lesson)
    for utterance in lesson:
        for candidate in _candidates(utterance.text):
            if _plausible(candidate, lowercase):
                people.add(candidate)
    return people.apply(lesson, roles, speaker_labels=speaker_labels)


def _roles(lesson: Sequence[Utterance]) -> dict[str, Role]:
    given: dict[str, Counter[Role]] = {}
    for u in lesson:
        if u.role != "other":
            given.setdefault(u.speaker, Counter())[u.role] += 1
    if not given:
        return propose_roles(lesson)
    roles: dict[str, Role] = {s: c.most_common(1)[0][0] for s, c in given.items()}
    for u in lesson:
        roles.setdefault(u.speaker, "other")
    return roles


def _variants(name: str) -> list[tuple[str, bool]]:
    """The forms a name is written or called by, each with whether it is ambiguous (a common
    word such as "May" or "Will", replaced only where someone is addressed)."""
    name = " ".join(name.split())
    found: list[str] = [name]
    cjk = "".join(ch for ch in name if _IS_CJK.match(ch))
    latin = " ".join(re.sub(rf"[{_CJK}]", " ", name).split())
    if cjk and latin:
        found += [cjk, latin]
    if cjk:
        found += _zh_given(cjk)
    if latin:
        tokens = [
            t for t in latin.replace(",", " ").split() if t.casefold().rstrip(".") not in _TITLES
        ]
        if "," in latin:
            last, _, first = latin.partition(",")
            first, last = first.strip(), last.strip()
            if first and last:
                found += [f"{first} {last}", f"{last} {first}", first]
        if tokens and len(tokens) != len(latin.replace(",", " ").split()):
            found.append(" ".join(tokens))
        if len(tokens) >= 2:
            if tokens[0] in HK_SURNAMES:
                found.append(" ".join(tokens[1:]))  # "Chan Tai Man" is "Tai Man"
                if tokens[-1].casefold() not in HK_SYLLABLES:
                    found.append(tokens[-1])  # "Chan Tai Man Jason" is "Jason"
            elif tokens[-1] in HK_SURNAMES:
                found.append(" ".join(tokens[:-1]))  # "Mei Ling Chan" is "Mei Ling"
            if tokens[0] not in HK_SURNAMES and tokens[0].casefold() not in HK_SYLLABLES:
                found.append(tokens[0])  # "Jason Cheung" is "Jason"
    result: dict[str, bool] = {}
    for variant in found:
        variant = variant.strip(" ,")
        for form in _spellings(variant):
            if len(form) < 2 or form.casefold() in _TITLES or form in ZH_SURNAMES:
                continue
            if not _IS_CJK.search(form) and len(form) < 3:
                continue
            if _IS_CJK.search(form) and len(form) < 2:
                continue
            single = " " not in form and not _IS_CJK.search(form)
            ambiguous = (
                single
                and (form.casefold() in COMMON_WORDS or form.casefold() in HK_SYLLABLES)
                or form in ZH_COMMON
            )
            result.setdefault(form, ambiguous)
    return list(result.items())


def _spellings(variant: str) -> list[str]:
    """ "Ka Yan" is also written "Ka-yan" and "Ka-Yan"."""
    parts = variant.split(" ")
    if len(parts) == 2 and all(p.casefold() in HK_SYLLABLES for p in parts):
        a, b = parts
        return [variant, f"{a}-{b.lower()}", f"{a}-{b}"]
    return [variant]


def _zh_given(name: str) -> list[str]:
    for surname in ZH_COMPOUND_SURNAMES:
        if name.startswith(surname) and len(name) >= 4:
            return [name[2:]]
    if len(name) == 3 and name[0] in ZH_SURNAMES:
        return [name[1:]]
    return []


def _candidates(text: str) -> list[str]:
    found: list[str] = []
    places: list[tuple[int, int]] | None = None
    for pattern in _EN_PATTERNS:
        for match in pattern.finditer(text):
            found.append(_trim(match.group("name")))
    for pattern in (_HK_FULL, _HK_GIVEN_FIRST):
        for match in pattern.finditer(text):
            given = [match.group("g1"), match.group("g2")]
            if match.group("surname") not in HK_SURNAMES:
                continue
            if not all(g.casefold() in HK_SYLLABLES for g in given):
                continue
            if places is None:
                places = _place_spans(text)
            if _PLACE_AFTER.match(text[match.end() :]) or _overlaps(match.span(), places):
                continue
            found.append(match.group("name"))
    for pattern in _ZH_PATTERNS:
        for match in pattern.finditer(text):
            found.append(match.group("name"))
    return [f for f in found if f]


_LONGEST_PLACE = max(len(place.split()) for place in HK_PLACES)


def _place_spans(text: str) -> list[tuple[int, int]]:
    """Where Hong Kong place names ("Wong Tai Sin") are in ``text``, in one pass over its words."""
    words = [(m.start(), m.end(), m.group().casefold()) for m in re.finditer(r"[A-Za-z]+", text)]
    spans = []
    for i, (start, _, _) in enumerate(words):
        for n in range(min(_LONGEST_PLACE, len(words) - i), 0, -1):
            run = words[i : i + n]
            if n > 1 and any(text[a[1] : b[0]] != " " for a, b in zip(run, run[1:], strict=False)):
                continue
            if " ".join(w for _, _, w in run) in HK_PLACES:
                spans.append((start, run[-1][1]))
                break
    return spans


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _trim(name: str) -> str:
    """Drop leading words that are not part of a name ("Now Jason" is "Jason"); a name after a
    title ("Mr Chan") is an adult's, not a pupil's."""
    tokens = name.split(" ")
    while len(tokens) > 1 and tokens[0].casefold() in COMMON_WORDS:
        tokens = tokens[1:]
    if tokens and tokens[0].casefold().rstrip(".") in _TITLES:
        return ""
    return " ".join(tokens)


def _lowercase_words(lesson: Sequence[Utterance]) -> frozenset[str]:
    words: set[str] = set()
    for u in lesson:
        words.update(re.findall(r"(?<![A-Za-z'])[a-z][a-z]+", u.text))
    return frozenset(words)


def _plausible(candidate: str, lowercase: frozenset[str]) -> bool:
    if _IS_CJK.search(candidate):
        return candidate not in ZH_COMMON and candidate[:2] not in ZH_COMMON
    tokens = candidate.replace("-", " ").split()
    if candidate.casefold() in HK_PLACES:
        return False
    if len(tokens) == 1 and (candidate in HK_SURNAMES or candidate.casefold() in _PLACE_WORDS):
        return False  # a surname alone, or half of "Hong Kong"
    for token in tokens:
        folded = token.casefold()
        if folded in COMMON_WORDS or folded in _TITLES:
            return False
        if folded in lowercase and folded not in HK_SYLLABLES:
            return False  # "Well" is a word in this lesson, not a pupil
    return True


class _People:
    """Everyone to replace: each known spelling of a name points to one person."""

    def __init__(self, protected: set[str]) -> None:
        self.protected = {p.casefold() for p in protected}
        self.person_of: dict[str, int] = {}
        self.ambiguous: set[str] = set()
        self.names: list[str] = []

    def add(self, name: str) -> None:
        if name.casefold() in self.protected:
            return
        variants = [
            (v, ambiguous) for v, ambiguous in _variants(name) if v.casefold() not in self.protected
        ]
        if not variants:
            return
        person = next((self.person_of[v] for v, _ in variants if v in self.person_of), None)
        if person is None:
            person = len(self.names)
            self.names.append(name)
        for variant, ambiguous in variants:
            if variant in self.person_of:
                continue
            self.person_of[variant] = person
            if ambiguous:
                self.ambiguous.add(variant)

    def apply(
        self, lesson: list[Utterance], roles: dict[str, Role], *, speaker_labels: bool
    ) -> RedactionResult:
        numbers: dict[int, int] = {}
        # A transcript may already say "Student 3": those numbers stay that pupil's.
        taken = {
            int(n)
            for u in lesson
            for n in _PLACEHOLDER_NUMBER.findall(u.speaker + "\n" + u.text)
            if len(n) < 7
        }

        def placeholder(person: int) -> str:
            if person not in numbers:
                n = max(numbers.values(), default=0) + 1
                while n in taken:
                    n += 1
                numbers[person] = n
            return PLACEHOLDER.format(n=numbers[person])

        pattern = self._pattern()
        out: list[Utterance] = []
        for u in lesson:
            speaker = u.speaker
            if roles.get(u.speaker) == "student" and u.speaker.strip() in self.person_of:
                label = placeholder(self.person_of[u.speaker.strip()])
                if speaker_labels:
                    speaker = label
            text = u.text
            if pattern is not None:
                places: list[list[tuple[int, int]]] = []

                def swap(
                    match: re.Match[str],
                    text: str = text,
                    places: list[list[tuple[int, int]]] = places,
                ) -> str:
                    name = match.group(0)
                    if not places:
                        places.append(_place_spans(text))
                    if _overlaps(match.span(), places[0]):
                        return name
                    if name in self.ambiguous and not _addressed(match):
                        return name
                    return placeholder(self.person_of[name])

                text = pattern.sub(swap, text)
            out.append(
                replace(u, speaker=speaker, text=text)
                if (speaker, text) != (u.speaker, u.text)
                else u
            )
        mapping = {PLACEHOLDER.format(n=n): self.names[p] for p, n in numbers.items()}
        return RedactionResult(utterances=out, mapping=mapping)

    def _pattern(self) -> re.Pattern[str] | None:
        if not self.person_of:
            return None
        alternatives = []
        for variant in sorted(self.person_of, key=len, reverse=True):
            escaped = re.escape(variant)
            if _IS_CJK.search(variant):
                alternatives.append(escaped)
            else:
                alternatives.append(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])")
        return re.compile("|".join(alternatives))


def _addressed(match: re.Match[str]) -> bool:
    """Whether a name that is also a word ("May", "Will") is used to address or name someone."""
    before = match.string[: match.start()].rstrip()
    after = match.string[match.end() :].lstrip()
    if after[:1] in (",", "?", "!") or (after[:1] == "." and not after[1:2].isalpha()):
        return bool(
            before == "" or before[-1:] in ",.!?" or re.search(rf"(?i:\b(?:{_ADDRESS}))$", before)
        )
    return bool(re.search(rf"(?i:\b(?:{_ADDRESS}))\s*,?$", match.string[: match.start()])) and (
        after == "" or after[:1] in ".,!?;"
    )
