"""The atheris harness is a script, not a test module: keep doctest collection off it."""

collect_ignore = ["fuzz_pipeline.py"]
