"""Serving stored images, to anyone: a key is the SHA-256 of a picture that illustrates a
question (not personal data), and a stored file never changes, so it is cached for a year."""

import io

from flask import Blueprint, abort, send_file

from . import media_store
from .store import URL_PREFIX

bp = Blueprint("media", __name__, url_prefix=URL_PREFIX)

ONE_YEAR = 365 * 24 * 3600


@bp.get("/<key>/<variant>.webp")
def show(key: str, variant: str):
    path = media_store().path_of(key, variant)
    if path is None:
        abort(404)
    # Read whole (a few dozen KB): no open file outlives the request, whatever the server.
    response = send_file(
        io.BytesIO(path.read_bytes()),
        mimetype="image/webp",
        etag=f"{key}-{variant}",
        max_age=ONE_YEAR,
        conditional=True,
    )
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response
