"""Language identification, shared by every extractor.

py3langid (a dependency of trafilatura's language support) works offline; on very
short texts it guesses wildly, so short inputs fall back to a default rather than to
noise.  Two things make it cheap enough to run once per article:

- a quick decision first: a text whose words are plainly English function words
  ("the", "which", "would"...) and hardly any other language's is English, with no
  model at all (1 in 8 news pages is not English; py3langid costs ~0.9 ms a text);
- the model (a 4.5 MB xz file that unpacks to 68 MB, 96 MB as cached with its table in
  float32: 0.39 CPU-s per process) is unpacked once into the user's cache folder and
  memory-mapped from there (~15 ms), checked by key, CRC and probe answers on every
  load, rebuilt on any doubt;
- the model's byte automaton is walked by NumPy, not byte by byte in Python (below).
"""

from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import re
import shutil
import sys
import tempfile
import zlib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from news_digest.core.names.table_cache import cache_folder

log = logging.getLogger(__name__)

_NOT_LETTERS = re.compile(r"[\W\d_]+")  # what is left is the letters: [^\W\d_]
_WORDS = re.compile(r"[^\W\d_]+")

# Below this many letters langid's guess is mostly noise (checked by hand on
# one-line headlines); 1 in 8 news pages is not English, so English is the prior.
MIN_LETTERS_TO_GUESS = 40
DEFAULT_LANGUAGE = "en"
# Classifying more than this many characters rarely changes the answer and costs time
# (checked on the benchmark's dev pages: the same language for 62 of 62 at 1,500 and 4,000).
SAMPLE_CHARS = 1500

# The quick decision.  English function words that are not common words of another
# language written in Latin letters ("is", "was", "to", "for", "her", "are", "will",
# "by" are: Dutch, German, Slavic, Scandinavian, Romanian), and the commonest function
# words of the other languages news comes in.
ENGLISH_MARKERS = frozenset(
    """the and of that with have has this from which were been they their would not his
    she said it its who""".split()
)
OTHER_MARKERS = frozenset(
    """der die das und ist nicht ein eine den dem mit von zu auf sich für le la les et est
    des une du dans pour qui pas sur au el los las y del que por una con para se lo il
    della che di non gli per sono os não uma em com ao het een van en op niet zijn och
    att det som är og er ikke til af på jest się nie na że""".split()
)
QUICK_MIN_WORDS = 20  # fewer words: too few to be sure
# Share of the sample's words that are English markers.  On 2,742 texts of the eval
# sets (NER, dev and wcxb pages and bodies, ECB+; py3langid: 2,719 English), at 0.10:
# 2,132 English texts decided quickly, no text py3langid calls another language;
# the other languages' texts reach 0.083 at most.
QUICK_ENGLISH_SHARE = 0.10
# ... and at most this share of other languages' markers (English texts: 0.022 at
# the 99th percentile; others from 0.2).
QUICK_OTHER_SHARE = 0.05


def warm_up() -> None:
    """Load the language model now (see names.lexicon.warm_up: once before the fork)."""
    _identifier()


def release() -> None:
    """Let the model go once the workers are done with it: the build process itself
    detects no language, and the mapped table and its lists (~90 MB of its memory,
    2,000 seeds) would otherwise stay until the build's end, where its peak is.  A
    later use loads it again (~0.2 s)."""
    _identifier.cache_clear()


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """ISO 639-1 code of ``text``'s language, or ``default`` when there is too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(_NOT_LETTERS.sub("", sample)) < MIN_LETTERS_TO_GUESS:
        return default
    if clearly_english(sample):
        return "en"
    code, _score = _identifier().classify(sample)
    return str(code)


def clearly_english(sample: str) -> bool:
    """Whether English function words make up so much of ``sample`` (and other
    languages' so little) that no model is needed to call it English."""
    words = _WORDS.findall(sample.lower())
    if len(words) < QUICK_MIN_WORDS:
        return False
    english = other = 0
    for word in words:
        if word in ENGLISH_MARKERS:
            english += 1
        elif word in OTHER_MARKERS:
            other += 1
    return english >= QUICK_ENGLISH_SHARE * len(words) and other <= QUICK_OTHER_SHARE * len(words)


# The model's cache: a folder of plain arrays, memory-mapped.  Changing the layout
# means a new FORMAT (the key changes, the old folder is removed on the next write).
# 2: the class-feature table in float32, not the model's float16 (57 MB, not 28): the
# scoring product casts the rows it gathers to float32 anyway, so the scores are the
# same bits, and a text's scoring costs 0.12 ms, not 0.30 (300 synthetic dumps).
# 3: the automaton's depth in meta.json (``automaton_depth``: 0.1 CPU-s to work out).
MODEL_FORMAT = 3
_MODEL_FILES = ("ptc.npy", "nextmove.bin", "small.npz")
_PROBES = (
    "The central bank said on Tuesday that it would keep interest rates unchanged.",
    "Die Regierung hat am Dienstag neue Maßnahmen gegen die Inflation beschlossen.",
    "El presidente anunció que el gobierno aprobará el presupuesto la próxima semana.",
    "Президент заявил, что переговоры продолжатся на следующей неделе.",
)


@cache
def _identifier() -> Any:
    """py3langid's identifier: memory-mapped from the cache, else loaded and cached."""
    import py3langid.langid as langid

    try:
        key = _model_key(langid)
    except OSError:
        return langid
    folder = cache_folder()
    target = folder / f"langid-{key[:16]}" if folder is not None else None
    if target is not None:
        try:
            mapped = _read_model(target, key, langid)
        except Exception as error:  # a damaged or foreign cache: never fatal
            log.debug("language model cache %s unusable (%s): rebuilding", target, error)
            mapped = None
        if mapped is not None:
            return mapped
    from py3langid.modelio import load_model

    arrays = load_model(Path(langid.MODEL_DIR) / langid.MODEL_FILE)
    identifier = _make_identifier(langid, *arrays)
    if target is not None:
        _write_model(target, key, arrays, identifier)
    return identifier


def _model_key(langid: Any) -> str:
    """The cache's key: this layout, Python, the code that reads the model, the model."""
    import numpy

    model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    stat = model.stat()
    digest = hashlib.sha256(
        f"{MODEL_FORMAT}\x1f{sys.version}\x1f{numpy.__version__}\x1f{model}\x1f"
        f"{stat.st_size}\x1f{stat.st_mtime_ns}".encode()
    )
    for code in (Path(langid.__file__), Path(langid.__file__).with_name("modelio.py")):
        digest.update(code.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _make_identifier(
    langid: Any,
    ptc: Any,
    pc: Any,
    classes: list[str],
    nextmove: Any,
    row: Any,
    output: Any,
    depth: int | None = None,
) -> Any:
    """An identifier from the model's arrays, as py3langid's from_model_file makes it,
    but with the feature counts taken by ``ByteWalk`` (``depth``: the automaton's, if known)."""
    import numpy as np

    table = ptc if getattr(ptc, "dtype", None) == np.float32 else np.asarray(ptc, np.float32)
    walk = ByteWalk(nextmove, row, output, depth)
    return _walked_class(langid)(
        table, np.asarray(pc), classes, nextmove, output, tk_row=row, walk=walk
    )


@cache
def _walked_class(langid: Any) -> Any:
    """py3langid's LanguageIdentifier with its feature counts taken by a ``ByteWalk``."""

    class WalkedIdentifier(langid.LanguageIdentifier):  # type: ignore[misc]
        __slots__ = ("walk",)

        def __init__(self, *args: Any, walk: ByteWalk, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.walk = walk

        def _raw_score(self, text: bytes) -> Any:
            visits = self.walk.counts(text)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
            return super()._raw_score(text)  # no features: py3langid's own fill

    return WalkedIdentifier


class ByteWalk:
    """py3langid's feature counts (``visit_counts``), the same dict in the same order,
    from NumPy gathers instead of a Python loop over the text's bytes: 0.12 CPU-ms a
    1,500-character sample, not 0.69 (500 WCXB dumps).

    The model's tokenizer is an Aho-Corasick automaton over UTF-8 bytes: its state after
    a byte is the longest suffix read so far that begins a feature, at most ``depth``
    bytes long (the farthest state from the start).  So each byte's state is the walk
    from the start over only the ``depth`` bytes that end there, and all bytes take
    those ``depth`` steps together.  tests/test_seed_speed_equivalence.py checks the
    counts against visit_counts on random bytes and on texts in several scripts."""

    def __init__(self, nextmove: Any, row: Any, output: Any, depth: int | None = None) -> None:
        import numpy as np

        moves = memoryview(nextmove)
        self.nextmove = np.frombuffer(moves, dtype=np.dtype(moves.format))  # mapped, not copied
        self.rowbase = np.asarray(row, dtype=np.intp) << 8
        self.output = np.asarray(output, dtype=np.intp)
        self.depth = depth if depth is not None else automaton_depth(self.nextmove, self.rowbase)

    def counts(self, data: bytes) -> Counter[int] | None:
        """Each feature's count in ``data``, in order of first sight; None if none."""
        import numpy as np

        codes = np.frombuffer(data, dtype=np.uint8)
        states = np.zeros(len(codes), dtype=np.intp)
        for back in range(min(self.depth, len(codes)) - 1, -1, -1):
            # bytes from ``back`` on take the step over the byte ``back`` before them
            states[back:] = self.nextmove[self.rowbase[states[back:]] + codes[: len(codes) - back]]
        features = self.output[states]
        features = features[features >= 0]
        return Counter(features.tolist()) if len(features) else None


def automaton_depth(nextmove: Any, rowbase: Any) -> int:
    """How many steps the state farthest from the start is from it (a breadth-first
    walk over the transition table, 256 moves a row)."""
    import numpy as np

    table = nextmove.reshape(-1, 256)
    reached = np.zeros(len(rowbase), dtype=bool)
    reached[0] = True
    frontier = np.array([0])
    depth = -1
    while len(frontier):
        depth += 1
        targets = table[np.unique(rowbase[frontier] >> 8)].ravel()
        fresh = np.zeros(len(rowbase), dtype=bool)
        fresh[targets] = True
        fresh &= ~reached
        reached |= fresh
        frontier = np.flatnonzero(fresh)
    return depth


def _answers(identifier: Any) -> list[list[Any]]:
    return [list(identifier.classify(probe)) for probe in _PROBES]


def _write_model(target: Path, key: str, arrays: tuple[Any, ...], identifier: Any) -> None:
    """Unpack the model's arrays into ``target``; a folder that cannot be written is no
    error (the next process unpacks the model again)."""
    import numpy as np

    ptc, pc, classes, nextmove, row, output = arrays
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=".langid-"))
        try:
            np.save(scratch / "ptc.npy", np.ascontiguousarray(ptc, dtype=np.float32))
            (scratch / "nextmove.bin").write_bytes(nextmove.tobytes())
            np.savez(
                scratch / "small.npz",
                pc=np.asarray(pc),
                classes=np.array(classes),
                row=np.array(row, dtype=np.int64),
                output=np.array(output, dtype=np.int64),
            )
            meta = {
                "key": key,
                "nextmove_typecode": nextmove.typecode,
                "crc32": {name: _crc32(scratch / name) for name in _MODEL_FILES},
                "answers": _answers(identifier),
                "automaton_depth": identifier.walk.depth,
            }
            (scratch / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
            if target.exists():
                shutil.rmtree(target)
            os.replace(scratch, target)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        for stale in target.parent.glob("langid-*"):
            if stale != target:
                shutil.rmtree(stale, ignore_errors=True)
    except (OSError, ValueError) as error:
        log.debug("language model cache %s not written: %s", target, error)


def _crc32(path: Path) -> int:
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return zlib.crc32(m)


def _read_model(target: Path, key: str, langid: Any) -> Any:
    """The identifier over the memory-mapped arrays in ``target``, or None unless the
    folder holds exactly this model: key, CRC of every file, the probes' answers."""
    import numpy as np

    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    if meta.get("key") != key:
        return None
    with (target / "nextmove.bin").open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if zlib.crc32(mapped) != meta["crc32"]["nextmove.bin"]:
        return None
    for name in _MODEL_FILES[::2]:
        if _crc32(target / name) != meta["crc32"][name]:
            return None
    nextmove = memoryview(mapped).cast(meta["nextmove_typecode"])
    ptc = np.load(target / "ptc.npy", mmap_mode="r", allow_pickle=False)
    with np.load(target / "small.npz", allow_pickle=False) as small:
        pc, classes = small["pc"], small["classes"].tolist()
        row, output = small["row"].tolist(), small["output"].tolist()
    depth = int(meta["automaton_depth"])
    identifier = _make_identifier(langid, ptc, pc, classes, nextmove, row, output, depth)
    return identifier if _answers(identifier) == meta["answers"] else None
