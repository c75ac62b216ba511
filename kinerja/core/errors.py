"""The one exception type users see; its message is in Bahasa Indonesia."""

__all__ = ["KinerjaError"]


class KinerjaError(Exception):
    """A problem with the user's input or settings, worded for the user in Bahasa Indonesia.

    Every refusal kinerja makes (an unknown unit, a document not loaded, a bad parameter
    file) is a ``KinerjaError``; the command line prints its message without a traceback.

    Examples
    --------
    >>> import kinerja
    >>> try:
    ...     kinerja.muat_skala("tidak-ada")
    ... except kinerja.KinerjaError as e:
    ...     print(str(e).split(";")[0])
    skala predikat 'tidak-ada' tidak ditemukan
    """
