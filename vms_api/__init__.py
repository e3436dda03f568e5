"""The recorder's API as a contract: the request and response models, the states and kinds,
and the error codes. Shared by the recorder (which serves it) and the client (which calls it);
it imports neither of them, nor Qt."""

__version__ = "0.1.0"  # one version for the recorder, the client and the contract between them
