"""minutebook extractors: text in, records out.

Pure code only: no file I/O and no Prefect here.  `extractors.pipeline` builds
the spaCy pipeline (`spacy.blank("en")` plus the registered components of the
modules beside it) and turns a `PagedText` into records.
"""

# Bump when an extractor's output changes: cached results of older versions
# are then recomputed (flows/cache.py).  0.5.0: decisions read lists, forms and
# small councils' phrasings as trigger rows (extractors/decisions/).  0.5.1: families
# the unseen-styles papers showed (tests/data/unseen): DECIDED, motions carrying their
# result, sub-item votes, lost motions' counts, pipe tables, spaced margin owners,
# body-approved.
EXTRACTOR_VERSION = "0.5.2"
