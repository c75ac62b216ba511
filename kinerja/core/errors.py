"""The one exception type users see; its message is in Bahasa Indonesia."""

__all__ = ["KinerjaError"]


class KinerjaError(Exception):
    """A problem with the user's input or settings, worded for the user."""
