"""Errors a user can act on: the CLIs print their message on one line and exit non-zero."""


class UserError(Exception):
    """Bad input or an unusable environment; the message says what to fix."""

    exit_code = 2
