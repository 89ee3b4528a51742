"""Accountable-talk moves (TalkMoves scheme) for English teacher and student sentences.

Hand-written rules built from the move definitions of the TalkMoves coding manual
(Suresh et al. 2022; Michaels, O'Connor & Resnick 2008). No weights are learned.

Teacher moves (one per sentence):

* ``restating`` / ``revoicing`` — the teacher repeats what the student just said; word for
  word (restating) or with words added, changed or corrected (revoicing). Needs a student turn
  just before; decided by lexical overlap with it.
* ``getting_students_to_relate`` — asks students to react to a classmate's idea (agree,
  disagree, add on, compare with what someone else did).
* ``pressing_for_reasoning`` — asks why, how they know, to explain or justify, to connect ideas.
* ``pressing_for_accuracy`` — asks for an answer, a value, a term, a procedure step (wh-questions,
  "what is ...?", fill-in-the-blank prompts, "tell me", "write it on the board").
* ``keeping_everyone_together`` — manages turns and attention: naming the next speaker, yes/no
  checks, tag questions, "turn and talk", "raise your hand", "can you repeat".
* ``none`` — explanations, instructions, evaluations ("Good."), bare "Okay?".

Student moves: ``relating_to_another_student`` (reacts to a classmate: agrees, answers a peer,
repeats a peer), ``asking_for_more_information`` (questions, confusion),
``providing_evidence_or_reasoning`` (because, if/then, multi-step procedures),
``making_a_claim`` (an answer or mathematical statement), ``none`` (back-channel, off-task).
"""

from __future__ import annotations

import functools
import re

from lessons.analysis.questions import english_form, normalise, tokens
from lessons.analysis.types import Utterance

__all__ = ["teacher_move", "student_move", "overlap_features", "stem"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

FILLERS = _words(
    """
    okay ok alright all right so yes yeah yep no nope um uh umm hmm mm oh ah good great very
    nice excellent perfect awesome exactly correct right well now and but then like just wow
    cool thank thanks you sure huh
    """
)
FUNCTION = _words(
    """
    a an the of to in on at for by with from is are was were be been it it's this that these
    those there i you he she we they me him her us them my your his our their its and or but
    so do does did have has had will would can could should i'm you're we're they're that's
    there's what's let's
    """
)
NUMBER_WORDS = _words(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands million half halves third thirds
    fourth fourths quarter quarters fifth fifths sixth sixths seventh sevenths eighth
    eighths ninth ninths tenth tenths twelfths twelfth hundredths hundredth thousandths
    first second
    """
)
MATH_WORDS = _words(
    """
    plus minus times divide divided multiply multiplied multiplying dividing add added
    adding subtract subtracted subtracting sum difference product quotient equal equals
    equation equals fraction fractions numerator denominator denominators numerators whole
    wholes decimal decimals percent ratio rate area perimeter volume length width height
    angle angles degree degrees line lines slope intercept graph axis point points
    coordinate coordinates square squares cube cubed squared rectangle triangle circle shape
    shapes side sides number numbers digit digits value place tens ones remainder factor
    factors multiple multiples prime even odd greater less bigger smaller larger more fewer
    same different equivalent mixed improper variable expression negative positive inches
    inch feet foot meters meter centimeters cm pounds dollars cents mean median mode
    estimate round rounded row rows column columns group groups pieces piece unit units
    total pattern rule table x y
    """
)
_NAME_STOP = _words(
    """
    yes no okay ok right good great what why how who where when which is are do does did can
    one two three four five six seven eight nine ten the a an and so but it that this i you
    he she we they me everybody everyone anybody anyone somebody someone again please thank
    thanks go ahead wait hold up table group number sorry nice awesome cool sure well now
    boys girls team class friends yeah wow hey hi hello shh
    """
)

# --------------------------------------------------------------------------------------
# Teacher cue patterns (hand-written from the move definitions)
# --------------------------------------------------------------------------------------

_RELATE_RE = re.compile(
    r"\b(?:agree|agrees|agreed|agreeing|disagree|disagrees|disagreeing|comments?|"
    r"help (?:him|her|them)(?: out)?|"
    # a question about what a classmate did or said
    r"(?:he|she) (?:did|do|does|say|said|tell|told|get|got|mean|meant|think|thought|draw|drew|write|wrote|"
    r"use|used|solve|solved|find|found|try|tried|explain|explained|need|needs)|"
    r"(?:his|her|their|\w+'s) (?:answer|rule|idea|ideas|work|misconception|mistake|estimate|conjecture|"
    r"number models?|strategy|thinking|method|way|picture|drawing|graph|model|chart|explanation|reasoning|"
    r"solution|equation)|"
    r"(?:add|adding|build) on|add to (?:what|that|his|her|their)|"
    r"what (?:did )?(?!(?:you|i|we|it|this|that|they|these|those|the|a|your|my|our)\b)\w+(?:'s)? "
    r"(?:said|says|say|did|meant|means|was (?:saying|thinking|doing))\b(?=.*\?)|"
    r"what (?:did )?(?:he|she|they) (?:said|says|say|did|meant|means|was (?:saying|thinking|doing))\b|"
    r"(?:what|how) (?:do|did) (?:you|we) (?:think|feel) (?:about|of) (?:what|that|his|her|their|\w+'s)|"
    r"(?:his|her|their|\w+'s) (?:idea|answer|thinking|strategy|way|method|picture|work|model|"
    r"solution|graph|drawing|reasoning|explanation)|"
    r"(?:same|different|differently|similar) (?:as|than|from|to) (?:him|her|them|what|his|\w+'s)|"
    r"(?:anybody|anyone|somebody|someone|who) (?:else )?(?:get|got|have|had|did|do|think|thinks)"
    r" (?:the same|something (?:different|else)|a different|another)|"
    r"did (?:anybody|anyone|somebody|someone|you) (?:else )?(?:get|have|do|think) (?:the same|"
    r"something different|a different|it differently|that too|the same thing)|"
    r"who(?:'s| is) right|who is correct|is (?:he|she|they) (?:right|correct)|"
    r"(?:are|is) (?:he|she|they) (?:right|correct)|(?:did|does) (?:he|she|they) (?:do|get|write) "
    r"(?:it|that|them|this) (?:right|correctly)|can (?:you|someone|anyone|anybody) help (?:him|her|them)|"
    r"(?:comment|comments) on|respond to|(?:convinced|convince (?:him|her|them|us))|"
    r"do you see what (?:he|she|they|\w+) (?:did|means|meant|was)|thumbs? (?:up|down|sideways)|"
    r"what (?:he|she|they) (?:did|said|was (?:doing|saying))|"
    r"(?:understand|follow) (?:what|how|why) (?:he|she|they|\w+) (?:did|said|meant|was|solved|got))"
)
_REASON_RE = re.compile(
    r"\b(?:why|how come|how (?:do|did|does|would|could|can) (?:you|we|they|he|she|i) (?:know|tell|be sure)|"
    r"how do we know|explain|justify|prove|convince|what makes you (?:think|say|sure)|"
    r"what made you|reason|reasoning|your thinking|(?:tell|show) (?:me|us) (?:how|why) you (?:know|knew)|"
    r"how (?:is|are) (?:\w+ ){1,4}(?:related|connected|the same|different|similar|alike)|"
    r"how (?:does|do|did) (?:that|this|it) (?:connect|relate|help|work|apply|show)|"
    r"(?:what|where) do (?:you|we) see (?:the|that|this)|what(?:'s| is) the (?:point|purpose)|"
    r"how (?:would|will) (?:that|this|it) look)\b"
)
_REASON_NOT_RE = re.compile(
    r"^(?:\w+ )?why (?:don't|do not) (?:you|we)\b|\bthat's why\b|\bthat is why\b|\bexplain (?:to you|it to you)|"
    r"\bi (?:will|'ll|am going to|'m going to|want to) explain|\bwhy not\b(?=.*\b(?:try|start|go)\b)"
)
# Turn and attention management, in any sentence form.
_KET_ANY_RE = re.compile(
    r"\b(?:turn and talk|turn-and-talk|(?:talk|discuss|share|check) (?:it |this |that |your answers? )?"
    r"(?:to|with) (?:your |a |the )?(?:partner|neighbou?rs?|group|table|shoulder partner|elbow partner|each other)|"
    r"raise your hands?|hands? up|^(?:\w+ )?go ahead\W*$|^(?:\w+ )?your turn|"
    r"(?:can|could|would|will) (?:you|someone|somebody|anyone|anybody) (?:please )?(?:repeat|say (?:that|it) again|"
    r"read|speak up|say it louder)|say (?:that|it) again|one more time|repeat (?:after me|that|what|it)|louder|"
    r"speak up|(?:did|can|could) (?:you|everyone|everybody|y'all|you all|you guys) (?:all )?hear|"
    r"(?:read|say) (?:it|this|that|the problem|the question|the directions)? ?(?:out loud|aloud|together|"
    r"with me)|(?:let's|lets|let us) (?:say|count)|"
    r"thumbs? (?:up|down)|start talking|"
    r"(?:let's|lets) (?:hear from)|who(?:'s| is) (?:next|going (?:first|next))|you (?:go|can go) (?:first|next)|"
    r"(?:is|are) (?:you|everybody|everyone|we) (?:ready|done|finished|with me|still with us|here)|"
    r"who(?:'s| is) (?:ready|done|finished)|with me|follow(?:ing)? along|eyes (?:up|on me)|look up here)\b"
)
# Questions that poll or manage the class rather than ask for content.
_KET_Q_RE = re.compile(
    r"\b(?:how many of you|how many people|who (?:wants|would like|can|thinks|is going|'s going|else|has|"
    r"knows|remembers|did|got|needs)|who(?:'s| is) (?:gonna|going)|how (?:are|is) (?:we|you|everybody|everyone|"
    r"this table|this group|it) (?:doing|going)|how(?:'s| is| does) (?:that|this) sound|how about (?:you|that|this)\b|"
    r"what do you (?:have|need|want)|what(?:'s| is| are) (?:the confusion|wrong|you (?:confused|struggling|stuck))|"
    r"(?:any|have|got) questions|does (?:that|this|it|everything) make sense|make sense|understand|"
    r"(?:is|was) (?:that|this|it|everything) (?:clear|okay|ok)|got it|everybody|everyone|you guys|you all|"
    r"y'all|are you (?:sure|done|ready|finished|okay|ok|with)|do you (?:remember|see|hear|know)|can you (?:see|hear))"
)
_BARE_CHECK = _words(
    """
    okay ok right alright all right huh hm hmm mm mhm mm hmm mm-hmm
    """
)


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in FILLERS]


_GENERIC_SPEAKER = re.compile(
    r"^(?:s|ss|t|st|student|students|teacher|class|group|unknown|ms|mr|mrs|miss|sn|\d+)$", re.I
)
_MID_CAP_RE = re.compile(r"(?:[a-z,]\s+)([A-Z][a-z]{2,})\b")
_name_cache: tuple[object, int, frozenset[str]] = (None, -1, frozenset())


def lesson_names(lesson: list[Utterance]) -> frozenset[str]:
    """Lower-cased personal names seen in the lesson: student speaker names and capitalised
    words in mid-sentence. Cached for the last lesson seen (the engine codes a lesson in order)."""
    global _name_cache
    cached_lesson, cached_len, cached = _name_cache
    if cached_lesson is lesson and cached_len == len(lesson):
        return cached
    names: set[str] = set()
    for u in lesson:
        if u.role != "teacher" and u.speaker:
            for part in re.findall(r"[A-Za-z][A-Za-z'\-]+", u.speaker):
                if not _GENERIC_SPEAKER.match(part) and part.lower() not in _NAME_STOP:
                    names.add(part.lower())
        if u.text and u.role == "teacher":
            for m in _MID_CAP_RE.finditer(u.text):
                w = m.group(1).lower()
                if w not in _NAME_STOP and w not in MATH_WORDS and w not in NUMBER_WORDS:
                    names.add(w)
    out = frozenset(names)
    _name_cache = (lesson, len(lesson), out)
    return out


def _looks_like_name_call(text: str, words: list[str], names: frozenset[str]) -> bool:
    """ "Shelly?", "Yes, David.", "Okay, Reed?" — a bare call on the next speaker."""
    if len(words) > 5:
        return False
    rest = [
        w
        for w in words
        if w not in FILLERS
        and w
        not in ("and", "please", "go", "ahead", "let's", "hear", "from", "how", "about", "what")
    ]
    if not rest or len(rest) > 3:
        return False
    if all(w in names for w in rest):
        return True
    if "?" in text and len(rest) == 1:
        # one capitalised unknown word with a question mark: "Hadley?"
        raw = re.findall(r"[A-Za-z][A-Za-z'\-]*", text)
        cap = [w for w in raw if w.lower() == rest[0]]
        return (
            bool(cap)
            and cap[0][0].isupper()
            and rest[0] not in _NAME_STOP
            and rest[0] not in MATH_WORDS
            and rest[0] not in NUMBER_WORDS
        )
    return False


@functools.lru_cache(maxsize=8192)
def stem(w: str) -> str:
    """Crude suffix stripping so that "divide", "divided", "dividing" and "wholes"/"whole" match."""
    n = len(w)
    if n > 5 and w.endswith("ing"):
        return w[:-3]
    if n > 4 and w.endswith("ed"):
        return w[:-2] if not w.endswith("eed") else w[:-1]
    if n > 4 and w.endswith("es") and w[-3] in "sxz":
        return w[:-2]
    if n > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    if n > 4 and w.endswith("e"):
        return w[:-1]
    return w


def _prev_student(lesson: list[Utterance], i: int) -> tuple[list[str], list[str]] | None:
    """Tokens of the student sentence just before teacher sentence ``i`` and of that student's
    whole turn (up to three sentences). Short acknowledgements by the teacher ("Okay.", "Good.")
    in between are skipped."""
    j = i - 1
    while j >= 0 and j >= i - 3:
        u = lesson[j]
        if u.is_student:
            last = tokens(u.text)
            turn = list(last)
            k = j - 1
            while k >= 0 and k > j - 3 and lesson[k].is_student and lesson[k].speaker == u.speaker:
                turn = tokens(lesson[k].text) + turn
                k -= 1
            return last, turn
        if u.role != "teacher":
            return None
        w = tokens(u.text)
        if len(w) > 3 or any(x not in FILLERS for x in w):
            return None
        j -= 1
    return None


def overlap_features(student: list[str], teacher: list[str]) -> tuple[float, float, int]:
    """Lexical overlap of a teacher sentence with the student turn before it (stemmed tokens).

    Returns (share of the teacher's tokens found in the student turn, share of the student's
    content words found in the teacher sentence, number of shared content words)."""
    if not student or not teacher:
        return 0.0, 0.0, 0
    ss = {stem(w) for w in student}
    ts = [stem(w) for w in teacher]
    tset = set(ts)
    sc = [stem(w) for w in student if w not in FILLERS and w not in FUNCTION]
    share = sum(1 for w in ts if w in ss) / len(ts)
    if not sc:
        return share, 0.0, 0
    cov = sum(1 for w in sc if w in tset) / len(sc)
    shared = len(set(sc) & tset)
    return share, cov, shared


def _repeat_move(teacher_words: list[str], last: list[str], turn: list[str]) -> str | None:
    """Restating (word-for-word, nothing added) or revoicing (repeated and added to / changed)."""
    t_sub = [w for w in teacher_words if w not in FILLERS and w not in FUNCTION]
    if not t_sub:
        return None
    turn_set = set(turn)
    if all(w in turn_set for w in teacher_words):
        # every word (even "okay") comes from the student: word for word
        if any(w in turn_set for w in t_sub):
            return "restating"
        return None
    share, cov, shared = overlap_features(last, teacher_words)
    if shared == 0:
        share, cov, shared = overlap_features(turn, teacher_words)
        cov = min(cov, 0.6)
        if shared == 0:
            return None
    if cov >= 0.8 or (cov >= 0.6 and share >= 0.2) or (cov >= 0.4 and share >= 0.4):
        return "revoicing"
    return None


_HEAR_RE = re.compile(
    r"\b(?:did|can|could) (?:you|everyone|everybody|y'all|you all|you guys|we) (?:all )?hear\b|"
    r"\b(?:can|could|would) (?:you|someone|somebody|anyone|anybody) (?:repeat|say (?:that|it) again)\b"
)
_TRAIL_BLANK_RE = re.compile(
    r"(?:\b(?:is|are|was|equals?|equal to|times|plus|minus|over|by|of|and|or|to|the|a|an|called|makes?|gives?|"
    r"out of|what|which|as|than|be|get|gets|got|with|into|from|for|in|at|on)|[-\u2013\u2014_]{1,3}|\.\.\.?|\u2026)"
    r"\s*[?.]?\s*$"
)
_ALT_Q_RE = re.compile(r"\bor\b(?! not\b)(?! (?:something|anything|no|what)\b)")
_REQUEST_RE = re.compile(
    r"\b(?:tell (?:me|us|them)|show (?:me|us)|give (?:me|us)|share|write|draw|name|come (?:up|to the board)|"
    r"find|figure|solve|read (?:me|us) (?:your|the) answer|what|which|how (?:many|much)|where|who|when)\b"
)
_REASON_IMPERATIVE_RE = re.compile(
    r"(?:^|[,.!] )(?:\w+ )?(?:(?:can|could|would|will) (?:you|someone|somebody|anyone|anybody) )?(?:please )?"
    r"(?:(?:explain|justify|prove|convince)(?: (?:it|that|this))?(?: to (?:me|us))?"
    r"(?: (?:why|how (?:you|we) know)\b|\s*[.!]?\s*$)|"
    r"explain your (?:thinking|reasoning)\s*[.!]?\s*$|tell (?:me|us) why|tell (?:me|us) how you (?:know|knew)|"
    r"show (?:me|us) (?:why|how you know))"
)
_PFA_IMPERATIVE_RE2 = re.compile(
    r"(?:^|[,.!] )(?:\w+ )?(?:(?:can|could|would|will) (?:you|someone|somebody|anyone|anybody) )?(?:please )?"
    r"(?:tell (?:me|us)|show (?:me|us)|give (?:me|us)|come (?:up|and show|to the board)|write (?:it|that|this|your "
    r"answer|the answer|them) (?:on|up)|read (?:me|us)|name (?:a|an|the|one|two|three|some)|say (?:the|your) answer)\b"
)
_OFFTASK_RE = re.compile(
    r"\b(?:camera|cameras|mute|unmute|bathroom|restroom|lunch|recess|chromebook|computer|laptop|link|"
    r"chat|zoom|meet|login|log in|password|seat|seats|sit down|line up|pencils?|erasers?|markers?|"
    r"scissors|glue|folder|backpack|homework|quiet|shh|sh|hallway|water|jacket|pizza party)\b"
)


def _teacher_move(lesson: list[Utterance], i: int) -> tuple[str, str]:
    """(move, name of the rule that fired)."""
    u = lesson[i]
    text = u.text or ""
    low = normalise(text)
    words = tokens(text)
    if not words:
        return "none", "empty"
    stripped = " ".join(words)
    if stripped in _BARE_CHECK or stripped.replace("so ", "").replace("and ", "") in _BARE_CHECK:
        return "none", "bare-check"
    form = english_form(text)
    is_q = form.is_question

    # Repetition of the student's words: restating / revoicing (not questions).
    if not form.qmark and not is_q:
        prev = _prev_student(lesson, i)
        if prev is not None:
            mv = _repeat_move(words, prev[0], prev[1])
            if mv:
                return mv, "repeat"

    if _HEAR_RE.search(low):
        return "keeping_everyone_together", "hear"
    if _RELATE_RE.search(low) and (
        is_q or re.search(r"\b(?:thumbs?|raise|hands?|if you|stand)\b", low)
    ):
        return "getting_students_to_relate", "relate"
    if is_q and _REASON_RE.search(low) and not _REASON_NOT_RE.search(low):
        return "pressing_for_reasoning", "reason-q"
    if _REASON_IMPERATIVE_RE.search(low):
        return "pressing_for_reasoning", "reason-imp"
    if _looks_like_name_call(text, words, lesson_names(lesson)):
        return "keeping_everyone_together", "name"
    if is_q:
        if _OFFTASK_RE.search(low):
            return "none", "q-offtask"
        if _KET_Q_RE.search(low):
            return "keeping_everyone_together", "q-ket"
        if form.kind == "wh":
            if len(words) == 1:  # "What?" — asking to hear it again
                return "keeping_everyone_together", "q-what"
            return "pressing_for_accuracy", "q-wh"
        if form.kind == "trail" or _TRAIL_BLANK_RE.search(low):
            return "pressing_for_accuracy", "q-blank"
        if _ALT_Q_RE.search(low) and form.kind == "yn":
            return "pressing_for_accuracy", "q-alt"
        if (
            form.kind == "yn"
            and re.match(
                r"^(?:\w+ )?(?:can|could|would|will) (?:you|someone|somebody|anyone|anybody)",
                stripped,
            )
            and _REQUEST_RE.search(low)
        ):
            return "pressing_for_accuracy", "q-request"
        if form.kind == "yn" and re.search(
            r"\b(?:know|remember|tell|think of) (?:what|which|how many|how much|where|who|when)\b",
            low,
        ):
            return "pressing_for_accuracy", "q-embedded"
        return "keeping_everyone_together", "q-yn"
    if _KET_ANY_RE.search(low):
        return "keeping_everyone_together", "ket"
    return "none", "default"


def teacher_move(lesson: list[Utterance], i: int) -> str:
    """TalkMoves teacher move of sentence ``i`` (``none`` for non-teacher turns)."""
    if not 0 <= i < len(lesson) or lesson[i].role != "teacher":
        return "none"
    return _teacher_move(lesson, i)[0]


# --------------------------------------------------------------------------------------
# Students
# --------------------------------------------------------------------------------------

_CONFUSED_RE = re.compile(
    r"\b(?:i (?:don't|do not|didn't|did not|still don't|still do not) "
    r"(?:understand|get (?:it|this|that|how|why|what)|"
    r"know (?:how|what|why|where|which))|i (?:don't|do not|didn't) know\W*$|i have no idea|no idea|"
    r"confus\w*|i need help|help me|i'?m (?:so |really |completely )?(?:lost|stuck)|"
    r"i (?:just )?(?:completely )?lost (?:me|myself)|lost me|i have a question|my question is|"
    r"what do (?:you|we) mean|what does .{1,30} mean|what(?:'s| is) .{1,20} mean)"
)
_LOGISTICS_RE = re.compile(
    r"\b(?:can i|may i|could i|can we (?:go|have|get|use|turn|put|start|play|take)|bathroom|restroom|water|"
    r"supposed to|are we (?:going|gonna|doing)|do we (?:have|need) to|should we (?:write|put|do)|"
    r"where (?:do|should) (?:we|i)|what page|which page|camera|recording|what time|is it (?:lunch|recess)|"
    r"can you (?:help|come|erase|give|repeat|say)|what are you doing|who(?:'s| is) (?:next|going first)|"
    r"my turn|your turn|whose turn)\b"
)
_REASONING_RE = re.compile(
    r"\b(?:because|cause|'cause|cuz|coz|since|so that|if .{1,80}(?:then|would|will|'ll|'d|is|are|it|you)\b|"
    r"that means|which means|means that|therefore|the reason|that's why|that is why|"
    r"first (?:i|we|you)|then (?:i|we|you|it)|and then|after that|i noticed|notice that|"
    r"each time|every time|pattern|goes (?:up|down) by|instead of|otherwise|unless|"
    r"so (?:i|we|you|it|that|the|they|there)|and (?:i|we) (?:got|get|ended)|to get|which is|that's how|"
    r"(?:i|we) (?:did|multiplied|divided|added|subtracted|counted|times|doubled|split|took|put|made|drew|used|"
    r"figured|found|knew|know|think|thought|saw) .{3,}(?:and then|then|so|and got|to get|because)\b)"
)
_RELATE_STUDENT_RE = re.compile(
    r"\b(?:i agree|we agree|agree with|i disagree|we disagree|disagree with|"
    r"same as (?:him|her|them|\w+'s|what)|"
    r"what (?:he|she|they|\w+) (?:said|did|was saying|meant)|(?:his|her|their) (?:answer|idea|way|work|picture|graph|"
    r"model|thinking|strategy)|like (?:he|she|\w+) said|i was going to say|i was gonna say|"
    r"i think (?:he|she|they)(?:'s| is| are)? (?:right|wrong|correct)|"
    r"(?:he|she|they)(?:'s| is| are) (?:right|wrong|correct)|"
    r"add on|to add on|(?:you're|you are) (?:right|wrong)|are you sure|did i do (?:it|this|that) right|"
    r"(?:i|we) (?:got|have|had) (?:the )?(?:same|something different|a different))\b"
)
_BACKCHANNEL = _words(
    """
    yes yeah yep yup no nope nah okay ok oh um uh umm uhm hmm mm mhm ah wow what huh thanks
    thank you sorry right sure i see alright hi hello bye wait me too true false correct
    maybe
    """
)
_ANSWER_AS_QUESTION_RE = re.compile(
    r"^(?:\w+ )?(?:is it|isn't it|is that|would it be|wouldn't it be|could it be|will it be|do you|don't you|can't you|"
    r"can you just|would (?:i|you|we)|should (?:i|we)|do (?:i|we)|did you|is (?:the|this|that) (?:answer)?)\b"
)


def _has_math(words: list[str]) -> bool:
    return any(w[0].isdigit() or w in NUMBER_WORDS or w in MATH_WORDS for w in words)


_COMPUTATION_RE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|third|fourth)s?\b)[^.?!]{0,25}"
    r"(?:\btimes\b|\bplus\b|\bminus\b|\bdivided by\b|[x*+/\u00d7\u00f7=-])[^.?!]{0,25}"
    r"(?:\bis\b|\bequals?\b|=|\bmakes?\b|\bgives?\b|\bgets?\b|\bgot\b|'s\b)"
)


def _student_move(lesson: list[Utterance], i: int, depth: int = 0) -> tuple[str, str]:
    u = lesson[i]
    text = u.text or ""
    low = normalise(text)
    words = tokens(text)
    if not words:
        return "none", "empty"
    if re.fullmatch(r"[\[(][^\])]*[\])]\W*", text.strip()):
        return "none", "bracket"  # "(inaudible)", "[laughter]"
    content = [w for w in words if w not in _BACKCHANNEL]

    prev = lesson[i - 1] if i > 0 else None
    prev_teacher_move = "none"
    prev_other_student = False
    if prev is not None:
        if prev.role == "teacher":
            prev_teacher_move = teacher_move(lesson, i - 1)
        elif prev.is_student and prev.speaker != u.speaker:
            prev_other_student = True
    # The sentences of one student turn that walks through a procedure are all reasoning.
    prev_same_reasoning = (
        depth < 2
        and prev is not None
        and prev.is_student
        and prev.speaker == u.speaker
        and _student_move(lesson, i - 1, depth + 1)[0] == "providing_evidence_or_reasoning"
    )

    form = english_form(text)
    math = _has_math(words)
    if _RELATE_STUDENT_RE.search(low):
        return "relating_to_another_student", "relate-cue"
    if _CONFUSED_RE.search(low):
        return "asking_for_more_information", "confused"
    if form.is_question and form.qmark or form.kind in ("wh", "yn"):
        if _LOGISTICS_RE.search(low) and not (math and len(words) > 6):
            return "none", "q-logistics"
        if form.kind == "wh":
            if math or form.wh in ("why", "how") or len(words) <= 3:
                return "asking_for_more_information", "q-wh"
            return "none", "q-wh-other"
        if form.kind == "yn" and _ANSWER_AS_QUESTION_RE.search(" ".join(words)) and math:
            return "making_a_claim", "q-answer"
        if form.kind in ("echo", "trail", "tag"):
            if not content:
                return "none", "q-bare"
            if prev_other_student and math:
                return "relating_to_another_student", "q-echo-peer"
            return ("making_a_claim", "q-echo") if math else ("none", "q-echo-nomath")
        if math:
            if prev_other_student:
                return "relating_to_another_student", "q-yn-peer"
            return "making_a_claim", "q-yn-math"
        return "none", "q-other"
    if not content:
        # yes / no / okay
        if prev_teacher_move == "getting_students_to_relate":
            return "relating_to_another_student", "yn-relate-gsr"
        if prev_other_student:
            return "relating_to_another_student", "yn-relate-peer"
        return "none", "backchannel"
    if _REASONING_RE.search(low) and (math or len(words) >= 6):
        return "providing_evidence_or_reasoning", "reason"
    if _COMPUTATION_RE.search(low):
        return "providing_evidence_or_reasoning", "computation"
    if prev_same_reasoning and math:
        return "providing_evidence_or_reasoning", "continued"
    if prev_other_student and math:
        return "relating_to_another_student", "peer-math"
    if math:
        return "making_a_claim", "math"
    if prev_teacher_move in ("pressing_for_accuracy", "pressing_for_reasoning"):
        return "making_a_claim", "answer"
    if prev_other_student:
        return "none", "default-peer"
    return "none", "default"


def student_move(lesson: list[Utterance], i: int) -> str:
    """TalkMoves student move of sentence ``i`` (``none`` for teacher turns)."""
    if not 0 <= i < len(lesson) or not lesson[i].is_student:
        return "none"
    return _student_move(lesson, i)[0]
