"""The one error the Python API raises for input it cannot render."""

from __future__ import annotations


class InputError(ValueError):
    """Input Atelier cannot render: an unknown modality or theme, an invalid plan, unreadable data, no prompt.

    These are the cases the CLI answers with exit status 2 and the HTTP API with a 4xx; the message is one line
    that says what to fix. Anything else that goes wrong while rendering propagates as it is.
    """
