"""`reportlint similar`: passages copied between the reports of a batch (照搬照抄) and from last
year's reports (年年雷同), located in both files (SPEC §3, issue 18).

    from reportlint.similar import similar_paths
    result = similar_paths(["reports/2025/"], previous=["reports/2024/"])
    result.pairs, result.clusters, result.previous, result.to_dict()

How: each report's problems, causes and measures are folded (punctuation and spaces dropped,
full-width and Traditional characters made plain), the text every report is expected to share is
masked (rules/vocab/similar.toml: formulations, stock phrases; the profiles' headings; --template),
and what is left is fingerprinted by winnowing (text.py). An inverted index of the fingerprints
(batch.py) gives the candidate pairs without comparing every pair; each candidate is compared
exactly (text.shared_runs) and located in both files.
"""

from .run import SimilarResult, expected_text, similar_paths

__all__ = ["SimilarResult", "expected_text", "similar_paths"]
