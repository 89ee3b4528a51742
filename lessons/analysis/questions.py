"""Question detection, open/closed type and revised-Bloom level, by hand-written rules.

English: the surface form of a sentence (a wh-word, an inverted auxiliary, a tag such as
"..., right?", a trailing "what?", a question mark) decides whether it is a question; a
question mark alone is not enough, because classroom talk is full of "?" on utterances
that are not questions (rising-intonation answers like "Seven?", checks like "Okay?").
ASR text may lack "?" altogether, so the form alone can also make a question.

Open questions invite explanation, opinion or several answers (why, how did you, what do
you think, what do you notice); closed ones have one expected answer (yes/no, how many,
what is 6 x 7). The Bloom level is read from cue verbs and question frames (Anderson &
Krathwohl 2001): e.g. "do you agree", "is that right" ask the class to judge (evaluate);
"what is the difference", "what do you notice" ask it to analyse; "design", "come up
with" ask it to create.

Chinese (yue / zh-Hant / zh-Hans / mixed) uses cue lists from ``lessons.analysis.zh_cues``
when that module is present, else a small built-in list.

Pure Python, stdlib only.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from lessons.analysis.types import QuestionCodes, Utterance


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


__all__ = [
    "QuestionForm",
    "classify_question",
    "english_form",
    "tokens",
]

# --------------------------------------------------------------------------------------
# Tokenisation shared by talkmoves.py and uptake.py
# --------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,/]\d+)*")

# The classifiers look at the same sentence several times (as the current turn, as the turn
# before, inside the uptake features); the pure text functions are memoised per text.
_CACHE_SIZE = 4096


@functools.lru_cache(maxsize=_CACHE_SIZE)
def normalise(text: str) -> str:
    """Lower-case, straight apostrophes, collapsed spaces."""
    if "\u2019" in text or "\u2018" in text or "`" in text:
        text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.lower().split())


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN_RE.findall(normalise(text)))


def tokens(text: str) -> list[str]:
    """Word and number tokens of an English text (lower case, apostrophes kept)."""
    return list(_tokens(text))


# --------------------------------------------------------------------------------------
# English question form
# --------------------------------------------------------------------------------------

WH_WORDS = _words(
    """
    what what's whats which who who's whose whom where where's when when's why how how's
    whatever
    """
)
AUX = _words(
    """
    is are am was were do does did can could will would should shall may might must have has
    had isn't aren't wasn't weren't don't doesn't didn't can't cannot couldn't won't
    wouldn't shouldn't haven't hasn't hadn't ain't
    """
)
SUBJECTS = _words(
    """
    i you he she it we they this that these those there anybody anyone anything somebody
    someone something everybody everyone everything nobody you'all y'all the a an my your
    his her our their its any some all each both one two three four five six seven eight
    nine ten x y ya u i'm you're we're they're he's she's it's i've we've you've they've i'd
    we'd you'd i'll we'll you'll
    """
)
# Words that open a sentence without changing its form ("So, Jackson, why ...").
DISCOURSE = _words(
    """
    so and but ok okay alright all right now then well oh um uh umm hmm yes yeah no oh like
    actually also or just hey wait alright guys good great cool really sure first next
    """
)
TAGS = (
    "right",
    "okay",
    "ok",
    "yes",
    "yeah",
    "correct",
    "agree",
    "agreed",
    "huh",
    "eh",
    "true",
    "no",
    "see",
    "alright",
)
_TAG_RE = re.compile(
    r"(?:,|\b(?:is|isn't|are|aren't|do|don't|does|doesn't|did|didn't|can|can't|"
    r"will|won't|would|wouldn't|was|wasn't|were|weren't|have|haven't|has|hasn't|should|"
    r"shouldn't)\s+(?:it|that|this|they|we|you|he|she|i|there))\s*"
    r"(?:right|okay|ok|yes|yeah|correct|agree|agreed|huh|eh|true|no|see|alright|"
    r"is it|isn't it|don't you|do you|aren't they)?\s*\??\s*$"
)
_TRAIL_Q_RE = re.compile(
    r"(?:\b(?:what|who|where|which|how many|how much|when)|[-\u2013\u2014_]{1,3}|\.\.\.?|\u2026)\s*\??\s*$"
)
_EMBEDDED_WH_RE = re.compile(
    r"\b(?:what|which|who|where|why|how)\s+(?:is|are|was|were|do|does|did|can|could|would|will|"
    r"should|'s|many|much|about|if|else|kind|number|part|fraction|one)\b"
)
_NON_QUESTION_WH_START = re.compile(
    r"^(?:what (?:i|we|you|they|he|she) (?:want|need|mean|did|said|say|have|had|'re|are|think)\b"
    r"(?!.*\?)|why don't (?:you|we)\b(?!.*\?)|how about (?:we|you)\b(?!.*\?))"
)


class QuestionForm(NamedTuple):
    is_question: bool
    kind: str  # wh | yn | tag | echo | trail | none
    wh: str  # the wh-word that leads the question ("" when none)
    qmark: bool
    words: tuple[str, ...]


def _strip_openers(words: list[str]) -> list[str]:
    """Drop leading discourse markers ("so", "okay", "now") before reading the form."""
    k = 0
    while k < len(words) - 1 and words[k] in DISCOURSE:
        k += 1
    return words[k:]


def _clause_starts(text: str) -> list[list[str]]:
    """Token lists of each comma/dash-separated clause (the last few only: the question is usually last)."""
    parts = re.split(r"[,;:\u2013\u2014]|--|\s-\s|\.\s", text)
    out = []
    for p in parts[-4:]:
        w = _TOKEN_RE.findall(p)
        if w:
            out.append(_strip_openers(w))
    return out


@functools.lru_cache(maxsize=_CACHE_SIZE)
def english_form(text: str) -> QuestionForm:
    """Surface question form of one English utterance."""
    low = normalise(text)
    words = _TOKEN_RE.findall(low)
    qmark = "?" in low
    if not words:
        return QuestionForm(False, "none", "", qmark, ())
    wt = tuple(words)
    # The question, if any, is usually the last sentence.
    last = low
    if qmark:
        q_end = low.rfind("?")
        start = max(low.rfind(". ", 0, q_end), low.rfind("! ", 0, q_end))
        last = low[start + 1 : q_end + 1]
    else:
        sents = re.split(r"(?<=[.!])\s+", low)
        last = sents[-1] if sents[-1].strip() else low
    clauses = _clause_starts(last)
    for cw in clauses:
        head = cw[0]
        if head in WH_WORDS or (head == "how" and len(cw) > 1):
            if head in ("whatever",):
                continue
            if not qmark and _NON_QUESTION_WH_START.match(" ".join(cw)):
                continue
            # "what we did was ..." — an embedded clause, not a question (without "?")
            if (
                not qmark
                and len(cw) > 1
                and cw[1] in SUBJECTS
                and cw[1] not in ("this", "that")
                and head != "why"
            ):
                continue
            return QuestionForm(True, "wh", head.split("'")[0], qmark, wt)
        if head in AUX and len(cw) > 1 and (cw[1] in SUBJECTS or cw[1] in AUX or qmark):
            return QuestionForm(True, "yn", "", qmark, wt)
    # "..., right?" needs a comma or a question mark so that "that's right" is not a tag.
    tag_ok = qmark or re.search(r",\s*(?:right|okay|correct)\s*$", last)
    if len(words) > 1 and tag_ok and _TAG_RE.search(last):
        return QuestionForm(True, "tag", "", qmark, wt)
    if _TRAIL_Q_RE.search(last) and qmark:
        return QuestionForm(True, "trail", "", qmark, wt)
    m = _EMBEDDED_WH_RE.search(last)
    if m and qmark:
        return QuestionForm(True, "wh", m.group(0).split()[0], qmark, wt)
    if qmark:
        return QuestionForm(True, "echo", "", qmark, wt)
    return QuestionForm(False, "none", "", qmark, wt)


# --------------------------------------------------------------------------------------
# Open / closed and Bloom level (English)
# --------------------------------------------------------------------------------------

_BARE_CHECK = frozenset(
    {
        ("okay",),
        ("ok",),
        ("right",),
        ("yes",),
        ("yeah",),
        ("alright",),
        ("all", "right"),
        ("huh",),
        ("hm",),
        ("hmm",),
        ("what",),
        ("sorry",),
        ("pardon",),
    }
)

_BARE_WORDS = frozenset(w for t in _BARE_CHECK for w in t)

_OPEN_RE = re.compile(
    r"\b(?:why|how come|how do (?:you|we) know|how did (?:you|they|she|he|we)|how (?:could|would|can|might|"
    r"should|might) (?:they|he|she)|how (?:is|does|are|do) (?:this|that|it|these|those|the)\b|"
    r"what (?:do|did|does) (?:you|they|he|she|we) (?:think(?! (?:that |the |it )?\w+ (?:is|are|was|will|would)\b)|"
    r"notice|see|wonder|mean|realize|realise|observe|find)|what (?:have|can) (?:you|we) (?:noticed?|learned|found|say)|"
    r"what (?:else|other|could|might|would (?:you|happen))|explain|describe|tell (?:me|us) (?:about|how|why|more)|"
    r"share|in what way|what strategy|what strategies|what ideas?|your thinking|what'?s? (?:going on|happening)|"
    r"how (?:did|could) (?:you|they|he|she) (?:get|figure|solve|know|do|show|make|find|decide)|"
    r"what if|what makes|what made|what about (?:it|this|that) |any (?:other )?ideas|a different way|"
    r"another way|prove|convince|justify|compare|difference|similar|what'?s? the same|"
    r"(?:why|how) (?:does|doesn't|does not|would|wouldn't|did|didn't) (?:it|that|this) make sense|"
    r"where did (?:you|they|he|she|we) get|surprised?|all (?:you|we) can|"
    r"share (?:what|how|why|your thinking|your idea|your strategy)|"
    r"how (?:are|is) .{1,40} (?:related|connected|different|similar|alike|the same)|model)\b"
)
_CLOSED_OVERRIDE_RE = re.compile(
    r"\b(?:does (?:that|this|it) make sense|make sense\s*\??$|any questions|how many|how much|"
    r"what is \d|what'?s \d|do you agree|does (?:everybody|everyone|anyone|anybody) agree|"
    r"who agrees|agree\s*\??$|is (?:that|this|it|he|she) (?:right|correct|true)|"
    r"did (?:he|she|they) (?:do|get|write) (?:it|that|them) (?:right|correctly))\b"
)

_CREATE_RE = re.compile(
    r"\b(?:design|invent|create|compose|make up|come up with|construct|build|devise|formulate|"
    r"write (?:a|an|your own) (?:story|problem|equation|word problem|rule)|plan|predict|"
    r"what (?:else )?(?:can|could) (?:you|we) make|all (?:you|we) can make|can you model|model (?:it|this|that)|"
    r"a new (?:way|rule|problem)|your own|generate|propose|what would happen if|what if)\b"
)
_EVALUATE_RE = re.compile(
    r"\b(?:agree|agrees|agreed|disagree|(?:is|was|are|were) (?:that|this|it|he|she|they|this answer|"
    r"your answer|\w+) (?:right|correct|wrong|true|false|reasonable|accurate|possible|fair)|"
    r"(?:do|did) (?:it|that|them|this) (?:right|correctly)|correctly|who(?:'s| is) right|"
    r"which (?:is|one is|would be|way is) (?:better|best|easier|easiest|more efficient|most efficient)|"
    r"better|best|prove|justify|convince|convinced|check|reasonable|judge|critique|"
    r"(?:why|how) (?:does|doesn't|does not|would|wouldn't|did|didn't) (?:it|that|this) make sense|"
    r"should (?:you|we|they|he|she) have|would you like to change|change your answer|surprise|"
    r"mistake|error|wrong|defend|argue|how could (?:they|he|she|that|this)|evaluate|revision|revise)\b"
)
_ANALYSE_RE = re.compile(
    r"\b(?:compare|comparing|difference|differences|different|differ|similar|similarity|alike|"
    r"(?:what'?s|what is|what are|how are|how is) (?:\w+ ){0,4}the same|relationship|related|relate|"
    r"connect|connected|connection|pattern|notice|noticed|"
    r"organi[sz]e|categori[sz]e|sort|classify|distinguish|what do you see|what happens|"
    r"how does this (?:picture|model|diagram|graph|show)|how is .{1,30} (?:related|connected)|"
    r"account for|why is (?:this|that|it) (?:more|less|harder|easier)|more challenging|"
    r"in what way|whose .{1,20}(?:taller|bigger|larger|longer|shorter|smaller)|"
    r"what (?:does|would) .{1,30} look like|conclude|conclusion|infer|evidence|"
    r"what (?:is|are|was) (?:the )?(?:effect|cause|reason))\b"
)
_UNDERSTAND_RE = re.compile(
    r"\b(?:why|how come|explain|describe|what (?:does|do|did) .{1,30} mean|meaning|mean|"
    r"in your own words|summari[sz]e|example|interpret|what (?:do|did) you (?:think|notice)|"
    r"how (?:do|did) you know|how did you|what did you do|tell (?:me|us) about|represent|"
    r"what (?:is|are) .{1,20} about|bigger or smaller|more or less|greater or less|"
    r"closer to|understand|what are we looking at|your thinking|how (?:do|does|did) .{1,20} work)\b"
)
_APPLY_RE = re.compile(
    r"\b(?:how many|how much|how long|how far|how tall|solve|calculate|compute|find|figure out|"
    r"work out|use|using|apply|estimate|round|divide|divided|multiply|multiplied|times|plus|minus|"
    r"add|subtract|equals?|total|left over|what (?:is|are|'s) (?:the )?(?:answer|sum|product|"
    r"difference|quotient|area|perimeter|width|length|value|slope|coordinates?|dimensions?)|"
    r"how (?:do|would|can|could) (?:you|we|i) (?:find|get|do|turn|rename|solve|add|make)|"
    r"what (?:sign|operation|strategy)|where would|where is|what (?:would|will) (?:it|that|you|we) "
    r"(?:be|get)|what do (?:you|we) get|share (?:a|your|their) (?:solution|answer|strategy))\b"
)
_DIGIT_OP_RE = re.compile(r"\d\s*(?:[x*+/=-]|times|plus|minus|divided|over)\s*\d|\d")


def _english_codes(text: str, form: QuestionForm) -> QuestionCodes:
    low = normalise(text)
    words = form.words
    # open / closed
    open_q = bool(_OPEN_RE.search(low)) and not _CLOSED_OVERRIDE_RE.search(low)
    if form.kind == "yn" and not re.search(
        r"\b(?:why|explain|share|describe|tell|how (?:did|do|would|could|can)|what (?:else|do you think)|"
        r"model|show (?:it|me|us)|prove)\b",
        low,
    ):
        open_q = False
    if form.kind in ("tag", "trail") and not re.search(r"\b(?:why|explain)\b", low):
        open_q = False
    qtype = "open" if open_q else "closed"

    # Bloom level: the highest level whose cue is present, with a few guards.
    if _EVALUATE_RE.search(low):
        level = "evaluate"
    elif _CREATE_RE.search(low):
        level = "create"
    elif _ANALYSE_RE.search(low):
        level = "analyse"
    elif _UNDERSTAND_RE.search(low):
        level = "understand"
    elif _APPLY_RE.search(low) or _DIGIT_OP_RE.search(low):
        level = "apply"
    else:
        level = "remember"
    if level == "create" and re.search(r"\bwhat if\b", low) and not re.search(r"\bhappen", low):
        level = "apply"
    del words
    return QuestionCodes(True, qtype, level)


# --------------------------------------------------------------------------------------
# Chinese
# --------------------------------------------------------------------------------------

# A cue is a substring or a compiled regular expression.
Cue = str | re.Pattern[str]

_ZH_FALLBACK_QUESTION: tuple[Cue, ...] = (
    "嗎",
    "吗",
    "呢",
    "點解",
    "为什么",
    "為什麼",
    "為甚麼",
    "怎樣",
    "怎么",
    "怎麼",
    "係咪",
    "是不是",
    "有冇",
    "？",
    "?",
    "幾多",
    "多少",
    "邊個",
    "哪",
    "咩",
    "乜",
    "點樣",
    "如何",
    "是否",
    "有沒有",
    "有没有",
    # A-not-A questions: 明唔明, 對不對, 同唔同意, 係唔係
    re.compile(r"([\u4e00-\u9fff])[唔不冇没沒]\1"),
)
_ZH_FALLBACK_OPEN: tuple[Cue, ...] = (
    "點解",
    "为什么",
    "為什麼",
    "為甚麼",
    "怎樣",
    "怎么",
    "怎麼",
    "點樣",
    "如何",
    "你覺得",
    "你认为",
    "你認為",
    "你觉得",
    "諗",
    "想法",
    "有什麼",
    "有什么",
    "有咩",
)
_ZH_FALLBACK_BLOOM: dict[str, tuple[Cue, ...]] = {
    "create": (
        "設計",
        "设计",
        "創作",
        "创作",
        "想出",
        "編寫",
        "编写",
        "如果你是",
        "自己出",
        "另一種方法",
        "另一种方法",
    ),
    "evaluate": (
        "同意",
        "對不對",
        "对不对",
        "啱唔啱",
        "正確",
        "正确",
        "合理",
        "評價",
        "评价",
        "邊個好",
        "哪个好",
        "哪個好",
        "更好",
        "最好",
        "檢查",
        "检查",
    ),
    "analyse": (
        "比較",
        "比较",
        "分別",
        "区别",
        "區別",
        "不同",
        "相同",
        "一樣",
        "一样",
        "關係",
        "关系",
        "規律",
        "规律",
        "分析",
    ),
    "understand": (
        "點解",
        "为什么",
        "為什麼",
        "為甚麼",
        "解釋",
        "解释",
        "意思",
        "說明",
        "说明",
        "舉例",
        "举例",
        "代表",
    ),
    "apply": ("計算", "计算", "幾多", "多少", "算", "求", "用", "做法"),
}


def _as_cues(v: object) -> tuple[Cue, ...]:
    """Strings and compiled patterns from a zh_cues attribute (list, set, tuple, str or pattern)."""
    if isinstance(v, (str, re.Pattern)):
        v = (v,)
    if not isinstance(v, (list, tuple, set, frozenset)):
        return ()
    return tuple(x if isinstance(x, re.Pattern) else str(x) for x in v if x)


def _load_zh_cues() -> tuple[tuple[Cue, ...], tuple[Cue, ...], dict[str, tuple[Cue, ...]]]:
    """Chinese cue lists: ``lessons.analysis.zh_cues`` when it exists, merged over the built-in ones."""
    question, open_cues = _ZH_FALLBACK_QUESTION, _ZH_FALLBACK_OPEN
    bloom = dict(_ZH_FALLBACK_BLOOM)
    try:
        from lessons.analysis import zh_cues
    except ImportError:
        return question, open_cues, bloom
    # zh_cues is written by another developer: read whatever it offers, defensively.
    for name in (
        "QUESTION_CUES",
        "QUESTION_PARTICLES",
        "QUESTION_WORDS",
        "QUESTION_MARKERS",
        "QUESTION_RE",
    ):
        question = tuple(dict.fromkeys(question + _as_cues(getattr(zh_cues, name, None))))
    for name in ("OPEN_QUESTION_CUES", "OPEN_CUES", "OPEN_QUESTION_WORDS", "OPEN_QUESTION_RE"):
        open_cues = tuple(dict.fromkeys(open_cues + _as_cues(getattr(zh_cues, name, None))))
    for name in ("BLOOM_CUES", "BLOOM_VERBS", "BLOOM"):
        v = getattr(zh_cues, name, None)
        if isinstance(v, dict):
            for level, cues in v.items():
                key = {"analyze": "analyse"}.get(str(level).lower(), str(level).lower())
                if key in bloom:
                    bloom[key] = tuple(dict.fromkeys(bloom[key] + _as_cues(cues)))
            break
    return question, open_cues, bloom


def _has_cue(text: str, cues: tuple[Cue, ...]) -> bool:
    for c in cues:
        if isinstance(c, str):
            if c in text:
                return True
        elif c.search(text):
            return True
    return False


_ZH_QUESTION, _ZH_OPEN, _ZH_BLOOM = _load_zh_cues()
_ZH_BLOOM_ORDER = ("evaluate", "create", "analyse", "understand", "apply")


def _chinese_codes(text: str) -> QuestionCodes:
    t = text.strip()
    if not t or not _has_cue(t, _ZH_QUESTION):
        # mixed-language turns may still carry an English question
        if re.search(r"[A-Za-z]", t):
            form = english_form(t)
            if _is_genuine(form):
                return _english_codes(t, form)
        return QuestionCodes(False)
    qtype = "open" if _has_cue(t, _ZH_OPEN) else "closed"
    level = "remember"
    for lv in _ZH_BLOOM_ORDER:
        if _has_cue(t, _ZH_BLOOM.get(lv, ())):
            level = lv
            break
    return QuestionCodes(True, qtype, level)


# --------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------


def _is_genuine(form: QuestionForm) -> bool:
    """Reject forms that carry a "?" but do not ask anything: "Okay?", "Right?", "Um?"."""
    if not form.is_question:
        return False
    w = form.words
    rest = tuple(x for x in w if x not in ("so", "and", "but", "um", "uh", "well", "now"))
    if not rest or rest in _BARE_CHECK or all(x in _BARE_WORDS for x in rest):
        return False
    return not (form.kind == "echo" and all(x in DISCOURSE for x in w))


def classify_question(lesson: list[Utterance], i: int, language: str) -> QuestionCodes:
    """Question codes of utterance ``i`` of ``lesson``.

    ``language`` is ``en`` or a Chinese code (``yue``, ``zh-Hant``, ``zh-Hans``, ``mixed``).
    Returns ``QuestionCodes(False)`` for statements and for bare checks like "Okay?".
    """
    if not 0 <= i < len(lesson):
        return QuestionCodes(False)
    text = lesson[i].text or ""
    if not text.strip():
        return QuestionCodes(False)
    if language != "en":
        return _chinese_codes(text)
    form = english_form(text)
    if not _is_genuine(form):
        return QuestionCodes(False)
    return _english_codes(text, form)
