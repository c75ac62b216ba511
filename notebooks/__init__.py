"""The document notebooks and Voila pages, installed as package data (see kinerja.core.sumber)."""
