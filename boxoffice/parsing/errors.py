"""The one exception a parser raises, so callers can record a bad page instead of crashing."""


class ParseError(ValueError):
    """The page is not what the parser expected; the message names what was missing."""


class TruncatedPage(ParseError):
    """The page stops before its end: worth fetching again, unlike a page of the wrong kind."""


def require_complete(html: str) -> None:
    if "</html>" not in html[-2048:].lower():
        raise TruncatedPage("truncated page: no closing </html>")
