"""Predikat scales and batch parameter sets, installed as package data (see kinerja.core.sumber)."""
