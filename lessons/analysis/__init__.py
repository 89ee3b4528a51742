"""The classroom-discourse analysis engine: pure Python, no Django import, typed, fast.

``python -m lessons.analysis`` reads utterances as JSON Lines and writes them back coded.
"""
