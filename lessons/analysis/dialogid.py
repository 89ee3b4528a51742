"""DialogID teacher dialogue acts for Chinese teacher talk.

``teacher_act(text)`` returns one of the nine DialogID labels (``types.TEACHER_ACTS``): commending,
guidance, summarization, greeting, note-taking, repeating, reviewing, example-giving, others.

The model (``models/dialogid.json.gz``) is a linear classifier over character 1-4-grams, trained
offline by ``lessons/analysis/training/train_dialogid.py`` on the DialogID (2022) data, MIT licence
(see NOTICE). DialogID is Mandarin in Simplified characters, speech-recognised from online K-12
classes, so every input is first brought to that form:

* Cantonese function words are replaced by their Standard Chinese equivalents (佢哋 -> 他们,
  嘅 -> 的, 咗 -> 了, 唔 -> 不, 點解 -> 为什么, 睇 -> 看 …) when the text has Cantonese markers;
* Traditional characters are mapped to Simplified (``language.to_simplified``);
* Latin letters are lower-cased, spaces dropped, ASCII punctuation made full-width.

Scoring is ``argmax_k (b_k + sum_g w_kg / sqrt(n))`` over the n distinct n-grams ``g`` of the text
(with start and end markers). The model file is gzip JSON: metadata (parameters, cross-validated
scores), the n-grams as one newline-separated string and their weights as base64 little-endian
int16 (one per label, times ``scale``). It is read once (``load_model`` is cached) into a dict and
an ``array``: a few MB of memory, and inference is dictionary look-ups, stdlib only, well under
0.1 ms per utterance.
"""

from __future__ import annotations

import array
import base64
import functools
import gzip
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lessons.analysis.language import (
    _CANTONESE_CHARS_RE,
    _CANTONESE_WORDS_RE,
    to_simplified,
)
from lessons.analysis.types import TEACHER_ACTS

__all__ = [
    "MODEL_PATH",
    "Model",
    "features",
    "load_model",
    "normalise",
    "scores",
    "teacher_act",
]

MODEL_PATH = Path(__file__).with_name("models") / "dialogid.json.gz"
MODEL_FORMAT = "tdl-dialogid-linear/2"

#: n-gram orders and the start / end markers; the training script imports these.
NGRAM_MIN, NGRAM_MAX = 1, 4
START, END = "\x02", "\x03"

# Cantonese -> Standard Chinese (Simplified), longest match first. Keys are Traditional; their
# Simplified spellings are added below. Only applied to text with Cantonese markers.
_YUE = {
    "係咪": "是不是",
    "係唔係": "是不是",
    "係咩": "是吗",
    "有冇": "有没有",
    "冇錯": "没错",
    "冇": "没有",
    "唔該": "谢谢",
    "唔好": "不要",
    "唔使": "不用",
    "唔係": "不是",
    "唔": "不",
    "佢哋": "他们",
    "我哋": "我们",
    "你哋": "你们",
    "哋": "们",
    "佢": "他",
    "嘅": "的",
    "咗": "了",
    "喺": "在",
    "嚟": "来",
    "呢啲": "这些",
    "嗰啲": "那些",
    "一啲": "一些",
    "快啲": "快点",
    "多啲": "多一点",
    "啲": "些",
    "點解": "为什么",
    "點樣": "怎样",
    "點算": "怎么办",
    "點做": "怎么做",
    "乜嘢": "什么",
    "咩嘢": "什么",
    "做咩": "做什么",
    "做乜": "做什么",
    "咩": "什么",
    "乜": "什么",
    "邊個": "哪个",
    "邊度": "哪里",
    "邊": "哪",
    "幾多": "多少",
    "呢個": "这个",
    "呢度": "这里",
    "嗰個": "那个",
    "嗰度": "那里",
    "嗰": "那",
    "而家": "现在",
    "今日": "今天",
    "聽日": "明天",
    "琴日": "昨天",
    "噉樣": "这样",
    "咁樣": "这样",
    "噉": "这样",
    "咁": "这么",
    "睇": "看",
    "諗": "想",
    "畀": "给",
    "俾": "给",
    "攞": "拿",
    "搵": "找",
    "揾": "找",
    "嘢": "东西",
    "好叻": "很棒",
    "叻": "棒",
    "啱唔啱": "对不对",
    "啱": "对",
    "得唔得": "行不行",
    "一齊": "一起",
    "記低": "记下",
    "抄低": "抄下",
    "寫低": "写下",
    "坐低": "坐下",
    "好嘢": "太好了",
    "犀利": "厉害",
    "好好": "很好",
    "㗎": "啊",
    "喎": "啊",
    "囉": "啊",
    "噃": "啊",
    "啫": "啊",
    "吖": "啊",
}
_YUE.update({to_simplified(k): v for k, v in list(_YUE.items())})
# 係 is "is" except in 關係/聯係/維係 and 係數; 呢 is "this" before a character, a particle otherwise.
_YUE_RE = re.compile(
    "|".join(sorted(map(re.escape, _YUE), key=len, reverse=True))
    + r"|(?<![關联聯維维])[係系](?![數数统統])"
    + r"|呢(?=[\u4e00-\u9fff])"
)
_YUE_SINGLE = {"係": "是", "系": "是", "呢": "这"}

_ASCII_PUNCT = str.maketrans(
    {"?": "？", "!": "！", ",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
)
_SPACE_RE = re.compile(r"\s+")


def _yue_sub(m: re.Match[str]) -> str:
    s = m.group(0)
    return _YUE.get(s) or _YUE_SINGLE[s]


def normalise(text: str) -> str:
    """Bring Cantonese / Traditional / ASCII-punctuated text to DialogID's Simplified Mandarin form."""
    if _CANTONESE_CHARS_RE.search(text) or _CANTONESE_WORDS_RE.search(text):
        text = _YUE_RE.sub(_yue_sub, text)
    text = to_simplified(text)
    text = _SPACE_RE.sub("", text).lower().translate(_ASCII_PUNCT)
    return text


def features(text: str) -> set[str]:
    """Distinct character n-grams (orders NGRAM_MIN..NGRAM_MAX) of the normalised text, with markers."""
    t = START + normalise(text) + END
    n = len(t)
    out: set[str] = set()
    for k in range(NGRAM_MIN, NGRAM_MAX + 1):
        for i in range(n - k + 1):
            out.add(t[i : i + k])
    out.discard(START)
    out.discard(END)
    return out


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    #: n-gram -> row number in ``weights``
    index: dict[str, int]
    #: quantised weights, ``len(labels)`` per row (multiply by ``scale``)
    weights: array.array[int]
    scale: float
    meta: dict[str, Any]


@functools.lru_cache(maxsize=4)
def load_model(path: Path | str = MODEL_PATH) -> Model:
    """Read a model file once (cached per path)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        raw = json.load(fh)
    if raw.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path}: not a {MODEL_FORMAT} model")
    labels = tuple(raw["labels"])
    if set(labels) != set(TEACHER_ACTS):
        raise ValueError(f"{path}: labels {labels} are not the DialogID labels")
    grams = raw["grams"].split("\n") if raw["grams"] else []
    weights = array.array("h", base64.b64decode(raw["weights"]))
    if sys.byteorder != "little":
        weights.byteswap()
    if len(weights) != len(grams) * len(labels):
        raise ValueError(f"{path}: {len(weights)} weights for {len(grams)} n-grams")
    meta = {k: v for k, v in raw.items() if k not in ("grams", "weights", "bias")}
    return Model(
        labels=labels,
        bias=tuple(raw["bias"]),
        index={g: i * len(labels) for i, g in enumerate(grams)},
        weights=weights,
        scale=float(raw["scale"]),
        meta=meta,
    )


def scores(text: str, model: Model | None = None) -> dict[str, float]:
    """Decision value per label (higher is more likely); the argmax is ``teacher_act``."""
    m = model or load_model()
    grams = features(text)
    get = m.index.get
    w = m.weights
    k = len(m.labels)
    rows = [w[j : j + k] for j in map(get, grams) if j is not None]
    if not rows:
        return dict(zip(m.labels, m.bias, strict=True))
    f = m.scale / math.sqrt(len(grams))
    return {
        lab: b + sum(col) * f
        for lab, b, col in zip(m.labels, m.bias, zip(*rows, strict=True), strict=True)
    }


def teacher_act(text: str) -> str:
    """The DialogID label of one Chinese teacher utterance (``others`` for empty text)."""
    if not text or not text.strip():
        return "others"
    s = scores(text)
    return max(s, key=s.__getitem__)
