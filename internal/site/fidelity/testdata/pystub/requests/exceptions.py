"""The exceptions of the requests stand-in, shaped like the real ones."""


class RequestException(IOError):
    """Something went wrong while handling the request."""


class ConnectionError(RequestException):
    """The connection failed."""
