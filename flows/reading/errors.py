"""The one error every reader raises for a file it cannot read."""


class ConversionError(Exception):
    """A file that cannot be turned into text; the message is the one-line reason."""
