"""Text analysis shared by every search backend: Chinese segmentation (jieba with the market's dictionary), product
codes (``JSM-7900F``), English words, partial words and synonyms. Every backend indexes and queries the same tokens,
so results agree across the database, Elasticsearch and OpenSearch backends.
"""

import io
import re
import threading
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

STOPWORDS = frozenset((DATA / "stopwords.txt").read_text(encoding="utf-8").split())
# A product code starts where an alphanumeric run starts (the look-behind) and its runs never give characters back
# (possessive ``++``): matching is linear in the text, even for a run of 100,000 digits with no separator.
CODE = re.compile(r"(?<![a-z0-9])[a-z0-9]++(?:[-_./][a-z0-9]++)+")
WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]+")
MIN_PREFIX = 3
# What one text may contribute to the index, whatever a client sends: the characters analysed, the length of a token
# (longer ones are cut: no real word or product code is that long), which tokens get prefixes, and the tokens kept.
MAX_ANALYSED_CHARS = 10_000
MAX_TOKEN_LENGTH = 40
MAX_PREFIXED_LENGTH = 20
MAX_TOKENS = 4_000

_lock = threading.Lock()
_tokenizer = None


def _jieba():
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            # The domain dictionary and every synonym become words, so they are indexed whole (in normalized form,
            # as text is normalized before segmentation).
            lines = normalize((DATA / "userdict.txt").read_text(encoding="utf-8")).splitlines()
            lines += [f"{word} 30" for word in synonym_groups() if not word.isascii()]
            tokenizer.load_userdict(io.StringIO("\n".join(lines)))
            _tokenizer = tokenizer
    return _tokenizer


def normalize(text: str) -> str:
    """Full-width to half-width, lower case (ＪＳＭ－７９００Ｆ → jsm-7900f)."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _words(text: str, *, search_mode: bool) -> list[str]:
    tokenizer = _jieba()
    pieces = tokenizer.cut_for_search(text) if search_mode else tokenizer.cut(text)
    words = []
    for piece in pieces:
        piece = piece.strip()
        if not piece or piece in STOPWORDS:
            continue
        words.extend(WORD.findall(piece))
    return [w for w in words if w not in STOPWORDS and (len(w) > 1 or not w.isascii())]


LONG_RUN = re.compile(rf"[a-z0-9]{{{MAX_TOKEN_LENGTH + 1},}}")


def _bounded(text: str) -> str:
    """The normalized text that is analysed: its first ``MAX_ANALYSED_CHARS``, with every letter/digit run cut at
    ``MAX_TOKEN_LENGTH`` (jieba's HMM would otherwise walk a 20,000-digit "word" character by character)."""
    text = normalize(text[: MAX_ANALYSED_CHARS * 2])[:MAX_ANALYSED_CHARS]
    return LONG_RUN.sub(lambda run: run.group(0)[:MAX_TOKEN_LENGTH], text)


def index_tokens(text: str) -> list[str]:
    """Tokens to index: jieba search-mode words (whole words and their sub-words), product codes whole and in parts,
    and prefixes of tokens containing digits so partial codes (``7900``) are found. Bounded whatever the input: at
    most ``MAX_ANALYSED_CHARS`` are analysed, tokens are cut at ``MAX_TOKEN_LENGTH``, only tokens up to
    ``MAX_PREFIXED_LENGTH`` get prefixes, and at most ``MAX_TOKENS`` are returned."""
    text = _bounded(text)
    tokens = [token[:MAX_TOKEN_LENGTH] for token in _words(text, search_mode=True)]
    for code in CODE.findall(text):
        tokens.append(code.replace(".", "_")[:MAX_TOKEN_LENGTH])  # one token for the whole code
    for token in list(tokens):
        # Prefixes only for codes and numbers (7900 → JSM-7900F), not English words: "sem" must not match "semi".
        if (
            MIN_PREFIX < len(token) <= MAX_PREFIXED_LENGTH
            and token.isascii()
            and token.isalnum()
            and any(c.isdigit() for c in token)
        ):
            tokens.extend(token[:n] for n in range(MIN_PREFIX, len(token)))
    return tokens[:MAX_TOKENS]


@cache
def synonym_groups() -> dict[str, frozenset[str]]:
    groups = {}
    for line in (DATA / "synonyms.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        group = frozenset(normalize(word.strip()) for word in line.split(",") if word.strip())
        for word in group:
            groups[word] = groups.get(word, frozenset()) | group
    return groups


def query_tokens(text: str) -> list[str]:
    """Tokens a query looks for: its words (segmented as indexed), whole product codes, and every synonym (synonyms
    are dictionary words, indexed whole: ``电镜`` also finds documents that only say ``电子显微镜``)."""
    text = _bounded(text)
    tokens = [token[:MAX_TOKEN_LENGTH] for token in _words(text, search_mode=True)]
    tokens += [code.replace(".", "_")[:MAX_TOKEN_LENGTH] for code in CODE.findall(text)]
    expanded = list(tokens)
    groups = synonym_groups()
    for token in {*tokens, *_words(text, search_mode=False)}:
        expanded.extend(groups.get(token, ()))
    seen, result = set(), []
    for token in expanded:
        if token not in seen:
            seen.add(token)
            result.append(token)
    return result


def tokens_text(tokens) -> str:
    return " ".join(tokens)
