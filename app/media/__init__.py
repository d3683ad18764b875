"""Images: the store every upload goes through (store.py) and the route that serves it.

An area below every area that shows pictures (quizzes now, volunteers' photo evidence next):
it imports no area.
"""

from pathlib import Path

from flask import current_app

from .store import MediaError, MediaStore, StoredImage

__all__ = ["MediaError", "MediaStore", "StoredImage", "media_store"]


def media_store() -> MediaStore:
    """The store this app is configured with (MEDIA_DIR, MEDIA_MAX_BYTES, MEDIA_MAX_PIXELS)."""
    config = current_app.config
    return MediaStore(
        Path(config["MEDIA_DIR"]), config["MEDIA_MAX_BYTES"], config["MEDIA_MAX_PIXELS"]
    )
