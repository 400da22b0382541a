"""The exceptions of gxbg: one ``ParseError`` base, one subclass per core error code.

The codes are the core's ``Error::code()`` strings, the same in every binding (CLI exit
messages, JavaScript ``err.code``): ``empty``, ``binary``, ``not_text``, ``too_large``,
``not_a_report``, ``io``, plus ``internal`` for a bug caught inside gxbg (never a crash).
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Type

__all__ = [
    "ParseError",
    "EmptyInputError",
    "BinaryFileError",
    "NotTextError",
    "TooLargeError",
    "NotAReportError",
    "FileReadError",
    "InternalError",
]


class ParseError(Exception):
    """An input could not be parsed as a report.

    Attributes:
        code: the stable machine-readable code (``"not_a_report"``, ``"binary"``,
            ``"empty"``, ``"not_text"``, ``"too_large"``, ``"io"``, ``"internal"``).
        source: the name of the input (a path, ``"<bytes>"``, ``"<str>"`` or the
            ``name=`` given to :func:`gxbg.parse`).
        reason: why, without the source and the error's own prefix.
    """

    code: str = "internal"

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        source: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.source: Optional[str] = source
        self.reason: str = reason if reason is not None else message
        self.message: str = message

    def __str__(self) -> str:
        # The source first, unless the core's message already names it (file errors do).
        if self.source and self.source not in self.message:
            return f"{self.source}: {self.message}"
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, source={self.source!r}, reason={self.reason!r})"

    def _state(self) -> Dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}

    def __reduce__(self) -> Any:
        # kwargs-only constructor: rebuild from the state, so pickling (multiprocessing) works.
        return (_rebuild, (type(self), self.message, self._state()))


def _rebuild(cls: Type[ParseError], message: str, state: Dict[str, Any]) -> ParseError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.__dict__.update(state)
    return exc


class EmptyInputError(ParseError):
    """The input has no bytes, or only whitespace (code ``empty``)."""

    code = "empty"


class BinaryFileError(ParseError):
    """The input is a known binary format (PDF, DOCX/ZIP, image …), not a page (code ``binary``).

    Attributes:
        kind: the format recognised, e.g. ``"PDF"``.
    """

    code = "binary"
    kind: Optional[str] = None


class NotTextError(ParseError):
    """The bytes do not decode to text (mostly control bytes or NULs) (code ``not_text``)."""

    code = "not_text"


class TooLargeError(ParseError):
    """The input is larger than the limit (code ``too_large``).

    Attributes:
        size: the input's size in bytes.
        limit: the limit in bytes.
    """

    code = "too_large"
    size: Optional[int] = None
    limit: Optional[int] = None


class NotAReportError(ParseError):
    """Text that shows nothing of a 政府信息公开 annual report (code ``not_a_report``)."""

    code = "not_a_report"


class FileReadError(ParseError, OSError):
    """A file could not be read (code ``io``). Also an :class:`OSError`, with ``errno`` and
    ``filename`` set when the system gave them."""

    code = "io"

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        source: Optional[str] = None,
        reason: Optional[str] = None,
        errno: Optional[int] = None,
        filename: Optional[str] = None,
    ) -> None:
        if errno is not None:
            OSError.__init__(self, errno, reason if reason is not None else message, filename)
        else:
            OSError.__init__(self, message)
            self.filename = filename
        # ParseError's attributes, set by hand: OSError.__init__ already took the args.
        if code is not None:
            self.code = code
        self.source = source
        self.reason = reason if reason is not None else message
        self.message = message

    def __str__(self) -> str:
        return ParseError.__str__(self)

    def _state(self) -> Dict[str, Any]:
        state = dict(self.__dict__)
        state["errno"] = self.errno
        state["filename"] = self.filename
        state["strerror"] = self.strerror
        return state

    def __reduce__(self) -> Any:
        return (_rebuild_io, (self.message, self._state()))


def _rebuild_io(message: str, state: Dict[str, Any]) -> FileReadError:
    errno = state.pop("errno", None)
    filename = state.pop("filename", None)
    state.pop("strerror", None)
    exc = FileReadError(message, errno=errno, filename=filename, reason=state.get("reason"))
    exc.__dict__.update(state)
    return exc


class InternalError(ParseError):
    """A bug inside gxbg (a panic in the Rust core), caught before it could crash the
    interpreter (code ``internal``). Please report it with the input."""

    code = "internal"


_BY_CODE: Dict[str, Type[ParseError]] = {
    "empty": EmptyInputError,
    "binary": BinaryFileError,
    "not_text": NotTextError,
    "too_large": TooLargeError,
    "not_a_report": NotAReportError,
    "io": FileReadError,
    "internal": InternalError,
}


def _from_native(code: str, message: str, source: str, reason: str, extra: Dict[str, Any]) -> ParseError:
    """Build the exception for a core error (called from the native module)."""
    cls = _BY_CODE.get(code, ParseError)
    if cls is FileReadError:
        return FileReadError(
            message,
            code=code,
            source=source,
            reason=reason,
            errno=extra.get("errno"),
            filename=extra.get("filename"),
        )
    exc = cls(message, code=code, source=source, reason=reason)
    if isinstance(exc, BinaryFileError):
        exc.kind = extra.get("kind")
    elif isinstance(exc, TooLargeError):
        exc.size = extra.get("size")
        exc.limit = extra.get("limit")
    return exc
