"""The one exception a parser raises, so callers can record a bad page instead of crashing."""


class ParseError(ValueError):
    """The page is not what the parser expected; the message names what was missing."""
