#!/usr/bin/env python3
"""Generates analyzers/src/langid_profile.inc, the English-vs-Indonesian profile
used by lisan::detect_language (analyzers/src/language_detector.cc).

Usage (from the repository root):

    python3 tools/gen_langid_profile.py CORPUS_DIR [-o analyzers/src/langid_profile.inc]

CORPUS_DIR is the shared corpus folder (the one holding lemmas/ and bench/).

Training data, deliberately disjoint from the evaluation sets (parallel/*, and
the *_pud treebanks, which are the same sentences as parallel/pud):
  * lemmas/ud_en_ewt.tsv, lemmas/ud_id_gsd.tsv, lemmas/ud_id_csui.tsv and
    their .mwt.tsv files (word forms with counts; the UPOS column marks
    function words);
  * a bounded prefix of bench/en.enwiki.jsonl.gz and bench/id.peraturan.jsonl.gz
    (the first documents only; the tail of those files stays unseen).

The model is a pair of log-likelihood-ratio tables, log P(f|en) - log P(f|id),
one for whole words and one for character 1-3 grams of words padded with '_'.
The C++ side tokenizes exactly like tokenize() below, so both must change
together. Python standard library only; output is deterministic.
"""

import argparse
import collections
import gzip
import json
import math
import os
import sys
import unicodedata

# ---------------------------------------------------------------------------
# Tokenization shared with the C++ detector.

# Folding of U+00C0..U+024F to a lowercase ASCII letter. '*' is a Latin letter
# with no ASCII base (kept inside the word, never in the tables), ' ' is not a
# letter (× and ÷).
FOLD_FIRST = 0x00C0
FOLD_LAST = 0x024F
_SPECIAL_FOLDS = {
    'æ': 'a', 'ø': 'o', 'ß': 's', 'đ': 'd', 'ł': 'l', 'ı': 'i', 'ħ': 'h',
    'ŧ': 't', 'ð': 'd', 'þ': 't', 'œ': 'o', 'ŋ': 'n', 'ĸ': 'k', 'ƒ': 'f',
    'ŀ': 'l', 'ŉ': 'n', 'ſ': 's', 'ƀ': 'b', 'ɇ': 'e', 'ɉ': 'j', 'ɍ': 'r',
    'ɏ': 'y', 'ƶ': 'z', 'ǥ': 'g', 'ȼ': 'c', 'ɨ': 'i', 'ʉ': 'u',
}


def _fold_one(cp):
    ch = chr(cp)
    if not unicodedata.category(ch).startswith('L'):
        return ' '
    low = ch.lower()
    if len(low) != 1:
        low = ch
    if low in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[low]
    base = unicodedata.normalize('NFD', low)[0].lower()
    if 'a' <= base <= 'z':
        return base
    return '*'


FOLD_TABLE = ''.join(_fold_one(cp) for cp in range(FOLD_FIRST, FOLD_LAST + 1))

MAX_WORD_BYTES = 32  # longer words are cut (the C++ buffer size)
APOSTROPHES = {0x27, 0x2019, 0x02BC}
# Format characters that may sit inside a word without splitting it.
IGNORABLE = {0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}


def fold_code_point(cp):
    """Returns the folded letter, '' for an ignorable, or None for a separator."""
    if cp < 0x80:
        if 0x61 <= cp <= 0x7A:
            return chr(cp)
        if 0x41 <= cp <= 0x5A:
            return chr(cp + 0x20)
        return None
    if FOLD_FIRST <= cp <= FOLD_LAST:
        f = FOLD_TABLE[cp - FOLD_FIRST]
        return None if f == ' ' else f
    if (0x0250 <= cp <= 0x02AF or 0x1E00 <= cp <= 0x1EFF or 0x2C60 <= cp <= 0x2C7F
            or 0xA720 <= cp <= 0xA7FF):
        return '*'
    if 0xFF21 <= cp <= 0xFF3A:
        return chr(cp - 0xFF21 + 0x61)
    if 0xFF41 <= cp <= 0xFF5A:
        return chr(cp - 0xFF41 + 0x61)
    if 0x0300 <= cp <= 0x036F or cp in IGNORABLE:
        return ''
    return None


def tokenize(text):
    """Yields folded Latin words. An apostrophe joins two letters (don't)."""
    word = []
    pending_apostrophe = False
    for ch in text:
        cp = ord(ch)
        f = fold_code_point(cp)
        if f is None:
            if cp in APOSTROPHES and word and not pending_apostrophe:
                pending_apostrophe = True
                continue
            if word:
                yield ''.join(word)[:MAX_WORD_BYTES]
            word = []
            pending_apostrophe = False
            continue
        if f == '':
            continue
        if pending_apostrophe:
            word.append("'")
            pending_apostrophe = False
        word.append(f)
    if word:
        yield ''.join(word)[:MAX_WORD_BYTES]


MAX_NGRAM = 3


def ngrams(word):
    padded = '_' + word + '_'
    for n in range(1, MAX_NGRAM + 1):
        for i in range(len(padded) - n + 1):
            g = padded[i:i + n]
            if g == '_' or '*' in g:
                continue
            yield g


# ---------------------------------------------------------------------------
# Training data.

FUNCTION_UPOS = {'ADP', 'AUX', 'CCONJ', 'DET', 'PART', 'PRON', 'SCONJ'}
SKIP_UPOS = {'PUNCT', 'SYM', 'NUM', 'X', 'PROPN'}

TREEBANKS = {'en': ['ud_en_ewt'], 'id': ['ud_id_gsd', 'ud_id_csui']}
BENCH = {'en': 'en.enwiki.jsonl.gz', 'id': 'id.peraturan.jsonl.gz'}


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            cells = line.rstrip('\n').split('\t')
            yield dict(zip(header, cells))


def load_treebank_words(corpus, lang):
    """Surface-word counts (multiword tokens re-joined) and function-word set."""
    counts = collections.Counter()
    upos_counts = collections.defaultdict(collections.Counter)
    for name in TREEBANKS[lang]:
        base = os.path.join(corpus, 'lemmas', name)
        for row in read_tsv(base + '.tsv'):
            c = int(row['count'])
            for w in tokenize(row['form']):
                upos_counts[w][row['upos']] += c
                if row['upos'] not in SKIP_UPOS:
                    counts[w] += c
        mwt = base + '.mwt.tsv'
        if os.path.exists(mwt):
            for row in read_tsv(mwt):
                c = int(row['count'])
                for part in row['parts'].split(' + '):
                    form = part.split('/')[0]
                    for w in tokenize(form):
                        counts[w] -= c
                for w in tokenize(row['surface']):
                    counts[w] += c
    counts = collections.Counter({w: c for w, c in counts.items() if c > 0})
    function_words = set()
    for w, by_upos in upos_counts.items():
        total = sum(by_upos.values())
        closed = sum(c for u, c in by_upos.items() if u in FUNCTION_UPOS)
        if total >= 3 and closed * 2 > total:
            function_words.add(w)
    return counts, function_words


def bench_documents(corpus, lang):
    path = os.path.join(corpus, 'bench', BENCH[lang])
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            doc = json.loads(line)
            yield doc['title'] + '\n' + doc['text']


def bench_sample(corpus, lang, budget_chars, per_doc_chars):
    """The first documents of a bench file, each cut, up to a total budget."""
    total = 0
    for text in bench_documents(corpus, lang):
        text = text[:per_doc_chars]
        yield text
        total += len(text)
        if total >= budget_chars:
            return


# ---------------------------------------------------------------------------
# Model.

def llr_table(en_counts, id_counts, alpha, min_total):
    """log P(f|en) - log P(f|id) with add-alpha smoothing over the union."""
    n_en = sum(en_counts.values())
    n_id = sum(id_counts.values())
    vocab = set(en_counts) | set(id_counts)
    v = len(vocab)
    table = {}
    for f in vocab:
        ce, ci = en_counts.get(f, 0), id_counts.get(f, 0)
        if ce + ci < min_total:
            continue
        pe = (ce + alpha) / (n_en + alpha * v)
        pi = (ci + alpha) / (n_id + alpha * v)
        table[f] = math.log(pe / pi)
    return table


def scaled(counter, factor):
    return collections.Counter({k: v * factor for k, v in counter.items()})


def build_model(corpus, args):
    words = {}
    chars = {}
    function_words = {}
    for lang in ('en', 'id'):
        tb, fw = load_treebank_words(corpus, lang)
        function_words[lang] = fw
        bench = collections.Counter()
        for text in bench_sample(corpus, lang, args.bench_chars, args.bench_doc_chars):
            bench.update(tokenize(text))
        # Treebank and bench text weigh the same, whatever their sizes.
        factor = sum(bench.values()) / max(1, sum(tb.values()))
        mixed = scaled(tb, factor)
        mixed.update(bench)
        words[lang] = mixed
        grams = collections.Counter()
        for w, c in mixed.items():
            for g in ngrams(w):
                grams[g] += c
        chars[lang] = grams
    word_table = llr_table(words['en'], words['id'], args.alpha, args.word_min)
    char_table = llr_table(chars['en'], chars['id'], args.alpha, args.ngram_min)
    boosted = function_words['en'] | function_words['id']
    for w in boosted:
        if w in word_table:
            word_table[w] *= args.function_boost
    return word_table, char_table, boosted


# ---------------------------------------------------------------------------
# Output.

WEIGHT_SCALE = 64  # table weights are round(LLR * WEIGHT_SCALE)
# A text's score is sum over words of WORD_WEIGHT * word weight + NGRAM_WEIGHT *
# (sum of its n-gram weights): the n-grams of one word are far from
# independent, so summing them at full weight would drown the word evidence.
WORD_WEIGHT = 10
NGRAM_WEIGHT = 1


def quantize(table, min_abs):
    out = {}
    for k, v in table.items():
        q = int(round(v * WEIGHT_SCALE))
        q = max(-32767, min(32767, q))
        if abs(q) >= min_abs:
            out[k] = q
    return out


def c_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def write_entries(out, name, table):
    out.write(f'inline constexpr ProfileEntry {name}[] = {{\n')
    line = '   '
    for key in sorted(table):
        item = f' {{{c_string(key)}, {table[key]}}},'
        if len(line) + len(item) > 80:
            out.write(line + '\n')
            line = '   '
        line += item
    if line.strip():
        out.write(line + '\n')
    out.write('};\n\n')


def write_inc(path, word_q, char_q, command):
    with open(path, 'w', encoding='utf-8', newline='\n') as out:
        out.write('// GENERATED FILE, do not edit. Regenerate with:\n')
        out.write(f'//   {command}\n')
        out.write('// English-vs-Indonesian profile for language_detector.cc: weights are\n')
        out.write(f'// round({WEIGHT_SCALE} * (log P(f|en) - log P(f|id))), positive = English.\n')
        out.write(f'// {len(word_q)} words, {len(char_q)} character n-grams (1-{MAX_NGRAM}, words padded with _).\n\n')
        out.write(f'inline constexpr int kWeightScale = {WEIGHT_SCALE};\n')
        out.write(f'inline constexpr int kWordWeight = {WORD_WEIGHT};\n')
        out.write(f'inline constexpr int kNgramWeight = {NGRAM_WEIGHT};\n')
        out.write(f'inline constexpr int kMaxNgram = {MAX_NGRAM};\n')
        out.write(f'inline constexpr std::size_t kMaxWordBytes = {MAX_WORD_BYTES};\n\n')
        out.write(f'// Folding of U+{FOLD_FIRST:04X}..U+{FOLD_LAST:04X}: an ASCII letter, '
                  "'*' (Latin letter\n// without ASCII base) or ' ' (not a letter).\n")
        out.write('inline constexpr std::string_view kLatinFold =\n')
        for i in range(0, len(FOLD_TABLE), 64):
            out.write(f'    {c_string(FOLD_TABLE[i:i + 64])}\n')
        out.write(';\n\n')
        write_entries(out, 'kWordProfile', word_q)
        write_entries(out, 'kNgramProfile', char_q)


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, '..', 'analyzers', 'src', 'langid_profile.inc')
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('corpus', help='shared corpus folder (holds lemmas/ and bench/)')
    p.add_argument('-o', '--output', default=default_out)
    p.add_argument('--bench-chars', type=int, default=3_000_000,
                   help='characters of bench text read per language')
    p.add_argument('--bench-doc-chars', type=int, default=8_000,
                   help='characters read from each bench document')
    p.add_argument('--alpha', type=float, default=0.5)
    p.add_argument('--word-min', type=float, default=20,
                   help='minimum (mixed, treebank-rescaled) count of a word')
    p.add_argument('--ngram-min', type=float, default=50)
    p.add_argument('--function-boost', type=float, default=2.0)
    p.add_argument('--word-min-weight', type=int, default=64,
                   help='drop words whose |weight| is below this (quantized)')
    p.add_argument('--ngram-min-weight', type=int, default=32)
    return p.parse_args(argv)


def regenerate_command(args):
    """The command line for the header, with non-default options only."""
    defaults = parse_args(['CORPUS_DIR'])
    parts = ['python3 tools/gen_langid_profile.py CORPUS_DIR']
    for name, value in sorted(vars(args).items()):
        if name in ('corpus', 'output') or value == getattr(defaults, name):
            continue
        parts.append(f'--{name.replace("_", "-")} {value}')
    return ' '.join(parts)


def main(argv):
    args = parse_args(argv)
    word_table, char_table, _ = build_model(args.corpus, args)
    word_q = quantize(word_table, args.word_min_weight)
    char_q = quantize(char_table, args.ngram_min_weight)
    write_inc(args.output, word_q, char_q, regenerate_command(args))
    print(f'{os.path.normpath(args.output)}: {len(word_q)} words, {len(char_q)} n-grams',
          file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1:])
